// Client-safe schemas of the calendar forms (events, one occurrence, sign-up, meal roles, costs); messages
// are i18n keys ("errors.*" from common, "events:errors.*" from this capability). Rules only the server can
// check (deadline, places, a closed meal, the space's bookings) come back from the events module as problems.
import { z } from "zod";
import { DIETS, EVENT_FEED_SCOPES, EVENT_KINDS, EVENT_REPEATS, MEAL_ROLES } from "~db/schema/enums";
import { isCalendarDate } from "~/modules/core/dates";

const calendarDate = z.string({ error: "errors.required" }).trim().min(1, "errors.required").refine(isCalendarDate, "errors.date_invalid");
const optionalDate = z.string().trim().refine(isCalendarDate, "errors.date_invalid").optional();
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const time = z.string({ error: "errors.required" }).trim().regex(TIME, "events:errors.time_invalid");
const text = (max: number) => z.string({ error: "errors.required" }).trim().min(1, "errors.required").max(max, "errors.too_long");
const optionalText = (max: number) => z.string().trim().max(max, "errors.too_long").optional().default("");
const rowId = z.string().trim().min(1, "errors.required").max(40, "errors.invalid");
const optionalId = z.string().trim().max(40, "errors.invalid").optional();
const count = (max: number) =>
  z
    .number({ error: "events:errors.number_invalid" })
    .int("events:errors.number_invalid")
    .min(0, "events:errors.number_invalid")
    .max(max, "events:errors.number_too_big");
const positive = (max: number) =>
  z
    .number({ error: "events:errors.number_invalid" })
    .int("events:errors.number_invalid")
    .min(1, "events:errors.number_invalid")
    .max(max, "events:errors.number_too_big");

/** Euros as typed in France or elsewhere ("12", "12,50", "12.5") → integer cents, more than zero. */
const euros = z
  .string({ error: "errors.required" })
  .trim()
  .min(1, "errors.required")
  .regex(/^\d{1,5}([.,]\d{1,2})?$/, "events:errors.amount_invalid")
  .transform((v) => {
    const [whole, frac = ""] = v.replace(",", ".").split(".");
    return Number(whole) * 100 + Number(frac.padEnd(2, "0"));
  })
  .refine((cents) => cents > 0, "events:errors.amount_invalid");

/** Skill tags as typed ("Couture, réparation vélo ;  couture") → ["couture", "réparation vélo"]: lower case, single spaces, no duplicates, at most 12 of 40 characters. */
export function normaliseSkills(value: string | string[] | undefined | null): string[] {
  const raw = Array.isArray(value) ? value : (value ?? "").split(/[,;\n]/);
  const out: string[] = [];
  for (const v of raw) {
    const tag = v.trim().replace(/\s+/g, " ").toLocaleLowerCase("fr").slice(0, 40).trim();
    if (tag && !out.includes(tag)) out.push(tag);
  }
  return out.slice(0, 12);
}

/** The wall-clock end of a slot as a comparable string ('YYYY-MM-DDTHH:MM'); an end at 00:00 without an end date is the next midnight. */
function endKey(v: { date?: string; endTime?: string; endDate?: string }) {
  return `${v.endDate || (v.endTime === "00:00" ? "9999-12-31" : v.date)}T${v.endTime}`;
}

type Issue = { code: "custom"; path: string[]; message: string };
function checkSlot(v: { date?: string; startTime?: string; endTime?: string; endDate?: string }, add: (issue: Issue) => void) {
  // Refinements run even when a field failed: compare only values that are valid.
  if (!v.date || !isCalendarDate(v.date) || !TIME.test(v.startTime ?? "") || !TIME.test(v.endTime ?? "") || (v.endDate && !isCalendarDate(v.endDate))) return;
  if (endKey(v) <= `${v.date}T${v.startTime}`) add({ code: "custom", path: [v.endDate ? "endDate" : "endTime"], message: "events:errors.end_before_start" });
}

const eventFields = {
  kind: z.enum(EVENT_KINDS, { error: "errors.required" }),
  title: text(120),
  description: optionalText(5000),
  /** A space of the group (booked for each occurrence), or placeText. */
  spaceId: optionalId,
  placeText: optionalText(200),
  /** The first occurrence: date, start and end (wall-clock, group's zone); endDate for an event past midnight. */
  date: calendarDate,
  startTime: time,
  endTime: time,
  endDate: optionalDate,
  repeat: z.enum(EVENT_REPEATS, { error: "errors.invalid" }).optional().default("none"),
  /** A repeating event ends on `until` (inclusive) or after `count` occurrences; neither: it goes on. */
  until: optionalDate,
  count: positive(200).optional(),
  /** Places (every person, under-3s included); empty = no limit. */
  capacity: positive(1000).optional(),
  /** Sign-ups close this many hours before the start; empty = at the start. */
  signupDeadlineHours: count(24 * 60).optional(),
  /** Person ids of the organisers. */
  organiserIds: z.array(z.string().trim().max(40, "errors.invalid")).max(20, "errors.invalid").optional().default([]),
  /** Workshops: a resident (person id) or someone from outside (text). */
  hostPersonId: optionalId,
  hostText: optionalText(200),
  materials: optionalText(2000),
  /** Comma-separated tags, or several values. */
  skills: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => normaliseSkills(v)),
  /** Shared meals: helpers and cleaners each occurrence needs (one head cook always). */
  helperSlots: count(20).optional(),
  cleanerSlots: count(20).optional(),
};

type EventValues = {
  spaceId?: string;
  placeText: string;
  date: string;
  startTime: string;
  endTime: string;
  endDate?: string;
  repeat: (typeof EVENT_REPEATS)[number];
  until?: string;
  count?: number;
};
function refineEvent(v: EventValues, ctx: { addIssue: (issue: Issue) => void }) {
  if (!v.spaceId && !v.placeText) ctx.addIssue({ code: "custom", path: ["placeText"], message: "events:errors.place_required" });
  checkSlot(v, (i) => ctx.addIssue(i));
  if (v.repeat !== "none") {
    if (v.until && v.count != null) ctx.addIssue({ code: "custom", path: ["count"], message: "events:errors.until_or_count" });
    if (v.until && isCalendarDate(v.date) && v.until < v.date) ctx.addIssue({ code: "custom", path: ["until"], message: "events:errors.until_before_start" });
  }
}

/** Create or edit a series (for an edit, the date is that of the first occurrence to change). */
export const EventSchema = z.object(eventFields).superRefine(refineEvent);
export type EventInput = z.infer<typeof EventSchema>;

/**
 * One occurrence: cancel it; move it (date and times, and the place when one is given); edit its
 * capacity or note; or change it and the following ones (the event's fields, from this date on).
 */
export const OccurrenceChangeSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("cancel"), reason: optionalText(500) }),
  z
    .object({
      intent: z.literal("move"),
      date: calendarDate,
      startTime: time,
      endTime: time,
      endDate: optionalDate,
      /** Leave both empty to keep the place. */
      spaceId: optionalId,
      placeText: optionalText(200),
    })
    .superRefine((v, ctx) => checkSlot(v, (i) => ctx.addIssue(i))),
  z.object({ intent: z.literal("edit"), capacity: positive(1000).optional(), note: optionalText(500) }),
  z.object({ intent: z.literal("following"), ...eventFields }).superRefine(refineEvent),
]);
export type OccurrenceChangeInput = z.infer<typeof OccurrenceChangeSchema>;

/**
 * A household's sign-up. adults: from the group's child age limit up; children: from 3 to the limit;
 * infants: under 3 (free); guests: people from outside the household (a full portion each). At least one person.
 */
export const SignupSchema = z
  .object({
    /** Facilitators sign up any household of the group (recorded as on its behalf); ignored for anyone else. */
    householdId: optionalId,
    adults: count(30).optional().default(0),
    children: count(30).optional().default(0),
    infants: count(30).optional().default(0),
    guests: count(30).optional().default(0),
    diets: z
      .array(z.enum(DIETS, { error: "errors.invalid" }))
      .max(DIETS.length, "errors.invalid")
      .optional()
      .default([]),
    allergies: optionalText(300),
  })
  .superRefine((v, ctx) => {
    const counts = [v.adults, v.children, v.infants, v.guests];
    if (counts.some((n) => !Number.isInteger(n) || n < 0)) return;
    if (counts.reduce((a, b) => a + b, 0) < 1) ctx.addIssue({ code: "custom", path: ["adults"], message: "events:errors.nobody" });
  });
export type SignupInput = z.infer<typeof SignupSchema>;

/** Meal roles: volunteer (yourself, or — facilitators — a person or household), withdraw, or set a role's slots. */
export const RoleSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("volunteer"), role: z.enum(MEAL_ROLES, { error: "errors.required" }), personId: optionalId, householdId: optionalId }),
  z.object({ intent: z.literal("withdraw"), assignmentId: rowId }),
  z.object({ intent: z.literal("slots"), role: z.enum(MEAL_ROLES, { error: "errors.required" }), slots: count(20) }),
]);

/** What was spent for a meal: typed in euros, given in cents; paid by the head cook's household unless another is named. */
export const CostSchema = z.object({
  amount: euros,
  paidByHouseholdId: optionalId,
  note: optionalText(200),
  /** The form's one-time token (a new one on each page load): the same form sent twice records once. */
  submissionId: optionalId,
});
export type CostInput = z.infer<typeof CostSchema>;

/** The group's settings for events. */
export const EventSettingsSchema = z.object({
  childAgeLimit: z
    .number({ error: "events:errors.age_limit_invalid" })
    .int("events:errors.age_limit_invalid")
    .min(4, "events:errors.age_limit_invalid")
    .max(18, "events:errors.age_limit_invalid"),
});
export type EventSettingsInput = z.infer<typeof EventSettingsSchema>;

/** A new calendar feed (iCal): the group's calendar, or what my household signed up for. */
export const EventFeedSchema = z.object({ scope: z.enum(EVENT_FEED_SCOPES, { error: "errors.invalid" }) });

/** Home's « prochain repas » card: sign the household up with its usual party, or cancel its sign-up (after the question). */
export const NextMealSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("next_meal_signup"), occurrenceId: rowId }),
  z.object({ intent: z.literal("next_meal_cancel"), signupId: rowId }),
]);
