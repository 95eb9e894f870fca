// The problems invitations refuse with (decision 017): a person already in the group, a role the inviter
// may not give, a household not of this group, an invitation used, revoked or expired, a password the policy
// refuses. Client-safe; their words are the common namespace's `errors.` (shared with the schemas).
import { passwordCode, type PasswordProblemCode } from "~/modules/auth/password-policy";
import type { Translate } from "~/modules/core/form-reply";
import { problemOf, type Problem as CoreProblem, type Result as CoreResult } from "~/modules/core/result";

export type ProblemCode = "already_member" | "role_not_allowed" | "household_not_found" | "invitation_invalid" | PasswordProblemCode;
export type InvitationField = "email" | "role" | "householdId" | "password";
export type Problem = CoreProblem<ProblemCode, InvitationField>;
/** A write's answer of invitations: the core Result with this module's problems. */
export type Result<T extends object = object> = CoreResult<T, Problem>;
export const problem = (code: ProblemCode, field: InvitationField | null = null): Problem => problemOf(code, field);

/** The invited person's new password the policy refuses (compared with the invited address), on `password`. */
export function rulePassword(password: string, email: string): Problem[] {
  const code = passwordCode(password, email);
  return code ? [problem(code, "password")] : [];
}

/** An invitation problem in the person's words. */
export function describeProblem(t: Translate, p: Problem): string {
  return t(`errors.${p.code}`, p.params);
}
