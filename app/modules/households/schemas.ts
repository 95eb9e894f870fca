// Client-safe schemas of the household forms; messages are i18n keys.
import { z } from "zod";
import { BIRTH_YEAR_VISIBILITIES, DESTINATIONS, PROFILE_TAGS } from "~db/schema/enums";
import { isCalendarDate } from "~/modules/core/dates";

const calendarDate = z.string({ error: "errors.required" }).trim().min(1, "errors.required").refine(isCalendarDate, "errors.date_invalid");

const text = (max: number) => z.string({ error: "errors.required" }).trim().min(1, "errors.required").max(max, "errors.too_long");

export const HouseholdSchema = z.object({
  name: text(80),
  dwelling: z.string().trim().max(80, "errors.too_long").optional().default(""),
  arrivalDate: calendarDate,
});
export type HouseholdInput = z.infer<typeof HouseholdSchema>;

/** What a resident may change of their own household. */
export const OwnHouseholdSchema = HouseholdSchema.omit({ arrivalDate: true });

export const DepartureSchema = z.object({
  departureDate: calendarDate,
  destination: z.enum(DESTINATIONS, { error: "errors.required" }),
});
export type DepartureInput = z.infer<typeof DepartureSchema>;

export const PersonSchema = z.object({
  firstName: text(60),
  lastName: z.string().trim().max(60, "errors.too_long").optional(),
  birthYear: z
    .number({ error: "errors.year_invalid" })
    .int("errors.year_invalid")
    .min(1900, "errors.year_invalid")
    .max(new Date().getFullYear(), "errors.year_invalid")
    .optional(),
  tags: z
    .array(z.enum(PROFILE_TAGS, { error: "errors.invalid" }))
    .max(PROFILE_TAGS.length)
    .default([]),
});
export type PersonInput = z.infer<typeof PersonSchema>;

/** What the group's other residents may see of a person (decision 014); the defaults show nothing sensitive. */
export const PersonPrivacySchema = z.object({
  birthYear: z.enum(BIRTH_YEAR_VISIBILITIES, { error: "errors.invalid" }),
  sensitiveTags: z.boolean().default(false),
});
export type PersonPrivacyInput = z.infer<typeof PersonPrivacySchema>;
