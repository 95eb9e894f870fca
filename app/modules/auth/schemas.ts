// Client-safe schemas of the account forms; error messages are i18n keys.
import { z } from "zod";
import { passwordProblem } from "./password-policy";

const email = z
  .string({ error: "errors.required" })
  .trim()
  .min(1, "errors.required")
  .max(254, "errors.too_long")
  .pipe(z.email({ error: "errors.email_invalid" }))
  .transform((e) => e.toLowerCase());

export const LoginSchema = z.object({
  email,
  password: z.string({ error: "errors.required" }).min(1, "errors.required").max(200, "errors.too_long"),
  redirectTo: z.string().optional(),
});

export const ForgotPasswordSchema = z.object({ email });

const newPassword = z.string({ error: "errors.required" }).min(1, "errors.required");

function checkPassword(ctx: z.RefinementCtx, password: string, confirm: string, email?: string, path = "password") {
  const problem = passwordProblem(password, email);
  if (problem) ctx.addIssue({ code: "custom", message: problem, path: [path] });
  if (password !== confirm) ctx.addIssue({ code: "custom", message: "errors.password_mismatch", path: ["confirm"] });
}

export const ResetPasswordSchema = z
  .object({ password: newPassword, confirm: z.string({ error: "errors.required" }) })
  .superRefine((v, ctx) => checkPassword(ctx, v.password, v.confirm));

export const ChangePasswordSchema = z
  .object({
    intent: z.literal("password"),
    current: z.string({ error: "errors.required" }).min(1, "errors.required"),
    password: newPassword,
    confirm: z.string({ error: "errors.required" }),
  })
  .superRefine((v, ctx) => checkPassword(ctx, v.password, v.confirm));

export const ProfileSchema = z.object({
  intent: z.literal("profile"),
  name: z.string({ error: "errors.required" }).trim().min(1, "errors.required").max(80, "errors.too_long"),
  locale: z.enum(["fr", "en"], { error: "errors.invalid" }),
  phone: z
    .string()
    .trim()
    .max(30, "errors.too_long")
    .regex(/^[+0-9 ().-]*$/, "errors.phone_invalid")
    .optional(),
  showEmail: z.boolean().default(false),
  showPhone: z.boolean().default(false),
});

export const AcceptInvitationSchema = z
  .object({
    name: z.string({ error: "errors.required" }).trim().min(1, "errors.required").max(80, "errors.too_long"),
    password: newPassword,
    confirm: z.string({ error: "errors.required" }),
    email: z.string().optional(),
  })
  .superRefine((v, ctx) => checkPassword(ctx, v.password, v.confirm, v.email));
