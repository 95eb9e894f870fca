// How the meetings routes answer a form: a redirect with a toast for a browser without JavaScript, a
// small JSON for a fetcher (the page stays where it is and its loaders revalidate), and status 400 with
// the translated errors and what was typed when the input or a rule refuses it (nothing written).
import type { SubmissionResult } from "@conform-to/react";
import { data } from "@remix-run/node";
import { redirectWithToast } from "~/modules/core/http.server";
import { describeProblem, type Problem } from "./rules";

export type Translate = (key: string, options?: Record<string, unknown>) => string;

export type FormReply = {
  ok: boolean;
  intent: string;
  /** Tells apart several forms of one intent on a page (an item's notes, an action item's "done"). */
  key: string;
  fields: Record<string, string>;
  fieldErrors: Record<string, string[]>;
  formErrors: string[];
};

/** The submitted form's identity and values, kept to show them back. */
export function formInfo(formData: FormData) {
  const fields = Object.fromEntries([...formData.entries()].filter(([, v]) => typeof v === "string")) as Record<string, string>;
  return { intent: fields.intent ?? "", key: fields.formKey ?? "", fields, js: fields._js === "1" };
}
export type FormInfo = ReturnType<typeof formInfo>;

export function invalid(info: FormInfo, t: Translate, result: SubmissionResult<string[]>) {
  const fieldErrors: Record<string, string[]> = {};
  const formErrors: string[] = [];
  for (const [name, errors] of Object.entries(result.error ?? {})) {
    const texts = (errors ?? []).map((e) => t(e, { defaultValue: t("errors.invalid") }));
    if (name && name !== "intent") fieldErrors[name] = texts;
    else formErrors.push(...texts);
  }
  if (!formErrors.length && !Object.keys(fieldErrors).length) formErrors.push(t("errors.invalid"));
  return reply(info, fieldErrors, formErrors);
}

export function refused(info: FormInfo, t: Translate, problems: Problem[], formFields?: Set<string>) {
  const fieldErrors: Record<string, string[]> = {};
  const formErrors: string[] = [];
  for (const p of problems) {
    const text = describeProblem(t, p);
    if (p.field && (!formFields || formFields.has(p.field))) (fieldErrors[p.field] ??= []).push(text);
    else formErrors.push(text);
  }
  return reply(info, fieldErrors, formErrors);
}

export function reply(info: FormInfo, fieldErrors: Record<string, string[]>, formErrors: string[]) {
  const { _js: _drop, ...fields } = info.fields;
  return data<FormReply>({ ok: false, intent: info.intent, key: info.key, fields, fieldErrors, formErrors }, { status: 400 });
}

/** Success: JSON for a fetcher, a redirect with a toast otherwise. */
export function done(info: FormInfo, url: string, toast: string) {
  if (info.js) return data<FormReply>({ ok: true, intent: info.intent, key: info.key, fields: {}, fieldErrors: {}, formErrors: [] });
  // The toast goes in the query, before the fragment (#agenda): the page scrolls back to the form.
  const [path, hash] = url.split("#");
  const response = redirectWithToast(path, toast);
  if (hash) response.headers.set("Location", `${response.headers.get("Location")}#${hash}`);
  return response;
}
