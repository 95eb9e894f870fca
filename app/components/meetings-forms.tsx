// The meetings pages' forms: each posts to its page and works without JavaScript (redirect + toast);
// with JavaScript it goes through a fetcher, so the page does not jump and the loaders revalidate.
// Errors come back translated next to their field, with what was typed kept.
import { Form, useActionData, useFetcher, useNavigation } from "@remix-run/react";
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import type { FormReply } from "~/modules/core/form-reply";
// Its styles (meetings-styles.css) come with app.css: Home shows these forms, one stylesheet fewer to wait for.

function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  // Deliberate: the second render after hydration is the point (the server's markup stays as it was).
  // eslint-disable-next-line react-hooks/set-state-in-effect
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

type FormState = { reply: FormReply | undefined; busy: boolean; prefix: string };
const FormContext = createContext<FormState>({ reply: undefined, busy: false, prefix: "" });

/**
 * One form of a meetings page. `intent` names the action; `formKey` tells apart several forms of one
 * intent (an item's notes). `reset` empties the form after a success (a decision added).
 */
export function ActionForm({
  intent,
  formKey = "",
  children,
  className = "stack",
  reset = false,
  label,
  action,
  navigate = false,
  success,
}: {
  intent: string;
  formKey?: string;
  children: ReactNode;
  className?: string;
  reset?: boolean;
  label?: string;
  action?: string;
  /** A plain form that navigates (to the page the action redirects to), never a fetcher. */
  navigate?: boolean;
  /** Said (role="status") after a success through the fetcher; without JavaScript the toast says it. */
  success?: string;
}) {
  const fetcher = useFetcher<FormReply>({ key: `${intent}-${formKey}` });
  const navigation = useNavigation();
  const actionData = useActionData() as FormReply | undefined;
  const hydrated = useHydrated();
  const ref = useRef<HTMLFormElement>(null);
  const mine = (r: FormReply | undefined) => (r && r.intent === intent && r.key === formKey ? r : undefined);
  const reply = navigate ? mine(actionData) : (mine(fetcher.data) ?? (fetcher.data ? undefined : mine(actionData)));
  useEffect(() => {
    if (reset && fetcher.state === "idle" && fetcher.data?.ok) ref.current?.reset();
  }, [reset, fetcher.state, fetcher.data]);
  const prefix = `${intent}${formKey ? `-${formKey}` : ""}`;
  const busy = navigate ? navigation.state === "submitting" && navigation.formData?.get("intent") === intent : fetcher.state !== "idle";
  const inner = (
    <>
      <input type="hidden" name="intent" value={intent} />
      {formKey ? <input type="hidden" name="formKey" value={formKey} /> : null}
      {hydrated && !navigate ? <input type="hidden" name="_js" value="1" /> : null}
      {reply && !reply.ok && reply.formErrors.length ? (
        <div className="form-errors" role="alert">
          {reply.formErrors.map((m) => (
            <p key={m}>{m}</p>
          ))}
        </div>
      ) : null}
      {children}
      {success && !navigate && fetcher.state === "idle" && fetcher.data?.ok && mine(fetcher.data) ? (
        <p role="status" className="small">
          {success}
        </p>
      ) : null}
    </>
  );
  return (
    <FormContext.Provider value={{ reply: reply?.ok ? undefined : reply, busy, prefix }}>
      {navigate ? (
        <Form method="post" className={className} aria-label={label} action={action}>
          {inner}
        </Form>
      ) : (
        <fetcher.Form method="post" className={className} ref={ref} aria-label={label} action={action}>
          {inner}
        </fetcher.Form>
      )}
    </FormContext.Provider>
  );
}

export function useFormState() {
  return useContext(FormContext);
}

export function SubmitButton({ children, className, name, value }: { children: ReactNode; className?: string; name?: string; value?: string }) {
  const { busy } = useFormState();
  return (
    <button type="submit" className={className} disabled={busy} name={name} value={value}>
      {children}
    </button>
  );
}

type FieldProps = {
  name: string;
  label: string;
  hint?: string;
  defaultValue?: string;
  required?: boolean;
};

function useField(name: string, defaultValue = "") {
  const { reply, prefix } = useFormState();
  const id = `${prefix}-${name}`;
  const errors = reply?.fieldErrors[name] ?? [];
  const value = reply ? (reply.fields[name] ?? defaultValue) : defaultValue;
  return { id, errors, value, reply };
}

function Described({ id, hint, errors, label, children }: { id: string; hint?: string; errors: string[]; label: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {children}
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

const describedBy = (id: string, hint: string | undefined, errors: string[]) =>
  [hint ? `${id}-hint` : null, errors.length ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;

export function InputField({
  name,
  label,
  hint,
  defaultValue,
  required,
  type = "text",
  inputMode,
  min,
}: FieldProps & { type?: string; inputMode?: "numeric"; min?: number }) {
  const { id, errors, value, reply } = useField(name, defaultValue);
  return (
    <Described id={id} hint={hint} errors={errors} label={label}>
      <input
        key={reply ? `r-${value}` : "d"}
        id={id}
        name={name}
        type={type}
        inputMode={inputMode}
        min={min}
        defaultValue={value}
        required={required}
        aria-invalid={errors.length ? true : undefined}
        aria-describedby={describedBy(id, hint, errors)}
      />
    </Described>
  );
}

export function TextAreaInput({ name, label, hint, defaultValue, required, rows = 4 }: FieldProps & { rows?: number }) {
  const { id, errors, value, reply } = useField(name, defaultValue);
  return (
    <Described id={id} hint={hint} errors={errors} label={label}>
      <textarea
        key={reply ? `r-${value.length}` : "d"}
        id={id}
        name={name}
        rows={rows}
        defaultValue={value}
        required={required}
        aria-invalid={errors.length ? true : undefined}
        aria-describedby={describedBy(id, hint, errors)}
      />
    </Described>
  );
}

export function SelectInput({
  name,
  label,
  hint,
  defaultValue,
  options,
  placeholder,
}: FieldProps & { options: { value: string; label: string }[]; placeholder?: string }) {
  const { id, errors, value, reply } = useField(name, defaultValue);
  return (
    <Described id={id} hint={hint} errors={errors} label={label}>
      <select
        key={reply ? `r-${value}` : "d"}
        id={id}
        name={name}
        defaultValue={value}
        aria-invalid={errors.length ? true : undefined}
        aria-describedby={describedBy(id, hint, errors)}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Described>
  );
}
