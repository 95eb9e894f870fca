// Client-safe schemas of the evaluation forms (group side); messages are i18n keys ("errors.*" from
// common, "evaluation:errors.*" from this capability).
import { z } from "zod";
import { FUNDER_KINDS } from "~db/schema/enums";
import { isCalendarDate } from "~/modules/core/dates";
import { PERIOD_KINDS, parsePeriodKey } from "./indicators";

const calendarDate = z.string({ error: "errors.required" }).trim().min(1, "errors.required").refine(isCalendarDate, "errors.date_invalid");
const optionalText = (max: number) => z.string().trim().max(max, "errors.too_long").optional().default("");
const scale = (max: number) =>
  z.coerce
    .number({ error: "evaluation:errors.choose_one" })
    .int("evaluation:errors.choose_one")
    .min(1, "evaluation:errors.choose_one")
    .max(max, "evaluation:errors.choose_one");
const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

// -------------------------------------------------------------------------------------------------
// Surveys

export const SurveySchema = z
  .object({
    title: z.string({ error: "errors.required" }).trim().min(1, "errors.required").max(120, "errors.too_long"),
    opensOn: calendarDate,
    closesOn: calendarDate,
  })
  .refine((v) => v.closesOn >= v.opensOn, { path: ["closesOn"], message: "evaluation:errors.closes_before_opens" });
export type SurveyInput = z.infer<typeof SurveySchema>;

export const SurveyAnswerSchema = z.object({
  satisfaction: scale(5),
  belonging: scale(5),
  lonelyCompanionship: scale(3),
  lonelyLeftOut: scale(3),
  lonelyIsolated: scale(3),
  helpGiven: scale(5),
  helpReceived: scale(5),
  comment: optionalText(1000),
});
export type SurveyAnswerInput = z.infer<typeof SurveyAnswerSchema>;
export const SURVEY_ITEMS = ["satisfaction", "belonging", "lonelyCompanionship", "lonelyLeftOut", "lonelyIsolated", "helpGiven", "helpReceived"] as const;
export type SurveyItem = (typeof SURVEY_ITEMS)[number];
export const itemScale = (item: SurveyItem) => (item.startsWith("lonely") ? 3 : 5);

// -------------------------------------------------------------------------------------------------
// Co-funders

/** Euros as typed ("12 500", "12500,50", "12 500 €") → whole cents ≥ 0. */
const eurosField = z
  .string({ error: "errors.required" })
  .trim()
  .min(1, "errors.required")
  .transform((v, c) => {
    const cleaned = v.replace(/[\s\u00a0\u202f€]/g, "").replace(",", ".");
    if (!/^\d{1,10}(\.\d{1,2})?$/.test(cleaned)) {
      c.addIssue({ code: "custom", message: "evaluation:errors.amount_invalid" });
      return z.NEVER;
    }
    return Math.round(Number(cleaned) * 100);
  });

export const FundingSchema = z.object({
  intent: z.literal("save"),
  id: z.string().trim().optional(),
  year: z.coerce
    .number({ error: "errors.required" })
    .int("evaluation:errors.year_invalid")
    .min(2000, "evaluation:errors.year_invalid")
    .max(2100, "evaluation:errors.year_invalid"),
  kind: z.enum(FUNDER_KINDS, { error: "errors.required" }),
  funderName: z.string({ error: "errors.required" }).trim().min(1, "errors.required").max(120, "errors.too_long"),
  planned: eurosField,
  spent: eurosField,
});
export type FundingInput = z.infer<typeof FundingSchema>;
export const FundingDeleteSchema = z.object({ intent: z.literal("delete"), id: z.string().min(1) });

// -------------------------------------------------------------------------------------------------
// Period reports

export const NewReportSchema = z
  .object({
    periodKind: z.enum(PERIOD_KINDS, { error: "errors.required" }),
    periodKey: z.string({ error: "errors.required" }).trim().min(1, "errors.required"),
  })
  .refine((v) => parsePeriodKey(v.periodKey)?.kind === v.periodKind, { path: ["periodKey"], message: "evaluation:errors.period_invalid" });
export type NewReportInput = z.infer<typeof NewReportSchema>;

const narrative = {
  highlights: optionalText(5000),
  difficulties: optionalText(5000),
  story: optionalText(5000),
  storyConsent: checkbox.optional().default(false),
};

export const ReportSchema = z
  .object({
    intent: z.enum(["save", "submit", "correct"]),
    ...narrative,
    correctionNote: optionalText(1000),
  })
  .superRefine((v, c) => {
    if (v.story && !v.storyConsent) c.addIssue({ code: "custom", path: ["storyConsent"], message: "evaluation:errors.consent_required" });
    if (v.intent !== "save" && !v.highlights) c.addIssue({ code: "custom", path: ["highlights"], message: "evaluation:errors.highlights_required" });
    if (v.intent === "correct" && !v.correctionNote)
      c.addIssue({ code: "custom", path: ["correctionNote"], message: "evaluation:errors.correction_note_required" });
  });
export type ReportInput = z.infer<typeof ReportSchema>;
