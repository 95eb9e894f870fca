// Fields for the charter's pages that carry several small forms (one per button, told apart by `intent`):
// each field shows its label, hint and translated errors tied by aria-describedby, and keeps what was typed
// when the server refused the form it belongs to.
import type { ReactNode } from "react";
import type { FormReply } from "~/modules/core/form-reply";

export function IntentField({
  form,
  name,
  label,
  hint,
  type = "text",
  multiline = false,
  rows = 4,
  options,
  defaultValue = "",
  reply,
  required = false,
}: {
  form: string;
  name: string;
  label: ReactNode;
  hint?: string;
  type?: string;
  multiline?: boolean;
  rows?: number;
  options?: { value: string; label: string }[];
  defaultValue?: string;
  reply?: FormReply;
  required?: boolean;
}) {
  const id = `${form.replace(":", "-")}-${name}`;
  const mine = reply?.intent !== undefined && `${reply.intent}:${reply.fields.articleId ?? ""}` === formKey(form);
  const errors = mine ? (reply?.fieldErrors[name] ?? []) : [];
  const value = mine ? (reply?.fields[name] ?? defaultValue) : defaultValue;
  const describedBy = [hint ? `${id}-hint` : null, errors.length ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  const common = { id, name, defaultValue: value, "aria-invalid": errors.length ? true : undefined, "aria-describedby": describedBy, required };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {options ? (
        <select {...common}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : multiline ? (
        <textarea {...common} rows={rows} />
      ) : (
        <input {...common} type={type} />
      )}
      {errors.length ? (
        <ul id={`${id}-error`} className="field-errors">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** A form's id is its intent, or "intent:articleId" for the forms of one article. */
function formKey(form: string): string {
  return form.includes(":") ? form : `${form}:`;
}

export function IntentErrors({ form, reply }: { form: string; reply?: FormReply }) {
  if (!reply || `${reply.intent}:${reply.fields.articleId ?? ""}` !== formKey(form) || !reply.formErrors.length) return null;
  return (
    <div className="form-errors" role="alert">
      {reply.formErrors.map((m) => (
        <p key={m}>{m}</p>
      ))}
    </div>
  );
}
