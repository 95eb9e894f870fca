// Pieces shared by the support pages: the confidentiality notice, the support menu, a group of
// checkboxes bound to a Conform field, and Home's link for support workers.
import type { FieldMetadata } from "@conform-to/react";
import { getCollectionProps } from "@conform-to/react";
import { Form, NavLink } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList } from "~/components/forms";

export function PrivateNotice() {
  const { t } = useTranslation("support");
  return <p className="small muted">{t("private_notice")}</p>;
}

/** The support pages' own links (the list, partners, figures, and the access log for the lead). */
export function SupportMenu({ groupId, lead }: { groupId: string; lead: boolean }) {
  const { t } = useTranslation("support");
  const base = `/g/${groupId}/support`;
  const items = [
    { to: base, label: t("title"), end: true },
    { to: `${base}/partners`, label: t("menu.partners") },
    { to: `${base}/figures`, label: t("menu.figures") },
    ...(lead ? [{ to: `${base}/log`, label: t("menu.log") }] : []),
  ];
  return (
    <nav aria-label={t("menu.label")} className="row small" style={{ marginBottom: "0.75rem" }}>
      {items.map((i) => (
        <NavLink key={i.to} to={i.to} end={i.end}>
          {i.label}
        </NavLink>
      ))}
    </nav>
  );
}

/** A fieldset of checkboxes for a multi-select (goals, topics, persons, rights), errors under the group. */
export function CheckboxGroup({
  field,
  legend,
  options,
  hint,
}: {
  field: FieldMetadata<string[] | undefined | null>;
  legend: string;
  options: { value: string; label: string }[];
  hint?: string;
}) {
  const hintId = hint ? `${field.id}-hint` : undefined;
  const values = options.map((o) => o.value);
  const labels = Object.fromEntries(options.map((o) => [o.value, o.label]));
  const errors = [...new Set(Object.values(field.allErrors).flat())];
  return (
    // min-width 0: a fieldset is as wide as its longest word by default, too wide for a phone at 200 % text.
    <fieldset style={{ minWidth: 0, overflowWrap: "anywhere" }} aria-describedby={errors.length ? field.errorId : hintId}>
      <legend>{legend}</legend>
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      {/* Two columns where they fit (a phone at normal text size), one at 200 %: fewer screens to scroll. */}
      <div style={{ display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(8rem, 1fr))", columnGap: "0.75rem" }}>
        {getCollectionProps(field as FieldMetadata<string[]>, { type: "checkbox", options: values, ariaInvalid: "allErrors" }).map(({ key, ...props }) => (
          <label key={key} className="check">
            <input {...props} />
            {labels[props.value]}
          </label>
        ))}
      </div>
      <ErrorList id={field.errorId} errors={errors} />
    </fieldset>
  );
}

/** The invitations page, for a group administrator: which support worker is the support lead (decision 008). */
export function SupportLeadSection({ workers }: { workers: { membershipId: string; name: string; email: string; supportLead: boolean }[] }) {
  const { t } = useTranslation("support");
  return (
    <section className="card" aria-labelledby="support-lead">
      <h2 id="support-lead">{t("lead.title")}</h2>
      <p className="muted">{t("lead.intro")}</p>
      {workers.length ? (
        <ul className="list">
          {workers.map((w) => (
            <li key={w.membershipId}>
              <p style={{ margin: 0, overflowWrap: "anywhere" }}>
                <strong>{w.name}</strong> {w.supportLead ? <span className="tag">{t("lead.is_lead")}</span> : null}
              </p>
              <p className="small muted" style={{ margin: "0.25rem 0 0.5rem", overflowWrap: "anywhere" }}>
                {w.email}
              </p>
              <Form method="post">
                <input type="hidden" name="intent" value="support_lead" />
                <input type="hidden" name="membershipId" value={w.membershipId} />
                <input type="hidden" name="lead" value={w.supportLead ? "off" : "on"} />
                <button type="submit" className="secondary">
                  {w.supportLead ? t("lead.unmake") : t("lead.make")}
                  <span className="visually-hidden"> — {w.name}</span>
                </button>
              </Form>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("lead.none")}</p>
      )}
    </section>
  );
}

/**
 * Label above value, not side by side: a side-by-side list (dl.facts) pushes the values off a phone's
 * screen at 200 % text size as soon as a label is long ("Situation à l'entrée").
 */
export function FactList({ items, className }: { items: (readonly [string, React.ReactNode] | null | false)[]; className?: string }) {
  return (
    <dl className={className} style={{ margin: "0.35rem 0 0", overflowWrap: "anywhere" }}>
      {items.filter(Boolean).map((item) => {
        const [label, value] = item as readonly [string, React.ReactNode];
        return (
          <div key={label} style={{ marginBottom: "0.35rem" }}>
            <dt className="muted small">{label}</dt>
            <dd style={{ margin: 0 }}>{value}</dd>
          </div>
        );
      })}
    </dl>
  );
}
