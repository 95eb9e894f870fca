// How a refused form is answered (decision 017), the server half: the one place a schema's refusal or a
// module's problems become a reply, with the messages in the person's words and what was typed kept.
//
// Two shapes, one set of rules (form-reply.ts):
// - a Conform form (one per page, or told apart by the route's own `form` tag): the schema's refusal is
//   Conform's own `submission.reply()` (its messages are keys, translated where they are shown), a module's
//   `replyWithProblems`; the route returns either with its status;
// - a page of small forms whose fields show what they are given (charter, meetings, an exchange): a
//   `FormReply` per `intent` (and `key`), with `formInfo` → `replyFormInvalid` / `replyFormProblems` /
//   `replyFormErrors` (status 400), and `replyFormDone` for success (JSON to a fetcher, a redirect with a
//   toast without JavaScript).
import type { SubmissionResult } from "@conform-to/react";
import { data } from "@remix-run/node";
import { problemErrors, schemaErrors, type FormErrors, type FormReply, type Translate } from "./form-reply";
import { redirectWithToast } from "./http.server";
import type { Problem } from "./result";

export type { FormErrors, FormReply, Translate } from "./form-reply";

/** What `submission.reply()` is given: Conform's ReplyOptions without `resetForm`. */
type ReplyOptions = { fieldErrors?: Record<string, string[]>; formErrors?: string[]; hideFields?: string[] };
type Replyable = { reply(options?: ReplyOptions): SubmissionResult<string[]> };

/**
 * A valid submission the module refused: its problems in words (`describe`: the module's describeProblem
 * bound to the request), each next to its field when the form has it (`fields`; any named field when
 * omitted), otherwise for the whole form; the values typed are kept (`hideFields` are not sent back).
 */
export function replyWithProblems<P extends Pick<Problem, "field">>(
  submission: Replyable,
  problems: readonly P[],
  describe: (p: P) => string,
  { fields, hideFields }: { fields?: Iterable<string>; hideFields?: string[] } = {},
): SubmissionResult<string[]> {
  return submission.reply({ ...problemErrors(problems, describe, fields), ...(hideFields ? { hideFields } : {}) });
}

// -------------------------------------------------------------------------------------------------
// Pages of small forms (FormReply)

export type FormInfo = { intent: string; key: string; fields: Record<string, string>; js: boolean };

/** The submitted form's identity (its `intent`, its `formKey`) and values; `_js=1` is a fetcher's post. */
export function formInfo(formData: FormData): FormInfo {
  const all = Object.fromEntries([...formData.entries()].filter(([, v]) => typeof v === "string")) as Record<string, string>;
  const { _js, ...fields } = all;
  return { intent: fields.intent ?? "", key: fields.formKey ?? "", fields, js: _js === "1" };
}

/** The errors of one of the page's forms, status 400 (nothing was written). */
export function replyFormErrors(info: FormInfo, errors: FormErrors) {
  return data<FormReply>({ ok: false, intent: info.intent, key: info.key, fields: info.fields, ...errors }, { status: 400 });
}

/** The schema refused the form: its messages (keys) in words. */
export function replyFormInvalid(info: FormInfo, t: Translate, error: Record<string, string[] | null> | null | undefined) {
  return replyFormErrors(info, schemaErrors(error, t));
}

/** The module refused the form: its problems in words, on the form's `fields` when named there. */
export function replyFormProblems<P extends Pick<Problem, "field">>(
  info: FormInfo,
  problems: readonly P[],
  describe: (p: P) => string,
  fields?: Iterable<string>,
) {
  return replyFormErrors(info, problemErrors(problems, describe, fields));
}

/** Success: JSON for a fetcher (the page stays, its loaders revalidate), a redirect with a toast otherwise. */
export function replyFormDone(info: FormInfo, url: string, toast: string) {
  if (info.js) return data<FormReply>({ ok: true, intent: info.intent, key: info.key, fields: {}, fieldErrors: {}, formErrors: [] });
  // The toast goes in the query, before the fragment (#agenda): the page scrolls back to the form.
  const [path, hash] = url.split("#");
  const response = redirectWithToast(path, toast);
  if (hash) response.headers.set("Location", `${response.headers.get("Location")}#${hash}`);
  return response;
}
