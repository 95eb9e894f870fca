// Client-safe schemas of the skill exchange forms; messages are i18n keys ("errors.*" from common,
// "exchange:errors.*" from this capability). Rules only the server can check (own household, care
// safeguards, who may do what) come back from the exchange module as problems.
import { z } from "zod";
import { EXCHANGE_CATEGORIES, EXCHANGE_POST_KINDS, EXCHANGE_POST_STATUSES } from "~db/schema/enums";
import { isCalendarDate } from "~/modules/core/dates";
import { MAX_EXCHANGE_MINUTES, parseHours } from "./rules";

const text = (max: number) => z.string({ error: "errors.required" }).trim().min(1, "errors.required").max(max, "errors.too_long");
const optionalText = (max: number) => z.string().trim().max(max, "errors.too_long").optional().default("");
const calendarDate = z.string({ error: "errors.required" }).trim().min(1, "errors.required").refine(isCalendarDate, "errors.date_invalid");

/** Hours as typed ("1,5", "1h30", "45min") → whole minutes, more than 0 and at most 24 hours. */
export const hoursField = z
  .string({ error: "errors.required" })
  .trim()
  .min(1, "errors.required")
  .transform((v, c) => {
    const minutes = parseHours(v);
    if (minutes == null) {
      c.addIssue({ code: "custom", message: "exchange:errors.hours_unreadable" });
      return z.NEVER;
    }
    if (minutes <= 0 || minutes > MAX_EXCHANGE_MINUTES) {
      c.addIssue({ code: "custom", message: "exchange:errors.minutes_invalid" });
      return z.NEVER;
    }
    return minutes;
  });

export const PostSchema = z.object({
  kind: z.enum(EXCHANGE_POST_KINDS, { error: "errors.required" }),
  title: text(120),
  category: z.enum(EXCHANGE_CATEGORIES, { error: "errors.required" }),
  description: optionalText(2000),
  availability: optionalText(300),
});
export type PostInput = z.infer<typeof PostSchema>;

export const PostStatusSchema = z.object({
  status: z.enum(EXCHANGE_POST_STATUSES, { error: "errors.invalid" }),
});
export type PostStatusInput = z.infer<typeof PostStatusSchema>;

/** "I can help" / "I'm interested", with an optional word. */
export const OpenExchangeSchema = z.object({
  message: optionalText(1000),
});
export type OpenExchangeInput = z.infer<typeof OpenExchangeSchema>;

/** The exchange page's forms: one per button, told apart by `intent`. */
export const ExchangeActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("agree"), agreedDate: calendarDate }),
  z.object({ intent: z.literal("confirm"), hours: hoursField, thanks: optionalText(1000) }),
  z.object({ intent: z.literal("cancel") }),
  z.object({ intent: z.literal("dispute"), reason: optionalText(1000) }),
  z.object({ intent: z.literal("settle_done"), hours: hoursField }),
  z.object({ intent: z.literal("settle_cancel") }),
  z.object({ intent: z.literal("thank"), thanks: text(1000) }),
]);
export type ExchangeActionInput = z.infer<typeof ExchangeActionSchema>;

/** The list's filters (a GET form: works without JavaScript). Unknown values are dropped, not errors. */
export const PostFilterSchema = z.object({
  kind: z.enum(EXCHANGE_POST_KINDS).optional().catch(undefined),
  category: z.enum(EXCHANGE_CATEGORIES).optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
});

export const ExchangeSettingsSchema = z.object({
  minBalanceHours: z.number({ error: "errors.invalid" }).int("errors.invalid").min(-200, "errors.invalid").max(0, "errors.invalid"),
  careRestricted: z.boolean().optional().default(false),
});
export type ExchangeSettingsInput = z.infer<typeof ExchangeSettingsSchema>;
