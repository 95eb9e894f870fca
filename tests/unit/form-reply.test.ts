// Decision 017: the one way a refused form is answered — messages in the person's words (keys of any
// namespace translated, sentences kept), a problem on a field the form lacks shown for the whole form, what
// was typed kept (passwords excepted), one FormReply for the pages of small forms.
import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { problemErrors, schemaErrors, translateMessage, type Translate } from "~/modules/core/form-reply";
import { formInfo, replyFormDone, replyFormInvalid, replyFormProblems, replyWithProblems } from "~/modules/core/form-reply.server";
import { problemOf, type Problem } from "~/modules/core/result";
import { describeProblem as describeEventProblem, type Problem as EventProblem } from "~/modules/events/rules";
import { getT } from "~/modules/i18n/i18n.server";

const t = getT("fr") as unknown as Translate;
const form = (fields: Record<string, string>) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
};
/** What a route's `data(…, init)` carries, without Remix's wrapper type in the way. */
const payload = <T>(d: unknown) => d as { data: T; init: { status?: number } | null };

describe("translateMessage", () => {
  it("translates a common key and a module's namespaced key, keeps a sentence, says 'invalid' for an unknown key", () => {
    expect(translateMessage(t, "errors.required")).toBe("Ce champ est obligatoire.");
    expect(translateMessage(t, "events:errors.nobody")).toBe("Inscrivez au moins une personne.");
    expect(translateMessage(t, "Déjà réservé de 14:00 à 16:00.")).toBe("Déjà réservé de 14:00 à 16:00.");
    expect(translateMessage(t, "events:errors.no_such_key")).toBe("Cette valeur n'est pas valable.");
  });
});

describe("problemErrors", () => {
  const say = (p: Problem) => `${p.code}!`;
  it("puts a problem on its field when the form has it, otherwise on the whole form", () => {
    const problems = [problemOf("too_long", "title"), problemOf("on_hidden_field", "spaceId"), problemOf("whole_form")];
    expect(problemErrors(problems, say, ["title", "date"])).toEqual({
      fieldErrors: { title: ["too_long!"] },
      formErrors: ["on_hidden_field!", "whole_form!"],
    });
  });
  it("without the form's fields, any named field is taken as the form's", () => {
    expect(problemErrors([problemOf("x", "spaceId")], say)).toEqual({ fieldErrors: { spaceId: ["x!"] }, formErrors: [] });
  });
  it("describes with the module's words, values included", () => {
    const p: EventProblem = {
      ns: "bookings",
      code: "overlap",
      field: "startTime",
      params: { occurrenceDate: "2027-05-13", startsAt: Date.UTC(2027, 4, 13, 18), endsAt: Date.UTC(2027, 4, 13, 20), bufferMinutes: 0 },
    };
    const { fieldErrors } = problemErrors([p], (q) => describeEventProblem(t, q, "fr", "Europe/Paris"), ["startTime"]);
    expect(fieldErrors.startTime[0]).toMatch(/13 mai 2027/);
  });
});

describe("replyWithProblems (a Conform form)", () => {
  const Schema = z.object({ title: z.string(), password: z.string(), date: z.string() });
  it("keeps what was typed, hides passwords, places each problem", () => {
    const submission = parseWithZod(form({ title: "Assemblée", password: "secret", date: "2027-05-13" }), { schema: Schema });
    const reply = replyWithProblems(submission, [problemOf("taken", "date"), problemOf("not_here", "spaceId")], (p) => `${p.code}.`, {
      fields: Object.keys(Schema.shape),
      hideFields: ["password"],
    });
    expect(reply.initialValue).toMatchObject({ title: "Assemblée", date: "2027-05-13" });
    expect(reply.initialValue).not.toHaveProperty("password");
    expect(reply.error).toEqual({ date: ["taken."], "": ["not_here."] });
    expect(reply.status).toBe("error");
  });
  it("accepts a problem without values (surveys' shape): only its field is read", () => {
    const submission = parseWithZod(form({ title: "x", password: "y", date: "z" }), { schema: Schema });
    expect(replyWithProblems(submission, [{ code: "survey_closed", field: null }], (p) => p.code).error).toEqual({ "": ["survey_closed"] });
  });
});

describe("FormReply (pages of small forms)", () => {
  it("formInfo reads the intent and the form's key and keeps the values, not the fetcher marker", () => {
    expect(formInfo(form({ intent: "notes", formKey: "item-1", notes: "Vu", _js: "1" }))).toEqual({
      intent: "notes",
      key: "item-1",
      fields: { intent: "notes", formKey: "item-1", notes: "Vu" },
      js: true,
    });
  });
  it("a schema's refusal: keys in words, an intent's error for the whole form, status 400, values kept", () => {
    const info = formInfo(form({ intent: "propose", title: "" }));
    const reply = payload<{ ok: boolean; fields: Record<string, string>; fieldErrors: Record<string, string[]>; formErrors: string[] }>(
      replyFormInvalid(info, t, { title: ["errors.required"], intent: ["meetings:errors.no_such_key"] }),
    );
    expect(reply.init?.status).toBe(400);
    expect(reply.data).toMatchObject({
      ok: false,
      intent: "propose",
      fields: { title: "" },
      fieldErrors: { title: ["Ce champ est obligatoire."] },
      formErrors: ["Cette valeur n'est pas valable."],
    });
    expect(schemaErrors({}, t)).toEqual({ fieldErrors: {}, formErrors: ["Cette valeur n'est pas valable."] });
  });
  it("a module's problems: on the form's fields when named there", () => {
    const info = formInfo(form({ intent: "paper-p1", personId: "p1", signedOn: "2030-01-01" }));
    const reply = payload<{ fieldErrors: Record<string, string[]>; formErrors: string[] }>(
      replyFormProblems(info, [problemOf("date_in_future", "signedOn"), problemOf("already_signed", "personId")], (p) => p.code, ["signedOn"]),
    );
    expect(reply.data).toMatchObject({ fieldErrors: { signedOn: ["date_in_future"] }, formErrors: ["already_signed"] });
  });
  it("success: JSON to a fetcher, a redirect with the toast before the fragment otherwise", () => {
    expect(
      payload<{ ok: boolean }>(replyFormDone(formInfo(form({ intent: "propose", _js: "1" })), "/g/x/meetings/m#agenda", "meetings.item_added")).data.ok,
    ).toBe(true);
    const redirect = replyFormDone(formInfo(form({ intent: "propose" })), "/g/x/meetings/m#agenda", "meetings.item_added") as Response;
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get("Location")).toBe("/g/x/meetings/m?toast=meetings.item_added#agenda");
  });
});
