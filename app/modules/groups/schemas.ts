// Client-safe schemas: invitations, and the operator's organisation and group forms.
import { z } from "zod";
import { GROUP_KINDS, ORGANISATION_KINDS, ROLES } from "~db/schema/enums";

const email = z
  .string({ error: "errors.required" })
  .trim()
  .min(1, "errors.required")
  .max(254, "errors.too_long")
  .pipe(z.email({ error: "errors.email_invalid" }))
  .transform((e) => e.toLowerCase());

export const InvitationSchema = z.object({
  intent: z.literal("invite"),
  email,
  role: z.enum(ROLES, { error: "errors.required" }),
  // Empty means "a new household", created from the person's name when they accept; "none" is staff without a household.
  householdId: z.string().max(40).optional(),
});

export const OrganisationSchema = z.object({
  name: z.string({ error: "errors.required" }).trim().min(1, "errors.required").max(120, "errors.too_long"),
  kind: z.enum(ORGANISATION_KINDS, { error: "errors.required" }),
});

export const GroupSchema = z.object({
  name: z.string({ error: "errors.required" }).trim().min(1, "errors.required").max(120, "errors.too_long"),
  city: z.string({ error: "errors.required" }).trim().min(1, "errors.required").max(80, "errors.too_long"),
  postcode: z
    .string({ error: "errors.required" })
    .trim()
    .regex(/^\d{5}$/, "errors.postcode_invalid"),
  kind: z.enum(GROUP_KINDS, { error: "errors.required" }),
  organisationId: z.string().max(40).optional(),
  timeZone: z
    .string()
    .trim()
    .default("Europe/Paris")
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat("fr", { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, "errors.invalid"),
  latitude: z.number({ error: "errors.invalid" }).min(-90, "errors.invalid").max(90, "errors.invalid").optional(),
  longitude: z.number({ error: "errors.invalid" }).min(-180, "errors.invalid").max(180, "errors.invalid").optional(),
});
export type GroupInput = z.infer<typeof GroupSchema>;

export const FirstFacilitatorSchema = z.object({ email });
