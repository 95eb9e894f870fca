// Households and their members: the directory, a household's page, arrivals and departures.
// Every query is scoped by ctx.groupId; a household of another group is 404.
import { and, asc, count, eq, gte, isNull, or, gt, sql } from "drizzle-orm";
import { db } from "~db/client.server";
import { households, invitations, memberships, persons, sessions, users } from "~db/schema";
import type { MemberContext } from "~/modules/access/access.server";
import { can, hasAccessLeft, requirePermission } from "~/modules/access/access.server";
import { invalidateAllSessions } from "~/modules/auth/session.server";
import { ForbiddenError, NotFoundError } from "~/modules/access/errors";
import { findHousehold, findPerson } from "~/modules/access/lookups.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { todayIn } from "~/modules/core/dates";
import { zonedToUtc } from "~/modules/core/recurrence";
import { releaseHouseholdBookings } from "~/modules/bookings/bookings.server";
import { releaseHouseholdSignups } from "~/modules/events/signups.server";
import { refuse } from "~/modules/core/result";
import { personAsSeen, ruleDates, type Result } from "./rules";
import type { DepartureInput, HouseholdInput, PersonInput, PersonPrivacyInput } from "./schemas";

type Ctx = MemberContext;

function present(ctx: Ctx) {
  const today = todayIn(ctx.group.timeZone);
  return or(isNull(households.departureDate), gt(households.departureDate, today));
}

export function getHomeSummary({ ctx }: { ctx: Ctx }) {
  const own = ctx.householdId
    ? db
        .select({ id: households.id, name: households.name, dwelling: households.dwelling })
        .from(households)
        .where(and(eq(households.id, ctx.householdId), eq(households.groupId, ctx.groupId)))
        .get()
    : undefined;
  const members = own
    ? db
        .select({ firstName: persons.firstName })
        .from(persons)
        .where(and(eq(persons.householdId, own.id), eq(persons.groupId, ctx.groupId)))
        .orderBy(asc(persons.birthYear))
        .all()
    : [];
  const householdCount =
    db
      .select({ n: count() })
      .from(households)
      .where(and(eq(households.groupId, ctx.groupId), present(ctx)))
      .get()?.n ?? 0;
  const personCount =
    db
      .select({ n: count() })
      .from(persons)
      .innerJoin(households, eq(households.id, persons.householdId))
      .where(and(eq(persons.groupId, ctx.groupId), present(ctx)))
      .get()?.n ?? 0;
  const since = new Date(Date.now() - 90 * 86400_000).toISOString().slice(0, 10);
  const recentArrivals = db
    .select({ id: households.id, name: households.name, arrivalDate: households.arrivalDate })
    .from(households)
    .where(and(eq(households.groupId, ctx.groupId), gte(households.arrivalDate, since), present(ctx)))
    .orderBy(sql`${households.arrivalDate} desc`)
    .limit(5)
    .all();
  const pendingInvitations = can(ctx, "member:invite")
    ? (db
        .select({ n: count() })
        .from(invitations)
        .where(and(eq(invitations.groupId, ctx.groupId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, new Date())))
        .get()?.n ?? 0)
    : 0;
  return {
    household: own ? { ...own, members: members.map((m) => m.firstName) } : null,
    householdCount,
    personCount,
    recentArrivals,
    pendingInvitations,
  };
}

/** The directory: names and dwellings for everyone; contact details only where the person chose to show them. */
export function listDirectory({ ctx, includeDeparted = false }: { ctx: Ctx; includeDeparted?: boolean }) {
  requirePermission(ctx, "directory:read");
  const rows = db
    .select({
      id: households.id,
      name: households.name,
      dwelling: households.dwelling,
      arrivalDate: households.arrivalDate,
      departureDate: households.departureDate,
    })
    .from(households)
    .where(and(eq(households.groupId, ctx.groupId), includeDeparted ? undefined : present(ctx)))
    .orderBy(asc(households.dwelling), asc(households.name))
    .all();
  const people = db
    .select({
      householdId: persons.householdId,
      firstName: persons.firstName,
      lastName: persons.lastName,
      email: sql<string | null>`case when ${users.showEmail} then ${users.email} end`,
      phone: sql<string | null>`case when ${users.showPhone} then ${users.phone} end`,
    })
    .from(persons)
    .leftJoin(users, eq(users.id, persons.userId))
    .where(eq(persons.groupId, ctx.groupId))
    .orderBy(asc(persons.birthYear))
    .all();
  const byHousehold = new Map<string, typeof people>();
  for (const p of people) {
    const list = byHousehold.get(p.householdId) ?? [];
    list.push(p);
    byHousehold.set(p.householdId, list);
  }
  return rows.map((h) => ({ ...h, persons: (byHousehold.get(h.id) ?? []).map(({ householdId: _h, ...p }) => p) }));
}

export function canEditHousehold(ctx: Ctx, householdId: string) {
  return can(ctx, "household:update:any") || (can(ctx, "household:update:own") && ctx.householdId === householdId);
}

function requireEditHousehold(ctx: Ctx, householdId: string) {
  if (!canEditHousehold(ctx, householdId)) throw new ForbiddenError();
}

/**
 * Who sees a household's special-category data (disability, insertion support) and birth years whatever its
 * people chose: the household itself and the roles with household:read:sensitive (decision 014).
 */
function seesAllOf(ctx: Ctx, householdId: string): boolean {
  return ctx.householdId === householdId || can(ctx, "household:read:sensitive");
}

/** What the group may see of a person is theirs to choose: the person's own household only, not the staff. */
export function canEditPrivacy(ctx: Ctx, householdId: string): boolean {
  return ctx.householdId === householdId && can(ctx, "household:update:own");
}

/** A household for the departure form: 404 for another group's, then 403 without household:depart. */
export function getHouseholdToDepart({ ctx, householdId }: { ctx: Ctx; householdId: string }) {
  const household = findHousehold(ctx, householdId);
  requirePermission(ctx, "household:depart");
  return household;
}

export function getHousehold({ ctx, householdId }: { ctx: Ctx; householdId: string }) {
  requirePermission(ctx, "household:read");
  const household = findHousehold(ctx, householdId);
  const full = seesAllOf(ctx, household.id);
  const ownChoices = canEditPrivacy(ctx, household.id);
  const year = Number(todayIn(ctx.group.timeZone).slice(0, 4));
  const members = db
    .select({
      id: persons.id,
      firstName: persons.firstName,
      lastName: persons.lastName,
      birthYear: persons.birthYear,
      tags: persons.tags,
      birthYearVisibility: persons.birthYearVisibility,
      sensitiveTagsVisible: persons.sensitiveTagsVisible,
      hasAccount: sql<boolean>`${persons.userId} is not null`.mapWith(Boolean),
    })
    .from(persons)
    .where(and(eq(persons.householdId, household.id), eq(persons.groupId, ctx.groupId)))
    .orderBy(asc(persons.birthYear), asc(persons.firstName))
    .all()
    // The order above uses the birth year; what leaves this function carries only what the viewer may see.
    .map(({ birthYearVisibility, sensitiveTagsVisible, birthYear, tags, ...p }) => ({
      ...p,
      ...personAsSeen({ birthYear, tags, birthYearVisibility, sensitiveTagsVisible }, { full, year }),
      sharing: ownChoices ? { birthYearVisibility, sensitiveTagsVisible } : null,
    }));
  return { household, members };
}

export function getPerson({ ctx, householdId, personId }: { ctx: Ctx; householdId: string; personId: string }) {
  const person = findPerson(ctx, personId);
  // A person of another household of the group is not at this address.
  if (person.householdId !== householdId) throw new NotFoundError();
  return person;
}

export function createHousehold({ ctx, input }: { ctx: Ctx; input: HouseholdInput }) {
  requirePermission(ctx, "household:create");
  return db.transaction((tx) => {
    const row = tx
      .insert(households)
      .values({ groupId: ctx.groupId, name: input.name, dwelling: input.dwelling ?? "", arrivalDate: input.arrivalDate })
      .returning({ id: households.id })
      .get();
    recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "create", entity: "household", entityId: row.id, details: { ...input } });
    return row;
  });
}

export function updateHousehold({
  ctx,
  householdId,
  input,
}: {
  ctx: Ctx;
  householdId: string;
  input: { name: string; dwelling?: string; arrivalDate?: string };
}): Result {
  const before = findHousehold(ctx, householdId);
  requireEditHousehold(ctx, householdId);
  // Only facilitators change the arrival date: it feeds the funders' figures.
  const arrivalDate = can(ctx, "household:update:any") && input.arrivalDate ? input.arrivalDate : before.arrivalDate;
  const problems = ruleDates({ arrivalDate, departureDate: before.departureDate }, "arrivalDate");
  if (problems.length) return refuse(...problems);
  db.transaction((tx) => {
    tx.update(households)
      .set({ name: input.name, dwelling: input.dwelling ?? "", arrivalDate })
      .where(and(eq(households.id, householdId), eq(households.groupId, ctx.groupId)))
      .run();
    recordAudit(tx, {
      groupId: ctx.groupId,
      userId: ctx.userId,
      action: "update",
      entity: "household",
      entityId: householdId,
      details: {
        before: { name: before.name, dwelling: before.dwelling, arrivalDate: before.arrivalDate },
        after: { name: input.name, dwelling: input.dwelling ?? "", arrivalDate },
      },
    });
  });
  return { ok: true as const };
}

export function recordDeparture({
  ctx,
  householdId,
  input,
}: {
  ctx: Ctx;
  householdId: string;
  input: DepartureInput;
}): Result<{ released: { signups: number; bookings: number } }> {
  const before = findHousehold(ctx, householdId);
  requirePermission(ctx, "household:depart");
  const problems = ruleDates({ arrivalDate: before.arrivalDate, departureDate: input.departureDate }, "departureDate");
  if (problems.length) return refuse(...problems);
  const released = db.transaction((tx) => {
    tx.update(households)
      .set({ departureDate: input.departureDate, destination: input.destination })
      .where(and(eq(households.id, householdId), eq(households.groupId, ctx.groupId)))
      .run();
    recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "departure", entity: "household", entityId: householdId, details: { ...input } });
    // Its places from the departure day on go back to the group (waiting lists move up, rooms free up), in this
    // same transaction: a departure never commits without them.
    const from = zonedToUtc(`${input.departureDate}T00:00`, ctx.group.timeZone);
    const released = { signups: releaseHouseholdSignups({ ctx, householdId, from, tx }), bookings: releaseHouseholdBookings({ ctx, householdId, from, tx }) };
    // From the departure day its members are no longer members (access.server membershipEnded); a later
    // day is handled by the departures job on that day.
    endSessionsAfterDepartures({ householdId });
    return released;
  });
  return { ok: true as const, released };
}

/**
 * Ends the sessions of people whose membership ended with their household's departure and who have no
 * other group or role left: signed in, they would have nothing to open. Someone who still belongs to
 * another group keeps their sessions, and reaches that group only. Run on recording a departure and by the
 * departures job, for the departures dated ahead that take effect on their day.
 */
export function endSessionsAfterDepartures({ householdId, now = Date.now() }: { householdId?: string; now?: number } = {}): number {
  // A day ahead of UTC covers every time zone; hasAccessLeft then decides in the group's own.
  const latest = new Date(now + 86_400_000).toISOString().slice(0, 10);
  const candidates = db
    .selectDistinct({ userId: sessions.userId })
    .from(sessions)
    .innerJoin(memberships, eq(memberships.userId, sessions.userId))
    .innerJoin(households, eq(households.id, memberships.householdId))
    .where(and(householdId ? eq(households.id, householdId) : undefined, sql`${households.departureDate} <= ${latest}`))
    .all();
  let ended = 0;
  for (const { userId } of candidates) {
    if (hasAccessLeft(userId, now)) continue;
    invalidateAllSessions(userId);
    ended++;
  }
  return ended;
}

const DEPARTURES_JOB_INTERVAL_MS = 15 * 60_000;

/** Ends, on their day, the sessions of departures recorded ahead of time (at most a quarter of an hour late). */
export function startDeparturesJob({ intervalMs = DEPARTURES_JOB_INTERVAL_MS }: { intervalMs?: number } = {}): () => void {
  const tick = () => {
    try {
      endSessionsAfterDepartures();
    } catch (e) {
      console.error("households: the departures job failed", e);
    }
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

export function cancelDeparture({ ctx, householdId }: { ctx: Ctx; householdId: string }) {
  findHousehold(ctx, householdId);
  requirePermission(ctx, "household:depart");
  db.transaction((tx) => {
    tx.update(households)
      .set({ departureDate: null, destination: null })
      .where(and(eq(households.id, householdId), eq(households.groupId, ctx.groupId)))
      .run();
    recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "departure_cancelled", entity: "household", entityId: householdId });
  });
}

export function addPerson({ ctx, householdId, input }: { ctx: Ctx; householdId: string; input: PersonInput }) {
  findHousehold(ctx, householdId);
  requireEditHousehold(ctx, householdId);
  return db.transaction((tx) => {
    const row = tx
      .insert(persons)
      .values({
        groupId: ctx.groupId,
        householdId,
        firstName: input.firstName,
        lastName: input.lastName || null,
        birthYear: input.birthYear ?? null,
        tags: input.tags,
      })
      .returning({ id: persons.id })
      .get();
    recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "create", entity: "person", entityId: row.id, details: { householdId, ...input } });
    return row;
  });
}

export function updatePerson({ ctx, householdId, personId, input }: { ctx: Ctx; householdId: string; personId: string; input: PersonInput }) {
  const before = getPerson({ ctx, householdId, personId });
  requireEditHousehold(ctx, householdId);
  db.transaction((tx) => {
    tx.update(persons)
      .set({ firstName: input.firstName, lastName: input.lastName || null, birthYear: input.birthYear ?? null, tags: input.tags })
      .where(and(eq(persons.id, personId), eq(persons.groupId, ctx.groupId)))
      .run();
    recordAudit(tx, {
      groupId: ctx.groupId,
      userId: ctx.userId,
      action: "update",
      entity: "person",
      entityId: personId,
      details: { before: { firstName: before.firstName, lastName: before.lastName, birthYear: before.birthYear, tags: before.tags }, after: input },
    });
  });
}

/** What the group's other residents may see of the person: set by the person's own household (audited). */
export function updatePersonPrivacy({ ctx, householdId, personId, input }: { ctx: Ctx; householdId: string; personId: string; input: PersonPrivacyInput }) {
  const before = getPerson({ ctx, householdId, personId });
  if (!canEditPrivacy(ctx, householdId)) throw new ForbiddenError();
  const after = { birthYearVisibility: input.birthYear, sensitiveTagsVisible: input.sensitiveTags };
  db.transaction((tx) => {
    tx.update(persons)
      .set(after)
      .where(and(eq(persons.id, personId), eq(persons.groupId, ctx.groupId)))
      .run();
    recordAudit(tx, {
      groupId: ctx.groupId,
      userId: ctx.userId,
      action: "privacy",
      entity: "person",
      entityId: personId,
      details: { before: { birthYearVisibility: before.birthYearVisibility, sensitiveTagsVisible: before.sensitiveTagsVisible }, after },
    });
  });
}

export function removePerson({ ctx, householdId, personId }: { ctx: Ctx; householdId: string; personId: string }) {
  const before = getPerson({ ctx, householdId, personId });
  requireEditHousehold(ctx, householdId);
  db.transaction((tx) => {
    tx.delete(persons)
      .where(and(eq(persons.id, personId), eq(persons.groupId, ctx.groupId)))
      .run();
    recordAudit(tx, {
      groupId: ctx.groupId,
      userId: ctx.userId,
      action: "delete",
      entity: "person",
      entityId: personId,
      details: { firstName: before.firstName, householdId },
    });
  });
}

export function listHouseholdOptions({ ctx }: { ctx: Ctx }) {
  return db
    .select({ id: households.id, name: households.name, dwelling: households.dwelling })
    .from(households)
    .where(and(eq(households.groupId, ctx.groupId), present(ctx)))
    .orderBy(asc(households.name))
    .all();
}

/** Departure date and destination of the group's households that left or will leave: the facilitators' directory view. */
export function listDepartures({ ctx }: { ctx: Ctx }) {
  requirePermission(ctx, "household:update:any");
  return db
    .select({ id: households.id, departureDate: households.departureDate, destination: households.destination })
    .from(households)
    .where(and(eq(households.groupId, ctx.groupId), sql`${households.departureDate} is not null`))
    .all();
}
