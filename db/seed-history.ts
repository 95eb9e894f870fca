// Two years of past activity for the three demo groups (HISTORY_FROM → HISTORY_TO), so that the funder's
// programme overview and the group pages' time series have something to show in every past quarter:
// shared meals (closed, with costs and the meal ledger) and workshops with households' sign-ups, skill
// exchanges done with their time-bank movements, and bookings of the common rooms and the guest unit.
// Each group has its own rhythm: Les Tilleuls a weekly Thursday meal and a repair café, the Maison des
// Quatre Saisons a Sunday lunch that empties when the students leave in summer, Villa Passerelle a meal
// that starts monthly and becomes fortnightly as the site comes to life (its common module is added here).
//
// Only the past: nothing here is after HISTORY_TO nor after the first row the other demos place around
// `now`. Jeanne (the demo resident) takes part, but her meal balance and her time balance stay exactly
// as the other demos left them (what she eats is paid by the meals she cooks; her exchanges pair up),
// and her household makes no booking (her yearly guest-room quota stays whole). The oldest exchange of
// Les Tilleuls is still one of hers (the cross-group test's sample). Deterministic (seeded PRNG) apart
// from ids. Call after the other capabilities' demos and before the evaluation demo, whose submitted
// reports freeze the figures of past quarters.
import { and, eq, inArray, sql } from "drizzle-orm";
import { todayIn } from "../app/modules/core/dates";
import { newId } from "../app/modules/core/ids";
import { zonedToUtc } from "../app/modules/core/recurrence";
import { defaultParty, halfPortionsOf, mealLedgerLines, placesOf, type Party } from "../app/modules/events/rules";
import { movementsFor } from "../app/modules/exchange/rules";
import type { Db } from "./client.server";
import * as schema from "./schema";
import type { Diet, EventKind, ExchangeCategory, ExchangePostKind } from "./schema/enums";
import { mulberry32 } from "./prng";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

const HISTORY_FROM = "2024-10-01";
export const HISTORY_TO = "2026-09-30";

const DAY = 86_400_000;
const RESIDENT_EMAIL = "habitante@demo.maisonnee.fr";

// Plain calendar arithmetic on 'YYYY-MM-DD' (UTC noon avoids any clock change): the loops below walk
// 730 days per group, Temporal is kept for the wall-clock → instant conversions.
const dayMs = (d: string) => Date.parse(`${d}T12:00:00Z`);
const plusDays = (d: string, n: number) => new Date(dayMs(d) + n * DAY).toISOString().slice(0, 10);
/** 1 = Monday … 7 = Sunday. */
const weekdayOf = (d: string) => ((new Date(dayMs(d)).getUTCDay() + 6) % 7) + 1;
const monthOf = (d: string) => Number(d.slice(5, 7));
const yearOf = (d: string) => Number(d.slice(0, 4));
/** The nth (1-based) given weekday of the month of `d`. */
function nthWeekday(month: string, weekday: number, nth: number): string {
  let d = `${month}-01`;
  while (weekdayOf(d) !== weekday) d = plusDays(d, 1);
  return plusDays(d, 7 * (nth - 1));
}
function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from.slice(0, 7); m <= to.slice(0, 7);) {
    out.push(m);
    const [y, mo] = m.split("-").map(Number);
    m = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, "0")}`;
  }
  return out;
}

type Person = { id: string; householdId: string; birthYear: number | null; userId: string | null; firstName: string };
type Household = {
  id: string;
  dwelling: string;
  arrival: string;
  departure: string | null;
  persons: Person[];
  account: string | null;
  weight: number;
  diets: Diet[];
};
type Space = typeof schema.spaces.$inferSelect;
type Interval = { start: number; end: number };

const DIET_CHOICES: Diet[][] = [[], [], [], [], ["vegetarian"], ["no_pork"], ["halal"], ["gluten_free"], ["vegan"]];

/** Rows gathered in memory, written at the end in a few bulk inserts (in the order the foreign keys and triggers need). */
type Rows = {
  spaces: (typeof schema.spaces.$inferInsert)[];
  series: (typeof schema.eventSeries.$inferInsert)[];
  bookings: (typeof schema.bookings.$inferInsert)[];
  occurrences: (typeof schema.eventOccurrences.$inferInsert)[];
  roles: (typeof schema.mealRoles.$inferInsert)[];
  signups: (typeof schema.eventSignups.$inferInsert)[];
  assignments: (typeof schema.mealAssignments.$inferInsert)[];
  costs: (typeof schema.mealCosts.$inferInsert)[];
  closes: { id: string; closedAt: Date; closedBy: string | null; frozenCostCents: number; frozenHalfPortions: number; frozenPersons: number }[];
  ledger: (typeof schema.mealLedger.$inferInsert)[];
  posts: (typeof schema.exchangePosts.$inferInsert)[];
  exchanges: (typeof schema.exchanges.$inferInsert)[];
  movements: (typeof schema.timeMovements.$inferInsert)[];
};

/** A meal planned in memory; closed (costs, ledger) once every meal of the group is known. */
type PlannedMeal = {
  occurrenceId: string;
  groupId: string;
  endsAt: number;
  cook: Household;
  eaters: { householdId: string; party: Party }[];
  costs: { paidByHouseholdId: string; amountCents: number; note: string }[];
};

const gcd = (a: number, b: number): number => (b ? gcd(b, a % b) : a);
/** The smallest total of cents whose split gives `mine` half-portions out of `total` a whole number of cents. */
const exactUnit = (total: number, mine: number) => total / gcd(mine, total);

class GroupHistory {
  readonly tz: string;
  /** The household whose meal shares are kept exact (the demo resident's). */
  exactFor: Household | null = null;
  readonly busy = new Map<string, Interval[]>();
  readonly meals: PlannedMeal[] = [];
  constructor(
    readonly tx: Tx,
    readonly rows: Rows,
    readonly group: typeof schema.groups.$inferSelect,
    readonly households: Household[],
    readonly facilitator: string | null,
    readonly rand: () => number,
    readonly end: string,
  ) {
    this.tz = group.timeZone;
  }

  int(min: number, max: number) {
    return min + Math.floor(this.rand() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.rand() * items.length)];
  }
  at(date: string, time: string) {
    return zonedToUtc(`${date}T${time}`, this.tz);
  }
  present(date: string) {
    return this.households.filter((h) => h.arrival <= date && (!h.departure || h.departure > date));
  }
  /** Persons already born in the year of `date`. */
  personsAt(h: Household, date: string) {
    return h.persons.filter((p) => p.birthYear == null || p.birthYear <= yearOf(date));
  }
  adultsAt(h: Household, date: string) {
    return this.personsAt(h, date).filter((p) => p.birthYear != null && yearOf(date) - p.birthYear >= 18);
  }

  /** Households drawn without replacement, the regulars more often; `first` always come when present. */
  draw(list: Household[], n: number, first: Household[] = []): Household[] {
    const out = first.filter((h) => list.includes(h));
    const pool = list.filter((h) => !out.includes(h));
    while (out.length < n && pool.length) {
      const total = pool.reduce((s, h) => s + h.weight, 0);
      let r = this.rand() * total;
      let i = 0;
      while (i < pool.length - 1 && (r -= pool[i].weight) >= 0) i++;
      out.push(pool.splice(i, 1)[0]);
    }
    return out;
  }

  /** Loads the space's active bookings and closures, so that nothing added here overlaps them. */
  loadBusy(space: Space) {
    const list = this.tx
      .select({ start: schema.bookings.blockStart, end: schema.bookings.blockEnd })
      .from(schema.bookings)
      .where(and(eq(schema.bookings.spaceId, space.id), inArray(schema.bookings.status, ["requested", "confirmed"])))
      .all()
      .map((b) => ({ start: b.start.getTime(), end: b.end.getTime() }));
    for (const c of this.tx.select().from(schema.spaceClosures).where(eq(schema.spaceClosures.spaceId, space.id)).all())
      list.push({ start: c.startsAt.getTime(), end: c.endsAt.getTime() });
    this.busy.set(space.id, list);
  }

  /** A confirmed booking when the slot is free (buffer included), else null. */
  book(
    space: Space,
    startsAt: number,
    endsAt: number,
    b: { householdId: string | null; createdBy: string | null; purpose: string; guests: number; nights?: number; createdAt: number },
  ): string | null {
    const blockEnd = endsAt + space.bufferMinutes * 60_000;
    const list = this.busy.get(space.id) ?? [];
    if (list.some((x) => x.start < blockEnd && startsAt < x.end)) return null;
    list.push({ start: startsAt, end: blockEnd });
    this.busy.set(space.id, list);
    const id = newId();
    const nights = b.nights ?? 0;
    this.rows.bookings.push({
      id,
      groupId: this.group.id,
      spaceId: space.id,
      householdId: b.householdId,
      createdBy: b.createdBy,
      startsAt: new Date(startsAt),
      endsAt: new Date(endsAt),
      blockStart: new Date(startsAt),
      blockEnd: new Date(blockEnd),
      status: "confirmed",
      purpose: b.purpose,
      guests: b.guests,
      nights,
      feeCents: nights * space.nightlyFeeCents,
      decidedBy: space.approvalRequired ? this.facilitator : null,
      decidedAt: space.approvalRequired ? new Date(b.createdAt + DAY) : null,
      createdAt: new Date(b.createdAt),
      updatedAt: new Date(space.approvalRequired ? b.createdAt + DAY : b.createdAt),
    });
    return id;
  }

  /** A finished series (untilDate = its last date, materialised to it), so the horizon job leaves it alone. */
  series(spec: {
    kind: EventKind;
    title: string;
    description: string;
    dates: string[];
    startTime: string;
    durationMinutes: number;
    rrule: string;
    capacity: number;
    signupDeadlineHours: number | null;
    space?: Space | null;
    placeText?: string;
    hostText?: string;
    hostPersonId?: string | null;
    materials?: string;
    skills?: string[];
    parentSeriesId?: string;
  }) {
    const id = newId();
    const first = spec.dates[0];
    const last = spec.dates[spec.dates.length - 1];
    const created = new Date(this.at(plusDays(first, -14), "10:00"));
    this.rows.series.push({
      id,
      groupId: this.group.id,
      kind: spec.kind,
      title: spec.title,
      description: spec.description,
      spaceId: spec.space?.id ?? null,
      placeText: spec.space ? "" : (spec.placeText ?? ""),
      startDate: first,
      startTime: spec.startTime,
      durationMinutes: spec.durationMinutes,
      timeZone: this.tz,
      rrule: spec.rrule,
      untilDate: last,
      capacity: spec.capacity,
      signupDeadlineHours: spec.signupDeadlineHours,
      hostPersonId: spec.hostPersonId ?? null,
      hostText: spec.hostText ?? "",
      materials: spec.materials ?? "",
      skills: spec.skills ?? [],
      parentSeriesId: spec.parentSeriesId ?? null,
      materialisedUntil: last,
      createdBy: this.facilitator,
      createdAt: created,
      updatedAt: created,
    });
    return { id, created: created.getTime(), ...spec };
  }

  /** One occurrence of a series on `date` (the rule's date: never moved), booked in the series' space when it has one. */
  occurrence(s: ReturnType<GroupHistory["series"]>, date: string, note = "") {
    const startsAt = this.at(date, s.startTime);
    const endsAt = startsAt + s.durationMinutes * 60_000;
    const bookingId = s.space
      ? this.book(s.space, startsAt, endsAt, { householdId: null, createdBy: this.facilitator, purpose: s.title, guests: 0, createdAt: s.created })
      : null;
    const id = newId();
    this.rows.occurrences.push({
      id,
      groupId: this.group.id,
      seriesId: s.id,
      originalStartsAt: new Date(startsAt),
      startsAt: new Date(startsAt),
      endsAt: new Date(endsAt),
      spaceId: s.space?.id ?? null,
      placeText: s.space ? "" : (s.placeText ?? ""),
      capacity: s.capacity,
      note,
      bookingId,
      bookingProblem: s.space && !bookingId ? "overlap" : null,
      createdAt: new Date(s.created),
      updatedAt: new Date(s.created),
    });
    return { id, startsAt, endsAt };
  }

  /** The party a household brings on `date`: its members of the time, not always all of them, sometimes a guest. */
  party(h: Household, date: string, workshop: boolean): Party {
    const p = defaultParty(this.personsAt(h, date), 12, date);
    if (workshop) {
      p.adults = Math.min(p.adults, this.rand() < 0.3 ? 2 : 1);
      if (this.rand() < 0.6) p.children = 0;
      p.infants = 0;
    } else {
      if (p.adults >= 2 && this.rand() < 0.2) p.adults--;
      if (p.children > 0 && p.adults > 0 && this.rand() < 0.15) p.children = 0;
      if (this.rand() < 0.1) p.guests = 1;
    }
    if (placesOf(p) === 0) p.adults = 1;
    return p;
  }

  /** Confirmed sign-ups while places last (no waiting list in the past). */
  signUp(occ: { id: string; startsAt: number }, capacity: number, list: Household[], date: string, workshop: boolean) {
    let used = 0;
    const signed: { household: Household; party: Party }[] = [];
    for (const h of list) {
      const party = this.party(h, date, workshop);
      if (used + placesOf(party) > capacity) continue;
      used += placesOf(party);
      const at = new Date(occ.startsAt - this.int(1, 6) * DAY - this.int(0, 600) * 60_000);
      this.rows.signups.push({
        groupId: this.group.id,
        occurrenceId: occ.id,
        householdId: h.id,
        ...party,
        diets: workshop ? [] : h.diets,
        status: "confirmed",
        createdBy: h.account ?? this.facilitator,
        onBehalf: !h.account,
        createdAt: at,
        updatedAt: at,
      });
      signed.push({ household: h, party });
    }
    return signed;
  }

  /** A shared meal: its roles held, its costs paid by the cook (closed later, see closeMeals). */
  meal(s: ReturnType<GroupHistory["series"]>, date: string, households: Household[], chooseCook: (signed: Household[]) => Household, note = "") {
    const occ = this.occurrence(s, date, note);
    const signed = this.signUp(occ, s.capacity, households, date, false);
    if (!signed.length) return null;
    const roles = { head_cook: newId(), helper: newId(), cleaner: newId() };
    this.rows.roles.push(
      { id: roles.head_cook, groupId: this.group.id, occurrenceId: occ.id, role: "head_cook", slots: 1 },
      { id: roles.helper, groupId: this.group.id, occurrenceId: occ.id, role: "helper", slots: 2 },
      { id: roles.cleaner, groupId: this.group.id, occurrenceId: occ.id, role: "cleaner", slots: 2 },
    );
    const cook = chooseCook(signed.map((x) => x.household));
    const others = signed.map((x) => x.household).filter((h) => h !== cook);
    const holders: [keyof typeof roles, Household][] = [["head_cook", cook]];
    if (others[0]) holders.push(["helper", others[0]]);
    if (others[1] && this.rand() < 0.6) holders.push(["helper", others[1]]);
    if (others[2]) holders.push(["cleaner", others[2]]);
    if (others[3] && this.rand() < 0.5) holders.push(["cleaner", others[3]]);
    for (const [role, h] of holders) {
      const person = this.adultsAt(h, date)[0] ?? this.personsAt(h, date)[0] ?? null;
      this.rows.assignments.push({
        groupId: this.group.id,
        occurrenceId: occ.id,
        roleId: roles[role],
        householdId: h.id,
        personId: person?.id ?? null,
        createdBy: person?.userId ?? this.facilitator,
        onBehalf: !person?.userId,
        createdAt: new Date(occ.startsAt - 3 * DAY),
      });
    }
    const halfPortions = signed.reduce((t, x) => t + halfPortionsOf(x.party), 0);
    // Market shopping at 2.80 – 4.20 € a portion, to the 10 cents; bread and drinks now and then.
    const costs = [
      {
        paidByHouseholdId: cook.id,
        amountCents: Math.max(500, Math.round((halfPortions / 2) * this.int(28, 42)) * 10),
        note: this.pick(["Courses au marché", "Courses", "Courses au supermarché", "Légumes de l'AMAP et épicerie"]),
      },
    ];
    if (this.rand() < 0.3) costs.push({ paidByHouseholdId: cook.id, amountCents: this.int(40, 90) * 10, note: "Pain et boissons" });
    // When the demo resident eats, the total is a multiple of what makes her share exact: the split's
    // tie-break between equal remainders goes by household id (random), and her balance must not depend on it.
    const exact = signed.find((x) => x.household === this.exactFor);
    if (exact) {
      const unit = exactUnit(halfPortions, halfPortionsOf(exact.party));
      const rest = costs.slice(1).reduce((t, c) => t + c.amountCents, 0);
      costs[0].amountCents = Math.max(unit, Math.round((costs[0].amountCents + rest) / unit) * unit) - rest;
    }
    const meal: PlannedMeal = {
      occurrenceId: occ.id,
      groupId: this.group.id,
      endsAt: occ.endsAt,
      cook,
      eaters: signed.map((x) => ({ householdId: x.household.id, party: x.party })),
      costs,
    };
    this.meals.push(meal);
    return meal;
  }

  /** Every meal closed a day or two after it: costs, frozen figures and the ledger lines (each meal sums to zero). */
  closeMeals() {
    for (const m of this.meals) {
      for (const c of m.costs)
        this.rows.costs.push({ groupId: m.groupId, occurrenceId: m.occurrenceId, ...c, createdBy: this.facilitator, createdAt: new Date(m.endsAt + DAY / 2) });
      const eaters = m.eaters.map((e) => ({ householdId: e.householdId, halfPortions: halfPortionsOf(e.party) }));
      const closedAt = new Date(m.endsAt + DAY + this.int(0, 36) * 3_600_000);
      this.rows.closes.push({
        id: m.occurrenceId,
        closedAt,
        closedBy: this.facilitator,
        frozenCostCents: m.costs.reduce((t, c) => t + c.amountCents, 0),
        frozenHalfPortions: eaters.reduce((t, e) => t + e.halfPortions, 0),
        frozenPersons: m.eaters.reduce((t, e) => t + placesOf(e.party), 0),
      });
      for (const l of mealLedgerLines({ costs: m.costs, eaters }))
        this.rows.ledger.push({ ...l, groupId: m.groupId, occurrenceId: m.occurrenceId, createdAt: closedAt });
    }
  }

  /** Workshop sign-ups: a few households, whoever is around. */
  workshop(s: ReturnType<GroupHistory["series"]>, date: string, n: number, note = "") {
    const occ = this.occurrence(s, date, note);
    this.signUp(occ, s.capacity, this.draw(this.present(date), n), date, true);
  }

  // ----------------------------------------------------------------------------------------------
  // Skill exchange

  readonly postIds = new Map<string, string>();

  /** The post an exchange answers: created the first time it is used, closed since (the board of today is left as it is). */
  post(t: PostTemplate, owner: Household, ownerPerson: Person | null, firstUse: string, lastUse: string): string {
    const key = `${t.title}|${owner.id}`;
    const known = this.postIds.get(key);
    const row = known ? this.rows.posts.find((p) => p.id === known)! : null;
    if (row) {
      row.updatedAt = new Date(Math.max(row.updatedAt!.getTime(), this.at(lastUse, "20:00")));
      return row.id!;
    }
    const id = newId();
    const created = new Date(this.at(plusDays(firstUse, -this.int(6, 20)), "18:00"));
    this.rows.posts.push({
      id,
      groupId: this.group.id,
      kind: t.kind,
      category: t.category,
      title: t.title,
      description: t.description,
      availability: t.availability,
      personId: ownerPerson?.id ?? null,
      householdId: owner.id,
      createdBy: ownerPerson?.userId ?? owner.account ?? this.facilitator,
      status: "closed",
      createdAt: created,
      updatedAt: new Date(this.at(lastUse, "20:00")),
    });
    this.postIds.set(key, id);
    return id;
  }

  /** A done exchange and its two movements (giver +, receiver −), as the exchange module writes them. */
  exchange(
    postId: string,
    giver: { h: Household; p: Person | null },
    receiver: { h: Household; p: Person | null },
    openedBy: Household,
    date: string,
    minutes: number,
    thanks: string | null,
    createdAt?: number,
  ) {
    const id = newId();
    const confirmedAt = this.at(date, `${this.int(17, 21)}:${this.pick(["00", "15", "30", "45"])}`);
    const created = new Date(createdAt ?? this.at(plusDays(date, -this.int(2, 10)), "19:00"));
    this.rows.exchanges.push({
      id,
      groupId: this.group.id,
      postId,
      giverHouseholdId: giver.h.id,
      receiverHouseholdId: receiver.h.id,
      giverPersonId: giver.p?.id ?? null,
      receiverPersonId: receiver.p?.id ?? null,
      openedByHouseholdId: openedBy.id,
      status: "done",
      agreedDate: date,
      minutes,
      confirmedBy: receiver.h.account ?? this.facilitator,
      confirmedAt: new Date(confirmedAt),
      thanks,
      createdAt: created,
      updatedAt: new Date(confirmedAt),
    });
    for (const m of movementsFor({ giverHouseholdId: giver.h.id, receiverHouseholdId: receiver.h.id }, minutes))
      this.rows.movements.push({ groupId: this.group.id, exchangeId: id, ...m, createdAt: new Date(confirmedAt) });
  }

  /** `n` exchanges in the month, on posts of the catalogue, between households present that day (never Jeanne's: hers pair up apart). */
  exchangesInMonth(month: string, n: number, catalogue: PostTemplate[], exclude: Household | null, minDay = 1) {
    const last = Math.min(28, this.end.slice(0, 7) === month ? Number(this.end.slice(8, 10)) : 28);
    for (let i = 0; i < n; i++) {
      const date = `${month}-${String(this.int(Math.min(minDay, last), last)).padStart(2, "0")}`;
      if (date > this.end) continue;
      const here = this.present(date).filter((h) => h !== exclude && this.adultsAt(h, date).length);
      if (here.length < 2) continue;
      const t = this.pick(catalogue);
      const owners = t.owner ? here.filter((h) => t.owner!(h, this, date)) : here;
      const owner = this.pick(owners.length ? owners : here);
      const fitting = here.filter((h) => h !== owner && (!t.other || t.other(h, this, date)));
      const other = this.pick(fitting.length ? fitting : here.filter((h) => h !== owner));
      const [giverH, receiverH] = t.kind === "offer" ? [owner, other] : [other, owner];
      const giverP = this.pick(this.adultsAt(giverH, date));
      const receiverPool =
        t.category === "homework_help"
          ? this.personsAt(receiverH, date).filter((p) => p.birthYear != null && yearOf(date) - p.birthYear >= 8 && yearOf(date) - p.birthYear < 18)
          : this.adultsAt(receiverH, date);
      const receiverP = receiverPool.length ? this.pick(receiverPool) : (this.adultsAt(receiverH, date)[0] ?? null);
      const ownerP = owner === giverH ? giverP : receiverP;
      const postId = this.post(t, owner, ownerP, date, date);
      this.exchange(
        postId,
        { h: giverH, p: giverP },
        { h: receiverH, p: receiverP },
        other,
        date,
        this.pick(t.minutes),
        this.rand() < 0.35 ? this.pick(THANKS) : null,
      );
    }
  }
}

type PostTemplate = {
  kind: ExchangePostKind;
  category: ExchangeCategory;
  title: string;
  description: string;
  availability: string;
  minutes: number[];
  /** Who would post it (the first present household that fits), and who answers. */
  owner?: (h: Household, g: GroupHistory, date: string) => boolean;
  other?: (h: Household, g: GroupHistory, date: string) => boolean;
};

const THANKS = [
  "Merci beaucoup, c'était parfait.",
  "Un grand merci, à charge de revanche !",
  "Merci pour ta patience.",
  "Super, merci ! On recommence quand tu veux.",
  "Merci, ça m'a vraiment dépanné.",
];

const ageAt = (p: Person, date: string) => (p.birthYear == null ? null : yearOf(date) - p.birthYear);
const hasSenior = (h: Household, g: GroupHistory, date: string) => g.personsAt(h, date).some((p) => (ageAt(p, date) ?? 0) >= 65);
const hasYoungAdult = (h: Household, g: GroupHistory, date: string) => g.adultsAt(h, date).some((p) => (ageAt(p, date) ?? 99) < 30);
const hasSchoolChild = (h: Household, g: GroupHistory, date: string) =>
  g.personsAt(h, date).some((p) => {
    const a = ageAt(p, date);
    return a != null && a >= 8 && a < 18;
  });
const hasYoungChild = (h: Household, g: GroupHistory, date: string) =>
  g.personsAt(h, date).some((p) => {
    const a = ageAt(p, date);
    return a != null && a < 10;
  });

const TILLEULS_POSTS: PostTemplate[] = [
  {
    kind: "offer",
    category: "diy_repairs",
    title: "Petits travaux : perceuse, montage de meubles",
    description: "J'ai les outils, vous avez les chevilles.",
    availability: "Le samedi matin",
    minutes: [45, 60, 90, 120],
  },
  {
    kind: "offer",
    category: "gardening",
    title: "Coup de main au potager et aux jardinières",
    description: "Semis, taille, arrosage pendant vos absences.",
    availability: "Le week-end",
    minutes: [30, 60, 90],
  },
  {
    kind: "request",
    category: "homework_help",
    title: "Aide aux devoirs (collège)",
    description: "Maths et français, une heure par semaine.",
    availability: "Mardi et jeudi après 17 h",
    minutes: [60, 60, 90],
    owner: hasSchoolChild,
  },
  {
    kind: "offer",
    category: "childcare",
    title: "Garde d'enfants après l'école",
    description: "Je peux récupérer les petits à l'école et les garder jusqu'à 19 h.",
    availability: "Lundi, mardi, jeudi",
    minutes: [60, 90, 120, 180],
    other: hasYoungChild,
  },
  {
    kind: "offer",
    category: "errands_transport",
    title: "Covoiturage pour les courses",
    description: "Je vais à l'hypermarché le samedi, il reste de la place.",
    availability: "Le samedi",
    minutes: [60, 90],
  },
  {
    kind: "request",
    category: "digital_help",
    title: "Démarches en ligne (impôts, CAF)",
    description: "Je bloque sur les sites administratifs.",
    availability: "En semaine",
    minutes: [30, 45, 60],
    owner: hasSenior,
  },
  {
    kind: "offer",
    category: "cooking",
    title: "Cours de cuisine vietnamienne",
    description: "Nems, rouleaux de printemps, bo bun.",
    availability: "Le dimanche",
    minutes: [120, 180],
  },
  {
    kind: "offer",
    category: "languages",
    title: "Conversation en espagnol ou portugais",
    description: "Pour les enfants comme pour les grands.",
    availability: "Le mercredi",
    minutes: [45, 60],
  },
  {
    kind: "request",
    category: "diy_repairs",
    title: "Réparer un vélo d'enfant",
    description: "Freins et chaîne à revoir.",
    availability: "Quand vous voulez",
    minutes: [30, 45, 60],
  },
  {
    kind: "offer",
    category: "company_visits",
    title: "Visites et promenades avec nos aînés",
    description: "Un café, une promenade au parc, un peu de lecture.",
    availability: "L'après-midi",
    minutes: [60, 90, 120],
    other: hasSenior,
  },
];

const SAISONS_POSTS: PostTemplate[] = [
  {
    kind: "request",
    category: "digital_help",
    title: "Apprendre à faire un appel vidéo",
    description: "Pour voir mes petits-enfants qui vivent loin.",
    availability: "L'après-midi",
    minutes: [30, 45, 60],
    owner: hasSenior,
    other: hasYoungAdult,
  },
  {
    kind: "request",
    category: "errands_transport",
    title: "Courses au marché de Talensac",
    description: "Porter les sacs, surtout l'hiver.",
    availability: "Le samedi matin",
    minutes: [60, 90],
    owner: hasSenior,
    other: hasYoungAdult,
  },
  {
    kind: "request",
    category: "company_visits",
    title: "Lecture du journal à voix haute",
    description: "Ma vue baisse mais pas ma curiosité : cherche lecteurs.",
    availability: "Le matin",
    minutes: [45, 60],
    owner: hasSenior,
    other: hasYoungAdult,
  },
  {
    kind: "offer",
    category: "cooking",
    title: "Les recettes de ma grand-mère",
    description: "Far breton, crêpes, gâteau nantais.",
    availability: "Le mercredi",
    minutes: [90, 120],
    owner: hasSenior,
    other: hasYoungAdult,
  },
  {
    kind: "offer",
    category: "languages",
    title: "Relecture de mémoires et de lettres de motivation",
    description: "Ancienne institutrice, l'orthographe me connaît.",
    availability: "En semaine",
    minutes: [60, 90],
    owner: hasSenior,
    other: hasYoungAdult,
  },
  {
    kind: "request",
    category: "diy_repairs",
    title: "Changer une ampoule au plafond",
    description: "Je ne monte plus sur l'escabeau.",
    availability: "Quand vous voulez",
    minutes: [15, 30],
    owner: hasSenior,
    other: hasYoungAdult,
  },
  {
    kind: "offer",
    category: "other",
    title: "Initiation au tricot",
    description: "Aiguilles et laine fournies.",
    availability: "Le jeudi après-midi",
    minutes: [60, 90],
    owner: hasSenior,
  },
  {
    kind: "offer",
    category: "childcare",
    title: "Garder le petit le samedi matin",
    description: "Il a deux ans et adore les histoires.",
    availability: "Le samedi",
    minutes: [90, 120, 180],
    other: hasYoungChild,
  },
];

const PASSERELLE_POSTS: PostTemplate[] = [
  {
    kind: "offer",
    category: "childcare",
    title: "Garde des enfants pendant les rendez-vous",
    description: "Pour aller à la préfecture ou chez le médecin tranquille.",
    availability: "En semaine",
    minutes: [60, 120, 180],
    other: hasYoungChild,
  },
  {
    kind: "request",
    category: "paperwork",
    title: "Aide pour un dossier de logement social",
    description: "Je ne comprends pas toutes les pièces demandées.",
    availability: "Le soir",
    minutes: [45, 60, 90],
  },
  {
    kind: "offer",
    category: "languages",
    title: "Pratique du français à l'oral",
    description: "On parle de tout, autour d'un thé.",
    availability: "Le samedi après-midi",
    minutes: [60, 90],
  },
  {
    kind: "offer",
    category: "languages",
    title: "Traduction roumain – français",
    description: "Pour un courrier ou un rendez-vous.",
    availability: "Le soir",
    minutes: [30, 45, 60],
  },
  {
    kind: "request",
    category: "homework_help",
    title: "Devoirs de CM2 et de 6e",
    description: "Surtout la lecture et les problèmes.",
    availability: "Après l'école",
    minutes: [45, 60],
    owner: hasSchoolChild,
  },
  {
    kind: "offer",
    category: "diy_repairs",
    title: "Réparations dans les modules",
    description: "Plomberie simple, étagères, porte qui ferme mal.",
    availability: "Le week-end",
    minutes: [30, 60, 90],
  },
  {
    kind: "offer",
    category: "cooking",
    title: "Cuisine ensemble pour les fêtes",
    description: "Sarmale, mafé, couscous : chacun apprend le plat de l'autre.",
    availability: "Le dimanche",
    minutes: [120, 180],
  },
  {
    kind: "offer",
    category: "errands_transport",
    title: "Accompagnement dans les transports",
    description: "Trouver le bon bus, l'hôpital, la CAF.",
    availability: "En semaine",
    minutes: [60, 90, 120],
  },
];

function loadGroup(tx: Tx, name: string) {
  const group = tx.select().from(schema.groups).where(eq(schema.groups.name, name)).get();
  if (!group) return null;
  const rows = tx
    .select({
      id: schema.households.id,
      dwelling: schema.households.dwelling,
      arrival: schema.households.arrivalDate,
      departure: schema.households.departureDate,
    })
    .from(schema.households)
    .where(eq(schema.households.groupId, group.id))
    .all()
    .sort((a, b) => a.dwelling.localeCompare(b.dwelling, "fr", { numeric: true }) || a.arrival.localeCompare(b.arrival));
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
  // The facilitator records what residents without an account did (the group's admin otherwise).
  const facilitator =
    tx
      .select({ userId: schema.memberships.userId, role: schema.memberships.role, email: schema.users.email })
      .from(schema.memberships)
      .innerJoin(schema.users, eq(schema.users.id, schema.memberships.userId))
      .where(and(eq(schema.memberships.groupId, group.id), inArray(schema.memberships.role, ["facilitator", "group_admin"])))
      .all()
      .sort((a, b) => Number(a.role !== "facilitator") - Number(b.role !== "facilitator") || a.email.localeCompare(b.email))[0]?.userId ?? null;
  return { group, rows, persons, facilitator };
}

/** The first date the other demos use in a group (their calendars and exchanges are placed around `now`). */
function firstDemoDate(tx: Tx, groupId: string, timeZone: string): string | null {
  const occ = tx
    .select({ at: sql<number | null>`min(${schema.eventOccurrences.startsAt})` })
    .from(schema.eventOccurrences)
    .innerJoin(schema.eventSeries, eq(schema.eventSeries.id, schema.eventOccurrences.seriesId))
    .where(and(eq(schema.eventOccurrences.groupId, groupId), inArray(schema.eventSeries.kind, ["shared_meal", "workshop"])))
    .get()?.at;
  const exchange = tx
    .select({ d: sql<string | null>`min(${schema.exchanges.agreedDate})` })
    .from(schema.exchanges)
    .where(eq(schema.exchanges.groupId, groupId))
    .get()?.d;
  const dates = [occ != null ? todayIn(timeZone, Number(occ)) : null, exchange ?? null].filter((d): d is string => !!d);
  return dates.length ? dates.sort()[0] : null;
}

/** Seasons: August empties the houses, the Christmas holidays too, July a little. */
const SEASON: Record<number, number> = { 1: 0.95, 2: 1, 3: 1, 4: 1, 5: 0.95, 6: 1, 7: 0.75, 8: 0.4, 9: 0.95, 10: 1, 11: 1, 12: 0.8 };
const isChristmasBreak = (d: string) => (monthOf(d) === 12 && Number(d.slice(8, 10)) >= 22) || (monthOf(d) === 1 && Number(d.slice(8, 10)) <= 3);
/** The middle two weeks of August, when most meals pause. */
const isSummerBreak = (d: string) => monthOf(d) === 8 && Number(d.slice(8, 10)) >= 8 && Number(d.slice(8, 10)) <= 21;

export type HistoryCounts = Record<string, { meals: number; workshops: number; signups: number; exchanges: number; minutes: number; bookings: number }>;

/** Two years of past activity in the three demo groups (no-op when a group is missing or already has it). */
export function seedHistoryDemo(db: Db, now = Date.now()): HistoryCounts {
  const counts: HistoryCounts = {};
  db.transaction((tx) => {
    const rows: Rows = {
      spaces: [],
      series: [],
      bookings: [],
      occurrences: [],
      roles: [],
      signups: [],
      assignments: [],
      costs: [],
      closes: [],
      ledger: [],
      posts: [],
      exchanges: [],
      movements: [],
    };
    const histories: GroupHistory[] = [];
    const setUp = (name: string, seed: number) => {
      const loaded = loadGroup(tx, name);
      if (!loaded) return null;
      const { group, rows: hh, persons, facilitator } = loaded;
      const already = tx
        .select({ id: schema.eventSeries.id })
        .from(schema.eventSeries)
        .where(
          and(
            eq(schema.eventSeries.groupId, group.id),
            sql`${schema.eventSeries.untilDate} <= ${HISTORY_TO}`,
            inArray(schema.eventSeries.kind, ["shared_meal", "workshop"]),
          ),
        )
        .get();
      if (already) return null;
      const today = todayIn(group.timeZone, now);
      const first = firstDemoDate(tx, group.id, group.timeZone);
      const end = [HISTORY_TO, plusDays(today, -1), ...(first ? [plusDays(first, -1)] : [])].sort()[0];
      if (end < HISTORY_FROM) return null;
      const rand = mulberry32(seed);
      const households: Household[] = hh.map((h, i) => {
        const own = persons.filter((p) => p.householdId === h.id);
        return {
          ...h,
          persons: own,
          account: own.find((p) => p.userId)?.userId ?? null,
          // Some households come nearly every time, some now and then, a few hardly ever.
          weight: rand() < 0.2 ? 0.03 : 0.35 + rand() * 1.3,
          diets: DIET_CHOICES[(i * 5 + Math.floor(rand() * 3)) % DIET_CHOICES.length],
        };
      });
      const g = new GroupHistory(tx, rows, group, households, facilitator, rand, end);
      histories.push(g);
      return g;
    };

    // ---------------------------------------------------------------------------------------------
    // Les Tilleuls: the Thursday meal every week, 8 to 14 households; the repair café every second
    // Saturday; a garden workshop in spring; exchanges all year; the common room and the guest room.
    const tilleuls = setUp("Les Tilleuls", 20241003);
    if (tilleuls) {
      const g = tilleuls;
      const jeanneUser = tx.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, RESIDENT_EMAIL)).get()?.id ?? null;
      const jeanne = g.households.find((h) => h.account != null && h.account === jeanneUser) ?? null;
      if (jeanne) jeanne.weight = 3; // she hardly misses a Thursday
      g.exactFor = jeanne;
      const salle =
        tx
          .select()
          .from(schema.spaces)
          .where(and(eq(schema.spaces.groupId, g.group.id), eq(schema.spaces.name, "Salle commune")))
          .get() ?? null;
      const chambre =
        tx
          .select()
          .from(schema.spaces)
          .where(and(eq(schema.spaces.groupId, g.group.id), eq(schema.spaces.name, "Chambre d'amis")))
          .get() ?? null;
      if (salle) g.loadBusy(salle);
      if (chambre) g.loadBusy(chambre);

      const thursdays: string[] = [];
      for (let d = nthWeekday(HISTORY_FROM.slice(0, 7), 4, 1); d <= g.end; d = plusDays(d, 7)) if (!isChristmasBreak(d) && !isSummerBreak(d)) thursdays.push(d);
      const meals = g.series({
        kind: "shared_meal",
        title: "Repas partagé du jeudi",
        description: "Chaque jeudi, un foyer cuisine pour tout le monde. Inscrivez-vous la veille au plus tard ; la dépense est partagée selon les portions.",
        dates: thursdays,
        startTime: "19:30",
        durationMinutes: 150,
        rrule: "FREQ=WEEKLY",
        capacity: 36,
        signupDeadlineHours: 24,
        space: salle,
        placeText: "Salle commune",
      });
      // Jeanne cooks when what she ate since her last turn is worth a meal; not in the last summer, so
      // that her last turn (the last Thursday) brings her balance back exactly to zero.
      let jeanneBalance = 0;
      const lastThursday = thursdays[thursdays.length - 1];
      let rotation = 0;
      for (const date of thursdays) {
        const present = g.present(date);
        const n = Math.max(5, Math.round(g.int(8, 14) * SEASON[monthOf(date)]));
        const chosen = g.draw(present, n, date === lastThursday && jeanne ? [jeanne] : []);
        const m = g.meal(meals, date, chosen, (signed) => {
          if (jeanne && signed.includes(jeanne) && (date === lastThursday || (jeanneBalance < -3200 && date < "2026-07-01"))) return jeanne;
          const others = signed.filter((h) => h !== jeanne);
          return others.length ? others[rotation++ % others.length] : signed[0];
        });
        if (!m || !jeanne) continue;
        if (date === lastThursday && m.cook === jeanne) {
          // Her last turn brings her balance back to zero: a total her share divides exactly, of which
          // she pays what she owes plus her share, a neighbour the bread and drinks (the rest).
          const total = m.eaters.reduce((t, e) => t + halfPortionsOf(e.party), 0);
          const mine = halfPortionsOf(m.eaters.find((e) => e.householdId === jeanne.id)!.party);
          const unit = exactUnit(total, mine);
          const owed = -jeanneBalance;
          const cost = Math.ceil(((owed * total) / (total - mine) + 400) / unit) * unit;
          const paid = owed + (cost * mine) / total;
          const neighbour = m.eaters.find((e) => e.householdId !== jeanne.id);
          if (owed <= 0 || !neighbour || cost - paid <= 0) throw new Error(`seed-history: cannot balance the demo resident's meals (${jeanneBalance})`);
          m.costs = [
            { paidByHouseholdId: jeanne.id, amountCents: paid, note: "Courses au marché" },
            { paidByHouseholdId: neighbour.householdId, amountCents: cost - paid, note: "Pain et boissons" },
          ];
        }
        const eaters = m.eaters.map((e) => ({ householdId: e.householdId, halfPortions: halfPortionsOf(e.party) }));
        jeanneBalance += mealLedgerLines({ costs: m.costs, eaters })
          .filter((l) => l.householdId === jeanne.id)
          .reduce((t, l) => t + l.amountCents, 0);
      }
      if (jeanne && jeanneBalance !== 0) throw new Error(`seed-history: the demo resident's meal balance would move (${jeanneBalance})`);

      const repairDates = monthsBetween(HISTORY_FROM, g.end)
        .map((m) => nthWeekday(m, 6, 2))
        .filter((d) => d >= HISTORY_FROM && d <= g.end && monthOf(d) !== 8);
      const repair = g.series({
        kind: "workshop",
        title: "Repair café",
        description: "On répare ensemble petit électroménager, vélos, vêtements. Entrée libre, café offert.",
        dates: repairDates,
        startTime: "14:00",
        durationMinutes: 180,
        rrule: "FREQ=MONTHLY;BYDAY=2SA",
        capacity: 15,
        signupDeadlineHours: null,
        placeText: "Local à vélos, rez-de-chaussée",
        hostText: "Repair Café Bourges (association partenaire)",
        materials: "Apportez l'objet à réparer et, si vous l'avez, sa notice.",
        skills: ["réparation", "électroménager", "vélo", "couture"],
      });
      for (const d of repairDates) g.workshop(repair, d, Math.round(g.int(3, 7) * SEASON[monthOf(d)]) || 2);
      const gardenDates = monthsBetween(HISTORY_FROM, g.end)
        .filter((m) => [3, 4, 5, 6, 9].includes(Number(m.slice(5))))
        .map((m) => nthWeekday(m, 6, 1))
        .filter((d) => d >= HISTORY_FROM && d <= g.end);
      const garden = g.series({
        kind: "workshop",
        title: "Atelier jardin : semis et plantations",
        description: "Au jardin partagé : on sème, on repique, on se partage les plants. Les enfants sont les bienvenus.",
        dates: gardenDates,
        startTime: "10:00",
        durationMinutes: 120,
        rrule: "FREQ=MONTHLY;BYDAY=1SA",
        capacity: 20,
        signupDeadlineHours: null,
        placeText: "Jardin partagé, derrière le bâtiment B",
        materials: "Gants si vous en avez ; graines et outils fournis.",
        skills: ["jardinage", "semis"],
      });
      for (const d of gardenDates) g.workshop(garden, d, g.int(4, 8));

      // Exchanges: 4 to 8 a month; Jeanne's own in pairs of equal time (her balance does not move),
      // the first of them the oldest exchange of the group.
      if (jeanne) {
        const jp = g.adultsAt(jeanne, HISTORY_FROM)[0] ?? jeanne.persons[0];
        const helpers = g.present(HISTORY_FROM).filter((h) => h !== jeanne && g.adultsAt(h, HISTORY_FROM).length);
        const JEANNE: { date: string; give: boolean; minutes: number; t: PostTemplate }[] = [
          {
            date: "2024-10-08",
            give: false,
            minutes: 60,
            t: {
              kind: "offer",
              category: "digital_help",
              title: "Dépannage smartphone et tablette",
              description: "Réglages, mises à jour, photos à envoyer.",
              availability: "Le soir",
              minutes: [60],
            },
          },
          {
            date: "2024-11-20",
            give: true,
            minutes: 60,
            t: {
              kind: "offer",
              category: "cooking",
              title: "Confitures et compotes de saison",
              description: "On fait les pots ensemble, chacun repart avec les siens.",
              availability: "Le mercredi",
              minutes: [60],
            },
          },
          {
            date: "2025-02-11",
            give: false,
            minutes: 90,
            t: {
              kind: "request",
              category: "diy_repairs",
              title: "Poser une tringle à rideaux",
              description: "La vieille s'est décrochée.",
              availability: "En semaine, le matin",
              minutes: [90],
            },
          },
          {
            date: "2025-03-19",
            give: true,
            minutes: 90,
            t: {
              kind: "offer",
              category: "other",
              title: "Ourlets et petites retouches",
              description: "Pantalons, rideaux, boutons.",
              availability: "L'après-midi",
              minutes: [90],
            },
          },
          {
            date: "2025-06-05",
            give: false,
            minutes: 45,
            t: {
              kind: "offer",
              category: "errands_transport",
              title: "Covoiturage pour les courses",
              description: "Je vais à l'hypermarché le samedi, il reste de la place.",
              availability: "Le samedi",
              minutes: [45],
            },
          },
          {
            date: "2025-07-02",
            give: true,
            minutes: 45,
            t: {
              kind: "offer",
              category: "cooking",
              title: "Confitures et compotes de saison",
              description: "On fait les pots ensemble, chacun repart avec les siens.",
              availability: "Le mercredi",
              minutes: [45],
            },
          },
          {
            date: "2025-10-14",
            give: false,
            minutes: 120,
            t: {
              kind: "request",
              category: "paperwork",
              title: "Classer mes papiers de retraite",
              description: "Des cartons de courriers à trier.",
              availability: "Quand vous voulez",
              minutes: [120],
            },
          },
          {
            date: "2026-01-21",
            give: true,
            minutes: 120,
            t: {
              kind: "offer",
              category: "other",
              title: "Ourlets et petites retouches",
              description: "Pantalons, rideaux, boutons.",
              availability: "L'après-midi",
              minutes: [120],
            },
          },
          {
            date: "2026-05-12",
            give: false,
            minutes: 60,
            t: {
              kind: "offer",
              category: "digital_help",
              title: "Dépannage smartphone et tablette",
              description: "Réglages, mises à jour, photos à envoyer.",
              availability: "Le soir",
              minutes: [60],
            },
          },
          {
            date: "2026-06-10",
            give: true,
            minutes: 60,
            t: {
              kind: "offer",
              category: "other",
              title: "Ourlets et petites retouches",
              description: "Pantalons, rideaux, boutons.",
              availability: "L'après-midi",
              minutes: [60],
            },
          },
        ];
        JEANNE.forEach((x, i) => {
          if (x.date > g.end || !helpers.length) return;
          const other = helpers[(i * 3 + 1) % helpers.length];
          const op = g.adultsAt(other, x.date)[0] ?? null;
          const me = { h: jeanne, p: jp };
          const them = { h: other, p: op };
          // An offer is posted by whoever gives; a request by whoever receives.
          const owner = (x.t.kind === "offer") === x.give ? me : them;
          const postId = g.post(x.t, owner.h, owner.p, x.date, x.date);
          const [giver, receiver] = x.give ? [me, them] : [them, me];
          g.exchange(
            postId,
            giver,
            receiver,
            owner === me ? them.h : me.h,
            x.date,
            x.minutes,
            x.give ? null : "Merci beaucoup, c'est un vrai soulagement.",
            i === 0 ? g.at("2024-10-02", "18:00") : undefined,
          );
        });
      }
      for (const month of monthsBetween(HISTORY_FROM, g.end))
        g.exchangesInMonth(
          month,
          Math.round(g.int(4, 8) * SEASON[monthOf(month + "-01")]),
          TILLEULS_POSTS,
          jeanne,
          month === HISTORY_FROM.slice(0, 7) ? 14 : 1,
        );

      // The common room: birthdays, family parties, associations' evenings (not on Tuesday evenings:
      // the residents' meeting; not on Thursday evenings: the meal). The guest room: family visits,
      // more in summer and at Christmas. Jeanne's household makes none (her guest-room quota stays whole).
      const bookers = (date: string) => g.present(date).filter((h) => h !== jeanne);
      if (salle) {
        // The room's monthly quota per household (10 h) holds in the past too.
        const hoursByMonth = new Map<string, number>();
        const PURPOSES = [
          "Anniversaire",
          "Goûter d'anniversaire des enfants",
          "Repas de famille",
          "Réunion de l'amicale des locataires",
          "Fête de départ à la retraite",
          "Soirée jeux",
          "Cours de yoga entre voisins",
          "Baby shower",
        ];
        for (const month of monthsBetween(HISTORY_FROM, g.end)) {
          const n = Math.round(g.int(2, 5) * SEASON[monthOf(month + "-01")]);
          for (let i = 0; i < n; i++) {
            const date = `${month}-${String(g.int(1, 28)).padStart(2, "0")}`;
            if (date < HISTORY_FROM || date > g.end || [2, 4].includes(weekdayOf(date))) continue;
            const weekend = weekdayOf(date) >= 6;
            const start = weekend ? g.pick(["11:00", "14:00", "15:00", "18:00"]) : g.pick(["14:00", "17:30", "18:00"]);
            const hoursLong = weekend ? g.int(3, 4) : g.int(2, 3);
            const h = g.pick(bookers(date));
            const key = `${h?.id}|${month}`;
            if (!h || (hoursByMonth.get(key) ?? 0) + hoursLong > (salle.quotaHoursPerMonth ?? 24)) continue;
            const startsAt = g.at(date, start);
            if (
              g.book(salle, startsAt, startsAt + hoursLong * 3_600_000, {
                householdId: h.id,
                createdBy: h.account ?? g.facilitator,
                purpose: g.pick(PURPOSES),
                guests: g.int(6, 25),
                createdAt: startsAt - g.int(7, 30) * DAY,
              })
            )
              hoursByMonth.set(key, (hoursByMonth.get(key) ?? 0) + hoursLong);
          }
        }
      }
      if (chambre) {
        const nightsByYear = new Map<string, number>();
        const VISITS = [
          "Visite de ma sœur",
          "Petits-enfants en vacances",
          "Mes parents pour Noël",
          "Un ami de passage",
          "Ma fille et son compagnon",
          "Cousins du Portugal",
        ];
        for (const month of monthsBetween(HISTORY_FROM, g.end)) {
          const mo = monthOf(month + "-01");
          const n = [7, 8, 12].includes(mo) ? g.int(2, 3) : g.int(0, 2);
          for (let i = 0; i < n; i++) {
            const date = `${month}-${String(g.int(1, 26)).padStart(2, "0")}`;
            const nights = g.int(1, 5);
            if (date < HISTORY_FROM || plusDays(date, nights) > g.end) continue;
            const h = g.pick(bookers(date));
            const key = `${h?.id}|${date.slice(0, 4)}`;
            // At most 7 nights a household and year here: the upcoming demo stays still fit in the 14-night quota.
            if (!h || (nightsByYear.get(key) ?? 0) + nights > 7) continue;
            const startsAt = g.at(date, chambre.checkInTime ?? "15:00");
            const endsAt = g.at(plusDays(date, nights), chambre.checkOutTime ?? "11:00");
            if (
              g.book(chambre, startsAt, endsAt, {
                householdId: h.id,
                createdBy: h.account ?? g.facilitator,
                purpose: g.pick(VISITS),
                guests: g.int(1, 3),
                nights,
                createdAt: startsAt - g.int(10, 45) * DAY,
              })
            )
              nightsByYear.set(key, (nightsByYear.get(key) ?? 0) + nights);
          }
        }
      }
    }

    // ---------------------------------------------------------------------------------------------
    // Maison des Quatre Saisons: the Sunday lunch (the students are away in July and August), the
    // monthly cooking workshop, a digital workshop where students teach the elders; exchanges between
    // generations, busiest in the school year.
    const saisons = setUp("Maison des Quatre Saisons", 20241006);
    if (saisons) {
      const g = saisons;
      const salle =
        tx
          .select()
          .from(schema.spaces)
          .where(and(eq(schema.spaces.groupId, g.group.id), eq(schema.spaces.name, "Salle commune")))
          .get() ?? null;
      if (salle) g.loadBusy(salle);
      const isStudent = (h: Household) => h.dwelling.startsWith("Chambre");
      const sundays: string[] = [];
      for (let d = nthWeekday(HISTORY_FROM.slice(0, 7), 7, 1); d <= g.end; d = plusDays(d, 7)) if (!isChristmasBreak(d)) sundays.push(d);
      const lunch = g.series({
        kind: "shared_meal",
        title: "Déjeuner du dimanche",
        description: "Le déjeuner de la maison : les étudiant·es cuisinent avec un·e aîné·e, tout le monde met la table.",
        dates: sundays,
        startTime: "12:30",
        durationMinutes: 120,
        rrule: "FREQ=WEEKLY",
        capacity: 16,
        signupDeadlineHours: 48,
        space: salle,
        placeText: "Salle à manger commune",
      });
      let turn = 0;
      for (const date of sundays) {
        const summer = [7, 8].includes(monthOf(date));
        const here = g.present(date).filter((h) => !(summer && isStudent(h)));
        const n = summer ? g.int(3, 5) : g.int(5, 9);
        g.meal(lunch, date, g.draw(here, n), (signed) => {
          const students = signed.filter(isStudent);
          return students.length ? students[turn++ % students.length] : signed[turn++ % signed.length];
        });
      }
      const senior = g.households.flatMap((h) => h.persons).find((p) => p.birthYear != null && p.birthYear < 1950) ?? null;
      const cookingDates = monthsBetween(HISTORY_FROM, g.end)
        .map((m) => nthWeekday(m, 3, 1))
        .filter((d) => d >= HISTORY_FROM && d <= g.end && monthOf(d) !== 8);
      const cooking = g.series({
        kind: "workshop",
        title: "Atelier cuisine : les recettes de nos grands-mères",
        description: "Une habitante transmet une recette de famille ; on cuisine à quatre mains et on goûte ensemble.",
        dates: cookingDates,
        startTime: "15:00",
        durationMinutes: 120,
        rrule: "FREQ=MONTHLY;BYDAY=1WE",
        capacity: 8,
        signupDeadlineHours: 24,
        placeText: "Cuisine commune",
        hostPersonId: senior?.id ?? null,
        materials: "Tablier ; les ingrédients sont fournis.",
        skills: ["cuisine", "pâtisserie", "transmission"],
      });
      for (const d of cookingDates) g.workshop(cooking, d, g.int(3, 6));
      const digitalDates = monthsBetween("2025-01-01", g.end)
        .map((m) => nthWeekday(m, 6, 3))
        .filter((d) => d <= g.end && ![7, 8].includes(monthOf(d)));
      const digital = g.series({
        kind: "workshop",
        title: "Atelier numérique : les étudiant·es répondent",
        description: "Téléphone, tablette, démarches en ligne : on vient avec ses questions, les étudiant·es de la maison y répondent.",
        dates: digitalDates,
        startTime: "10:00",
        durationMinutes: 90,
        rrule: "FREQ=MONTHLY;BYDAY=3SA",
        capacity: 10,
        signupDeadlineHours: null,
        placeText: "Salon du rez-de-chaussée",
        skills: ["numérique", "smartphone"],
      });
      for (const d of digitalDates) g.workshop(digital, d, g.int(4, 7));
      for (const month of monthsBetween(HISTORY_FROM, g.end)) {
        const mo = monthOf(month + "-01");
        g.exchangesInMonth(month, [7, 8].includes(mo) ? g.int(1, 3) : g.int(6, 10), SAISONS_POSTS, null);
      }
      if (salle) {
        const PURPOSES = [
          "Visite de la famille",
          "Anniversaire de mes 80 ans",
          "Goûter avec mes petits-enfants",
          "Répétition de la chorale",
          "Club de lecture",
          "Révisions d'examens en groupe",
        ];
        for (const month of monthsBetween(HISTORY_FROM, g.end)) {
          const n = Math.round(g.int(1, 4) * SEASON[monthOf(month + "-01")]);
          for (let i = 0; i < n; i++) {
            const date = `${month}-${String(g.int(1, 28)).padStart(2, "0")}`;
            if (date < HISTORY_FROM || date > g.end) continue;
            const h = g.pick(g.present(date));
            if (!h) continue;
            const startsAt = g.at(date, g.pick(["15:00", "15:30", "16:00", "17:00"]));
            g.book(salle, startsAt, startsAt + g.int(2, 3) * 3_600_000, {
              householdId: h.id,
              createdBy: h.account ?? g.facilitator,
              purpose: g.pick(PURPOSES),
              guests: g.int(4, 15),
              createdAt: startsAt - g.int(5, 25) * DAY,
            });
          }
        }
      }
    }

    // ---------------------------------------------------------------------------------------------
    // Villa Passerelle: the site's common module opens in autumn 2024; a meal once a month, then every
    // other Friday from September 2025; workshops with partner associations; exchanges that take off
    // as residents get to know one another.
    const passerelle = setUp("Villa Passerelle", 20241011);
    if (passerelle) {
      const g = passerelle;
      // Growth over the two years: 0.35 at the start, 1 at the end.
      const span = dayMs(g.end) - dayMs(HISTORY_FROM);
      const growth = (d: string) => 0.35 + (0.65 * (dayMs(d) - dayMs(HISTORY_FROM))) / Math.max(1, span);
      let hub =
        tx
          .select()
          .from(schema.spaces)
          .where(and(eq(schema.spaces.groupId, g.group.id), eq(schema.spaces.kind, "common_room")))
          .get() ?? null;
      if (!hub) {
        const created = new Date(g.at("2024-09-16", "10:00"));
        const row = {
          id: newId(),
          groupId: g.group.id,
          name: "Module collectif",
          kind: "common_room" as const,
          description: "Le grand module à l'entrée du site : une table pour vingt, une kitchenette, le coin des enfants. La clé est au bureau de l'équipe.",
          capacity: 30,
          active: true,
          bookingWindowDays: 60,
          minNoticeHours: 24,
          maxMinutes: 6 * 60,
          approvalRequired: true,
          bufferMinutes: 30,
          quietStart: "22:00",
          quietEnd: "08:00",
          createdAt: created,
          updatedAt: created,
        };
        rows.spaces.push(row);
        hub = {
          ...row,
          minMinutes: null,
          quotaHoursPerMonth: null,
          quotaBookingsPerMonth: null,
          quotaNightsPerYear: null,
          checkInTime: null,
          checkOutTime: null,
          nightlyFeeCents: 0,
          maxNights: null,
          houseRules: "",
        };
      }
      g.loadBusy(hub);
      const monthlyDates = monthsBetween(HISTORY_FROM, "2025-08-31")
        .map((m) => {
          let d = nthWeekday(m, 5, 1);
          while (plusDays(d, 7).slice(0, 7) === m) d = plusDays(d, 7);
          return d;
        })
        .filter((d) => d >= HISTORY_FROM && d <= g.end && monthOf(d) !== 8);
      const mealText = {
        title: "Repas partagé du vendredi",
        description: "Chaque foyer apporte un plat de chez lui, on mange ensemble au module collectif. Les enfants dressent les tables.",
        startTime: "19:00",
        durationMinutes: 150,
        capacity: 40,
        signupDeadlineHours: 24,
        space: hub,
      };
      const cookTurn = (signed: Household[]) => signed[Math.floor(g.rand() * signed.length)];
      const monthly = g.series({ kind: "shared_meal", ...mealText, dates: monthlyDates, rrule: "FREQ=MONTHLY;BYDAY=-1FR" });
      for (const d of monthlyDates) g.meal(monthly, d, g.draw(g.present(d), Math.max(3, Math.round(g.int(5, 8) * growth(d)))), cookTurn);
      const fortnightly: string[] = [];
      for (let d = nthWeekday("2025-09", 5, 2); d <= g.end; d = plusDays(d, 14)) if (!isChristmasBreak(d) && !isSummerBreak(d)) fortnightly.push(d);
      if (fortnightly.length) {
        const twice = g.series({ kind: "shared_meal", ...mealText, dates: fortnightly, rrule: "FREQ=WEEKLY;INTERVAL=2", parentSeriesId: monthly.id });
        for (const d of fortnightly) g.meal(twice, d, g.draw(g.present(d), Math.max(4, Math.round(g.int(7, 11) * growth(d) * SEASON[monthOf(d)]))), cookTurn);
      }
      const bikeDates = monthsBetween("2025-03-01", g.end)
        .map((m) => nthWeekday(m, 3, 2))
        .filter((d) => d <= g.end && monthOf(d) !== 8);
      const bike = g.series({
        kind: "workshop",
        title: "Atelier vélo",
        description: "Avec l'atelier solidaire du quartier : on remet en état les vélos donnés au site et on apprend à réparer le sien.",
        dates: bikeDates,
        startTime: "14:00",
        durationMinutes: 150,
        rrule: "FREQ=MONTHLY;BYDAY=2WE",
        capacity: 12,
        signupDeadlineHours: null,
        placeText: "Cour du site, sous l'auvent",
        hostText: "Atelier vélo solidaire d'Ivry (association partenaire)",
        materials: "Les outils sont fournis ; venez avec des vêtements qui ne craignent rien.",
        skills: ["vélo", "réparation"],
      });
      for (const d of bikeDates) g.workshop(bike, d, Math.max(2, Math.round(g.int(4, 7) * growth(d))));
      const housingDates = monthsBetween("2025-09-01", g.end)
        .map((m) => nthWeekday(m, 2, 3))
        .filter((d) => d <= g.end && monthOf(d) !== 8);
      if (housingDates.length) {
        const housing = g.series({
          kind: "workshop",
          title: "Atelier logement : préparer son dossier",
          description: "Demande de logement social, DALO, pièces à réunir : on avance ensemble, dossier par dossier.",
          dates: housingDates,
          startTime: "18:00",
          durationMinutes: 90,
          rrule: "FREQ=MONTHLY;BYDAY=3TU",
          capacity: 10,
          signupDeadlineHours: 24,
          space: hub,
          hostText: "Une juriste de l'ADIL 94",
          skills: ["démarches", "logement"],
        });
        for (const d of housingDates) g.workshop(housing, d, g.int(3, 6));
      }
      for (const month of monthsBetween("2024-11-01", g.end)) {
        const d = `${month}-15`;
        g.exchangesInMonth(month, Math.round((1 + (8 * (growth(d) - 0.35)) / 0.65) * SEASON[monthOf(d)] * (0.8 + g.rand() * 0.4)), PASSERELLE_POSTS, null);
      }
      const PURPOSES = [
        "Anniversaire",
        "Fête de l'Aïd",
        "Baptême",
        "Réunion des parents",
        "Soutien scolaire collectif",
        "Fête de fin d'année scolaire",
        "Répétition de danse",
      ];
      for (const month of monthsBetween(HISTORY_FROM, g.end)) {
        const d = `${month}-15`;
        const n = Math.round(g.int(1, 4) * growth(d) * SEASON[monthOf(d)] * 1.4);
        for (let i = 0; i < n; i++) {
          const date = `${month}-${String(g.int(1, 28)).padStart(2, "0")}`;
          if (date < HISTORY_FROM || date > g.end) continue;
          const h = g.pick(g.present(date));
          if (!h) continue;
          const startsAt = g.at(date, g.pick(["10:00", "14:00", "15:00", "17:00"]));
          g.book(hub, startsAt, startsAt + g.int(2, 4) * 3_600_000, {
            householdId: h.id,
            createdBy: h.account ?? g.facilitator,
            purpose: g.pick(PURPOSES),
            guests: g.int(5, 25),
            createdAt: startsAt - g.int(5, 20) * DAY,
          });
        }
      }
    }

    for (const g of histories) g.closeMeals();

    // Bulk writes, in the order the foreign keys and the events guards ask: children of a meal before
    // it is closed, the ledger after.
    const bulk = <T>(insert: (chunk: T[]) => void, list: T[], size = 400) => {
      for (let i = 0; i < list.length; i += size) insert(list.slice(i, i + size));
    };
    bulk((c) => tx.insert(schema.spaces).values(c).run(), rows.spaces);
    bulk((c) => tx.insert(schema.eventSeries).values(c).run(), rows.series);
    bulk((c) => tx.insert(schema.bookings).values(c).run(), rows.bookings);
    bulk((c) => tx.insert(schema.eventOccurrences).values(c).run(), rows.occurrences);
    bulk((c) => tx.insert(schema.mealRoles).values(c).run(), rows.roles);
    bulk((c) => tx.insert(schema.eventSignups).values(c).run(), rows.signups);
    bulk((c) => tx.insert(schema.mealAssignments).values(c).run(), rows.assignments);
    bulk((c) => tx.insert(schema.mealCosts).values(c).run(), rows.costs);
    const close = db.$client.prepare(
      `update event_occurrences set closed_at = ?, closed_by = ?, frozen_cost_cents = ?, frozen_half_portions = ?, frozen_persons = ?, updated_at = ? where id = ?`,
    );
    for (const c of rows.closes)
      close.run(c.closedAt.getTime(), c.closedBy, c.frozenCostCents, c.frozenHalfPortions, c.frozenPersons, c.closedAt.getTime(), c.id);
    bulk((c) => tx.insert(schema.mealLedger).values(c).run(), rows.ledger);
    bulk((c) => tx.insert(schema.exchangePosts).values(c).run(), rows.posts);
    bulk((c) => tx.insert(schema.exchanges).values(c).run(), rows.exchanges);
    bulk((c) => tx.insert(schema.timeMovements).values(c).run(), rows.movements);

    for (const g of histories) {
      const occ = new Set(rows.occurrences.filter((o) => o.groupId === g.group.id).map((o) => o.id));
      const kinds = new Map(rows.series.map((s) => [s.id, s.kind]));
      const own = rows.occurrences.filter((o) => o.groupId === g.group.id);
      counts[g.group.name] = {
        meals: own.filter((o) => kinds.get(o.seriesId) === "shared_meal").length,
        workshops: own.filter((o) => kinds.get(o.seriesId) === "workshop").length,
        signups: rows.signups.filter((s) => occ.has(s.occurrenceId)).length,
        exchanges: rows.exchanges.filter((x) => x.groupId === g.group.id).length,
        minutes: rows.exchanges.filter((x) => x.groupId === g.group.id).reduce((t, x) => t + (x.minutes ?? 0), 0),
        bookings: rows.bookings.filter((b) => b.groupId === g.group.id && b.householdId != null).length,
      };
    }
  });
  return counts;
}
