// Deleting an account as the issue found it leaking: her name written in capitals, in lower case, without its
// accents, her first name alone in a title, her email in capitals — all gone from every text, also from texts a
// closed meal freezes, and from the database FILE itself (freed space and the WAL), not only from what SELECT shows.
import fs from "node:fs";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~db/client.server";
import {
  auditLog,
  charterComments,
  charterVersions,
  eventOccurrences,
  eventSeries,
  eventSignups,
  mealCosts,
  meetingAgendaItems,
  meetings,
  persons,
  supportActions,
  users,
} from "~db/schema";
import { deleteAccount } from "~/modules/account/personal-data.server";
import { foldText } from "~/modules/account/scrub";
import { eventFigures } from "~/modules/events/figures.server";
import { scopeForJob } from "~/modules/access/scope.server";
import { TEST_PASSWORD, makeGroup, makeHousehold, makeMember } from "../fixtures";

const group = makeGroup("Les Tilleuls");
const verger = makeGroup("Le Verger");
const hJ = makeHousehold(group.id, "Foyer Marchand");
const hH = makeHousehold(group.id, "Foyer Lefèvre");
const hO = makeHousehold(group.id, "Foyer Octave");
makeMember({ groupId: group.id, role: "group_admin" });
const facilitator = makeMember({ groupId: group.id, role: "facilitator" });
const jeanne = makeMember({ groupId: group.id, householdId: hJ.id, email: "jeanne.marchand@exemple.fr" });
const helene = makeMember({ groupId: group.id, householdId: hH.id, email: "helene.l@exemple.fr" });
const octave = makeMember({ groupId: group.id, householdId: hO.id });
db.update(users).set({ name: "Jeanne Marchand" }).where(eq(users.id, jeanne.id)).run();
db.update(persons).set({ firstName: "Jeanne", lastName: "Marchand" }).where(eq(persons.userId, jeanne.id)).run();
db.update(users).set({ name: "Hélène Lefèvre" }).where(eq(users.id, helene.id)).run();
db.update(persons).set({ firstName: "Hélène", lastName: "Lefèvre" }).where(eq(persons.userId, helene.id)).run();
const pO = db.select().from(persons).where(eq(persons.userId, octave.id)).get()!.id;

// What the staff and the group wrote about them.
db.insert(supportActions)
  .values({
    groupId: group.id,
    householdId: hJ.id,
    date: "2026-02-01",
    kind: "interview" as never,
    topics: ["housing"] as never,
    durationMinutes: 30,
    note: "Entretien avec Mme MARCHAND ; jeanne marchand a signé. Écrire à JEANNE.MARCHAND@EXEMPLE.FR",
  })
  .run();
const birthday = db
  .insert(eventSeries)
  .values({
    groupId: group.id,
    kind: "celebration",
    title: "Anniversaire de Jeanne",
    startDate: "2026-03-05",
    startTime: "19:00",
    durationMinutes: 120,
    timeZone: "Europe/Paris",
    materialisedUntil: "2026-03-05",
    createdBy: facilitator.id,
  })
  .returning()
  .get();
const meal = db
  .insert(eventSeries)
  .values({
    groupId: group.id,
    kind: "shared_meal",
    title: "Repas partagé",
    startDate: "2026-03-12",
    startTime: "19:00",
    durationMinutes: 120,
    timeZone: "Europe/Paris",
    materialisedUntil: "2026-03-12",
  })
  .returning()
  .get();
const at = Date.parse("2026-03-12T18:00:00Z");
const mealOcc = db
  .insert(eventOccurrences)
  .values({ groupId: group.id, seriesId: meal.id, originalStartsAt: new Date(at), startsAt: new Date(at), endsAt: new Date(at + 7200_000) })
  .returning()
  .get();
db.insert(eventSignups)
  .values({
    groupId: group.id,
    occurrenceId: mealOcc.id,
    householdId: hJ.id,
    adults: 1,
    status: "confirmed",
    allergies: "Jeanne : arachides",
    createdBy: jeanne.id,
  })
  .run();
db.insert(eventSignups)
  .values({
    groupId: group.id,
    occurrenceId: mealOcc.id,
    householdId: hO.id,
    adults: 2,
    status: "confirmed",
    allergies: "Sans gluten pour HÉLÈNE (invitée)",
    createdBy: octave.id,
  })
  .run();
db.insert(mealCosts)
  .values({
    groupId: group.id,
    occurrenceId: mealOcc.id,
    amountCents: 4200,
    paidByHouseholdId: hO.id,
    note: "Courses faites avec jeanne marchand",
    createdBy: octave.id,
  })
  .run();
// The meal is closed: its rows are frozen by triggers (decision 007).
db.update(eventOccurrences)
  .set({ closedAt: new Date(at + 86_400_000), frozenCostCents: 4200, frozenHalfPortions: 6, frozenPersons: 3 })
  .where(eq(eventOccurrences.id, mealOcc.id))
  .run();
const meetingSeries = db
  .insert(eventSeries)
  .values({
    groupId: group.id,
    kind: "meeting",
    title: "Réunion",
    startDate: "2026-03-20",
    startTime: "19:00",
    durationMinutes: 120,
    timeZone: "Europe/Paris",
    materialisedUntil: "2026-03-20",
  })
  .returning()
  .get();
const meetingOcc = db
  .insert(eventOccurrences)
  .values({
    groupId: group.id,
    seriesId: meetingSeries.id,
    originalStartsAt: new Date(at + 8 * 86_400_000),
    startsAt: new Date(at + 8 * 86_400_000),
    endsAt: new Date(at + 8 * 86_400_000 + 7200_000),
  })
  .returning()
  .get();
const meeting = db.insert(meetings).values({ groupId: group.id, occurrenceId: meetingOcc.id }).returning().get();
db.insert(meetingAgendaItems)
  .values({
    groupId: group.id,
    meetingId: meeting.id,
    title: "Pot de départ d'Hélène",
    description: "HELENE LEFEVRE part en mai ; Mme Lefevre invite tout le monde",
    proposedBy: facilitator.id,
    plannedMinutes: 10,
  } as never)
  .run();
const charter = db
  .insert(charterVersions)
  .values({ groupId: group.id, number: 1, title: "Charte", status: "adopted", adoptedOn: "2026-01-10" } as never)
  .returning()
  .get();
db.insert(charterComments)
  .values({
    groupId: group.id,
    versionId: charter.id,
    articleKey: "a1",
    userId: octave.id,
    personId: pO,
    body: "D'accord avec hélène lefevre et Jeanne.",
  } as never)
  .run();
db.insert(auditLog)
  .values({
    groupId: group.id,
    userId: facilitator.id,
    action: "update",
    entity: "household",
    entityId: hJ.id,
    details: { note: "Mme Marchand a déménagé", contact: "Jeanne.Marchand@exemple.fr" },
  })
  .run();
// Another group's Jeanne is someone else: her first name alone stays there.
db.insert(eventSeries)
  .values({
    groupId: verger.id,
    kind: "workshop",
    title: "Atelier de Jeanne Dubois",
    startDate: "2026-03-05",
    startTime: "10:00",
    durationMinutes: 60,
    timeZone: "Europe/Paris",
    materialisedUntil: "2026-03-05",
  })
  .run();

/** Every text cell of every table, folded (no accents, lower case). */
function allText(): { where: string; value: string }[] {
  const out: { where: string; value: string }[] = [];
  const tables = db.$client.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[];
  for (const { name } of tables) {
    for (const row of db.$client.prepare(`select * from "${name}"`).all() as Record<string, unknown>[])
      for (const [k, v] of Object.entries(row)) if (typeof v === "string") out.push({ where: `${name}.${k}`, value: foldText(v) });
  }
  return out;
}
/** Her traces in a folded text: the other group's « Jeanne Dubois » aside. */
const traces = (folded: string) =>
  ["jeanne.marchand@exemple.fr", "helene.l@exemple.fr", "marchand", "helene", "lefevre", "jeanne"].filter((s) =>
    s === "jeanne" ? folded.replace(/jeanne dubois/g, "").includes("jeanne") : folded.includes(s),
  );

describe("deleting an account scrubs her from every text and from the file", () => {
  it("removes her name in any case and accents, her first name alone in her group, her email in capitals — frozen meals included", async () => {
    const range = { scope: scopeForJob(group.id), from: "2026-01-01", to: "2026-12-31", now: Date.parse("2026-12-31T12:00:00Z") };
    const before = eventFigures(range);
    expect(await deleteAccount({ userId: jeanne.id, password: TEST_PASSWORD, confirm: "SUPPRIMER" })).toEqual({ ok: true });
    expect(await deleteAccount({ userId: helene.id, password: TEST_PASSWORD, confirm: "SUPPRIMER" })).toEqual({ ok: true });

    expect(allText().filter(({ value }) => traces(value).length > 0)).toEqual([]);
    expect(db.select().from(eventSeries).where(eq(eventSeries.id, birthday.id)).get()!.title).toBe("Anniversaire de Ancien·ne membre");
    expect(db.select({ allergies: eventSignups.allergies }).from(eventSignups).where(eq(eventSignups.householdId, hJ.id)).get()!.allergies).toBe(
      "Ancien·ne membre : arachides",
    );
    // The other group's Jeanne, and the closed meal's figures, are as they were.
    expect(allText().some(({ value }) => value === "atelier de jeanne dubois")).toBe(true);
    expect(eventFigures(range)).toEqual(before);
  });

  it("leaves no byte of her in the database file or its WAL", () => {
    const file = process.env.DATABASE_URL!;
    const wal = `${file}-wal`;
    for (const path of [file, wal]) {
      if (!fs.existsSync(path)) continue;
      const bytes = fs.readFileSync(path);
      // Text is stored as UTF-8: read as such, folded as the scrub folds, every trace shows.
      expect(traces(foldText(bytes.toString("utf8"))), path).toEqual([]);
    }
    expect(fs.existsSync(wal) ? fs.statSync(wal).size : 0, "the WAL is emptied after a deletion").toBe(0);
  });
});
