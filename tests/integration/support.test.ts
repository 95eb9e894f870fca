// Support follow-up through its pages' loaders and actions, as a browser without JavaScript uses them:
// only the group's support workers read or write (everyone else: 404), every read leaves a row in the
// access log, bad input is refused with messages and nothing written, and a household sees which
// actions were recorded about it — never the notes, the amounts or who wrote.
import { and, count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~db/client.server";
import {
  households,
  memberships,
  organisationMembers,
  organisations,
  persons,
  supportAccessLog,
  supportActions,
  supportEpisodes,
  supportExitChecks,
  supportPartners,
  supportReferrals,
  users,
} from "~db/schema";
import { createSession, SESSION_COOKIE } from "~/modules/auth/session.server";
import { translateMessage, type Translate } from "~/modules/core/form-reply";
import { getT } from "~/modules/i18n/i18n.server";
import * as homePage from "~/routes/g.$groupId._index";
import * as memberViewPage from "~/routes/g.$groupId.households.$householdId.support";
import * as invitationsPage from "~/routes/g.$groupId.invitations";
import * as listPage from "~/routes/g.$groupId.support._index";
import * as figuresPage from "~/routes/g.$groupId.support.figures";
import * as filePage from "~/routes/g.$groupId.support.households.$householdId._index";
import * as actionsPage from "~/routes/g.$groupId.support.households.$householdId.actions._index";
import * as newActionPage from "~/routes/g.$groupId.support.households.$householdId.actions.new";
import * as newEpisodePage from "~/routes/g.$groupId.support.households.$householdId.episodes.new";
import * as newReferralPage from "~/routes/g.$groupId.support.households.$householdId.referrals.new";
import * as logPage from "~/routes/g.$groupId.support.log";
import * as partnersPage from "~/routes/g.$groupId.support.partners";
import * as referralPage from "~/routes/g.$groupId.support.referrals.$referralId";
import { makeGroup, makeHousehold, makeMember, requestAs, thrownResponse, thrownResponseAsync } from "../fixtures";

const group = makeGroup("Villa Passerelle");
const other = makeGroup("Les Tilleuls");
const h1 = makeHousehold(group.id, "Foyer Stoica");
const h2 = makeHousehold(group.id, "Foyer Diallo");
const lead = makeMember({ groupId: group.id, role: "support_worker" });
const worker = makeMember({ groupId: group.id, role: "support_worker" });
db.update(memberships).set({ supportLead: true }).where(eq(memberships.userId, lead.id)).run();
const resident = makeMember({ groupId: group.id, householdId: h1.id });
const neighbour = makeMember({ groupId: group.id, householdId: h2.id });
const facilitator = makeMember({ groupId: group.id, role: "facilitator" });
const admin = makeMember({ groupId: group.id, role: "group_admin" });
const otherWorker = makeMember({ groupId: other.id, role: "support_worker" });
const operator = db.insert(users).values({ email: "operatrice@exemple.fr", passwordHash: "x", name: "Opératrice", isOperator: true }).returning().get();
const funder = db.insert(organisations).values({ name: "Fondation", kind: "funder" }).returning().get();
const officer = db.insert(users).values({ email: "charge@exemple.fr", passwordHash: "x", name: "Chargée", isOperator: false }).returning().get();
db.insert(organisationMembers).values({ organisationId: funder.id, userId: officer.id, role: "programme_officer" }).run();
const child = db.insert(persons).values({ groupId: group.id, householdId: h1.id, firstName: "Ana", birthYear: 2015 }).returning().get();
const neighbourPerson = db.select().from(persons).where(eq(persons.householdId, h2.id)).get()!;

function postAs(userId: string, url: string, fields: Record<string, string | string[]>) {
  const { token } = createSession(userId);
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
  return new Request(url, { method: "POST", headers: { Cookie: `${SESSION_COOKIE}=${token}`, "Content-Type": "application/x-www-form-urlencoded" }, body });
}
const args = <P extends Record<string, string>>(request: Request, params: P) => ({ request, params, context: {} as never });
const statusOf = (r: unknown) => (r instanceof Response ? r.status : (r as { init?: { status?: number } }).init?.status);
const dataOf = <T>(r: unknown) => (r as { data: T }).data;
const u = (path: string) => `http://localhost/g/${group.id}/support${path}`;
/** What the form shows for a field's messages: each one in the person's words, as the form components put it. */
const shown = (messages: string[] | undefined, lang: "fr" | "en" = "fr") =>
  (messages ?? []).map((m) => translateMessage(getT(lang) as unknown as Translate, m));
const logRows = (userId: string) => db.select().from(supportAccessLog).where(eq(supportAccessLog.userId, userId)).all();
const n = (table: typeof supportActions | typeof supportEpisodes | typeof supportReferrals | typeof supportPartners) =>
  db.select({ n: count() }).from(table).where(eq(table.groupId, group.id)).get()!.n;

// Everything a support worker can open, with the params it needs (filled once the rows exist).
let referralId = "";
type Page = { name: string; loader: (a: ReturnType<typeof args<Record<string, string>>>) => unknown; url: string; params: Record<string, string> };
const pages = (): Page[] => [
  { name: "list", loader: listPage.loader, url: u(""), params: { groupId: group.id } },
  { name: "file", loader: filePage.loader, url: u(`/households/${h1.id}`), params: { groupId: group.id, householdId: h1.id } },
  { name: "actions", loader: actionsPage.loader, url: u(`/households/${h1.id}/actions`), params: { groupId: group.id, householdId: h1.id } },
  { name: "new action", loader: newActionPage.loader, url: u(`/households/${h1.id}/actions/new`), params: { groupId: group.id, householdId: h1.id } },
  { name: "new episode", loader: newEpisodePage.loader, url: u(`/households/${h1.id}/episodes/new`), params: { groupId: group.id, householdId: h1.id } },
  { name: "new referral", loader: newReferralPage.loader, url: u(`/households/${h1.id}/referrals/new`), params: { groupId: group.id, householdId: h1.id } },
  { name: "referral", loader: referralPage.loader, url: u(`/referrals/${referralId}`), params: { groupId: group.id, referralId } },
  { name: "partners", loader: partnersPage.loader, url: u("/partners"), params: { groupId: group.id } },
  { name: "log", loader: logPage.loader, url: u("/log"), params: { groupId: group.id } },
  { name: "figures", loader: figuresPage.loader, url: u("/figures"), params: { groupId: group.id } },
];

describe("support follow-up pages", () => {
  it("starts an episode; a second open one is refused with a message and nothing written", async () => {
    const p = { groupId: group.id, householdId: h1.id };
    const url = u(`/households/${h1.id}/episodes/new`);
    // No goal: 400, the message next to the field, the date typed kept.
    const bad = await newEpisodePage.action(args(postAs(worker.id, url, { startDate: "2025-03-03", entrySituation: "slum_squat" }), p));
    expect(statusOf(bad)).toBe(400);
    expect(dataOf<{ error: Record<string, string[]>; initialValue: Record<string, unknown> }>(bad)).toMatchObject({
      error: { goals: ["support:errors.goals_required"] },
      initialValue: { startDate: "2025-03-03" },
    });
    expect(n(supportEpisodes)).toBe(0);

    const ok = await newEpisodePage.action(
      args(postAs(worker.id, url, { startDate: "2025-03-03", entrySituation: "slum_squat", goals: ["housing", "schooling"] }), p),
    );
    expect(statusOf(ok)).toBe(302);
    expect((ok as Response).headers.get("Location")).toBe(`/g/${group.id}/support/households/${h1.id}?toast=support_episode_started`);
    const again = await newEpisodePage.action(args(postAs(lead.id, url, { startDate: "2025-04-01", entrySituation: "hotel", goals: ["health"] }), p));
    expect(statusOf(again)).toBe(400);
    expect(dataOf<{ error: Record<string, string[]> }>(again).error[""]).toEqual(["support:errors.episode_open"]);
    expect(n(supportEpisodes)).toBe(1);
    // The database refuses a second open episode too, whatever the path.
    expect(() =>
      db
        .insert(supportEpisodes)
        .values({ groupId: group.id, householdId: h1.id, startDate: "2025-05-01", entrySituation: "hotel", goals: ["health"] })
        .run(),
    ).toThrow(/UNIQUE/);
  });

  it("records an interview; bad input is refused next to the fields, values kept, nothing written", async () => {
    const p = { groupId: group.id, householdId: h1.id };
    const url = u(`/households/${h1.id}/actions/new`);
    const bad = await newActionPage.action(
      args(
        postAs(worker.id, url, {
          date: "2025-06-02",
          kind: "individual_interview",
          durationMinutes: "abc",
          note: "Dossier CAF déposé",
          aid: "12x",
          aidSource: "",
        }),
        p,
      ),
    );
    expect(statusOf(bad)).toBe(400);
    const reply = dataOf<{ error: Record<string, string[]>; initialValue: Record<string, unknown> }>(bad);
    expect(reply.error.topics).toEqual(["support:errors.topics_required"]);
    expect(reply.error.durationMinutes).toEqual(["support:errors.duration_invalid"]);
    expect(reply.error.aid).toEqual(["support:errors.amount_invalid"]);
    expect(reply.initialValue).toMatchObject({ note: "Dossier CAF déposé", aid: "12x" });
    // An amount without its source, a date in the future, a person of another household: refused too.
    const noSource = await newActionPage.action(
      args(postAs(worker.id, url, { date: "2025-06-02", kind: "home_visit", topics: "budget", durationMinutes: "30", aid: "150" }), p),
    );
    expect(dataOf<{ error: Record<string, string[]> }>(noSource).error.aidSource).toEqual(["support:errors.aid_source_required"]);
    const future = await newActionPage.action(
      args(postAs(worker.id, url, { date: "2999-01-01", kind: "home_visit", topics: "budget", durationMinutes: "30" }), p),
    );
    expect(dataOf<{ error: Record<string, string[]> }>(future).error.date).toEqual(["support:errors.date_future"]);
    const stranger = await newActionPage.action(
      args(postAs(worker.id, url, { date: "2025-06-02", kind: "home_visit", topics: "budget", durationMinutes: "30", personIds: neighbourPerson.id }), p),
    );
    expect(statusOf(stranger)).toBe(400);
    expect(dataOf<{ error: Record<string, string[]> }>(stranger).error.personIds).toEqual(["support:errors.person_not_in_household"]);
    expect(n(supportActions)).toBe(0);

    const ok = await newActionPage.action(
      args(
        postAs(worker.id, url, {
          date: "2025-06-02",
          kind: "individual_interview",
          topics: ["rights_papers", "schooling"],
          durationMinutes: "45",
          personIds: [child.id],
          note: "Dossier CAF déposé, attestation à réclamer",
          aid: "150,50",
          aidSource: "caf",
          rights: ["health_cover"],
        }),
        p,
      ),
    );
    expect(statusOf(ok)).toBe(302);
    const row = db.select().from(supportActions).where(eq(supportActions.householdId, h1.id)).get()!;
    expect(row).toMatchObject({
      kind: "individual_interview",
      durationMinutes: 45,
      aidCents: 15050,
      aidSource: "caf",
      rightsOpened: ["health_cover"],
      createdBy: worker.id,
    });
    expect(row.episodeId).toBeTruthy();
  });

  it("keeps a partner network and moves a referral forward only, with its outcome to close it", async () => {
    const bad = await partnersPage.action(args(postAs(worker.id, u("/partners"), { name: "", field: "legal" }), { groupId: group.id }));
    expect(statusOf(bad)).toBe(400);
    expect(n(supportPartners)).toBe(0);
    expect(
      statusOf(
        await partnersPage.action(
          args(postAs(worker.id, u("/partners"), { name: "Point-justice", field: "legal", contact: "01 39 98 20 80" }), { groupId: group.id }),
        ),
      ),
    ).toBe(302);
    const partner = db.select().from(supportPartners).where(eq(supportPartners.groupId, group.id)).get()!;
    const dup = await partnersPage.action(args(postAs(worker.id, u("/partners"), { name: "point-justice", field: "legal" }), { groupId: group.id }));
    expect(dataOf<{ error: Record<string, string[]> }>(dup).error.name).toEqual(["support:errors.partner_exists"]);

    const p = { groupId: group.id, householdId: h1.id };
    const sent = await newReferralPage.action(
      args(postAs(worker.id, u(`/households/${h1.id}/referrals/new`), { partnerId: partner.id, date: "2025-07-01" }), p),
    );
    expect(statusOf(sent)).toBe(302);
    referralId = db.select().from(supportReferrals).where(eq(supportReferrals.groupId, group.id)).get()!.id;
    const rp = { groupId: group.id, referralId };
    const url = u(`/referrals/${referralId}`);
    expect(statusOf(await referralPage.action(args(postAs(worker.id, url, { status: "taken_up", date: "2025-07-10" }), rp)))).toBe(302);
    const noOutcome = await referralPage.action(args(postAs(worker.id, url, { status: "closed", date: "2025-09-01", outcomeText: "Rendez-vous tenu" }), rp));
    expect(statusOf(noOutcome)).toBe(400);
    expect(dataOf<{ error: Record<string, string[]>; initialValue: Record<string, unknown> }>(noOutcome)).toMatchObject({
      error: { outcomeKind: ["support:errors.outcome_required"] },
      initialValue: { outcomeText: "Rendez-vous tenu" },
    });
    expect(statusOf(await referralPage.action(args(postAs(worker.id, url, { status: "closed", outcomeKind: "resolved", date: "2025-09-01" }), rp)))).toBe(302);
    const back = await referralPage.action(args(postAs(worker.id, url, { status: "sent", date: "2025-09-02" }), rp));
    expect(dataOf<{ error: Record<string, string[]> }>(back).error.status).toEqual(["support:errors.referral_transition"]);
    expect(db.select().from(supportReferrals).where(eq(supportReferrals.id, referralId)).get()).toMatchObject({
      status: "closed",
      outcomeKind: "resolved",
      closedOn: "2025-09-01",
    });
  });

  it("answers 404 to every other role of the group, an operator, a funder's officer and another group's support worker", async () => {
    const outsiders = { resident, facilitator, admin, operator, officer, otherWorker };
    for (const page of pages()) {
      for (const [who, user] of Object.entries(outsiders)) {
        expect(thrownResponse(() => page.loader(args(requestAs(user.id, page.url), page.params))).status, `${page.name} as ${who}`).toBe(404);
      }
    }
    // Their form posts too: nothing is written.
    const before = n(supportActions);
    for (const user of [resident, facilitator, admin, operator, otherWorker]) {
      const post = postAs(user.id, u(`/households/${h1.id}/actions/new`), { date: "2025-06-03", kind: "home_visit", topics: "health", durationMinutes: "30" });
      expect((await thrownResponseAsync(() => newActionPage.action(args(post, { groupId: group.id, householdId: h1.id })))).status).toBe(404);
    }
    expect(n(supportActions)).toBe(before);
    // Another group's household, even to a support worker of this group.
    const theirs = makeHousehold(other.id);
    expect(thrownResponse(() => filePage.loader(args(requestAs(worker.id), { groupId: group.id, householdId: theirs.id }))).status).toBe(404);
  });

  it("writes one access-log row per read of a support record: who, which household, what", () => {
    db.delete(supportAccessLog).run();
    const file = filePage.loader(args(requestAs(worker.id, u(`/households/${h1.id}`)), { groupId: group.id, householdId: h1.id }));
    expect(file.actions[0].note).toContain("Dossier CAF");
    expect(logRows(worker.id).map((r) => [r.householdId, r.what])).toEqual([[h1.id, "household_file"]]);
    actionsPage.loader(args(requestAs(worker.id), { groupId: group.id, householdId: h1.id }));
    referralPage.loader(args(requestAs(worker.id), { groupId: group.id, referralId }));
    listPage.loader(args(requestAs(worker.id), { groupId: group.id }));
    expect(logRows(worker.id).map((r) => [r.householdId, r.what])).toEqual([
      [h1.id, "household_file"],
      [h1.id, "action_list"],
      [h1.id, "referral"],
      [null, "overview"],
    ]);
    // A refused read leaves no row (and nothing for the facilitator to find).
    thrownResponse(() => filePage.loader(args(requestAs(facilitator.id), { groupId: group.id, householdId: h1.id })));
    expect(logRows(facilitator.id)).toEqual([]);
    // The lead reads the log (that read itself is not a support record); another support worker gets 403.
    const log = logPage.loader(args(requestAs(lead.id, u("/log")), { groupId: group.id }));
    expect(log.entries.slice(0, 4).map((e) => e.what)).toEqual(["overview", "referral", "action_list", "household_file"]);
    expect(log.entries[0]).toMatchObject({ userName: worker.name, householdName: null });
    expect(thrownResponse(() => logPage.loader(args(requestAs(worker.id), { groupId: group.id }))).status).toBe(403);
  });

  it("shows a household's members which actions were recorded — never notes, amounts or who wrote; others get 404", () => {
    const mine = memberViewPage.loader(args(requestAs(resident.id), { groupId: group.id, householdId: h1.id }));
    expect(mine.actions).toEqual([{ id: expect.any(String), date: "2025-06-02", kind: "individual_interview", topics: ["rights_papers", "schooling"] }]);
    const text = JSON.stringify(mine);
    expect(text).not.toContain("Dossier CAF");
    expect(text).not.toContain("15050");
    expect(text).not.toContain(worker.name);
    expect(logRows(resident.id).map((r) => [r.householdId, r.what])).toEqual([[h1.id, "household_view"]]);
    for (const user of [neighbour, facilitator, admin, otherWorker]) {
      expect(thrownResponse(() => memberViewPage.loader(args(requestAs(user.id), { groupId: group.id, householdId: h1.id }))).status).toBe(404);
    }
    // The group's support workers see the same page (what the household sees).
    expect(memberViewPage.loader(args(requestAs(worker.id), { groupId: group.id, householdId: h1.id })).actions).toHaveLength(1);
  });

  it("closes an episode and records the news after a departure (from the households module)", async () => {
    const p = { groupId: group.id, householdId: h1.id };
    const url = u(`/households/${h1.id}`);
    const before = await filePage.action(args(postAs(worker.id, url, { intent: "close", endDate: "2025-01-01", outcome: "goals_met" }), p));
    expect(dataOf<{ result: { error: Record<string, string[]> } }>(before).result.error.endDate).toEqual(["support:errors.end_before_start"]);
    expect(statusOf(await filePage.action(args(postAs(worker.id, url, { intent: "close", endDate: "2025-10-15", outcome: "household_left" }), p)))).toBe(302);
    // Not departed yet: nothing to check.
    const early = await filePage.action(args(postAs(worker.id, url, { intent: "check", milestone: "6", stillHoused: "yes", checkedOn: "2025-11-01" }), p));
    expect(dataOf<{ formId: string; result: { error: Record<string, string[]> } }>(early)).toMatchObject({
      formId: "check-6",
      result: { error: { "": ["support:errors.not_departed"] } },
    });
    db.update(households).set({ departureDate: "2025-10-15", destination: "durable_social_housing" }).where(eq(households.id, h1.id)).run();
    const tooEarly = await filePage.action(args(postAs(worker.id, url, { intent: "check", milestone: "6", stillHoused: "yes", checkedOn: "2025-11-01" }), p));
    expect(dataOf<{ result: { error: Record<string, string[]> } }>(tooEarly).result.error.checkedOn).toEqual(["support:errors.check_too_early"]);
    expect(
      statusOf(await filePage.action(args(postAs(worker.id, url, { intent: "check", milestone: "6", stillHoused: "yes", checkedOn: "2026-04-20" }), p))),
    ).toBe(302);
    expect(
      db
        .select()
        .from(supportExitChecks)
        .where(and(eq(supportExitChecks.householdId, h1.id), eq(supportExitChecks.milestone, 6)))
        .get(),
    ).toMatchObject({
      stillHoused: "yes",
      checkedOn: "2026-04-20",
    });
    const file = filePage.loader(args(requestAs(worker.id), p));
    expect(file.checks).toEqual([
      { milestone: 6, dueDate: "2026-04-15", stillHoused: "yes", checkedOn: "2026-04-20" },
      { milestone: 12, dueDate: "2026-10-15", stillHoused: null, checkedOn: null },
    ]);
    expect(file.household.destination).toBe("durable_social_housing");
  });

  it("lets a group administrator name the support lead; a facilitator may not", async () => {
    const m = db.select().from(memberships).where(eq(memberships.userId, worker.id)).get()!;
    const url = `http://localhost/g/${group.id}/invitations`;
    const ok = await invitationsPage.action(args(postAs(admin.id, url, { intent: "support_lead", membershipId: m.id, lead: "on" }), { groupId: group.id }));
    expect(statusOf(ok)).toBe(302);
    expect(db.select().from(memberships).where(eq(memberships.id, m.id)).get()!.supportLead).toBe(true);
    expect(logPage.loader(args(requestAs(worker.id), { groupId: group.id })).entries.length).toBeGreaterThan(0);
    const refused = await thrownResponseAsync(() =>
      invitationsPage.action(args(postAs(facilitator.id, url, { intent: "support_lead", membershipId: m.id, lead: "off" }), { groupId: group.id })),
    );
    expect(refused.status).toBe(403);
    expect(
      invitationsPage
        .loader(args(requestAs(admin.id), { groupId: group.id }))
        .supportWorkers?.map((w) => w.name)
        .sort(),
    ).toEqual([lead.name, worker.name].sort());
  });

  it("gives a support worker without a household a Home with the way to the support list, and a household the way to its own view", () => {
    const home = homePage.loader(args(requestAs(worker.id), { groupId: group.id }));
    expect(home).toMatchObject({ support: true, exchange: null, household: null });
    // The resident's household left (recorded above): their membership ended with it, so no Home at all (issue 16)…
    expect(thrownResponse(() => homePage.loader(args(requestAs(resident.id), { groupId: group.id }))).status).toBe(404);
    // …while it lived here, a resident whose household has actions recorded got the link to what they may see; a neighbour has none.
    const departure = db.select({ departureDate: households.departureDate }).from(households).where(eq(households.id, h1.id)).get()!.departureDate;
    db.update(households).set({ departureDate: null }).where(eq(households.id, h1.id)).run();
    expect(homePage.loader(args(requestAs(resident.id), { groupId: group.id }))).toMatchObject({ support: false, ownSupport: true });
    db.update(households).set({ departureDate: departure }).where(eq(households.id, h1.id)).run();
    expect(homePage.loader(args(requestAs(neighbour.id), { groupId: group.id }))).toMatchObject({ support: false, ownSupport: false });
  });

  it("refuses what only the module can check next to its field, in the person's words, values kept and nothing written", async () => {
    type Reply = { error: Record<string, string[]>; initialValue: Record<string, unknown> };
    const h3 = makeHousehold(group.id, "Foyer Nguyen");
    const p = { groupId: group.id, householdId: h3.id };
    const episodeUrl = u(`/households/${h3.id}/episodes/new`);
    const fileUrl = u(`/households/${h3.id}`);
    const episodes = n(supportEpisodes);

    // A support that would start in the future.
    const future = await newEpisodePage.action(args(postAs(worker.id, episodeUrl, { startDate: "2999-01-01", entrySituation: "hotel", goals: "housing" }), p));
    expect(statusOf(future)).toBe(400);
    expect(shown(dataOf<Reply>(future).error.startDate)).toEqual(["Cette date est dans le futur."]);
    expect(shown(dataOf<Reply>(future).error.startDate, "en")).toEqual(["This date is in the future."]);
    expect(dataOf<Reply>(future).initialValue).toMatchObject({ startDate: "2999-01-01", entrySituation: "hotel" });
    // Nothing under way to close: a message for the whole close form.
    const nothing = await filePage.action(args(postAs(worker.id, fileUrl, { intent: "close", endDate: "2025-02-01", outcome: "goals_met" }), p));
    expect(statusOf(nothing)).toBe(400);
    expect(dataOf<{ formId: string; result: Reply }>(nothing)).toMatchObject({
      formId: "close",
      result: { error: { "": ["support:errors.no_open_episode"] } },
    });
    expect(shown(dataOf<{ result: Reply }>(nothing).result.error[""])).toEqual(["Ce foyer n'a pas d'accompagnement en cours."]);
    expect(n(supportEpisodes)).toBe(episodes);

    // One support, closed on 1 February; closing it in the future first is refused on the end date.
    expect(
      statusOf(await newEpisodePage.action(args(postAs(worker.id, episodeUrl, { startDate: "2025-01-10", entrySituation: "hotel", goals: "housing" }), p))),
    ).toBe(302);
    const closeFuture = await filePage.action(args(postAs(worker.id, fileUrl, { intent: "close", endDate: "2999-01-01", outcome: "goals_met" }), p));
    expect(dataOf<{ result: Reply }>(closeFuture).result.error.endDate).toEqual(["support:errors.date_future"]);
    expect(db.select().from(supportEpisodes).where(eq(supportEpisodes.householdId, h3.id)).get()!.endDate).toBeNull();
    expect(statusOf(await filePage.action(args(postAs(worker.id, fileUrl, { intent: "close", endDate: "2025-02-01", outcome: "goals_met" }), p)))).toBe(302);
    // A new one may not start before the previous one ended.
    const overlap = await newEpisodePage.action(args(postAs(worker.id, episodeUrl, { startDate: "2025-01-20", entrySituation: "street", goals: "health" }), p));
    expect(statusOf(overlap)).toBe(400);
    expect(dataOf<Reply>(overlap)).toMatchObject({
      error: { startDate: ["support:errors.start_before_previous_end"] },
      initialValue: { startDate: "2025-01-20", entrySituation: "street", goals: "health" },
    });
    expect(shown(dataOf<Reply>(overlap).error.startDate, "en")).toEqual(["The previous support ends after this date."]);
    expect(n(supportEpisodes)).toBe(episodes + 1);

    // After the departure, news dated in the future.
    db.update(households).set({ departureDate: "2025-03-01" }).where(eq(households.id, h3.id)).run();
    const checkFuture = await filePage.action(
      args(postAs(worker.id, fileUrl, { intent: "check", milestone: "12", stillHoused: "yes", checkedOn: "2999-01-01" }), p),
    );
    expect(statusOf(checkFuture)).toBe(400);
    expect(dataOf<{ formId: string; result: Reply }>(checkFuture)).toMatchObject({
      formId: "check-12",
      result: { error: { checkedOn: ["support:errors.date_future"] }, initialValue: { checkedOn: "2999-01-01" } },
    });
    expect(db.select().from(supportExitChecks).where(eq(supportExitChecks.householdId, h3.id)).all()).toEqual([]);

    // A referral to another group's partner, or dated in the future; then moved with a date before it was sent.
    const theirs = db.insert(supportPartners).values({ groupId: other.id, name: "Maison du droit", field: "legal" }).returning().get();
    const ours = db.select().from(supportPartners).where(eq(supportPartners.groupId, group.id)).get()!;
    const referralUrl = u(`/households/${h3.id}/referrals/new`);
    const referrals = n(supportReferrals);
    const foreign = await newReferralPage.action(args(postAs(worker.id, referralUrl, { partnerId: theirs.id, date: "2025-01-15" }), p));
    expect(statusOf(foreign)).toBe(400);
    expect(dataOf<Reply>(foreign)).toMatchObject({ error: { partnerId: ["support:errors.partner_not_found"] }, initialValue: { date: "2025-01-15" } });
    expect(shown(dataOf<Reply>(foreign).error.partnerId)).toEqual(["Choisissez un partenaire de la liste."]);
    const sentLater = await newReferralPage.action(args(postAs(worker.id, referralUrl, { partnerId: ours.id, date: "2999-01-01" }), p));
    expect(dataOf<Reply>(sentLater).error.date).toEqual(["support:errors.date_future"]);
    expect(n(supportReferrals)).toBe(referrals);
    expect(statusOf(await newReferralPage.action(args(postAs(worker.id, referralUrl, { partnerId: ours.id, date: "2025-01-15" }), p)))).toBe(302);
    const id = db.select().from(supportReferrals).where(eq(supportReferrals.householdId, h3.id)).get()!.id;
    const rp = { groupId: group.id, referralId: id };
    const beforeSent = await referralPage.action(args(postAs(worker.id, u(`/referrals/${id}`), { status: "taken_up", date: "2025-01-14" }), rp));
    expect(statusOf(beforeSent)).toBe(400);
    expect(dataOf<Reply>(beforeSent)).toMatchObject({
      error: { date: ["support:errors.before_referral"] },
      initialValue: { status: "taken_up", date: "2025-01-14" },
    });
    expect(shown(dataOf<Reply>(beforeSent).error.date)).toEqual(["Cette date précède l'envoi de l'orientation."]);
    const movedLater = await referralPage.action(args(postAs(worker.id, u(`/referrals/${id}`), { status: "taken_up", date: "2999-01-01" }), rp));
    expect(dataOf<Reply>(movedLater).error.date).toEqual(["support:errors.date_future"]);
    expect(db.select().from(supportReferrals).where(eq(supportReferrals.id, id)).get()).toMatchObject({ status: "sent", closedOn: null });
  });
});
