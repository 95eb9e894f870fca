// Translated form errors, without Conform: a page that only shows the errors its action returned (the
// calendar) imports this file, not forms.tsx. forms.tsx re-exports both.
import { useTranslation } from "react-i18next";

export function ErrorList({ id, errors }: { id?: string; errors?: string[] }) {
  const { t } = useTranslation();
  if (!errors?.length) return null;
  return (
    <ul id={id} className="field-errors">
      {errors.map((e) => (
        <li key={e}>{translateError(t, e)}</li>
      ))}
    </ul>
  );
}

export function FormErrors({ id, errors }: { id?: string; errors?: string[] }) {
  const { t } = useTranslation();
  if (!errors?.length) return null;
  return (
    <div id={id} className="form-errors" role="alert">
      {errors.map((e) => (
        <p key={e}>{translateError(t, e)}</p>
      ))}
    </div>
  );
}

// Errors are keys from the schemas, or sentences the server already translated (they carry values).
function translateError(t: (key: string, options?: Record<string, unknown>) => string, error: string) {
  if (/^([a-z]+:)?errors\.[a-z_.]+$/.test(error)) return t(error, { defaultValue: t("errors.invalid") });
  return error;
}
