// The meetings pages' loaders and actions as a browser uses them: plain form posts (redirect + toast),
// fetcher posts (_js=1: JSON, the page stays), bad input (400, message and typed value, nothing written),
// residents 403 on facilitators' actions, other groups 404.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~db/client.server";
import { meetingActions, meetingAgendaItems, meetingAttendance, meetingDecisions, meetings, memberships } from "~db/schema";
import { createSession, SESSION_COOKIE } from "~/modules/auth/session.server";
import * as actionsPage from "~/routes/g.$groupId.meetings.actions";
import * as meetingPage from "~/routes/g.$groupId.meetings.$meetingId._index";
import * as minutesPage from "~/routes/g.$groupId.meetings.$meetingId.minutes";
import * as runPage from "~/routes/g.$groupId.meetings.$meetingId.run";
import * as registerPage from "~/routes/g.$groupId.meetings.decisions";
import * as listPage from "~/routes/g.$groupId.meetings._index";
import * as newPage from "~/routes/g.$groupId.meetings.new";
import { makeGroup, makeHousehold, makeMember, requestAs, thrownResponse, thrownResponseAsync } from "../fixtures";

const group = makeGroup("Les Tilleuls");
const other = makeGroup("Villa Passerelle");
const facilitator = makeMember({ groupId: group.id, role: "facilitator" });
const jeanne = makeMember({ groupId: group.id, householdId: makeHousehold(group.id, "Foyer Marchand").id });
const karim = makeMember({ groupId: group.id, householdId: makeHousehold(group.id, "Foyer Benali").id });
const outsider = makeMember({ groupId: other.id, householdId: makeHousehold(other.id).id, role: "facilitator" });
const personOf = (userId: string) => db.select({ personId: memberships.personId }).from(memberships).where(eq(memberships.userId, userId)).get()!.personId!;

function postAs(userId: string, url: string, fields: Record<string, string>) {
  const { token } = createSession(userId);
  return new Request(url, {
    method: "POST",
    headers: { Cookie: `${SESSION_COOKIE}=${token}`, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
  });
}
const args = <P extends Record<string, string>>(request: Request, params: P) => ({ request, params, context: {} as never });
const statusOf = (r: unknown) => (r instanceof Response ? r.status : (r as { init?: { status?: number } }).init?.status);
const dataOf = <T>(r: unknown) => (r as { data: T }).data;
const locationOf = (r: unknown) => (r as Response).headers.get("Location");
// The events module books at most a year ahead: the meeting is a month away, its action item due later.
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const MEETING_DATE = inDays(30);

describe("meetings pages", () => {
  const u = (path: string) => `http://localhost/g/${group.id}/meetings${path}`;
  let meetingId = "";

  it("a facilitator creates a meeting through the form; bad times come back with a message", async () => {
    const bad = await newPage.action(
      args(
        postAs(facilitator.id, u("/new"), {
          intent: "create",
          title: "Assemblée de juin",
          date: MEETING_DATE,
          startTime: "20:00",
          endTime: "18:00",
          placeText: "Salle",
        }),
        { groupId: group.id },
      ),
    );
    expect(statusOf(bad)).toBe(400);
    expect(JSON.stringify(dataOf(bad))).toContain("La fin doit venir après le début");
    expect(JSON.stringify(dataOf(bad))).toContain("Assemblée de juin");
    expect(db.select().from(meetings).all()).toHaveLength(0);
    const created = await newPage.action(
      args(
        postAs(facilitator.id, u("/new"), {
          intent: "create",
          title: "Assemblée de juin",
          date: MEETING_DATE,
          startTime: "18:30",
          endTime: "20:30",
          placeText: "Salle",
        }),
        { groupId: group.id },
      ),
    );
    expect(statusOf(created)).toBe(302);
    meetingId = db.select().from(meetings).get()!.id;
    expect(locationOf(created)).toBe(`/g/${group.id}/meetings/${meetingId}?toast=meetings.created`);
    // A resident: 403 on the page and its action.
    expect(thrownResponse(() => newPage.loader(args(requestAs(jeanne.id, u("/new")), { groupId: group.id }))).status).toBe(403);
    // The module refuses the write (a valid form: the check is createMeeting's, not the route's).
    expect(
      (
        await thrownResponseAsync(() =>
          newPage.action(
            args(
              postAs(jeanne.id, u("/new"), {
                intent: "create",
                title: "Pas moi",
                date: MEETING_DATE,
                startTime: "18:30",
                endTime: "20:30",
                placeText: "Salle",
              }),
              { groupId: group.id },
            ),
          ),
        )
      ).status,
    ).toBe(403);
    const list = listPage.loader(args(requestAs(jeanne.id, u("")), { groupId: group.id }));
    expect(list.upcoming.map((m) => m.id)).toEqual([meetingId]);
  });

  it("a resident proposes an item without JavaScript: redirect with a toast; bad input 400, typed value kept, nothing written", async () => {
    const params = { groupId: group.id, meetingId };
    const bad = await meetingPage.action(args(postAs(jeanne.id, u(`/${meetingId}`), { intent: "propose", title: "Le compost", plannedMinutes: "-5" }), params));
    expect(statusOf(bad)).toBe(400);
    const reply = dataOf<{ fieldErrors: Record<string, string[]>; fields: Record<string, string> }>(bad);
    expect(reply.fieldErrors.plannedMinutes).toEqual(["Saisissez un nombre entier de minutes, entre 1 et 240."]);
    expect(reply.fields.title).toBe("Le compost");
    expect(db.select().from(meetingAgendaItems).all()).toHaveLength(0);
    const ok = await meetingPage.action(
      args(
        postAs(jeanne.id, u(`/${meetingId}`), { intent: "propose", title: "Le compost", description: "Il déborde", presenterText: "", plannedMinutes: "10" }),
        params,
      ),
    );
    expect(statusOf(ok)).toBe(302);
    expect(locationOf(ok)).toBe(`/g/${group.id}/meetings/${meetingId}?toast=meetings.item_proposed#agenda`);
    const item = db.select().from(meetingAgendaItems).get()!;
    expect(item).toMatchObject({ title: "Le compost", status: "proposed", plannedMinutes: 10 });
    // Through a fetcher: JSON, no redirect.
    const fetched = await meetingPage.action(
      args(postAs(facilitator.id, u(`/${meetingId}`), { intent: "accept", itemId: item.id, formKey: item.id, _js: "1" }), params),
    );
    expect(statusOf(fetched)).toBeUndefined();
    expect(dataOf(fetched)).toMatchObject({ ok: true, intent: "accept", key: item.id });
    // A resident cannot accept: 403.
    expect(
      (await thrownResponseAsync(() => meetingPage.action(args(postAs(karim.id, u(`/${meetingId}`), { intent: "decline", itemId: item.id }), params)))).status,
    ).toBe(403);
    const page = meetingPage.loader(args(requestAs(karim.id, u(`/${meetingId}`)), params));
    expect(page.meeting.items.map((i) => [i.title, i.status])).toEqual([["Le compost", "accepted"]]);
  });

  it("run mode: residents 403; attendance from the sheet's fields; votes over the room refused with nothing written", async () => {
    const params = { groupId: group.id, meetingId };
    expect(thrownResponse(() => runPage.loader(args(requestAs(jeanne.id, u(`/${meetingId}/run`)), params))).status).toBe(403);
    expect((await thrownResponseAsync(() => runPage.action(args(postAs(jeanne.id, u(`/${meetingId}/run`), { intent: "start" }), params)))).status).toBe(403);
    const run = (fields: Record<string, string>) => runPage.action(args(postAs(facilitator.id, u(`/${meetingId}/run`), fields), params));
    expect(statusOf(await run({ intent: "start" }))).toBe(302);
    const [pj, pk] = [personOf(jeanne.id), personOf(karim.id)];
    const refused = await run({ intent: "attendance", [`status_${pj}`]: "absent", [`proxy_${pj}`]: pk, [`status_${pk}`]: "excused" });
    expect(statusOf(refused)).toBe(400);
    expect(JSON.stringify(dataOf(refused))).toContain("La voix ne peut être donnée qu'à une personne présente.");
    expect(db.select().from(meetingAttendance).all()).toHaveLength(0);
    expect(statusOf(await run({ intent: "attendance", [`status_${pj}`]: "absent", [`proxy_${pj}`]: pk, [`status_${pk}`]: "present" }))).toBe(302);
    const tooMany = await run({
      intent: "decision",
      text: "Un second bac à compost",
      method: "majority",
      result: "adopted",
      votesFor: "2",
      votesAgainst: "1",
      votesAbstain: "0",
    });
    expect(statusOf(tooMany)).toBe(400);
    expect(JSON.stringify(dataOf(tooMany))).toContain("3 votes pour 2 voix");
    const negative = await run({
      intent: "decision",
      text: "Un second bac à compost",
      method: "majority",
      result: "adopted",
      votesFor: "-1",
      votesAgainst: "0",
      votesAbstain: "0",
    });
    expect(statusOf(negative)).toBe(400);
    expect(dataOf<{ fieldErrors: Record<string, string[]> }>(negative).fieldErrors.votesFor).toEqual(["Saisissez un nombre entier, 0 ou plus."]);
    expect(db.select().from(meetingDecisions).all()).toHaveLength(0);
    expect(
      statusOf(
        await run({
          intent: "decision",
          text: "Un second bac à compost",
          method: "majority",
          result: "adopted",
          votesFor: "2",
          votesAgainst: "0",
          votesAbstain: "0",
        }),
      ),
    ).toBe(302);
    const badDate = await run({ intent: "action_item", what: "Commander le bac", personId: pk, dueDate: "2030-02-31" });
    expect(statusOf(badDate)).toBe(400);
    expect(dataOf<{ fieldErrors: Record<string, string[]> }>(badDate).fieldErrors.dueDate).toEqual(["Saisissez une date valable."]);
    expect(statusOf(await run({ intent: "action_item", what: "Commander le bac", personId: pk, dueDate: inDays(45) }))).toBe(302);
    const next = await run({ intent: "next_item", _js: "1" });
    expect(dataOf(next)).toMatchObject({ ok: true });
    // Closing cannot be undone: a post without the confirmation step's answer only asks (issue 17).
    const asked = await run({ intent: "close" });
    expect(locationOf(asked)).toBe(`/g/${group.id}/meetings/${meetingId}/run?confirm=close#close-title`);
    expect(db.select({ s: meetings.runStatus }).from(meetings).where(eq(meetings.id, meetingId)).get()?.s).toBe("running");
    const closed = await run({ intent: "close", confirmed: "yes" });
    expect(locationOf(closed)).toBe(`/g/${group.id}/meetings/${meetingId}?toast=meetings.run_closed#minutes-title`);
  });

  it("minutes, register and action items pages show residents only what is published; Karim marks his item done", async () => {
    const params = { groupId: group.id, meetingId };
    expect(minutesPage.loader(args(requestAs(jeanne.id, u(`/${meetingId}/minutes`)), params)).minutes).toBeNull();
    expect(minutesPage.loader(args(requestAs(facilitator.id, u(`/${meetingId}/minutes`)), params)).minutes?.html).toContain("<h2>Présences</h2>");
    expect(registerPage.loader(args(requestAs(jeanne.id, u("/decisions?q=compost")), { groupId: group.id })).decisions).toEqual([]);
    expect(registerPage.loader(args(requestAs(facilitator.id, u("/decisions?q=COMPOST&result=adopted")), { groupId: group.id })).decisions).toHaveLength(1);
    // Markdown typed into the minutes is rendered harmless.
    await meetingPage.action(
      args(
        postAs(facilitator.id, u(`/${meetingId}`), {
          intent: "save_minutes",
          minutesText: "Bien.\n\n<script>alert(1)</script> <img src=x onerror=alert(1)> [lien](javascript:alert(1))",
        }),
        params,
      ),
    );
    const html = minutesPage.loader(args(requestAs(facilitator.id, u(`/${meetingId}/minutes`)), params)).minutes!.html;
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).not.toContain('href="javascript');
    const item = db.select().from(meetingActions).get()!;
    const mine = actionsPage.loader(args(requestAs(karim.id, u("/actions")), { groupId: group.id }));
    expect(mine.mine.map((a) => a.id)).toEqual([item.id]);
    expect(mine.all).toBeNull();
    expect(
      (
        await thrownResponseAsync(() =>
          actionsPage.action(args(postAs(jeanne.id, u("/actions"), { actionId: item.id, doneOn: "2026-01-01" }), { groupId: group.id })),
        )
      ).status,
    ).toBe(403);
    const done = await actionsPage.action(
      args(
        postAs(karim.id, u("/actions"), { intent: "action_done", actionId: item.id, doneOn: new Date().toISOString().slice(0, 10), back: `/g/${group.id}` }),
        { groupId: group.id },
      ),
    );
    // The meeting is a month away: done "today" is before the meeting that decided it.
    expect(statusOf(done)).toBe(400);
    expect(JSON.stringify(dataOf(done))).toContain("avant la réunion");
  });

  it("another group's member gets 404 from every page and action", async () => {
    const params = { groupId: group.id, meetingId };
    for (const load of [
      () => meetingPage.loader(args(requestAs(outsider.id, u(`/${meetingId}`)), params)),
      () => runPage.loader(args(requestAs(outsider.id, u(`/${meetingId}/run`)), params)),
      () => minutesPage.loader(args(requestAs(outsider.id, u(`/${meetingId}/minutes`)), params)),
      () => listPage.loader(args(requestAs(outsider.id, u("")), { groupId: group.id })),
      () => registerPage.loader(args(requestAs(outsider.id, u("/decisions")), { groupId: group.id })),
    ])
      expect(thrownResponse(load).status).toBe(404);
    // Their own group in the URL, our meeting's id: still 404.
    const theirs = { groupId: other.id, meetingId };
    expect(thrownResponse(() => meetingPage.loader(args(requestAs(outsider.id, `http://localhost/g/${other.id}/meetings/${meetingId}`), theirs))).status).toBe(
      404,
    );
    expect(
      (
        await thrownResponseAsync(() =>
          meetingPage.action(args(postAs(outsider.id, `http://localhost/g/${other.id}/meetings/${meetingId}`, { intent: "propose", title: "x" }), theirs)),
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await thrownResponseAsync(() =>
          runPage.action(args(postAs(outsider.id, `http://localhost/g/${other.id}/meetings/${meetingId}/run`, { intent: "start" }), theirs)),
        )
      ).status,
    ).toBe(404);
  });
});
