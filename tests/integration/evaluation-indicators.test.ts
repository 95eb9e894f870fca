// The indicators on a known dataset: a group built row by row, each indicator asserted by hand.
import { describe, expect, it } from "vitest";
import { db } from "~db/client.server";
import {
  bookings,
  eventOccurrences,
  eventSeries,
  eventSignups,
  exchangePosts,
  exchanges,
  groupFunding,
  households,
  organisations,
  persons,
  programmeGrants,
  programmeGroups,
  programmes,
  spaces,
  surveyAnswers,
  surveys,
} from "~db/schema";
import { bookingFigures } from "~/modules/bookings/figures.server";
import { exchangeFigures } from "~/modules/exchange/figures.server";
import { zonedToUtc } from "~/modules/core/recurrence";
import { INDICATORS } from "~/modules/evaluation/indicators";
import { computeGroupIndicators, computeProgrammeIndicators } from "~/modules/evaluation/indicators.server";
import { makeGroup } from "../fixtures";
import { programmeScopeForJob, scopeForJob } from "~/modules/access/scope.server";

const NOW = Date.parse("2026-06-01T08:00:00Z");
const Q1 = { from: "2026-01-01", to: "2026-03-31" };
const at = (local: string) => new Date(zonedToUtc(local, "Europe/Paris"));

const group = makeGroup("Les Tilleuls");
const empty = makeGroup("Groupe vide");

function household(
  name: string,
  arrivalDate: string,
  departureDate: string | null = null,
  destination: (typeof households.$inferInsert)["destination"] = null,
) {
  return db.insert(households).values({ groupId: group.id, name, arrivalDate, departureDate, destination }).returning().get();
}
function person(householdId: string, birthYear: number | null, tags: string[] = []) {
  return db
    .insert(persons)
    .values({ groupId: group.id, householdId, firstName: "P", birthYear, tags: tags as never })
    .returning()
    .get();
}

const A = household("A", "2024-01-01");
const a1 = person(A.id, 1950, ["senior"]);
const a2 = person(A.id, 1952);
const B = household("B", "2026-02-10");
const b1 = person(B.id, 1990, ["single_parent_family"]);
person(B.id, 2015, ["child"]);
const C = household("C", "2025-01-01", "2026-03-15", "durable_social_housing");
const c1 = person(C.id, 2000, ["young_adult_insertion"]);
household("D", "2025-06-01", "2025-12-31", "private_housing");
household("E", "2026-05-01");
const F = household("F", "2025-07-01", "2026-01-20", null);
person(F.id, null);

// Shared meals and a workshop.
function occurrence(kind: "shared_meal" | "workshop", local: string, status: "scheduled" | "cancelled" = "scheduled") {
  const series = db
    .insert(eventSeries)
    .values({
      groupId: group.id,
      kind,
      title: kind,
      startDate: local.slice(0, 10),
      startTime: local.slice(11),
      durationMinutes: 120,
      timeZone: "Europe/Paris",
      materialisedUntil: "2026-12-31",
    })
    .returning()
    .get();
  return db
    .insert(eventOccurrences)
    .values({
      groupId: group.id,
      seriesId: series.id,
      originalStartsAt: at(local),
      startsAt: at(local),
      endsAt: new Date(at(local).getTime() + 7_200_000),
      status,
    })
    .returning()
    .get();
}
function signup(
  occurrenceId: string,
  householdId: string,
  p: { adults?: number; children?: number; guests?: number },
  status: "confirmed" | "cancelled" = "confirmed",
) {
  db.insert(eventSignups)
    .values({ groupId: group.id, occurrenceId, householdId, adults: p.adults ?? 0, children: p.children ?? 0, guests: p.guests ?? 0, status })
    .run();
}
const m1 = occurrence("shared_meal", "2026-01-15T19:00");
signup(m1.id, A.id, { adults: 2 });
signup(m1.id, C.id, { adults: 1, guests: 1 });
signup(m1.id, F.id, { adults: 1 }, "cancelled");
const m2 = occurrence("shared_meal", "2026-02-12T19:00");
signup(m2.id, B.id, { adults: 1, children: 1 });
const w1 = occurrence("workshop", "2026-03-05T10:00");
signup(w1.id, A.id, { adults: 1 });
signup(w1.id, B.id, { adults: 1 });
const gone = occurrence("shared_meal", "2026-03-20T19:00", "cancelled");
signup(gone.id, A.id, { adults: 2 });

// Exchanges.
const post = db.insert(exchangePosts).values({ groupId: group.id, kind: "offer", title: "Aide", category: "other", householdId: A.id }).returning().get();
function exchange(
  giver: { h: string; p: string },
  receiver: { h: string; p: string },
  agreedDate: string,
  minutes: number,
  status: "done" | "agreed" = "done",
) {
  db.insert(exchanges)
    .values({
      groupId: group.id,
      postId: post.id,
      giverHouseholdId: giver.h,
      receiverHouseholdId: receiver.h,
      giverPersonId: giver.p,
      receiverPersonId: receiver.p,
      openedByHouseholdId: giver.h,
      status,
      agreedDate,
      minutes: status === "done" ? minutes : null,
    })
    .run();
}
exchange({ h: A.id, p: a1.id }, { h: B.id, p: b1.id }, "2026-01-10", 120);
exchange({ h: B.id, p: b1.id }, { h: A.id, p: a2.id }, "2026-02-01", 60);
exchange({ h: C.id, p: c1.id }, { h: B.id, p: b1.id }, "2026-03-01", 60);
exchange({ h: C.id, p: c1.id }, { h: B.id, p: b1.id }, "2026-04-01", 60);
exchange({ h: A.id, p: a1.id }, { h: C.id, p: c1.id }, "2026-02-20", 60, "agreed");

// A common room and a guest room.
const room = db.insert(spaces).values({ groupId: group.id, name: "Salle commune", kind: "common_room" }).returning().get();
const guest = db
  .insert(spaces)
  .values({ groupId: group.id, name: "Chambre d'amis", kind: "guest_unit", checkInTime: "15:00", checkOutTime: "11:00" })
  .returning()
  .get();
function booking(spaceId: string, start: string, end: string, nights = 0) {
  db.insert(bookings)
    .values({
      groupId: group.id,
      spaceId,
      householdId: A.id,
      startsAt: at(start),
      endsAt: at(end),
      blockStart: at(start),
      blockEnd: at(end),
      status: "confirmed",
      nights,
    })
    .run();
}
booking(room.id, "2026-02-03T10:00", "2026-02-03T12:00");
booking(room.id, "2026-03-10T20:00", "2026-03-10T23:00");
booking(guest.id, "2026-03-30T15:00", "2026-04-02T11:00", 3);

// Two closed surveys in the quarter: one with 5 answers (shown), one with 3 (counted, not scored).
function survey(closesOn: string, answers: [number, number, number, number, number, number, number][]) {
  const s = db.insert(surveys).values({ groupId: group.id, title: "Enquête", opensOn: "2026-01-01", closesOn }).returning().get();
  answers.forEach(([satisfaction, belonging, l1, l2, l3, helpGiven, helpReceived], i) =>
    db
      .insert(surveyAnswers)
      .values({
        id: `${s.id}-${i}`,
        surveyId: s.id,
        groupId: group.id,
        satisfaction,
        belonging,
        lonelyCompanionship: l1,
        lonelyLeftOut: l2,
        lonelyIsolated: l3,
        helpGiven,
        helpReceived,
      })
      .run(),
  );
}
survey("2026-02-28", [
  [5, 4, 1, 1, 1, 3, 2],
  [4, 4, 2, 2, 2, 4, 4],
  [3, 2, 3, 3, 2, 2, 5],
  [5, 5, 1, 1, 1, 5, 1],
  [4, 3, 1, 2, 1, 1, 3],
]);
survey("2026-03-15", [
  [1, 1, 3, 3, 3, 1, 1],
  [1, 1, 3, 3, 3, 1, 1],
  [1, 1, 3, 3, 3, 1, 1],
]);

// Funding 2026: the programme's grant and the State.
const org = db.insert(organisations).values({ name: "Fondation", kind: "funder" }).returning().get();
const programme = db
  .insert(programmes)
  .values({ organisationId: org.id, name: "Habitat partagé", startsOn: "2025-01-01", endsOn: "2027-12-31" })
  .returning()
  .get();
db.insert(programmeGroups)
  .values([
    { programmeId: programme.id, groupId: group.id },
    { programmeId: programme.id, groupId: empty.id },
  ])
  .run();
db.insert(programmeGrants).values({ programmeId: programme.id, groupId: group.id, year: 2026, amountCents: 2_000_000 }).run();
db.insert(groupFunding).values({ groupId: group.id, year: 2026, kind: "state", funderName: "DDETS", plannedCents: 1_000_000, spentCents: 800_000 }).run();

describe("computeGroupIndicators on a known quarter", () => {
  const r = computeGroupIndicators({ scope: scopeForJob(group.id), ...Q1, now: NOW });
  const v = r.values;

  it("counts households and persons present, by age band and profile", () => {
    expect(v.households_present).toBe(4); // A, B, C, F (D left before, E came after)
    expect(v.persons_present).toBe(6);
    expect([v.persons_age_0_17, v.persons_age_18_29, v.persons_age_30_59, v.persons_age_60_74, v.persons_age_75_plus, v.persons_age_unknown]).toEqual([
      1, 1, 1, 1, 1, 1,
    ]);
    expect([v.persons_tag_senior, v.persons_tag_single_parent_family, v.persons_tag_child, v.persons_tag_young_adult_insertion, v.persons_tag_student]).toEqual(
      [1, 1, 1, 1, 0],
    );
    expect(r.completeness.find((c) => c.key === "persons_age_0_17")?.status).toBe("partial"); // one birth year unknown
  });

  it("counts arrivals, departures, exits by destination and the median stay", () => {
    expect(v.arrivals).toBe(1);
    expect(v.departures).toBe(2);
    expect(v.exits_durable_social_housing).toBe(1);
    expect(v.exits_unknown).toBe(1);
    expect(v.exits_private_housing).toBe(0);
    expect(v.median_stay_days).toBe((438 + 203) / 2);
  });

  it("measures participation in meals and workshops", () => {
    expect(v.events_held).toBe(3); // the cancelled meal does not count
    expect(v.households_per_event).toBe(1.7); // 5 sign-ups / 3
    expect(v.meals_served).toBe(6); // 2 + (1 + 1 guest) + (1 + 1 child); the workshop serves no meal
    expect(v.participation_share).toBeCloseTo((2 / 3 + 1 / 3 + 2 / 3) / 3, 3);
  });

  it("counts exchanges, hours and the share between generations as exchangeFigures does", () => {
    expect(v.exchanges_done).toBe(3);
    expect(v.exchange_hours).toBe(4);
    expect(v.exchange_households).toBe(3);
    expect(v.exchange_intergenerational_share).toBe(0.75);
    const months = exchangeFigures({ scope: scopeForJob(group.id), ...Q1 }).months;
    const minutes = months.reduce((s, m) => s + m.minutes, 0);
    const between = months.reduce((s, m) => s + (m.intergenerationalShare ?? 0) * m.minutes, 0);
    expect(v.exchange_intergenerational_share).toBeCloseTo(between / minutes, 4);
  });

  it("measures the common room and guest room as bookingFigures does", () => {
    expect(v.common_room_bookings).toBe(2);
    expect(r.denominators.common_room_bookable_hours).toBe(90 * 14);
    expect(v.common_room_occupancy).toBeCloseTo(4 / 1260, 4); // 2 h + 2 h (the last hour is after 22:00)
    expect(v.guest_unit_nights).toBe(2); // 30 and 31 March; 1 April is the next quarter
    expect(v.guest_unit_occupancy).toBeCloseTo(2 / 90, 4);
    const f = bookingFigures({ scope: scopeForJob(group.id), ...Q1 });
    const rooms = f.spaces.filter((s) => s.kind === "common_room");
    const used = rooms.reduce((s, m) => s + (m.occupancyRate ?? 0) * m.bookableHours, 0);
    expect(rooms.reduce((s, m) => s + m.bookableHours, 0)).toBe(r.denominators.common_room_bookable_hours);
    expect(used / 1260).toBeCloseTo(v.common_room_occupancy!, 3);
    expect(f.spaces.filter((s) => s.kind === "guest_unit").reduce((s, m) => s + (m.nights ?? 0), 0)).toBe(v.guest_unit_nights);
  });

  it("scores surveys only from surveys with at least 5 answers", () => {
    expect(v.survey_answers).toBe(8);
    expect(r.denominators.survey_answers).toBe(5);
    expect(v.survey_satisfaction).toBe(4.2);
    expect(v.survey_belonging).toBe(3.6);
    expect(v.survey_loneliness).toBe((3 + 6 + 8 + 3 + 4) / 5);
    expect(v.survey_lonely_share).toBe(0.4); // 6 and 8
    expect(v.survey_help_given).toBe(3);
    expect(v.survey_help_received).toBe(3);
  });

  it("computes the cost per household and the co-funding mix of the year", () => {
    expect(v.funding_spent_euros).toBe(28_000);
    expect(v.funding_planned_euros).toBe(30_000);
    expect(v.cost_per_household_euros).toBe(7_000);
    expect(v.funding_share_programme).toBeCloseTo(20 / 28, 4);
    expect(v.funding_share_state).toBeCloseTo(8 / 28, 4);
    expect(v.funding_share_eu).toBe(0);
  });

  it("says no data for capabilities without rows, and reports completeness", () => {
    expect(v.meetings_held).toBeNull();
    expect(v.support_households_followed).toBeNull();
    expect(v.charter_households_signed_share).toBeNull();
    expect(r.completeness.find((c) => c.key === "meetings_held")?.status).toBe("no_data");
    expect(r.completeness.find((c) => c.key === "exchange_hours")?.status).toBe("ok");
    const measured = r.completeness.filter((c) => c.key !== "data_completeness" && c.key !== "days_since_last_activity");
    expect(v.data_completeness).toBeCloseTo(measured.filter((c) => c.status !== "no_data").length / measured.length, 4);
  });

  it("gives every indicator of the registry, and nothing else", () => {
    expect(Object.keys(v).sort()).toEqual(INDICATORS.map((i) => i.key).sort());
  });
});

describe("no data", () => {
  it("a group with no rows has only nulls, never a zero", () => {
    const r = computeGroupIndicators({ scope: scopeForJob(empty.id), ...Q1, now: NOW });
    const numbers = Object.entries(r.values).filter(([k, x]) => x !== null && k !== "data_completeness");
    expect(numbers).toEqual([]);
    expect(r.values.data_completeness).toBe(0);
    expect(r.completeness.filter((c) => c.key !== "data_completeness").every((c) => c.status === "no_data")).toBe(true);
    expect(r.lastActivityAt).toBeNull();
  });

  it("a period without exchanges gives null exchange figures", () => {
    const r = computeGroupIndicators({ scope: scopeForJob(group.id), from: "2025-01-01", to: "2025-03-31", now: NOW });
    expect(r.values.exchanges_done).toBeNull();
    expect(r.values.events_held).toBeNull();
    expect(r.values.households_present).toBe(2); // A, and C who arrived on 1 January 2025
  });

  it("an unknown group is a 404", () => {
    expect(() => computeGroupIndicators({ scope: scopeForJob("nope"), ...Q1, now: NOW })).toThrow();
  });
});

describe("computeProgrammeIndicators", () => {
  it("gives the same figures as the group page, per group and period", () => {
    const p = computeProgrammeIndicators({ scope: programmeScopeForJob(programme.id), from: "2026-01-01", to: "2026-06-30", periodKind: "quarter", now: NOW });
    expect(p.periods.map((x) => x.key)).toEqual(["2026-Q1", "2026-Q2"]);
    expect(p.rows).toHaveLength(4);
    const q1 = p.rows.find((r) => r.groupId === group.id && r.periodKey === "2026-Q1")!;
    expect(q1.values).toEqual(computeGroupIndicators({ scope: scopeForJob(group.id), ...Q1, now: NOW }).values);
    const q2 = p.rows.find((r) => r.groupId === group.id && r.periodKey === "2026-Q2")!;
    expect(q2.values.exchanges_done).toBe(1);
    expect(q2.values.guest_unit_nights).toBe(1);
  });

  it("an unknown programme is a 404", () => {
    expect(() => computeProgrammeIndicators({ scope: programmeScopeForJob("nope"), from: "2026-01-01", to: "2026-03-31", periodKind: "month" })).toThrow();
  });
});
