// A person's own data: the JSON export holds their rows from every capability and nobody else's; deleting the
// account anonymises them everywhere, ends their access, and leaves every figure of the group unchanged.
import { getTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~db/client.server";
import * as schema from "~db/schema";
import {
  auditLog,
  bookings,
  charterComments,
  charterSignatures,
  charterVersions,
  eventOccurrences,
  eventSeries,
  eventSignups,
  exchangePosts,
  exchanges,
  meetingActions,
  meetingAgendaItems,
  meetingAttendance,
  meetingDecisions,
  meetings,
  memberships,
  persons,
  spaces,
  supportActions,
  surveyRespondents,
  surveys,
  timeMovements,
  users,
} from "~db/schema";
import { EXPORT_PLAN, NOT_EXPORTED, isPersonalColumn } from "~/modules/account/plan";
import { deleteAccount } from "~/modules/account/personal-data.server";
import { login } from "~/modules/auth/accounts.server";
import { createSession, SESSION_COOKIE } from "~/modules/auth/session.server";
import { bookingFigures } from "~/modules/bookings/figures.server";
import { charterFigures } from "~/modules/charter/figures.server";
import { computeGroupIndicators } from "~/modules/evaluation/indicators.server";
import { eventFigures } from "~/modules/events/figures.server";
import { exchangeFigures } from "~/modules/exchange/figures.server";
import { meetingFigures } from "~/modules/meetings/figures.server";
import * as dataRoute from "~/routes/account.data";
import * as deleteRoute from "~/routes/account_.delete";
import { TEST_PASSWORD, makeGroup, makeHousehold, makeMember, requestAs } from "../fixtures";
import { scopeForJob } from "~/modules/access/scope.server";

const EMAIL = "zephyrine.quatremare@exemple.fr";
const FIRST = "Zéphyrine";
const LAST = "Quatremare";
const OTHER_LAST = "Lemarchand";

const group = makeGroup("Les Glycines");
const hZ = makeHousehold(group.id, `Famille ${LAST}`);
const hO = makeHousehold(group.id, `Famille ${OTHER_LAST}`);
makeMember({ groupId: group.id, role: "group_admin" });
makeMember({ groupId: group.id, role: "facilitator" });
const zephyrine = makeMember({ groupId: group.id, householdId: hZ.id, email: EMAIL });
const octave = makeMember({ groupId: group.id, householdId: hO.id, email: "octave.lemarchand@exemple.fr" });
db.update(users)
  .set({ name: `${FIRST} ${LAST}`, phone: "0611223344" })
  .where(eq(users.id, zephyrine.id))
  .run();
db.update(users)
  .set({ name: `Octave ${OTHER_LAST}` })
  .where(eq(users.id, octave.id))
  .run();
db.update(persons)
  .set({ firstName: FIRST, lastName: LAST, birthYear: 1948, tags: ["senior"] as never })
  .where(eq(persons.userId, zephyrine.id))
  .run();
db.update(persons).set({ firstName: "Octave", lastName: OTHER_LAST, birthYear: 1990 }).where(eq(persons.userId, octave.id)).run();
const pZ = db.select().from(persons).where(eq(persons.userId, zephyrine.id)).get()!.id;
const pO = db.select().from(persons).where(eq(persons.userId, octave.id)).get()!.id;
const mZ = db.select().from(memberships).where(eq(memberships.userId, zephyrine.id)).get()!.id;
const mO = db.select().from(memberships).where(eq(memberships.userId, octave.id)).get()!.id;

// One row of each capability for each of the two residents.
const space = db.insert(spaces).values({ groupId: group.id, name: "Salle commune", kind: "common_room" }).returning().get();
const at = (d: string) => new Date(`${d}T10:00:00Z`);
function booking(householdId: string, userId: string, day: string) {
  return db
    .insert(bookings)
    .values({
      groupId: group.id,
      spaceId: space.id,
      householdId,
      createdBy: userId,
      startsAt: at(day),
      endsAt: new Date(at(day).getTime() + 3600_000),
      blockStart: at(day),
      blockEnd: new Date(at(day).getTime() + 3600_000),
      status: "confirmed",
      purpose: `Anniversaire de ${FIRST} ${LAST}`,
    })
    .returning()
    .get();
}
const bZ = booking(hZ.id, zephyrine.id, "2026-03-10");
const bO = booking(hO.id, octave.id, "2026-03-11");
if (bO) db.update(bookings).set({ purpose: "Réunion de famille" }).where(eq(bookings.id, bO.id)).run();

function series(kind: "shared_meal" | "meeting", title: string) {
  return db
    .insert(eventSeries)
    .values({
      groupId: group.id,
      kind,
      title,
      startDate: "2026-03-05",
      startTime: "19:00",
      durationMinutes: 120,
      timeZone: "Europe/Paris",
      materialisedUntil: "2026-03-05",
    })
    .returning()
    .get();
}
const meal = series("shared_meal", "Repas partagé");
const mealOcc = db
  .insert(eventOccurrences)
  .values({
    groupId: group.id,
    seriesId: meal.id,
    originalStartsAt: at("2026-03-05"),
    startsAt: at("2026-03-05"),
    endsAt: new Date(at("2026-03-05").getTime() + 7200_000),
  })
  .returning()
  .get();
const sZ = db
  .insert(eventSignups)
  .values({ groupId: group.id, occurrenceId: mealOcc.id, householdId: hZ.id, adults: 1, status: "confirmed", createdBy: zephyrine.id })
  .returning()
  .get();
const sO = db
  .insert(eventSignups)
  .values({ groupId: group.id, occurrenceId: mealOcc.id, householdId: hO.id, adults: 2, status: "confirmed", createdBy: octave.id })
  .returning()
  .get();

const postZ = db
  .insert(exchangePosts)
  .values({
    groupId: group.id,
    kind: "offer",
    title: "Cours de tricot",
    category: "other" as never,
    description: `${FIRST} ${LAST}, appartement 3, appelez le 0611223344`,
    personId: pZ,
    householdId: hZ.id,
    createdBy: zephyrine.id,
  })
  .returning()
  .get();
const postO = db
  .insert(exchangePosts)
  .values({
    groupId: group.id,
    kind: "request",
    title: "Aide au jardin",
    category: "other" as never,
    description: "Le samedi matin",
    personId: pO,
    householdId: hO.id,
    createdBy: octave.id,
  })
  .returning()
  .get();
const ex = db
  .insert(exchanges)
  .values({
    groupId: group.id,
    postId: postZ.id,
    giverHouseholdId: hZ.id,
    receiverHouseholdId: hO.id,
    giverPersonId: pZ,
    receiverPersonId: pO,
    openedByHouseholdId: hO.id,
    status: "done",
    minutes: 60,
    message: "Bonjour",
    thanks: `Merci ${FIRST} ${LAST} !`,
  })
  .returning()
  .get();
db.insert(timeMovements)
  .values([
    { groupId: group.id, exchangeId: ex.id, householdId: hZ.id, minutes: 60 },
    { groupId: group.id, exchangeId: ex.id, householdId: hO.id, minutes: -60 },
  ])
  .run();

const charter = db
  .insert(charterVersions)
  .values({ groupId: group.id, number: 1, title: "Charte", status: "adopted", adoptedOn: "2026-01-10" } as never)
  .returning()
  .get();
const commentZ = db
  .insert(charterComments)
  .values({
    groupId: group.id,
    versionId: charter.id,
    articleKey: "a1",
    userId: zephyrine.id,
    personId: pZ,
    body: `Moi, ${FIRST} ${LAST}, je propose…`,
  } as never)
  .returning()
  .get();
db.insert(charterComments)
  .values({ groupId: group.id, versionId: charter.id, articleKey: "a1", userId: octave.id, personId: pO, body: "D'accord." } as never)
  .run();
db.insert(charterSignatures)
  .values([
    { groupId: group.id, versionId: charter.id, personId: pZ, method: "online", signedOn: "2026-01-12", userId: zephyrine.id },
    { groupId: group.id, versionId: charter.id, personId: pO, method: "online", signedOn: "2026-01-13", userId: octave.id },
  ] as never)
  .run();

const meetingSeries = series("meeting", "Réunion de mars");
const meetingOcc = db
  .insert(eventOccurrences)
  .values({
    groupId: group.id,
    seriesId: meetingSeries.id,
    originalStartsAt: at("2026-03-20"),
    startsAt: at("2026-03-20"),
    endsAt: new Date(at("2026-03-20").getTime() + 7200_000),
  })
  .returning()
  .get();
const meeting = db.insert(meetings).values({ groupId: group.id, occurrenceId: meetingOcc.id, facilitatorPersonId: pZ }).returning().get();
const itemZ = db
  .insert(meetingAgendaItems)
  .values({
    groupId: group.id,
    meetingId: meeting.id,
    title: "Le potager",
    description: `Proposé par ${FIRST} ${LAST}`,
    presenterPersonId: pZ,
    proposedBy: zephyrine.id,
    plannedMinutes: 10,
  } as never)
  .returning()
  .get();
const itemO = db
  .insert(meetingAgendaItems)
  .values({ groupId: group.id, meetingId: meeting.id, title: "Les vélos", presenterPersonId: pO, proposedBy: octave.id, plannedMinutes: 10 } as never)
  .returning()
  .get();
const decisionZ = db
  .insert(meetingDecisions)
  .values({
    groupId: group.id,
    meetingId: meeting.id,
    agendaItemId: itemZ.id,
    text: "Un potager partagé",
    method: "consent",
    result: "adopted",
    decidedOn: "2026-03-20",
  })
  .returning()
  .get();
db.insert(meetingDecisions)
  .values({
    groupId: group.id,
    meetingId: meeting.id,
    agendaItemId: itemO.id,
    text: "Un abri à vélos",
    method: "consent",
    result: "adopted",
    decidedOn: "2026-03-20",
  })
  .run();
db.insert(meetingAttendance)
  .values([
    { groupId: group.id, meetingId: meeting.id, personId: pZ, status: "present" },
    { groupId: group.id, meetingId: meeting.id, personId: pO, status: "present" },
  ] as never)
  .run();
const actionZ = db
  .insert(meetingActions)
  .values({ groupId: group.id, meetingId: meeting.id, what: "Acheter des graines", personId: pZ, createdOn: "2026-03-20" })
  .returning()
  .get();

const supportZ = db
  .insert(supportActions)
  .values({
    groupId: group.id,
    householdId: hZ.id,
    date: "2026-02-01",
    kind: "interview" as never,
    topics: ["housing"] as never,
    durationMinutes: 30,
    note: `Note du travailleur social sur ${FIRST} ${LAST}`,
  })
  .returning()
  .get();
const survey = db.insert(surveys).values({ groupId: group.id, title: "Questionnaire 2026", opensOn: "2026-02-01", closesOn: "2026-02-28" }).returning().get();
db.insert(surveyRespondents)
  .values([
    { surveyId: survey.id, groupId: group.id, membershipId: mZ },
    { surveyId: survey.id, groupId: group.id, membershipId: mO },
  ])
  .run();
db.insert(auditLog)
  .values({ groupId: group.id, userId: zephyrine.id, action: "create", entity: "booking", entityId: bZ.id, details: { by: `${FIRST} ${LAST}`, email: EMAIL } })
  .run();
db.insert(auditLog).values({ groupId: group.id, userId: octave.id, action: "create", entity: "booking", entityId: bO.id }).run();

const args = (request: Request) => ({ request, params: {}, context: {} as never });
function postAs(userId: string, fields: Record<string, string>) {
  const { token } = createSession(userId);
  return new Request("http://localhost/account/delete", {
    method: "POST",
    headers: { Cookie: `${SESSION_COOKIE}=${token}`, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
  });
}
const statusOf = (r: unknown) => (r instanceof Response ? r.status : (r as { init?: { status?: number } }).init?.status);
const dataOf = <T>(r: unknown) => (r as { data: T }).data;

function figures() {
  const range = { scope: scopeForJob(group.id), from: "2026-01-01", to: "2026-12-31" };
  const count = (table: string) => (db.$client.prepare(`select count(*) as n from ${table} where group_id = ?`).get(group.id) as { n: number }).n;
  return {
    households: count("households"),
    persons: count("persons"),
    events: eventFigures({ ...range, now: Date.parse("2026-12-31T12:00:00Z") }),
    exchange: exchangeFigures(range),
    bookings: bookingFigures(range),
    charter: charterFigures({ scope: scopeForJob(group.id), at: "2026-06-30" }),
    meetings: meetingFigures({ ...range, now: Date.parse("2026-12-31T12:00:00Z") }),
    indicators: computeGroupIndicators({ ...range, now: Date.parse("2027-01-15T12:00:00Z") }),
  };
}

/** Every text cell of every table, with where it is. */
function allText(): { where: string; value: string }[] {
  const out: { where: string; value: string }[] = [];
  const tables = db.$client.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'").all() as { name: string }[];
  for (const { name } of tables) {
    const rows = db.$client.prepare(`select * from "${name}"`).all() as Record<string, unknown>[];
    for (const row of rows) for (const [k, v] of Object.entries(row)) if (typeof v === "string") out.push({ where: `${name}.${k}`, value: v });
  }
  return out;
}

/** The download as an English reader gets it: the plan's keys as they are; dates written out (issue 17). */
function inEnglish(request: Request) {
  request.headers.set("Accept-Language", "en");
  return request;
}

describe("personal data export", () => {
  it("covers every table that names a user, a person or a household, or says why not", () => {
    const exported = new Set(EXPORT_PLAN.map((s) => s.table));
    const forgotten: string[] = [];
    for (const value of Object.values(schema)) {
      if (!(value instanceof SQLiteTable)) continue;
      const config = getTableConfig(value);
      if (!config.columns.some((c) => isPersonalColumn(c.name))) continue;
      if (!exported.has(config.name) && !(config.name in NOT_EXPORTED)) forgotten.push(config.name);
    }
    expect(forgotten, "tables neither exported nor listed in NOT_EXPORTED").toEqual([]);
    // The walk finds the tables it should: a broken predicate would make the check above pass vacuously.
    expect(exported.has("persons") && exported.has("bookings") && "support_episodes" in NOT_EXPORTED).toBe(true);
  });

  it("downloads her rows from each capability and nobody else's, never a password or token hash", async () => {
    const response = await dataRoute.loader(args(inEnglish(requestAs(zephyrine.id, "http://localhost/account/data"))));
    expect(response.headers.get("Content-Type")).toMatch(/^application\/json/);
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="maisonnee-mes-donnees-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const text = await response.text();
    const data = JSON.parse(text) as Record<string, unknown> & { about: { format: string }; account: Record<string, unknown> };
    expect(data.about.format).toBe("maisonnee-personal-data");
    expect(data.account).toMatchObject({ id: zephyrine.id, email: EMAIL, name: `${FIRST} ${LAST}`, phone: "0611223344" });
    const ids = (section: string, key = "id") => (data[section] as Record<string, unknown>[]).map((r) => r[key]);
    expect(ids("persons")).toEqual([pZ]);
    expect(ids("households")).toEqual([hZ.id]);
    expect(ids("memberships")).toEqual([mZ]);
    expect(ids("bookings")).toEqual([bZ.id]);
    expect(ids("event_signups")).toEqual([sZ.id]);
    expect(ids("exchange_posts")).toEqual([postZ.id]);
    expect(ids("exchanges")).toEqual([ex.id]);
    expect((data.time_bank as { minutes: number }[]).map((r) => r.minutes)).toEqual([60]);
    expect(ids("charter_comments")).toEqual([commentZ.id]);
    expect((data.charter_signatures as { person_id: string }[]).map((r) => r.person_id)).toEqual([pZ]);
    expect((data.meeting_attendance as { person_id: string }[]).map((r) => r.person_id)).toEqual([pZ]);
    expect(ids("meeting_agenda_items")).toEqual([itemZ.id]);
    expect(ids("meeting_decisions_presented")).toEqual([decisionZ.id]);
    expect(ids("meeting_actions")).toEqual([actionZ.id]);
    expect(data.meeting_roles).toEqual([expect.objectContaining({ id: meeting.id, facilitator: "yes", note_taker: "no" })]);
    expect(data.support_actions).toEqual([
      { id: supportZ.id, group_id: group.id, household_id: hZ.id, date: "1 February 2026", kind: "interview", topics: ["housing"] },
    ]);
    expect(data.surveys_answered).toEqual([expect.objectContaining({ survey_id: survey.id, title: "Questionnaire 2026" })]);
    expect((data.audit_entries as { entity_id: string }[]).map((r) => r.entity_id)).toContain(bZ.id);
    expect((data.audit_entries as { entity_id: string }[]).map((r) => r.entity_id)).not.toContain(bO.id);
    expect((data.sessions as unknown[]).length).toBeGreaterThan(0);

    // Nothing of Octave's: not his person, household, posts, signup, booking; no secret of anyone.
    // (The exchange they shared names his household and person by id, as the exchange page does.)
    for (const foreign of [mO, bO.id, sO.id, postO.id, itemO.id, octave.id, "octave.lemarchand", OTHER_LAST, "Réunion de famille", "D'accord."])
      expect(text).not.toContain(foreign);
    expect(text).not.toContain("$argon2");
    expect(text).not.toMatch(/password_hash"\s*:|token_hash"\s*:/);
    expect(text).not.toContain("Note du travailleur social");
    const sessionIds = (db.$client.prepare("select id from sessions where user_id = ?").all(zephyrine.id) as { id: string }[]).map((r) => r.id);
    for (const id of sessionIds) expect(text).not.toContain(id);
  });

  it("takes no id: anyone gets only their own data, a visitor nothing", async () => {
    const response = await dataRoute.loader(args(inEnglish(requestAs(octave.id, `http://localhost/account/data?userId=${zephyrine.id}`))));
    const text = await response.text();
    expect(text).toContain(octave.id);
    expect(text).not.toContain(EMAIL);
    expect(text).not.toContain("0611223344");
    // A shared exchange names her person by its id only; her person and household rows are not his.
    const octaveData = JSON.parse(text) as { persons: { id: string }[]; households: { id: string }[] };
    expect(octaveData.persons.map((p) => p.id)).toEqual([pO]);
    expect(octaveData.households.map((h) => h.id)).toEqual([hO.id]);
    let thrown: unknown;
    try {
      dataRoute.loader(args(requestAs(null, "http://localhost/account/data")));
    } catch (e) {
      thrown = e;
    }
    expect(thrown instanceof Response && [302, 303].includes(thrown.status)).toBe(true);
  });
});

describe("deleting one's account", () => {
  it("refuses a wrong confirmation or password next to the field, writing nothing", async () => {
    const badWord = await deleteRoute.action(args(postAs(zephyrine.id, { password: TEST_PASSWORD, confirm: "oui" })));
    expect(statusOf(badWord)).toBe(400);
    const reply = dataOf<{ result: { error: Record<string, string[]>; initialValue: Record<string, string> } }>(badWord).result;
    expect(reply.error.confirm, "the schema refuses it: a key, put into words where it is shown").toEqual(["auth:errors.delete_confirm_mismatch"]);
    expect(reply.initialValue.confirm).toBe("oui");
    expect(reply.initialValue.password, "the password is never sent back").toBeUndefined();

    const badPassword = await deleteRoute.action(args(postAs(zephyrine.id, { password: "pas le bon", confirm: "supprimer" })));
    expect(statusOf(badPassword)).toBe(400);
    expect(dataOf<{ result: { error: Record<string, string[]> } }>(badPassword).result.error.password).toEqual(["Le mot de passe actuel n'est pas le bon."]);
    expect(db.select().from(users).where(eq(users.id, zephyrine.id)).get()!.email).toBe(EMAIL);
    expect(db.select().from(persons).where(eq(persons.id, pZ)).get()!.firstName).toBe(FIRST);
    expect(db.select().from(memberships).where(eq(memberships.userId, zephyrine.id)).all()).toHaveLength(1);
    expect((await login({ email: EMAIL, password: TEST_PASSWORD, ip: null })).ok).toBe(true);
  });

  it("refuses the only administrator of a group and the operator, with a clear message", async () => {
    const lone = makeGroup("Le Verger");
    const loneAdmin = makeMember({ groupId: lone.id, role: "group_admin" });
    const result = await deleteAccount({ userId: loneAdmin.id, password: TEST_PASSWORD, confirm: "SUPPRIMER" });
    expect(result).toEqual({ ok: false, problems: [{ code: "delete_only_admin", field: null, params: {} }] });
    const page = await deleteRoute.loader(args(requestAs(loneAdmin.id, "http://localhost/account/delete")));
    expect(page.blocker).toBe("Vous êtes le ou la seule administrateur·rice d'un collectif : nommez d'abord quelqu'un d'autre administrateur·rice.");
    const operator = makeMember({ groupId: lone.id, role: "resident" });
    db.update(users).set({ isOperator: true }).where(eq(users.id, operator.id)).run();
    expect(await deleteAccount({ userId: operator.id, password: TEST_PASSWORD, confirm: "DELETE" })).toMatchObject({
      ok: false,
      problems: [{ code: "delete_operator", field: null }],
    });
    expect(db.select().from(users).where(eq(users.id, loneAdmin.id)).get()!.name).not.toBe("Ancien·ne membre");
  });

  it("two last administrators deleting at the same moment: one goes, the other is refused", async () => {
    const pair = makeGroup("Les Saules");
    const a = makeMember({ groupId: pair.id, role: "group_admin" });
    const b = makeMember({ groupId: pair.id, role: "group_admin" });
    const results = await Promise.all([a, b].map((u) => deleteAccount({ userId: u.id, password: TEST_PASSWORD, confirm: "SUPPRIMER" })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, problems: [{ code: "delete_only_admin", field: null, params: {} }] }]);
    expect(db.$client.prepare("select count(*) as n from memberships where group_id = ? and role = 'group_admin'").get(pair.id)).toEqual({ n: 1 });
  });

  it("anonymises her everywhere, ends her access, and leaves every figure of the group as it was", async () => {
    const before = figures();
    const response = await deleteRoute.action(args(postAs(zephyrine.id, { password: TEST_PASSWORD, confirm: " supprimer " })));
    expect(response instanceof Response && response.status).toBe(302);
    const res = response as Response;
    expect(res.headers.get("Location")).toBe("/login?toast=account_deleted");
    expect(res.headers.get("Set-Cookie")).toMatch(/Max-Age=0/);

    // No trace of her email or name in any text cell of any table.
    const traces = allText().filter(({ value }) => [EMAIL, FIRST, LAST, "0611223344"].some((s) => value.includes(s)));
    expect(traces).toEqual([]);

    const user = db.select().from(users).where(eq(users.id, zephyrine.id)).get()!;
    expect(user).toMatchObject({ email: `deleted-${zephyrine.id}@invalid`, name: "Ancien·ne membre", phone: null, isOperator: false });
    expect((await login({ email: EMAIL, password: TEST_PASSWORD, ip: null })).ok).toBe(false);
    expect((await login({ email: user.email, password: TEST_PASSWORD, ip: null })).ok).toBe(false);
    expect(db.$client.prepare("select count(*) as n from sessions where user_id = ?").get(zephyrine.id)).toEqual({ n: 0 });
    expect(db.select().from(memberships).where(eq(memberships.userId, zephyrine.id)).all()).toEqual([]);

    // Her person stays in her household with her birth year; her words are gone, the group's history stays.
    const person = db.select().from(persons).where(eq(persons.id, pZ)).get()!;
    expect(person).toMatchObject({ householdId: hZ.id, birthYear: 1948, firstName: "Ancien·ne membre", lastName: null, userId: null });
    expect(db.select().from(exchangePosts).where(eq(exchangePosts.id, postZ.id)).get()!.description).toBe("");
    expect(db.select().from(charterComments).where(eq(charterComments.id, commentZ.id)).get()!.body).toBe("[…]");
    expect(db.select().from(meetingAgendaItems).where(eq(meetingAgendaItems.id, itemZ.id)).get()!).toMatchObject({ title: "Le potager", description: "" });
    expect(db.select().from(supportActions).where(eq(supportActions.id, supportZ.id)).get()!.note).toBe("Note du travailleur social sur Ancien·ne membre");
    // Octave's rows are untouched.
    expect(db.select().from(persons).where(eq(persons.id, pO)).get()).toMatchObject({ firstName: "Octave", lastName: OTHER_LAST });
    expect(db.select().from(exchangePosts).where(eq(exchangePosts.id, postO.id)).get()!.description).toBe("Le samedi matin");

    const audit = db.$client.prepare("select group_id, details from audit_log where action = 'account_deleted' and entity_id = ?").all(zephyrine.id);
    expect(audit).toEqual([{ group_id: group.id, details: null }]);

    // The deletion's own audit entry is the group's latest activity; every figure is the same.
    const withoutActivity = (f: ReturnType<typeof figures>) => ({ ...f, indicators: { ...f.indicators, lastActivityAt: null } });
    expect(withoutActivity(figures())).toEqual(withoutActivity(before));
  });
});
