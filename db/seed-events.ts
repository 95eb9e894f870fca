// Demo calendar, on top of the demo groups (db/seed.ts) and their spaces: for "Les Tilleuls", a weekly
// shared meal on Thursdays at 19:30 (in the "Salle commune" when that space exists, booked for the group)
// with sign-ups, head cooks, costs and one closed past meal, and a monthly repair café (2nd Saturday);
// for the "Maison des Quatre Saisons", a Sunday lunch every week and a monthly cooking workshop.
// Deterministic: the same database and the same `now` give the same calendar (only ids differ). Dates
// are placed around `now` (a few past weeks, the rest ahead) so the demo always has a today.
import { and, asc, eq, gt, lt } from "drizzle-orm";
import { todayIn } from "../app/modules/core/dates";
import { newId } from "../app/modules/core/ids";
import { addDays, utcToZoned } from "../app/modules/core/recurrence";
import {
  defaultParty,
  halfPortionsOf,
  horizonDate,
  mealLedgerLines,
  placesOf,
  planOccurrences,
  rruleFor,
  type Party,
  type PlannedOccurrence,
} from "../app/modules/events/rules";
import type { Db } from "./client.server";
import * as schema from "./schema";
import type { Diet, EventKind } from "./schema/enums";
import { mulberry32 } from "./prng";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

type Household = { id: string; dwelling: string; persons: { id: string; birthYear: number | null; userId: string | null }[] };

function groupData(tx: Tx, name: string, today: string) {
  const group = tx.select().from(schema.groups).where(eq(schema.groups.name, name)).get();
  if (!group) return null;
  const facilitator = tx
    .select({ userId: schema.memberships.userId })
    .from(schema.memberships)
    .where(and(eq(schema.memberships.groupId, group.id), eq(schema.memberships.role, "facilitator")))
    .orderBy(asc(schema.memberships.createdAt))
    .get();
  const households = tx
    .select({ id: schema.households.id, dwelling: schema.households.dwelling, departureDate: schema.households.departureDate })
    .from(schema.households)
    .where(eq(schema.households.groupId, group.id))
    .all()
    .filter((h) => !h.departureDate || h.departureDate > today)
    .sort((a, b) => a.dwelling.localeCompare(b.dwelling, "fr", { numeric: true }));
  const persons = tx
    .select({
      id: schema.persons.id,
      householdId: schema.persons.householdId,
      birthYear: schema.persons.birthYear,
      userId: schema.persons.userId,
      firstName: schema.persons.firstName,
    })
    .from(schema.persons)
    .where(eq(schema.persons.groupId, group.id))
    .all()
    .sort((a, b) => (a.birthYear ?? 0) - (b.birthYear ?? 0) || a.firstName.localeCompare(b.firstName, "fr"));
  const list: Household[] = households.map((h) => ({ id: h.id, dwelling: h.dwelling, persons: persons.filter((p) => p.householdId === h.id) }));
  const space = (spaceName: string) =>
    tx
      .select()
      .from(schema.spaces)
      .where(and(eq(schema.spaces.groupId, group.id), eq(schema.spaces.name, spaceName)))
      .get() ?? null;
  return { group, createdBy: facilitator?.userId ?? null, households: list, space };
}

type SeriesSpec = {
  kind: EventKind;
  title: string;
  description: string;
  startDate: string;
  startTime: string;
  durationMinutes: number;
  rrule: string | null;
  capacity: number | null;
  signupDeadlineHours: number | null;
  placeText: string;
  space: typeof schema.spaces.$inferSelect | null;
  hostPersonId?: string | null;
  hostText?: string;
  materials?: string;
  skills?: string[];
};

/** Inserts a series and its occurrences up to the horizon; in a space, books each for the group (a slot already taken stays unbooked, its problem noted). */
function insertSeries(tx: Tx, groupId: string, createdBy: string | null, timeZone: string, today: string, spec: SeriesSpec) {
  const horizon = horizonDate(today, spec.space?.bookingWindowDays ?? null);
  const seriesId = newId();
  tx.insert(schema.eventSeries)
    .values({
      id: seriesId,
      groupId,
      kind: spec.kind,
      title: spec.title,
      description: spec.description,
      spaceId: spec.space?.id ?? null,
      placeText: spec.space ? "" : spec.placeText,
      startDate: spec.startDate,
      startTime: spec.startTime,
      durationMinutes: spec.durationMinutes,
      timeZone,
      rrule: spec.rrule,
      capacity: spec.capacity,
      signupDeadlineHours: spec.signupDeadlineHours,
      hostPersonId: spec.hostPersonId ?? null,
      hostText: spec.hostText ?? "",
      materials: spec.materials ?? "",
      skills: spec.skills ?? [],
      materialisedUntil: horizon,
      createdBy,
    })
    .run();
  const planned = planOccurrences(
    { rrule: spec.rrule, startDate: spec.startDate, startTime: spec.startTime, durationMinutes: spec.durationMinutes, timeZone, untilDate: null, count: null },
    { toDate: horizon },
  );
  const occurrences: (PlannedOccurrence & { id: string })[] = [];
  for (const p of planned) {
    let bookingId: string | null = null;
    let bookingProblem: string | null = null;
    const closed =
      spec.space &&
      tx
        .select({ id: schema.spaceClosures.id })
        .from(schema.spaceClosures)
        .where(
          and(
            eq(schema.spaceClosures.spaceId, spec.space.id),
            lt(schema.spaceClosures.startsAt, new Date(p.endsAt)),
            gt(schema.spaceClosures.endsAt, new Date(p.startsAt)),
          ),
        )
        .get();
    if (closed) bookingProblem = "in_closure";
    else if (spec.space) {
      const id = newId();
      try {
        tx.insert(schema.bookings)
          .values({
            id,
            groupId,
            spaceId: spec.space.id,
            householdId: null,
            createdBy,
            startsAt: new Date(p.startsAt),
            endsAt: new Date(p.endsAt),
            blockStart: new Date(p.startsAt),
            blockEnd: new Date(p.endsAt + spec.space.bufferMinutes * 60_000),
            status: "confirmed",
            purpose: spec.title,
          })
          .run();
        bookingId = id;
      } catch (e) {
        // The bookings demo holds the slot: the meal stays, unbooked (facilitators see why, as after a closure).
        if (!(e instanceof Error && e.message.includes("booking_overlap"))) throw e;
        bookingProblem = "overlap";
      }
    }
    const id = newId();
    tx.insert(schema.eventOccurrences)
      .values({
        id,
        groupId,
        seriesId,
        originalStartsAt: new Date(p.originalStartsAt),
        startsAt: new Date(p.startsAt),
        endsAt: new Date(p.endsAt),
        spaceId: spec.space?.id ?? null,
        placeText: spec.space ? "" : spec.placeText,
        capacity: spec.capacity,
        bookingId,
        bookingProblem,
      })
      .run();
    if (spec.kind === "shared_meal")
      tx.insert(schema.mealRoles)
        .values([
          { groupId, occurrenceId: id, role: "head_cook" as const, slots: 1 },
          { groupId, occurrenceId: id, role: "helper" as const, slots: 2 },
          { groupId, occurrenceId: id, role: "cleaner" as const, slots: 2 },
        ])
        .run();
    occurrences.push({ ...p, id });
  }
  return { seriesId, occurrences };
}

const DIET_CHOICES: Diet[][] = [[], [], [], ["vegetarian"], ["no_pork"], ["halal"], ["gluten_free"], ["vegan"]];

/** Sign-ups for one occurrence: households picked in a fixed order, each with its household's party, while places last. */
function signUpHouseholds(
  tx: Tx,
  groupId: string,
  occurrenceId: string,
  households: Household[],
  picks: number[],
  today: string,
  rng: () => number,
  createdBy: string | null,
) {
  const signed: { householdId: string; party: Party }[] = [];
  const occ = tx.select({ capacity: schema.eventOccurrences.capacity }).from(schema.eventOccurrences).where(eq(schema.eventOccurrences.id, occurrenceId)).get();
  const taken = tx
    .select({
      adults: schema.eventSignups.adults,
      children: schema.eventSignups.children,
      infants: schema.eventSignups.infants,
      guests: schema.eventSignups.guests,
    })
    .from(schema.eventSignups)
    .where(and(eq(schema.eventSignups.occurrenceId, occurrenceId), eq(schema.eventSignups.status, "confirmed")))
    .all();
  let used = taken.reduce((s, t) => s + placesOf(t), 0);
  for (const i of picks) {
    const h = households[i % households.length];
    if (!h || signed.some((s) => s.householdId === h.id)) continue;
    const party = defaultParty(h.persons, 12, today);
    if (placesOf(party) === 0) party.adults = 1;
    if (rng() < 0.2) party.guests = 1 + Math.floor(rng() * 2);
    if (occ?.capacity != null && used + placesOf(party) > occ.capacity) continue;
    used += placesOf(party);
    const diets = DIET_CHOICES[Math.floor(rng() * DIET_CHOICES.length)];
    const account = h.persons.find((p) => p.userId)?.userId ?? null;
    tx.insert(schema.eventSignups)
      .values({
        groupId,
        occurrenceId,
        householdId: h.id,
        ...party,
        diets,
        allergies: rng() < 0.1 ? "Fruits à coque" : "",
        status: "confirmed",
        createdBy: account ?? createdBy,
        onBehalf: !account,
      })
      .run();
    signed.push({ householdId: h.id, party });
  }
  return signed;
}

function assign(tx: Tx, groupId: string, occurrenceId: string, role: "head_cook" | "helper" | "cleaner", h: Household, createdBy: string | null) {
  const roleRow = tx
    .select({ id: schema.mealRoles.id })
    .from(schema.mealRoles)
    .where(and(eq(schema.mealRoles.occurrenceId, occurrenceId), eq(schema.mealRoles.role, role)))
    .get();
  if (!roleRow) return;
  const person = h.persons.find((p) => p.birthYear != null && p.birthYear < 2008) ?? h.persons[0];
  tx.insert(schema.mealAssignments)
    .values({
      groupId,
      occurrenceId,
      roleId: roleRow.id,
      householdId: h.id,
      personId: person?.id ?? null,
      createdBy: person?.userId ?? createdBy,
      onBehalf: !person?.userId,
    })
    .run();
}

/** The demo calendar of the demo groups (no-op for a group that is not there). Call after the bookings demo. */
export function seedEventsDemo(db: Db, now = Date.now()): void {
  const rng = mulberry32(20261126);
  db.transaction((tx) => {
    // -------------------------------------------------------------------------------------------
    // Les Tilleuls
    const tilleuls = groupData(tx, "Les Tilleuls", todayIn("Europe/Paris", now));
    if (tilleuls) {
      const tz = tilleuls.group.timeZone;
      const today = todayIn(tz, now);
      const { group, createdBy, households } = tilleuls;
      // The Thursday four weeks before this week's.
      const weekday = utcToZoned(now, tz).weekday;
      const thursday = addDays(today, 4 - weekday - 28);
      const salle = tilleuls.space("Salle commune");
      const meal = insertSeries(tx, group.id, createdBy, tz, today, {
        kind: "shared_meal",
        title: "Repas partagé du jeudi",
        description: "Chaque jeudi, un foyer cuisine pour tout le monde. Inscrivez-vous la veille au plus tard ; la dépense est partagée selon les portions.",
        startDate: thursday,
        startTime: "19:30",
        durationMinutes: 150,
        rrule: rruleFor("weekly", thursday),
        capacity: 30,
        signupDeadlineHours: 24,
        placeText: "Salle commune",
        space: salle,
      });
      const jeanne = households.find((h) => h.persons.some((p) => p.userId));
      meal.occurrences.forEach((o, index) => {
        const past = o.endsAt <= now;
        // Sign-ups for the past meals and the next two.
        const upcoming = meal.occurrences.filter((x) => x.endsAt > now).indexOf(o);
        if (!past && upcoming > 1) return;
        const picks = Array.from({ length: 6 + (index % 3) }, (_, k) => (index * 5 + k * 3) % households.length);
        const signed = signUpHouseholds(tx, group.id, o.id, households, picks, today, rng, createdBy);
        if (jeanne && !signed.some((s) => s.householdId === jeanne.id) && upcoming === 0) {
          signed.push(...signUpHouseholds(tx, group.id, o.id, [jeanne], [0], today, rng, createdBy));
        }
        // A head cook for the past meals and the next one; the one after still calls for volunteers.
        if (past || upcoming === 0) {
          const cook = households[(index * 7 + 2) % households.length];
          assign(tx, group.id, o.id, "head_cook", cook, createdBy);
          assign(tx, group.id, o.id, "helper", households[(index * 7 + 5) % households.length], createdBy);
          if (past) {
            const amounts = [3840, 4125, 2960, 4510, 3375];
            tx.insert(schema.mealCosts)
              .values({
                groupId: group.id,
                occurrenceId: o.id,
                amountCents: amounts[index % amounts.length],
                paidByHouseholdId: cook.id,
                note: "Courses au marché",
                createdBy,
              })
              .run();
            if (index === 0) {
              tx.insert(schema.mealCosts)
                .values({ groupId: group.id, occurrenceId: o.id, amountCents: 650, paidByHouseholdId: cook.id, note: "Pain", createdBy })
                .run();
              // The oldest meal is closed: its figures frozen, its ledger written.
              const costs = tx
                .select({ paidByHouseholdId: schema.mealCosts.paidByHouseholdId, amountCents: schema.mealCosts.amountCents })
                .from(schema.mealCosts)
                .where(eq(schema.mealCosts.occurrenceId, o.id))
                .all();
              const eaters = signed.map((s) => ({ householdId: s.householdId, halfPortions: halfPortionsOf(s.party) }));
              const lines = mealLedgerLines({ costs, eaters });
              tx.update(schema.eventOccurrences)
                .set({
                  closedAt: new Date(o.endsAt + 3_600_000),
                  closedBy: createdBy,
                  frozenCostCents: costs.reduce((s, c) => s + c.amountCents, 0),
                  frozenHalfPortions: eaters.reduce((s, e) => s + e.halfPortions, 0),
                  frozenPersons: signed.reduce((s, x) => s + placesOf(x.party), 0),
                })
                .where(eq(schema.eventOccurrences.id, o.id))
                .run();
              if (lines.length)
                tx.insert(schema.mealLedger)
                  .values(lines.map((l) => ({ ...l, groupId: group.id, occurrenceId: o.id })))
                  .run();
            }
          }
        }
      });

      // The repair café, every 2nd Saturday of the month, from last month's.
      const firstOfLastMonth = `${addDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7)}-01`;
      let secondSaturday = firstOfLastMonth;
      while (utcToZoned(Date.parse(`${secondSaturday}T12:00:00Z`), "UTC").weekday !== 6) secondSaturday = addDays(secondSaturday, 1);
      secondSaturday = addDays(secondSaturday, 7);
      const repair = insertSeries(tx, group.id, createdBy, tz, today, {
        kind: "workshop",
        title: "Repair café",
        description: "On répare ensemble petit électroménager, vélos, vêtements. Entrée libre, café offert.",
        startDate: secondSaturday,
        startTime: "14:00",
        durationMinutes: 180,
        rrule: rruleFor("monthly_weekday", secondSaturday),
        capacity: 15,
        signupDeadlineHours: null,
        placeText: "Local à vélos, rez-de-chaussée",
        space: null,
        hostText: "Repair Café Bourges (association partenaire)",
        materials: "Apportez l'objet à réparer et, si vous l'avez, sa notice.",
        skills: ["réparation", "électroménager", "vélo", "couture"],
      });
      repair.occurrences.slice(0, 2).forEach((o, index) => {
        signUpHouseholds(tx, group.id, o.id, households, [index + 1, index + 4, index + 8], today, rng, createdBy);
      });
    }

    // -------------------------------------------------------------------------------------------
    // Maison des Quatre Saisons
    const saisons = groupData(tx, "Maison des Quatre Saisons", todayIn("Europe/Paris", now));
    if (saisons) {
      const tz = saisons.group.timeZone;
      const today = todayIn(tz, now);
      const { group, createdBy, households } = saisons;
      const weekday = utcToZoned(now, tz).weekday;
      const sunday = addDays(today, 7 - weekday - 14);
      const lunch = insertSeries(tx, group.id, createdBy, tz, today, {
        kind: "shared_meal",
        title: "Déjeuner du dimanche",
        description: "Le déjeuner de la maison : les étudiant·es cuisinent avec un·e aîné·e, tout le monde met la table.",
        startDate: sunday,
        startTime: "12:30",
        durationMinutes: 120,
        rrule: rruleFor("weekly", sunday),
        capacity: 16,
        signupDeadlineHours: 48,
        placeText: "Salle à manger commune",
        space: saisons.space("Salle commune"),
      });
      lunch.occurrences.forEach((o, index) => {
        const upcoming = lunch.occurrences.filter((x) => x.endsAt > now).indexOf(o);
        if (o.endsAt > now && upcoming > 0) return;
        signUpHouseholds(
          tx,
          group.id,
          o.id,
          households,
          Array.from({ length: 7 }, (_, k) => index + k),
          today,
          rng,
          createdBy,
        );
        assign(tx, group.id, o.id, "head_cook", households[(index * 3 + 6) % households.length], createdBy);
      });
      const firstWednesday = (() => {
        let d = `${today.slice(0, 7)}-01`;
        while (utcToZoned(Date.parse(`${d}T12:00:00Z`), "UTC").weekday !== 3) d = addDays(d, 1);
        return d;
      })();
      const senior = households.flatMap((h) => h.persons).find((p) => p.birthYear != null && p.birthYear < 1950);
      const cooking = insertSeries(tx, group.id, createdBy, tz, today, {
        kind: "workshop",
        title: "Atelier cuisine : les recettes de nos grands-mères",
        description: "Une habitante transmet une recette de famille ; on cuisine à quatre mains et on goûte ensemble.",
        startDate: firstWednesday,
        startTime: "15:00",
        durationMinutes: 120,
        rrule: rruleFor("monthly_weekday", firstWednesday),
        capacity: 8,
        signupDeadlineHours: 24,
        placeText: "Cuisine commune",
        space: null,
        hostPersonId: senior?.id ?? null,
        materials: "Tablier ; les ingrédients sont fournis.",
        skills: ["cuisine", "pâtisserie", "transmission"],
      });
      const next = cooking.occurrences.find((o) => o.endsAt > now);
      if (next) signUpHouseholds(tx, group.id, next.id, households, [6, 7, 0, 8], today, rng, createdBy);
    }
  });
}
