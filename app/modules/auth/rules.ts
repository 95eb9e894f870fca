// The problems the account actions refuse with (decision 017): a wrong current password, a password the
// policy refuses (password-policy.ts), a reset link used or expired. Client-safe; their words are the common
// namespace's `errors.` (shared with the schemas).
import type { Translate } from "~/modules/core/form-reply";
import { problemOf, type Problem as CoreProblem, type Result as CoreResult } from "~/modules/core/result";
import { passwordCode, type PasswordProblemCode } from "./password-policy";

export type ProblemCode = "invalid" | "current_password_wrong" | "reset_link_invalid" | PasswordProblemCode;
export type AuthField = "current" | "password";
export type Problem = CoreProblem<ProblemCode, AuthField>;
/** A write's answer in auth: the core Result with this module's problems. */
export type Result<T extends object = object> = CoreResult<T, Problem>;
export const problem = (code: ProblemCode, field: AuthField | null = null): Problem => problemOf(code, field);

/** A new password the policy refuses, as a problem on the `password` field (none: it passes). */
export function rulePassword(password: string, email: string): Problem[] {
  const code = passwordCode(password, email);
  return code ? [problem(code, "password")] : [];
}

/** An account problem in the person's words. */
export function describeProblem(t: Translate, p: Problem): string {
  return t(`errors.${p.code}`, p.params);
}
