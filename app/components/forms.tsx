// Form fields with their label, hint and translated errors tied by aria-describedby.
// Error messages are i18n keys produced by the zod schemas (e.g. "errors.required").
import type { FieldMetadata } from "@conform-to/react";
import { getInputProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import { ErrorList } from "./form-errors";

// The error lists live apart (form-errors.tsx), without Conform, for pages that only show errors.
export { ErrorList, FormErrors } from "./form-errors";

type InputType = "text" | "email" | "password" | "number" | "date" | "tel" | "url" | "search" | "datetime-local" | "time";

export function TextField({
  field,
  label,
  type = "text",
  hint,
  autoComplete,
  ...rest
}: {
  field: FieldMetadata<string | number | undefined | null>;
  label: string;
  type?: InputType;
  hint?: string;
  autoComplete?: string;
} & Omit<React.InputHTMLAttributes<HTMLInputElement>, "type">) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const props = getInputProps(field as FieldMetadata<string>, { type: type as "text", ariaDescribedBy: hintId });
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      <input {...props} key={props.key} autoComplete={autoComplete} {...rest} />
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}

export function TextAreaField({ field, label, hint }: { field: FieldMetadata<string | undefined | null>; label: string; hint?: string }) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const props = getTextareaProps(field as FieldMetadata<string>, { ariaDescribedBy: hintId });
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      <textarea {...props} key={props.key} rows={4} />
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}

export function SelectField({
  field,
  label,
  options,
  hint,
  placeholder,
}: {
  field: FieldMetadata<string | undefined | null>;
  label: string;
  options: { value: string; label: string }[];
  hint?: string;
  placeholder?: string;
}) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const props = getSelectProps(field as FieldMetadata<string>, { ariaDescribedBy: hintId });
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      <select {...props} key={props.key}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <ErrorList id={field.errorId} errors={field.errors} />
    </div>
  );
}

/**
 * Conform's useForm, subscribed to every field's errors. Conform re-renders the component that called
 * useForm only for the state that component read during its last render; our field components read
 * errors in child components, which Conform does not always see, so the first client-side validation
 * showed nothing. Reading allErrors here subscribes the form to all of them.
 */
export function useAppForm<Schema extends Record<string, unknown>, FormValue = Schema, FormError = string[]>(
  options: Parameters<typeof useForm<Schema, FormValue, FormError>>[0],
) {
  const result = useForm<Schema, FormValue, FormError>(options);
  void result[0].allErrors;
  return result;
}
