// Meetings, through the module: a meeting is an event of kind "meeting"; the agenda (propose, accept,
// order), roles, run mode (attendance, the timer's items, decisions, action items), the minutes
// (draft → approved at a later meeting → published) and who sees them, the decisions register, Home,
// the figures on a known dataset, and other groups' 404s and residents' 403s.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~db/client.server";
import {
  auditLog,
  charterVersions,
  eventOccurrences,
  eventSeries,
  meetingActions,
  meetingAgendaItems,
  meetingAttendance,
  meetingDecisions,
  meetings,
  memberships,
  persons,
} from "~db/schema";
import { createDraft, editDraft } from "~/modules/charter/drafts.server";
import { proposeVersion } from "~/modules/charter/versions.server";
import { listOccurrences } from "~/modules/events/calendar.server";
import { addActionItem, listActions, markActionDone } from "~/modules/meetings/actions.server";
import { addDecision, charterChoices, listDecisions, recordDecision } from "~/modules/meetings/decisions.server";
import { approveMinutes, closeRun, getMinutes, publishMinutes, saveMinutes } from "~/modules/meetings/minutes.server";
import { createMeeting, getMeeting, getMeetingsHome } from "~/modules/meetings/meetings.server";
import { getRun, nextItem, setAttendance, startRun } from "~/modules/meetings/run.server";
import { meetingFigures } from "~/modules/meetings/figures.server";
import { moveItem, proposeItem, reviewItem, setRoles } from "~/modules/meetings/agenda.server";
import { ctxFor, makeGroup, makeHousehold, makeMember, thrownResponse } from "../fixtures";
import { scopeForJob } from "~/modules/access/scope.server";

const NOW = Date.parse("2027-03-01T08:00:00Z");
const MIN = 60_000;
const DAY = 86_400_000;

const group = makeGroup("Les Tilleuls");
const other = makeGroup("Villa Passerelle");
const [h1, h2, h3] = [makeHousehold(group.id, "Foyer Marchand"), makeHousehold(group.id, "Foyer Benali"), makeHousehold(group.id, "Foyer Petit")];
const facilitator = makeMember({ groupId: group.id, role: "facilitator" });
const jeanne = makeMember({ groupId: group.id, householdId: h1.id });
const karim = makeMember({ groupId: group.id, householdId: h2.id });
const lea = makeMember({ groupId: group.id, householdId: h3.id });
const outsider = makeMember({ groupId: other.id, householdId: makeHousehold(other.id).id, role: "facilitator" });
const personOf = (userId: string, groupId = group.id) =>
  db
    .select({ personId: memberships.personId })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.groupId, groupId)))
    .get()!.personId!;
const [pJeanne, pKarim, pLea, pOutsider] = [personOf(jeanne.id), personOf(karim.id), personOf(lea.id), personOf(outsider.id, other.id)];
// A child of Jeanne's household: not expected at meetings.
db.insert(persons).values({ groupId: group.id, householdId: h1.id, firstName: "Noé", birthYear: 2019 }).run();

const asF = () => ctxFor(facilitator.id, group.id);
const asJeanne = () => ctxFor(jeanne.id, group.id);
const asKarim = () => ctxFor(karim.id, group.id);
const asOutsider = () => ctxFor(outsider.id, other.id);

function mustOk<T extends { ok: boolean }>(r: T): Extract<T, { ok: true }> {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r)}`);
  return r as Extract<T, { ok: true }>;
}
const countOf = (table: typeof meetingDecisions | typeof meetingActions | typeof meetingAttendance | typeof meetingAgendaItems, meetingId: string) =>
  db.select().from(table).where(eq(table.meetingId, meetingId)).all().length;

async function newMeeting(date: string, title = "Assemblée des habitants") {
  const r = await createMeeting({
    ctx: asF(),
    input: { title, description: "", date, startTime: "18:30", endTime: "20:30", placeText: "Salle commune" },
    now: NOW,
  });
  return mustOk(r).meetingId;
}

describe("meetings", () => {
  let march = "";
  let april = "";

  it("a facilitator creates a meeting: an event of kind meeting in the calendar, its row one to one", async () => {
    march = await newMeeting("2027-03-02", "Assemblée de mars");
    const row = db.select().from(meetings).where(eq(meetings.id, march)).get()!;
    const occ = db
      .select({ kind: eventSeries.kind, groupId: eventOccurrences.groupId })
      .from(eventOccurrences)
      .innerJoin(eventSeries, eq(eventSeries.id, eventOccurrences.seriesId))
      .where(eq(eventOccurrences.id, row.occurrenceId))
      .get()!;
    expect(occ).toEqual({ kind: "meeting", groupId: group.id });
    const cal = listOccurrences({ ctx: asJeanne(), from: NOW, to: NOW + 3 * DAY });
    expect(cal.map((o) => [o.title, o.kind])).toContainEqual(["Assemblée de mars", "meeting"]);
    // A resident may not create one; bad place: the events module's problem, nothing written.
    expect(
      thrownResponse(() =>
        createMeeting({
          ctx: asJeanne(),
          input: { title: "x", description: "", date: "2027-03-09", startTime: "18:30", endTime: "20:30", placeText: "ici" },
          now: NOW,
        }),
      ).status,
    ).toBe(403);
    expect(db.select().from(meetings).all()).toHaveLength(1);
  });

  it("residents propose items; a facilitator accepts, declines and orders them", () => {
    const budget = mustOk(
      proposeItem({ ctx: asJeanne(), meetingId: march, input: { title: "Budget commun", description: "", presenterText: "", plannedMinutes: 10 } }),
    );
    expect(budget.status).toBe("proposed");
    const noise = mustOk(
      proposeItem({
        ctx: asKarim(),
        meetingId: march,
        input: { title: "Bruit le soir", description: "", presenterPersonId: pKarim, presenterText: "", plannedMinutes: 15 },
      }),
    );
    const party = mustOk(
      proposeItem({ ctx: asF(), meetingId: march, input: { title: "Fête des voisins", description: "", presenterText: "Association de quartier" } }),
    );
    expect(party.status).toBe("accepted"); // a facilitator's item goes straight onto the agenda
    // A resident sees the accepted agenda and her own proposal, not her neighbour's.
    expect(getMeeting({ ctx: asJeanne(), meetingId: march }).items.map((i) => i.title)).toEqual(["Fête des voisins", "Budget commun"]);
    // Only facilitators review: 403 for a resident.
    expect(thrownResponse(() => reviewItem({ ctx: asJeanne(), meetingId: march, itemId: budget.itemId, decision: "accept" })).status).toBe(403);
    mustOk(reviewItem({ ctx: asF(), meetingId: march, itemId: budget.itemId, decision: "accept" }));
    mustOk(reviewItem({ ctx: asF(), meetingId: march, itemId: noise.itemId, decision: "accept" }));
    expect(reviewItem({ ctx: asF(), meetingId: march, itemId: noise.itemId, decision: "decline" })).toMatchObject({
      ok: false,
      problems: [{ code: "not_proposed" }],
    });
    const order = () =>
      getMeeting({ ctx: asF(), meetingId: march })
        .items.filter((i) => i.status === "accepted")
        .map((i) => i.title);
    expect(order()).toEqual(["Fête des voisins", "Budget commun", "Bruit le soir"]);
    mustOk(moveItem({ ctx: asF(), meetingId: march, itemId: noise.itemId, direction: "up" }));
    mustOk(moveItem({ ctx: asF(), meetingId: march, itemId: noise.itemId, direction: "up" }));
    mustOk(moveItem({ ctx: asF(), meetingId: march, itemId: noise.itemId, direction: "up" })); // already first: stays
    expect(order()).toEqual(["Bruit le soir", "Fête des voisins", "Budget commun"]);
    expect(thrownResponse(() => moveItem({ ctx: asKarim(), meetingId: march, itemId: noise.itemId, direction: "down" })).status).toBe(403);
    const declined = mustOk(proposeItem({ ctx: asKarim(), meetingId: march, input: { title: "Repeindre la porte", description: "", presenterText: "" } }));
    mustOk(reviewItem({ ctx: asF(), meetingId: march, itemId: declined.itemId, decision: "decline" }));
    expect(getMeeting({ ctx: asF(), meetingId: march }).plannedTotal).toBe(25);
    // An unknown presenter: refused, nothing written.
    const before = countOf(meetingAgendaItems, march);
    expect(
      proposeItem({ ctx: asJeanne(), meetingId: march, input: { title: "X", description: "", presenterPersonId: pOutsider, presenterText: "" } }),
    ).toMatchObject({ ok: false, problems: [{ code: "person_unknown", field: "presenterPersonId" }] });
    expect(countOf(meetingAgendaItems, march)).toBe(before);
  });

  it("roles are persons of the group", () => {
    expect(setRoles({ ctx: asF(), meetingId: march, input: { facilitatorPersonId: pOutsider } })).toMatchObject({
      ok: false,
      problems: [{ code: "person_unknown", field: "facilitatorPersonId" }],
    });
    mustOk(setRoles({ ctx: asF(), meetingId: march, input: { facilitatorPersonId: pKarim, noteTakerPersonId: pJeanne } }));
    const m = getMeeting({ ctx: asJeanne(), meetingId: march });
    expect(m.roles.facilitator?.personId).toBe(pKarim);
    expect(m.roles.noteTaker?.personId).toBe(pJeanne);
    expect(m.roles.timeKeeper).toBeNull();
    expect(thrownResponse(() => setRoles({ ctx: asJeanne(), meetingId: march, input: {} })).status).toBe(403);
  });

  it("attendance: adults expected, proxies to someone present, a bad sheet writes nothing", () => {
    const sheet = getRun({ ctx: asF(), meetingId: march, now: NOW })
      .attendance.map((a) => a.personId)
      .sort();
    expect(sheet).toEqual([pJeanne, pKarim, pLea].sort()); // the child is not expected
    const bad = setAttendance({
      ctx: asF(),
      meetingId: march,
      entries: [
        { personId: pJeanne, status: "present", proxyPersonId: null },
        { personId: pLea, status: "excused", proxyPersonId: pKarim },
      ],
    });
    expect(bad).toMatchObject({ ok: false, problems: [{ code: "proxy_not_present", field: `proxy_${pLea}` }] });
    expect(setAttendance({ ctx: asF(), meetingId: march, entries: [{ personId: pOutsider, status: "present", proxyPersonId: null }] })).toMatchObject({
      ok: false,
      problems: [{ code: "person_unknown" }],
    });
    expect(countOf(meetingAttendance, march)).toBe(0);
    mustOk(
      setAttendance({
        ctx: asF(),
        meetingId: march,
        entries: [
          { personId: pJeanne, status: "present", proxyPersonId: null },
          { personId: pKarim, status: "present", proxyPersonId: null },
          { personId: pLea, status: "excused", proxyPersonId: pJeanne },
        ],
      }),
    );
    expect(getRun({ ctx: asF(), meetingId: march, now: NOW }).counts).toMatchObject({ present: 2, excused: 1, absent: 0, proxies: 1, voices: 3, expected: 3 });
    expect(thrownResponse(() => getRun({ ctx: asJeanne(), meetingId: march })).status).toBe(403);
  });

  it("run mode: start, the timer's item, next item records actual minutes", () => {
    const start = NOW + 1 * DAY + 10 * 3_600_000;
    expect(nextItem({ ctx: asF(), meetingId: march, now: start })).toMatchObject({ ok: false, problems: [{ code: "meeting_not_running" }] });
    mustOk(startRun({ ctx: asF(), meetingId: march, now: start }));
    let run = getRun({ ctx: asF(), meetingId: march, now: start + 30_000 });
    expect(run.current).toMatchObject({ title: "Bruit le soir", startedAt: start, plannedMinutes: 15 });
    expect(run.nextItem?.title).toBe("Fête des voisins");
    mustOk(nextItem({ ctx: asF(), meetingId: march, now: start + 17 * MIN + 20_000 }));
    run = getRun({ ctx: asF(), meetingId: march, now: start + 18 * MIN });
    expect(run.items.find((i) => i.title === "Bruit le soir")?.actualMinutes).toBe(17);
    expect(run.current?.title).toBe("Fête des voisins");
  });

  it("decisions: votes checked against present + proxies; nothing written when refused", () => {
    const input = {
      text: "Acheter une perceuse pour l'atelier",
      method: "majority" as const,
      result: "adopted" as const,
      votesFor: 3,
      votesAgainst: 1,
      votesAbstain: 0,
    };
    expect(addDecision({ ctx: asF(), meetingId: march, input })).toMatchObject({
      ok: false,
      problems: [{ code: "votes_too_many", params: { total: 4, voices: 3 } }],
    });
    expect(addDecision({ ctx: asF(), meetingId: march, input: { ...input, votesAbstain: undefined } })).toMatchObject({
      ok: false,
      problems: [{ code: "votes_required", field: "votesAbstain" }],
    });
    expect(countOf(meetingDecisions, march)).toBe(0);
    mustOk(addDecision({ ctx: asF(), meetingId: march, input: { ...input, votesFor: 2, votesAgainst: 1 } }));
    mustOk(
      addDecision({
        ctx: asF(),
        meetingId: march,
        input: { text: "Éclairage du hall : on attend le bailleur", method: "consent", result: "postponed", votesFor: 9 },
      }),
    );
    const rows = db.select().from(meetingDecisions).where(eq(meetingDecisions.meetingId, march)).all();
    expect(rows.map((r) => [r.method, r.votesFor, r.decidedOn])).toEqual([
      ["majority", 2, "2027-03-02"],
      ["consent", null, "2027-03-02"], // consent carries no counts
    ]);
    expect(thrownResponse(() => addDecision({ ctx: asKarim(), meetingId: march, input })).status).toBe(403);
    expect(db.select().from(auditLog).where(eq(auditLog.entity, "meeting_decision")).all()).toHaveLength(2);
  });

  it("action items: a person of the group, due on or after the meeting; marked done by that person", () => {
    expect(addActionItem({ ctx: asF(), meetingId: march, input: { what: "Relancer le bailleur", personId: pJeanne, dueDate: "2027-03-01" } })).toMatchObject({
      ok: false,
      problems: [{ code: "due_before_meeting", field: "dueDate" }],
    });
    expect(addActionItem({ ctx: asF(), meetingId: march, input: { what: "Relancer le bailleur", personId: pOutsider } })).toMatchObject({
      ok: false,
      problems: [{ code: "person_unknown" }],
    });
    expect(countOf(meetingActions, march)).toBe(0);
    const a = mustOk(addActionItem({ ctx: asF(), meetingId: march, input: { what: "Relancer le bailleur", personId: pJeanne, dueDate: "2027-03-20" } }));
    const b = mustOk(addActionItem({ ctx: asF(), meetingId: march, input: { what: "Acheter la perceuse", personId: pKarim, dueDate: "2027-03-10" } }));
    // Jeanne's Home lists her open item.
    expect(getMeetingsHome({ ctx: asJeanne(), now: NOW }).myActions.map((x) => x.what)).toEqual(["Relancer le bailleur"]);
    // Someone else's item: 403; before the meeting or in the future: refused.
    expect(thrownResponse(() => markActionDone({ ctx: asJeanne(), input: { actionId: b.actionId, doneOn: "2027-03-05" }, now: NOW + 10 * DAY })).status).toBe(
      403,
    );
    expect(markActionDone({ ctx: asJeanne(), input: { actionId: a.actionId, doneOn: "2027-03-01" }, now: NOW + 10 * DAY })).toMatchObject({
      ok: false,
      problems: [{ code: "done_before_created" }],
    });
    expect(markActionDone({ ctx: asJeanne(), input: { actionId: a.actionId, doneOn: "2027-04-30" }, now: NOW + 10 * DAY })).toMatchObject({
      ok: false,
      problems: [{ code: "done_in_future" }],
    });
    mustOk(markActionDone({ ctx: asJeanne(), input: { actionId: a.actionId, doneOn: "2027-03-08" }, now: NOW + 10 * DAY }));
    expect(markActionDone({ ctx: asJeanne(), input: { actionId: a.actionId, doneOn: "2027-03-08" }, now: NOW + 10 * DAY })).toMatchObject({
      ok: false,
      problems: [{ code: "already_done" }],
    });
    expect(getMeetingsHome({ ctx: asJeanne(), now: NOW }).myActions).toEqual([]);
    expect(listActions({ ctx: asF(), now: NOW }).all?.map((x) => x.what)).toEqual(["Acheter la perceuse"]);
  });

  it("closing drafts the minutes; residents see them only once approved at a later meeting and published", async () => {
    mustOk(closeRun({ ctx: asF(), meetingId: march, lang: "fr", now: NOW + 2 * DAY }));
    const draft = getMeeting({ ctx: asF(), meetingId: march }).minutes!;
    expect(draft.status).toBe("draft");
    expect(draft.text).toContain("Acheter une perceuse pour l'atelier");
    expect(draft.text).toContain("Relancer le bailleur");
    expect(draft.text).toContain("Présences");
    // Closed: the record no longer changes.
    expect(proposeItem({ ctx: asJeanne(), meetingId: march, input: { title: "Trop tard", description: "", presenterText: "" } })).toMatchObject({
      ok: false,
      problems: [{ code: "meeting_closed" }],
    });
    // The resident sees neither the draft nor its decisions.
    expect(getMeeting({ ctx: asJeanne(), meetingId: march }).minutes).toBeNull();
    expect(getMinutes({ ctx: asJeanne(), meetingId: march }).minutes).toBeNull();
    expect(listDecisions({ ctx: asJeanne(), filter: {} })).toEqual([]);
    expect(listDecisions({ ctx: asF(), filter: { q: "eclairage" } }).map((d) => d.result)).toEqual(["postponed"]);
    mustOk(saveMinutes({ ctx: asF(), meetingId: march, text: draft.text + "\nMerci à toutes et tous.\n" }));
    // Approved at a later meeting only; published after approval only.
    expect(approveMinutes({ ctx: asF(), meetingId: march, previousId: march })).toMatchObject({ ok: false, problems: [{ code: "minutes_not_earlier" }] });
    expect(publishMinutes({ ctx: asF(), meetingId: march })).toMatchObject({ ok: false, problems: [{ code: "minutes_not_approved" }] });
    april = await newMeeting("2027-04-06", "Assemblée d'avril");
    expect(getMeeting({ ctx: asF(), meetingId: april }).toApprove.map((p) => p.id)).toEqual([march]);
    expect(thrownResponse(() => approveMinutes({ ctx: asJeanne(), meetingId: april, previousId: march })).status).toBe(403);
    mustOk(approveMinutes({ ctx: asF(), meetingId: april, previousId: march, now: NOW + 36 * DAY }));
    expect(saveMinutes({ ctx: asF(), meetingId: march, text: "changé" })).toMatchObject({ ok: false, problems: [{ code: "minutes_not_draft" }] });
    expect(getMeeting({ ctx: asJeanne(), meetingId: march }).minutes).toBeNull();
    mustOk(publishMinutes({ ctx: asF(), meetingId: march }));
    const seen = getMinutes({ ctx: asJeanne(), meetingId: march }).minutes!;
    expect(seen).toMatchObject({ status: "published", approvedIn: { id: april, date: "2027-04-06" } });
    expect(seen.text).toContain("Merci à toutes et tous.");
    expect(getMeeting({ ctx: asJeanne(), meetingId: april }).approvedHere.map((p) => p.id)).toEqual([march]);
    expect(listDecisions({ ctx: asJeanne(), filter: { q: "PERCEUSE" } }).map((d) => d.text)).toEqual(["Acheter une perceuse pour l'atelier"]);
    expect(listDecisions({ ctx: asJeanne(), filter: { result: "rejected" } })).toEqual([]);
    expect(getMeetingsHome({ ctx: asJeanne(), now: NOW + 3 * DAY }).next?.id).toBe(april);
  });

  it("another group's member gets 404 for every meeting, read or write", () => {
    for (const fn of [
      () => getMeeting({ ctx: asOutsider(), meetingId: march }),
      () => getMinutes({ ctx: asOutsider(), meetingId: march }),
      () => getRun({ ctx: asOutsider(), meetingId: april }),
      () => proposeItem({ ctx: asOutsider(), meetingId: april, input: { title: "x", description: "", presenterText: "" } }),
      () => setAttendance({ ctx: asOutsider(), meetingId: april, entries: [] }),
      () => startRun({ ctx: asOutsider(), meetingId: april }),
      () => approveMinutes({ ctx: asOutsider(), meetingId: april, previousId: march }),
    ])
      expect(thrownResponse(fn).status).toBe(404);
    const action = db.select().from(meetingActions).where(eq(meetingActions.meetingId, march)).get()!;
    expect(thrownResponse(() => markActionDone({ ctx: asOutsider(), input: { actionId: action.id, doneOn: "2027-03-05" } })).status).toBe(404);
    expect(listDecisions({ ctx: asOutsider(), filter: {} })).toEqual([]);
  });

  it("SQLite refuses a meeting on another group's occurrence, and rows of another group (migration triggers)", () => {
    const occurrenceId = db.select().from(meetings).where(eq(meetings.id, march)).get()!.occurrenceId;
    expect(() => db.insert(meetings).values({ groupId: other.id, occurrenceId }).run()).toThrow(/meeting_occurrence/);
    expect(() =>
      db
        .insert(meetingDecisions)
        .values({ groupId: other.id, meetingId: march, text: "x", method: "consent", result: "adopted", decidedOn: "2027-03-02" })
        .run(),
    ).toThrow(/meeting_group/);
    expect(() =>
      db.insert(meetingActions).values({ groupId: group.id, meetingId: march, what: "x", personId: pOutsider, createdOn: "2027-03-02" }).run(),
    ).toThrow(/meeting_group/);
  });
});

describe("figures on a known dataset", () => {
  const g = makeGroup("Figures");
  const hh = [0, 1, 2, 3].map((i) => makeHousehold(g.id, `F${i}`));
  const f = makeMember({ groupId: g.id, role: "facilitator" });
  const people = hh.map((h) => makeMember({ groupId: g.id, householdId: h.id }));
  const pids = people.map((u) => personOf(u.id, g.id));
  const ctx = () => ctxFor(f.id, g.id);

  it("counts held meetings, attendance, decisions and action items as defined", async () => {
    const make = async (date: string) =>
      mustOk(
        await createMeeting({ ctx: ctx(), input: { title: "AG", description: "", date, startTime: "18:30", endTime: "20:00", placeText: "Salle" }, now: NOW }),
      ).meetingId;
    const a = await make("2027-03-02"); // closed: held
    const b = await make("2027-03-09"); // attendance, date passed (in April), not closed: held
    const c = await make("2027-03-16"); // nothing recorded: not held
    const d = await make("2027-05-04"); // outside the period
    // a: 3 present + 1 proxy out of 4 adults; b: 1 present out of 4.
    mustOk(
      setAttendance({
        ctx: ctx(),
        meetingId: a,
        entries: [
          ...[0, 1, 2].map((i) => ({ personId: pids[i], status: "present" as const, proxyPersonId: null as string | null })),
          { personId: pids[3], status: "excused" as const, proxyPersonId: pids[0] },
        ],
      }),
    );
    mustOk(
      setAttendance({
        ctx: ctx(),
        meetingId: b,
        entries: [
          { personId: pids[0], status: "present", proxyPersonId: null },
          { personId: pids[1], status: "absent", proxyPersonId: null },
        ],
      }),
    );
    mustOk(
      addDecision({ ctx: ctx(), meetingId: a, input: { text: "Oui", method: "majority", result: "adopted", votesFor: 3, votesAgainst: 1, votesAbstain: 0 } }),
    );
    mustOk(addDecision({ ctx: ctx(), meetingId: a, input: { text: "Non", method: "consensus", result: "rejected" } }));
    mustOk(addDecision({ ctx: ctx(), meetingId: b, input: { text: "Plus tard", method: "consent", result: "postponed" } }));
    const act = (meetingId: string, dueDate: string | undefined) =>
      mustOk(addActionItem({ ctx: ctx(), meetingId, input: { what: "Faire", personId: pids[0], dueDate } })).actionId;
    const onTime = act(a, "2027-03-20");
    const late = act(a, "2027-03-10");
    act(b, "2027-03-25"); // open
    const doneAfter = act(b, "2027-03-28"); // done in April: open at the end of March
    act(d, "2027-05-20"); // due outside the period
    const later = NOW + 60 * DAY;
    mustOk(markActionDone({ ctx: ctx(), input: { actionId: onTime, doneOn: "2027-03-15" }, now: later }));
    mustOk(markActionDone({ ctx: ctx(), input: { actionId: late, doneOn: "2027-03-12" }, now: later }));
    mustOk(markActionDone({ ctx: ctx(), input: { actionId: doneAfter, doneOn: "2027-04-02" }, now: later }));
    mustOk(closeRun({ ctx: ctx(), meetingId: a, lang: "en", now: NOW + DAY }));
    void c;
    const figures = meetingFigures({ scope: scopeForJob(g.id), from: "2027-03-01", to: "2027-03-31", now: Date.parse("2027-04-10T10:00:00Z") });
    expect(figures).toEqual({
      meetingsHeld: 2,
      attendanceRate: 5 / 8,
      attendees: 5,
      expected: 8,
      decisions: { adopted: 1, rejected: 1, postponed: 1 },
      actionItems: { due: 4, doneOnTime: 1, doneLate: 1, open: 2 },
    });
    // Before b's date has passed, only the closed meeting is held.
    expect(meetingFigures({ scope: scopeForJob(g.id), from: "2027-03-01", to: "2027-03-31", now: Date.parse("2027-03-05T10:00:00Z") })).toMatchObject({
      meetingsHeld: 1,
      attendanceRate: 1,
      attendees: 4,
      expected: 4,
    });
    // Another group: nothing.
    expect(meetingFigures({ scope: scopeForJob(other.id), from: "2027-03-01", to: "2027-03-31" })).toMatchObject({
      meetingsHeld: 0,
      attendanceRate: null,
      decisions: { adopted: 0, rejected: 0, postponed: 0 },
    });
  });
});

describe("a decision that adopts a proposed charter version", () => {
  const g = makeGroup("Charte");
  const f = makeMember({ groupId: g.id, role: "facilitator" });
  const resident = makeMember({ groupId: g.id, householdId: makeHousehold(g.id).id });
  const ctx = () => ctxFor(f.id, g.id);

  it("adopts it through the charter module, dated the meeting's day; refused by the charter: the decision is taken back", async () => {
    const draft = mustOk(createDraft({ ctx: ctx(), now: NOW - 10 * DAY }));
    mustOk(editDraft({ ctx: ctx(), versionId: draft.id, input: { intent: "add", title: "La salle commune", body: "Ouverte à tous jusqu'à 22 h." } }));
    mustOk(proposeVersion({ ctx: ctx(), versionId: draft.id, now: NOW - 9 * DAY }));
    const meetingId = mustOk(
      await createMeeting({
        ctx: ctx(),
        input: { title: "AG", description: "", date: "2027-03-02", startTime: "18:30", endTime: "20:00", placeText: "Salle" },
        now: NOW,
      }),
    ).meetingId;
    expect(charterChoices({ ctx: ctx() }).map((v) => v.id)).toEqual([draft.id]);
    const input = { text: "La charte version 1 est adoptée", method: "consensus" as const, result: "adopted" as const, charterVersionId: draft.id };
    expect(recordDecision({ ctx: ctx(), meetingId, input: { ...input, charterVersionId: "inconnue" }, now: NOW + 2 * DAY })).toMatchObject({
      ok: false,
      problems: [{ code: "charter_version_unknown" }],
    });
    // The meeting's day is still ahead: the charter refuses an adoption in the future, the decision goes.
    const early = recordDecision({ ctx: ctx(), meetingId, input, now: NOW });
    expect(early).toMatchObject({ ok: false, problems: [{ ns: "charter", code: "date_in_future", field: null }] });
    expect(countOf(meetingDecisions, meetingId)).toBe(0);
    const ok = mustOk(recordDecision({ ctx: ctx(), meetingId, input, now: NOW + 2 * DAY }));
    const version = db.select().from(charterVersions).where(eq(charterVersions.id, draft.id)).get()!;
    expect(version).toMatchObject({ status: "adopted", adoptedOn: "2027-03-02", adoptedDecisionId: ok.decisionId });
    expect(thrownResponse(() => recordDecision({ ctx: ctxFor(resident.id, g.id), meetingId, input })).status).toBe(403);
  });
});
