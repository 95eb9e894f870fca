// How a refused form is answered (decision 017), the client-safe half: the shapes of a reply, the schemas'
// namespaced messages put into words (on the server and in the browser's onValidate), and a module's
// problems turned into field and form errors. The server half (form-reply.server.ts) builds the responses.
//
// A message in a reply is either a sentence (translated on the server: it may carry values) or an i18n key
// without values ("errors.required"), which the form components translate (components/form-errors.tsx).
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

/** A message of a module's namespace: "events:errors.nobody", "bookings:errors.time_invalid". */
const NAMESPACED_KEY = /^[a-z_]+:[a-z_]+\.[a-z_.]+$/;

/**
 * The schema messages that name a module's namespace become sentences; the common ones ("errors.required")
 * stay keys for the form components. Works on a parsed submission (`onValidate`) and on its reply, in place.
 */
export function localizeSchemaErrors<S>(submission: S, t: Translate): S {
  const error = (submission as { error?: Record<string, string[] | null> | null }).error;
  if (error) {
    for (const [name, messages] of Object.entries(error)) {
      if (messages) error[name] = messages.map((m) => (NAMESPACED_KEY.test(m) ? t(m) : m));
    }
  }
  return submission;
}

/**
 * A module's problems in words (`describe`: the module's describeProblem bound to the request's t, language,
 * time zone), each on its field when the form has that field — `fields`, or any field when omitted — and
 * otherwise for the whole form.
 */
export function problemErrors<P extends Problem>(problems: readonly P[], describe: (p: P) => string, fields?: Iterable<string>): FormErrors {
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
    const texts = (messages ?? []).map((m) => t(m, { defaultValue: t("errors.invalid") }));
    if (name && name !== "intent") fieldErrors[name] = texts;
    else formErrors.push(...texts);
  }
  if (!formErrors.length && !Object.keys(fieldErrors).length) formErrors.push(t("errors.invalid"));
  return { fieldErrors, formErrors };
}
