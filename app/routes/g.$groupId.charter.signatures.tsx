// Who signed the charter in force and who did not (facilitators): the adults of each present household,
// with the date and how they signed; a paper signature is recorded here for a person who signs on paper
// (usually one without an account), with its date and who recorded it.
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { IntentErrors, IntentField } from "~/components/charter-forms";
import { CharterShares } from "~/components/charter-shares";
import { requireMember } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { listSignatures, recordPaperSignature } from "~/modules/charter/signatures.server";
import { describeProblem } from "~/modules/charter/rules";
import { PaperSignatureSchema } from "~/modules/charter/schemas";
import { formatDate } from "~/modules/core/dates";
import type { FormReply } from "~/modules/core/form-reply";
import { formInfo, replyFormInvalid, replyFormProblems, type Translate } from "~/modules/core/form-reply.server";
import { redirectWithToast } from "~/modules/core/http.server";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";

export const access: AccessPolicy = "member";
export const handle = { i18n: ["charter", "exchange:errors"] };

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = requireMember(request, params, context);
  return {
    title: getT(resolveLang(request, ctx.user.locale))("charter:signatures.title"),
    groupId: ctx.groupId,
    timeZone: ctx.group.timeZone,
    ...listSignatures({ ctx }),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const formData = await request.formData();
  const t = getT(resolveLang(request, ctx.user.locale)) as unknown as Translate;
  const form = formInfo(formData);
  // Each person's form is told apart by their id (the fields' errors go back to the right form).
  const info = { ...form, intent: `paper-${form.fields.personId ?? ""}` };
  const submission = parseWithZod(formData, { schema: PaperSignatureSchema });
  if (submission.status !== "success") return replyFormInvalid(info, t, submission.reply().error);
  const result = recordPaperSignature({ ctx, input: submission.value });
  // The person has no field of their own in the form: their problems show above it.
  if (!result.ok) return replyFormProblems(info, result.problems, (p) => describeProblem(t, p), ["signedOn"]);
  return redirectWithToast(`/g/${ctx.groupId}/charter/signatures`, "charter_paper_recorded");
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Maisonnée` : "Maisonnée" }];

export default function Signatures() {
  const { t, i18n } = useTranslation("charter");
  const d = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as FormReply | undefined;
  const busy = useNavigation().state === "submitting";
  const date = (x: string) => formatDate(x, i18n.language, d.timeZone);
  const f = d.figures;
  return (
    <>
      <p>
        <Link to={`/g/${d.groupId}/charter`}>{t("title")}</Link>
      </p>
      <h1>{t("signatures.title")}</h1>
      {!d.version ? (
        <p className="card">{t("none_in_force")}</p>
      ) : (
        <>
          <p>
            {t("version_title", { number: d.version.number, title: d.version.title })}
            {d.version.adoptedOn ? ` — ${t("adopted_on", { date: date(d.version.adoptedOn) })}` : null}
          </p>
          <div className="card">
            <CharterShares figures={f} />
          </div>
          <p className="hint">{t("signatures.intro")}</p>
          {d.households.map((h) => (
            <section key={h.id} className="card" aria-labelledby={`h-${h.id}`}>
              <h2 id={`h-${h.id}`}>
                {h.name}
                {h.dwelling ? <span className="muted small"> — {h.dwelling}</span> : null}
              </h2>
              <ul className="list">
                {h.persons.map((p) => {
                  const name = [p.firstName, p.lastName].filter(Boolean).join(" ");
                  const form = `paper-${p.personId}`;
                  return (
                    <li key={p.personId}>
                      <p style={{ margin: 0 }}>
                        <strong>{name}</strong> {!p.hasAccount ? <span className="tag">{t("signatures.no_account")}</span> : null}
                      </p>
                      {p.signedOn ? (
                        <p style={{ margin: 0 }}>
                          {p.method === "paper"
                            ? t("signatures.signed_paper", { date: date(p.signedOn), name: p.recordedByName ?? t("comments.someone") })
                            : t("signatures.signed_online", { date: date(p.signedOn) })}
                        </p>
                      ) : (
                        <>
                          <p style={{ margin: 0 }}>
                            <span className="badge-warn">{t("signatures.not_signed")}</span>
                          </p>
                          <Form method="post" className="stack">
                            <IntentErrors form={form} reply={reply} />
                            <input type="hidden" name="personId" value={p.personId} />
                            <IntentField
                              form={form}
                              name="signedOn"
                              type="date"
                              label={t("signatures.paper_date", { name })}
                              defaultValue={d.today}
                              reply={reply}
                            />
                            <div className="actions">
                              <button type="submit" className="secondary" disabled={busy}>
                                {t("signatures.record_paper")}
                              </button>
                            </div>
                          </Form>
                        </>
                      )}
                    </li>
                  );
                })}
              </ul>
            </section>
          ))}
        </>
      )}
    </>
  );
}
