// How a refused form is answered (decision 017), the client-safe half: the shapes of a reply, the one
// translation of its messages, and a module's problems turned into field and form errors.
// The server half (form-reply.server.ts) builds the responses.
//
// A message in a reply is either a sentence (made on the server: it may carry values) or an i18n key without
// values ("errors.required", "events:errors.nobody"): translateMessage turns either into what is shown.
import type { Problem } from "./result";

export type Translate = (key: string, options?: Record<string, unknown>) => string;

/** The errors of one refused form, as Conform's `submission.reply()` takes them. */
export type FormErrors = { fieldErrors: Record<string, string[]>; formErrors: string[] };

/**
 * The answer to one of a page's small forms (one per button, told apart by `intent`, and by `key` when one
 * intent has several forms: an agenda item's notes, an action item's "done"), for pages whose fields show
 * what they are given: errors already in words, what was typed in `fields`. `ok` is a fetcher's success.
 */
export type FormReply = {
  ok: boolean;
  intent: string;
  key: string;
  fields: Record<string, string>;
  fieldErrors: Record<string, string[]>;
  formErrors: string[];
};

/** An i18n key, of the common namespace ("errors.required") or a module's ("events:errors.nobody"). */
const MESSAGE_KEY = /^([a-z_]+:)?errors\.[a-z_.]+$/;

/**
 * A message of a reply in the person's words: a key is translated (an unknown one says "invalid"), a
 * sentence the server already made is kept. The form components (ErrorList, FormErrors) call it on every
 * message they show, in the server's render and in the browser: a schema's messages, namespaced or not, need
 * no translating before `submission.reply()` nor in `onValidate`.
 */
export function translateMessage(t: Translate, message: string): string {
  return MESSAGE_KEY.test(message) ? t(message, { defaultValue: t("errors.invalid") }) : message;
}

/**
 * A module's problems in words (`describe`: the module's describeProblem bound to the request's t, language,
 * time zone), each on its field when the form has that field — `fields`, or any field when omitted — and
 * otherwise for the whole form.
 */
export function problemErrors<P extends Pick<Problem, "field">>(problems: readonly P[], describe: (p: P) => string, fields?: Iterable<string>): FormErrors {
  const known = fields ? new Set(fields) : null;
  const fieldErrors: Record<string, string[]> = {};
  const formErrors: string[] = [];
  for (const p of problems) {
    const text = describe(p);
    if (p.field && (!known || known.has(p.field))) (fieldErrors[p.field] ??= []).push(text);
    else formErrors.push(text);
  }
  return { fieldErrors, formErrors };
}

/**
 * A schema's errors (i18n keys) as sentences, for a FormReply: an error of the form, or of its `intent`,
 * is the form's; a refusal with no message at all still says something.
 */
export function schemaErrors(error: Record<string, string[] | null> | null | undefined, t: Translate): FormErrors {
  const fieldErrors: Record<string, string[]> = {};
  const formErrors: string[] = [];
  for (const [name, messages] of Object.entries(error ?? {})) {
    // A schema's message is a key; anything else is a library's default English, shown as "invalid".
    const texts = (messages ?? []).map((m) => t(m, { defaultValue: t("errors.invalid") }));
    if (name && name !== "intent") fieldErrors[name] = texts;
    else formErrors.push(...texts);
  }
  if (!formErrors.length && !Object.keys(fieldErrors).length) formErrors.push(t("errors.invalid"));
  return { fieldErrors, formErrors };
}
