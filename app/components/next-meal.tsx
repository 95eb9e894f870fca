// Home's « Prochain repas partagé » card: one tap on « S'inscrire » signs the household up with its usual party;
// signed up, « Modifier » leads to the meal page and « Se désinscrire » asks first. With JavaScript the forms go
// through fetchers (the page stays where it was); without, the server answers with Home at #repas-suivant.
// CancelSignupConfirm is the meal page's cancel too: a question first, with JavaScript off as well.
import { Link, useLocation } from "@remix-run/react";
import { useEffect, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { formatWeekday } from "~/modules/core/dates";
import type { NextMeal } from "~/modules/events/next-meal.server";
import { SignupStatusText, formatSlotText } from "./events-home";
import { ActionForm, SubmitButton } from "./meetings-forms";

export const NEXT_MEAL_ANCHOR = "repas-suivant";
/** The query parameter that opens the question « Se désinscrire … ? » without JavaScript. */
const CONFIRM_CANCEL_PARAM = "desinscrire";

function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  // Deliberate: the second render after hydration is the point (the server's markup stays as it was).
  // eslint-disable-next-line react-hooks/set-state-in-effect
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

/**
 * « Se désinscrire » that asks first. Without JavaScript the button is a link to the same page with
 * `?desinscrire=…#anchor`, and the server renders the question; with JavaScript it opens the question in place.
 * `children` is the form that cancels (its submit says « Confirmer »).
 */
export function CancelSignupConfirm({
  date,
  signupId,
  anchor,
  label,
  children,
}: {
  /** The button's words (« Se désinscrire »). */
  label: string;
  /** The meal's day in words (« jeudi 10 décembre »). */
  date: string;
  signupId: string;
  anchor: string;
  children: ReactNode;
}) {
  const { t } = useTranslation("events");
  const location = useLocation();
  const hydrated = useHydrated();
  const params = new URLSearchParams(location.search);
  const askedByUrl = params.get(CONFIRM_CANCEL_PARAM) === signupId;
  const [asked, setAsked] = useState(askedByUrl);
  params.delete("toast");
  params.delete(CONFIRM_CANCEL_PARAM);
  const keepHref = `${location.pathname}${params.size ? `?${params}` : ""}#${anchor}`;
  params.set(CONFIRM_CANCEL_PARAM, signupId);
  const askHref = `${location.pathname}?${params}#${anchor}`;
  if (!asked && !askedByUrl)
    return hydrated ? (
      <button type="button" className="secondary" onClick={() => setAsked(true)}>
        {label}
      </button>
    ) : (
      <Link className="button secondary" to={askHref} preventScrollReset>
        {label}
      </Link>
    );
  return (
    <div className="stack confirm-box" role="group" aria-labelledby={`confirm-${signupId}`}>
      <p id={`confirm-${signupId}`}>
        <strong>{t("signup.cancel_question", { date })}</strong>
      </p>
      {children}
      {hydrated ? (
        <button type="button" className="secondary" onClick={() => setAsked(false)}>
          {t("signup.keep")}
        </button>
      ) : (
        <Link className="button secondary" to={keepHref}>
          {t("signup.keep")}
        </Link>
      )}
    </div>
  );
}

export function NextMealCard({ meal, groupId, timeZone }: { meal: NextMeal | null; groupId: string; timeZone: string }) {
  const { t, i18n } = useTranslation("events");
  const lang = i18n.language;
  const mealHref = `/g/${groupId}/events/${meal?.id ?? ""}`;
  return (
    <section className="card" aria-labelledby="next-meal-title" id={NEXT_MEAL_ANCHOR}>
      <h2 id="next-meal-title">{t("next_meal.title")}</h2>
      {meal ? (
        <div className="stack">
          <p style={{ margin: 0 }}>
            <Link to={mealHref}>
              <strong>{meal.title}</strong>
            </Link>
            <br />
            <span>{formatSlotText(meal.startsAt, meal.endsAt, lang, timeZone)}</span>
            {meal.placeName ? (
              <>
                <br />
                <span className="small">{meal.placeName}</span>
              </>
            ) : null}
          </p>
          {meal.mySignup ? (
            <>
              <p style={{ margin: 0 }}>
                {meal.mySignup.status === "confirmed" ? (
                  <span className="tag">{t("next_meal.signed_up")}</span>
                ) : (
                  <SignupStatusText status={meal.mySignup.status} position={meal.mySignup.position} />
                )}{" "}
                <span className="small">{t("signup.party", { count: meal.mySignup.places })}</span>
              </p>
              <div className="actions">
                <Link className="button secondary" to={`${mealHref}#signup`}>
                  {t("next_meal.change")}
                </Link>
                <CancelSignupConfirm
                  date={formatWeekday(meal.startsAt, lang, timeZone)}
                  signupId={meal.mySignup.id}
                  anchor={NEXT_MEAL_ANCHOR}
                  label={t("next_meal.cancel")}
                >
                  <ActionForm intent="next_meal_cancel" formKey={meal.mySignup.id} className="stack">
                    <input type="hidden" name="signupId" value={meal.mySignup.id} />
                    <SubmitButton>{t("signup.confirm_cancel")}</SubmitButton>
                  </ActionForm>
                </CancelSignupConfirm>
              </div>
            </>
          ) : meal.party ? (
            <ActionForm intent="next_meal_signup" formKey={meal.id} className="stack">
              <input type="hidden" name="occurrenceId" value={meal.id} />
              <p className="small" style={{ margin: 0 }}>
                {meal.full ? t("next_meal.full") : t("next_meal.for_party", { count: meal.party.adults + meal.party.children + meal.party.infants })}
              </p>
              <div className="actions">
                <SubmitButton>{t("signup.submit")}</SubmitButton>
                <Link to={`${mealHref}#signup`}>{t("next_meal.other_choices")}</Link>
              </div>
            </ActionForm>
          ) : null}
        </div>
      ) : (
        <p className="muted">{t("next_meal.none")}</p>
      )}
    </section>
  );
}
