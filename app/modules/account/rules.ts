// The problems deleting one's account refuses with (decision 017): the password asked again is wrong, the
// typed word is not the one asked, or the account may not go (the operator's, a group's only administrator).
// Client-safe. Two namespaces of words: the password's problem is the common one's, the deletion's are auth's.
import type { Translate } from "~/modules/core/form-reply";
import { problemOf, type Problem as CoreProblem, type Result as CoreResult } from "~/modules/core/result";

/** Codes under auth's `errors.`; the others are the common namespace's. */
const AUTH_CODES = ["delete_confirm_mismatch", "delete_only_admin", "delete_operator"] as const;
export type ProblemCode = "invalid" | "current_password_wrong" | (typeof AUTH_CODES)[number];
export type AccountField = "password" | "confirm";
export type Problem = CoreProblem<ProblemCode, AccountField>;
/** A write's answer of the account module: the core Result with its problems. */
export type Result<T extends object = object> = CoreResult<T, Problem>;
export const problem = (code: ProblemCode, field: AccountField | null = null): Problem => problemOf(code, field);

/** An account problem in the person's words. */
export function describeProblem(t: Translate, p: Problem): string {
  const ns = (AUTH_CODES as readonly string[]).includes(p.code) ? "auth:" : "";
  return t(`${ns}errors.${p.code}`, p.params);
}
