// Client-safe schemas of the spaces and bookings forms; messages are i18n keys ("errors.*" from common,
// "bookings:errors.*" from this capability). Rules only the server can check (overlaps, quotas, notice)
// come back from the bookings module as problems.
import { z } from "zod";
import { RECURRENCE_FREQS, SPACE_KINDS } from "~db/schema/enums";
import { isCalendarDate } from "~/modules/core/dates";

const calendarDate = z.string({ error: "errors.required" }).trim().min(1, "errors.required").refine(isCalendarDate, "errors.date_invalid");
const optionalDate = z.string().trim().refine(isCalendarDate, "errors.date_invalid").optional();
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const optionalTime = z.string().trim().regex(TIME, "bookings:errors.time_invalid").optional();
const text = (max: number) => z.string({ error: "errors.required" }).trim().min(1, "errors.required").max(max, "errors.too_long");
const optionalText = (max: number) => z.string().trim().max(max, "errors.too_long").optional().default("");
const count = (max: number) =>
  z
    .number({ error: "bookings:errors.number_invalid" })
    .int("bookings:errors.number_invalid")
    .min(0, "bookings:errors.number_invalid")
    .max(max, "bookings:errors.number_invalid");
const positive = (max: number) =>
  z
    .number({ error: "bookings:errors.number_invalid" })
    .int("bookings:errors.number_invalid")
    .min(1, "bookings:errors.number_invalid")
    .max(max, "bookings:errors.number_invalid");

/** Euros as typed in France or elsewhere ("25", "25,50", "25.5") → integer cents. */
const euros = z
  .string()
  .trim()
  .regex(/^\d{1,5}([.,]\d{1,2})?$/, "bookings:errors.amount_invalid")
  .transform((v) => {
    const [whole, frac = ""] = v.replace(",", ".").split(".");
    return Number(whole) * 100 + Number(frac.padEnd(2, "0"));
  });

/** The value to put back in the fee field: 2550 → "25,50" (fr) or "25.50". */
export function centsToEuroInput(cents: number, lang = "fr"): string {
  const s = (cents / 100).toFixed(2);
  return lang === "fr" ? s.replace(".", ",") : s;
}

export const SpaceSchema = z
  .object({
    name: text(80),
    kind: z.enum(SPACE_KINDS, { error: "errors.required" }),
    description: optionalText(2000),
    capacity: positive(500).optional(),
    active: z.boolean().optional().default(false),
    bookingWindowDays: positive(730).optional(),
    minNoticeHours: count(24 * 60)
      .optional()
      .default(0),
    minMinutes: positive(60 * 24 * 31).optional(),
    maxMinutes: positive(60 * 24 * 31).optional(),
    quotaHoursPerMonth: positive(744).optional(),
    quotaBookingsPerMonth: positive(100).optional(),
    quotaNightsPerYear: positive(366).optional(),
    approvalRequired: z.boolean().optional().default(false),
    bufferMinutes: count(24 * 60)
      .optional()
      .default(0),
    quietStart: optionalTime,
    quietEnd: optionalTime,
    checkInTime: optionalTime,
    checkOutTime: optionalTime,
    /** Typed in euros, given in cents. */
    nightlyFee: euros.optional(),
    maxNights: positive(366).optional(),
    houseRules: optionalText(5000),
  })
  .superRefine((v, ctx) => {
    if (v.minMinutes != null && v.maxMinutes != null && v.maxMinutes < v.minMinutes)
      ctx.addIssue({ code: "custom", path: ["maxMinutes"], message: "bookings:errors.max_below_min" });
    if (!!v.quietStart !== !!v.quietEnd)
      ctx.addIssue({ code: "custom", path: [v.quietStart ? "quietEnd" : "quietStart"], message: "bookings:errors.quiet_hours_incomplete" });
    if (v.quietStart && v.quietStart === v.quietEnd) ctx.addIssue({ code: "custom", path: ["quietEnd"], message: "bookings:errors.quiet_hours_empty" });
  });
export type SpaceInput = z.infer<typeof SpaceSchema>;

/** A closure: whole days from startDate to endDate (inclusive), or from startDate startTime to endDate endTime. */
export const ClosureSchema = z
  .object({
    startDate: calendarDate,
    startTime: optionalTime,
    endDate: calendarDate,
    endTime: optionalTime,
    reason: text(200),
  })
  .superRefine((v, ctx) => {
    if (isCalendarDate(v.startDate) && isCalendarDate(v.endDate) && v.endDate < v.startDate)
      ctx.addIssue({ code: "custom", path: ["endDate"], message: "bookings:errors.end_before_start" });
  });
export type ClosureInput = z.infer<typeof ClosureSchema>;

/**
 * A booking. A room (or equipment, outdoor space): date + startTime + endTime, and endDate for a booking
 * that goes past midnight (an end at 00:00 is midnight without it). A guest unit: arrivalDate + departureDate. Which one the space needs is the
 * module's check (the form shows the right fields for the space's kind).
 */
export const BookingSchema = z
  .object({
    spaceId: text(40),
    /** Facilitators may book for a household of the group; ignored for anyone else. */
    householdId: z.string().trim().max(40).optional(),
    date: optionalDate,
    startTime: optionalTime,
    endTime: optionalTime,
    endDate: optionalDate,
    arrivalDate: optionalDate,
    departureDate: optionalDate,
    purpose: optionalText(200),
    guests: count(500).optional().default(0),
    acknowledgeRules: z.boolean().optional().default(false),
    freq: z.enum(RECURRENCE_FREQS, { error: "errors.invalid" }).optional().default("none"),
    until: optionalDate,
  })
  .superRefine((v, ctx) => {
    const stay = v.arrivalDate != null || v.departureDate != null;
    const required = stay ? (["arrivalDate", "departureDate"] as const) : (["date", "startTime", "endTime"] as const);
    for (const field of required) if (!v[field]) ctx.addIssue({ code: "custom", path: [field], message: "errors.required" });
    if (stay && v.arrivalDate && v.departureDate && v.departureDate <= v.arrivalDate)
      ctx.addIssue({ code: "custom", path: ["departureDate"], message: "bookings:errors.end_before_start" });
    if (!stay && v.date && v.startTime && v.endTime) {
      const end = `${v.endDate || (v.endTime === "00:00" ? "9999-12-31" : v.date)}T${v.endTime}`;
      if (end <= `${v.date}T${v.startTime}`)
        ctx.addIssue({ code: "custom", path: [v.endDate ? "endDate" : "endTime"], message: "bookings:errors.end_before_start" });
    }
    if (v.freq !== "none") {
      if (stay) ctx.addIssue({ code: "custom", path: ["freq"], message: "bookings:errors.recurrence_not_allowed" });
      else if (!v.until) ctx.addIssue({ code: "custom", path: ["until"], message: "errors.required" });
      else if (v.date && v.until < v.date) ctx.addIssue({ code: "custom", path: ["until"], message: "bookings:errors.until_before_start" });
    }
  });
export type BookingInput = z.infer<typeof BookingSchema>;

/** Approve, decline or cancel one booking; a facilitator cancelling someone else's booking must give a reason (module check). */
export const DecisionSchema = z.object({
  intent: z.enum(["approve", "decline", "cancel"], { error: "errors.invalid" }),
  reason: z.string().trim().max(500, "errors.too_long").optional(),
});
