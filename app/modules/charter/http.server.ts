// How the charter pages answer a refused form: field and form errors in the user's words, with what was
// typed kept, for the multi-form pages (one form per button, told apart by `intent`).
import type { Problem } from "./rules";
import { describeProblem } from "./rules";

export type Translate = (key: string, options?: Record<string, unknown>) => string;
export type FormReply = { intent: string; fields: Record<string, string>; fieldErrors: Record<string, string[]>; formErrors: string[] };

export function fieldsOf(formData: FormData): Record<string, string> {
  return Object.fromEntries([...formData.entries()].filter(([, v]) => typeof v === "string")) as Record<string, string>;
}

/** Conform's reply errors (i18n keys) → translated field and form errors. */
export function schemaReply(t: Translate, intent: string, fields: Record<string, string>, errors: Record<string, string[] | null> | undefined): FormReply {
  const fieldErrors: Record<string, string[]> = {};
  const formErrors: string[] = [];
  for (const [name, list] of Object.entries(errors ?? {})) {
    const texts = (list ?? []).map((e) => t(e, { defaultValue: t("errors.invalid") }));
    if (name && name !== "intent") fieldErrors[name] = texts;
    else formErrors.push(...texts);
  }
  if (!formErrors.length && !Object.keys(fieldErrors).length) formErrors.push(t("errors.invalid"));
  return { intent, fields, fieldErrors, formErrors };
}

/** The module's problems → translated field and form errors. */
export function problemsReply(t: Translate, intent: string, fields: Record<string, string>, problems: Problem[]): FormReply {
  const fieldErrors: Record<string, string[]> = {};
  const formErrors: string[] = [];
  for (const p of problems) {
    if (p.field) (fieldErrors[p.field] ??= []).push(describeProblem(t, p));
    else formErrors.push(describeProblem(t, p));
  }
  return { intent, fields, fieldErrors, formErrors };
}
