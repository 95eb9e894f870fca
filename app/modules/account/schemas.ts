// Client-safe schema of the account deletion form; error messages are i18n keys.
import { z } from "zod";
import { isConfirmation } from "./plan";

export const DeleteAccountSchema = z.object({
  password: z.string({ error: "errors.required" }).min(1, "errors.required").max(200, "errors.too_long"),
  confirm: z
    .string({ error: "errors.required" })
    .min(1, "errors.required")
    .max(50, "errors.too_long")
    .refine(isConfirmation, "auth:errors.delete_confirm_mismatch"),
});
