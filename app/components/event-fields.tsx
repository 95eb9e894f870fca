// The event form's fields (create, and edit "this date and the following"): kept out of events-home.tsx so
// that Home does not download the form library.
import type { FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { EVENT_KINDS, EVENT_REPEATS } from "~db/schema/enums";
import { SelectField, TextAreaField, TextField } from "~/components/forms";

type AnyField = FieldMetadata<string | number | undefined | null>;
// The fields of EventSchema (or of OccurrenceChangeSchema's "following" branch): same names, same shapes.
export type EventFormFields = Record<
  | "kind"
  | "title"
  | "description"
  | "spaceId"
  | "placeText"
  | "date"
  | "startTime"
  | "endTime"
  | "endDate"
  | "repeat"
  | "until"
  | "count"
  | "capacity"
  | "signupDeadlineHours"
  | "hostText"
  | "materials"
  | "skills"
  | "helperSlots"
  | "cleanerSlots",
  AnyField
>;

export function EventFields({
  fields,
  spaces,
  showRepeat = true,
}: {
  fields: EventFormFields;
  spaces: { value: string; label: string }[];
  showRepeat?: boolean;
}) {
  const { t } = useTranslation("events");
  const f = fields as unknown as Record<string, FieldMetadata<string | undefined | null>>;
  return (
    <>
      <SelectField field={f.kind} label={t("fields.kind")} options={EVENT_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))} />
      <TextField field={fields.title} label={t("fields.title")} />
      <TextAreaField field={f.description} label={t("fields.description")} />
      <fieldset>
        <legend>{t("form.when")}</legend>
        <div className="stack">
          <TextField field={fields.date} label={t("fields.date")} type="date" />
          <TextField field={fields.startTime} label={t("fields.startTime")} type="time" hint={t("form.time_hint")} />
          <TextField field={fields.endTime} label={t("fields.endTime")} type="time" />
          <TextField field={fields.endDate} label={t("fields.endDate")} type="date" />
        </div>
      </fieldset>
      {showRepeat ? (
        <fieldset>
          <legend>{t("fields.repeat")}</legend>
          <div className="stack">
            <SelectField field={f.repeat} label={t("fields.repeat")} options={EVENT_REPEATS.map((r) => ({ value: r, label: t(`repeats.${r}`) }))} />
            <TextField field={fields.until} label={t("fields.until")} type="date" hint={t("form.until_hint")} />
            <TextField field={fields.count} label={t("fields.count")} type="number" inputMode="numeric" />
          </div>
        </fieldset>
      ) : null}
      <fieldset>
        <legend>{t("form.where")}</legend>
        <div className="stack">
          {spaces.length ? (
            <SelectField field={f.spaceId} label={t("fields.spaceId")} options={spaces} placeholder={t("form.no_space")} hint={t("form.space_hint")} />
          ) : null}
          <TextField field={fields.placeText} label={t("fields.placeText")} />
        </div>
      </fieldset>
      <TextField field={fields.capacity} label={t("fields.capacity")} type="number" inputMode="numeric" hint={t("form.capacity_hint")} />
      <TextField field={fields.signupDeadlineHours} label={t("fields.signupDeadlineHours")} type="number" inputMode="numeric" hint={t("form.deadline_hint")} />
      {/* Closed unless filled or wrong: a no-JS reply must show the errors inside. */}
      <details open={[fields.hostText, fields.materials, fields.skills].some((x) => x.errors?.length || x.initialValue) || undefined}>
        <summary>{t("form.workshop")}</summary>
        <div className="stack">
          <TextField field={fields.hostText} label={t("fields.hostText")} />
          <TextAreaField field={f.materials} label={t("fields.materials")} />
          <TextField field={fields.skills} label={t("fields.skills")} />
        </div>
      </details>
      <details open={[fields.helperSlots, fields.cleanerSlots].some((x) => x.errors?.length) || undefined}>
        <summary>{t("form.meal")}</summary>
        <div className="stack">
          <TextField field={fields.helperSlots} label={t("fields.helperSlots")} type="number" inputMode="numeric" />
          <TextField field={fields.cleanerSlots} label={t("fields.cleanerSlots")} type="number" inputMode="numeric" />
        </div>
      </details>
    </>
  );
}
