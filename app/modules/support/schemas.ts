// Client-safe schemas of the support forms; messages are i18n keys ("errors.*" from common,
// "support:errors.*" from this capability). Checks only the server can make (one open episode, a person
// of the household, dates after the episode's start) come back from the module as field errors.
import { z } from "zod";
import { isCalendarDate } from "~/modules/core/dates";
import {
  ACTION_KINDS,
  AID_SOURCES,
  CHECK_MILESTONES,
  ENTRY_SITUATIONS,
  EPISODE_OUTCOMES,
  HOUSED_ANSWERS,
  PARTNER_FIELDS,
  REFERRAL_OUTCOMES,
  REFERRAL_STATUSES,
  RIGHTS,
  SUPPORT_TOPICS,
} from "./enums";
import { parseEuros } from "./rules";

const text = (max: number) => z.string({ error: "errors.required" }).trim().min(1, "errors.required").max(max, "errors.too_long");
const optionalText = (max: number) => z.string().trim().max(max, "errors.too_long").optional().default("");
const calendarDate = z.string({ error: "errors.required" }).trim().min(1, "errors.required").refine(isCalendarDate, "errors.date_invalid");
const id = z.string({ error: "errors.required" }).trim().min(1, "errors.required").max(40, "errors.invalid");
const topics = (min: string) =>
  z
    .array(z.enum(SUPPORT_TOPICS, { error: "errors.invalid" }), { error: min })
    .min(1, min)
    .max(SUPPORT_TOPICS.length)
    .transform((list) => [...new Set(list)]);

export const StartEpisodeSchema = z.object({
  startDate: calendarDate,
  entrySituation: z.enum(ENTRY_SITUATIONS, { error: "errors.required" }),
  goals: topics("support:errors.goals_required"),
});
export type StartEpisodeInput = z.infer<typeof StartEpisodeSchema>;

export const CloseEpisodeSchema = z.object({
  intent: z.literal("close"),
  endDate: calendarDate,
  outcome: z.enum(EPISODE_OUTCOMES, { error: "errors.required" }),
});
export const ExitCheckSchema = z.object({
  intent: z.literal("check"),
  milestone: z.number({ error: "errors.invalid" }).refine((m) => (CHECK_MILESTONES as readonly number[]).includes(m), "errors.invalid"),
  stillHoused: z.enum(HOUSED_ANSWERS, { error: "errors.required" }),
  checkedOn: calendarDate,
});
/** The household file's forms, told apart by `intent`. */
export const HouseholdFileSchema = z.discriminatedUnion("intent", [CloseEpisodeSchema, ExitCheckSchema]);
export type HouseholdFileInput = z.infer<typeof HouseholdFileSchema>;

/** Amount typed in euros ("150", "150,50"), optional. */
const euros = z
  .string()
  .trim()
  .max(20, "errors.too_long")
  .optional()
  .transform((v, c) => {
    if (!v) return null;
    const cents = parseEuros(v);
    if (cents === null) {
      c.addIssue({ code: "custom", message: "support:errors.amount_invalid" });
      return z.NEVER;
    }
    return cents;
  });

export const ActionSchema = z
  .object({
    date: calendarDate,
    kind: z.enum(ACTION_KINDS, { error: "errors.required" }),
    topics: topics("support:errors.topics_required"),
    durationMinutes: z
      .number({ error: "support:errors.duration_invalid" })
      .int("support:errors.duration_invalid")
      .min(1, "support:errors.duration_invalid")
      .max(1440, "support:errors.duration_invalid"),
    personIds: z.array(id).max(30).optional().default([]),
    note: optionalText(1000),
    aid: euros,
    aidSource: z.enum(AID_SOURCES, { error: "errors.invalid" }).optional(),
    rights: z
      .array(z.enum(RIGHTS, { error: "errors.invalid" }))
      .max(RIGHTS.length)
      .optional()
      .default([]),
  })
  .superRefine((v, c) => {
    if (v.aid !== null && !v.aidSource) c.addIssue({ code: "custom", path: ["aidSource"], message: "support:errors.aid_source_required" });
    if (v.aid === null && v.aidSource) c.addIssue({ code: "custom", path: ["aid"], message: "support:errors.amount_required" });
  });
export type ActionInput = z.infer<typeof ActionSchema>;

export const PartnerSchema = z.object({
  name: text(120),
  field: z.enum(PARTNER_FIELDS, { error: "errors.required" }),
  contact: optionalText(300),
});
export type PartnerInput = z.infer<typeof PartnerSchema>;

export const ReferralSchema = z.object({
  partnerId: id,
  date: calendarDate,
});
export type ReferralInput = z.infer<typeof ReferralSchema>;

export const ReferralUpdateSchema = z.object({
  status: z.enum(REFERRAL_STATUSES, { error: "errors.required" }),
  outcomeKind: z.enum(REFERRAL_OUTCOMES, { error: "errors.invalid" }).optional(),
  outcomeText: optionalText(1000),
  date: calendarDate,
});
export type ReferralUpdateInput = z.infer<typeof ReferralUpdateSchema>;

/** The figures page's period (a GET form); bad values fall back to the default period. */
export const PeriodSchema = z.object({ from: z.string().refine(isCalendarDate), to: z.string().refine(isCalendarDate) }).refine((p) => p.from <= p.to);

export const LeadSchema = z.object({
  intent: z.literal("support_lead"),
  membershipId: id,
  lead: z.enum(["on", "off"]),
});
