// Reading the calendar: the occurrences of a range (the calendars), one occurrence with its sign-ups, roles, costs
// and what the person may do, and a series' values for its edit form.
import { and, asc, eq, gt, inArray, isNull, lt, ne, sql } from "drizzle-orm";
import { db } from "~db/client.server";
import { eventOccurrences, eventSeries, eventSignups, households, mealAssignments, mealCosts, persons, spaces } from "~db/schema";
import { DIETS, MEAL_ROLES, type Diet, type EventKind, type EventRepeat, type MealRole, type OccurrenceStatus } from "~db/schema/enums";
import { can, requirePermission } from "~/modules/access/access.server";
import { addDays, utcToZoned } from "~/modules/core/recurrence";
import { splitOf, type MealSplit } from "./costs.server";
import { findOccurrence, findSeries, isManager, partyColumns, type Ctx, type Q, type Series } from "./lookups.server";
import { isHeadCook, roleRows } from "./roles.server";
import { halfPortionsOf, placesOf, repeatOf, ruleDeadline, signupDeadline } from "./rules";
import type { EventInput } from "./schemas";
import { childAgeLimitOf } from "./settings.server";
import { queueRank } from "./signups.server";

type MySignupSummary = { id: string; status: "confirmed" | "waitlisted"; places: number; position: number | null };

export type OccurrenceListItem = {
  id: string;
  seriesId: string;
  kind: EventKind;
  title: string;
  /** Epoch ms. */
  startsAt: number;
  endsAt: number;
  status: OccurrenceStatus;
  moved: boolean;
  spaceId: string | null;
  /** The space's name, or the place as typed. */
  placeName: string;
  capacity: number | null;
  /** Places taken by confirmed sign-ups. */
  taken: number;
  /** Households on the waiting list. */
  waiting: number;
  /** When sign-ups close (epoch ms). */
  signupDeadline: number;
  /** The person's household's active sign-up (position: its place in the queue when waitlisted). */
  mySignup: MySignupSummary | null;
  closed: boolean;
  /** Shared meals still without a head cook. */
  headCookMissing: boolean;
};

const listColumns = {
  id: eventOccurrences.id,
  seriesId: eventOccurrences.seriesId,
  kind: eventSeries.kind,
  title: eventSeries.title,
  startsAt: eventOccurrences.startsAt,
  endsAt: eventOccurrences.endsAt,
  status: eventOccurrences.status,
  moved: eventOccurrences.moved,
  spaceId: eventOccurrences.spaceId,
  spaceName: spaces.name,
  placeText: eventOccurrences.placeText,
  capacity: eventOccurrences.capacity,
  deadlineHours: eventSeries.signupDeadlineHours,
  closedAt: eventOccurrences.closedAt,
  taken: sql<number>`(select coalesce(sum(s.adults + s.children + s.infants + s.guests), 0) from event_signups s where s.occurrence_id = ${eventOccurrences.id} and s.status = 'confirmed')`,
  waiting: sql<number>`(select count(*) from event_signups s where s.occurrence_id = ${eventOccurrences.id} and s.status = 'waitlisted')`,
  headCooks: sql<number>`(select count(*) from meal_assignments a join meal_roles r on r.id = a.role_id where a.occurrence_id = ${eventOccurrences.id} and r.role = 'head_cook')`,
};
/** The calendar's base query: occurrences with their series and space. */
export const listQuery = () =>
  db
    .select(listColumns)
    .from(eventOccurrences)
    .innerJoin(eventSeries, eq(eventSeries.id, eventOccurrences.seriesId))
    .leftJoin(spaces, eq(spaces.id, eventOccurrences.spaceId));
type ListRow = ReturnType<ReturnType<typeof listQuery>["all"]>[number];

function mySignups(q: Q, ctx: Ctx, occurrenceIds: string[]): Map<string, MySignupSummary> {
  if (!ctx.householdId || !occurrenceIds.length) return new Map();
  const rows = q
    .select({
      id: eventSignups.id,
      occurrenceId: eventSignups.occurrenceId,
      status: eventSignups.status,
      position: eventSignups.position,
      ...partyColumns,
    })
    .from(eventSignups)
    .where(
      and(
        eq(eventSignups.householdId, ctx.householdId),
        eq(eventSignups.groupId, ctx.groupId),
        ne(eventSignups.status, "cancelled"),
        inArray(eventSignups.occurrenceId, occurrenceIds),
      ),
    )
    .all();
  return new Map(
    rows.map((r) => [
      r.occurrenceId,
      {
        id: r.id,
        status: r.status as "confirmed" | "waitlisted",
        places: placesOf(r),
        position: r.status === "waitlisted" ? queueRank(q, r.occurrenceId, r.position) : null,
      },
    ]),
  );
}

export function toListItems(q: Q, ctx: Ctx, rows: ListRow[]): OccurrenceListItem[] {
  const mine = mySignups(
    q,
    ctx,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    seriesId: r.seriesId,
    kind: r.kind,
    title: r.title,
    startsAt: r.startsAt.getTime(),
    endsAt: r.endsAt.getTime(),
    status: r.status,
    moved: r.moved,
    spaceId: r.spaceId,
    placeName: r.spaceName ?? r.placeText,
    capacity: r.capacity,
    taken: Number(r.taken),
    waiting: Number(r.waiting),
    signupDeadline: signupDeadline(r.startsAt.getTime(), r.deadlineHours),
    mySignup: mine.get(r.id) ?? null,
    closed: r.closedAt != null,
    headCookMissing: r.kind === "shared_meal" && Number(r.headCooks) === 0,
  }));
}

/** The occurrences meeting [from, to) (epoch ms or Date), cancelled ones included (calendars strike them through), for the calendars. */
export function listOccurrences({ ctx, from, to, kinds }: { ctx: Ctx; from: number | Date; to: number | Date; kinds?: EventKind[] }): OccurrenceListItem[] {
  const rows = listQuery()
    .where(
      and(
        eq(eventOccurrences.groupId, ctx.groupId),
        lt(eventOccurrences.startsAt, new Date(to)),
        gt(eventOccurrences.endsAt, new Date(from)),
        kinds?.length ? inArray(eventSeries.kind, kinds) : undefined,
      ),
    )
    .orderBy(asc(eventOccurrences.startsAt))
    .all();
  return toListItems(db, ctx, rows);
}

type SignupView = {
  id: string;
  householdId: string;
  householdName: string;
  adults: number;
  children: number;
  infants: number;
  guests: number;
  places: number;
  halfPortions: number;
  diets: Diet[];
  /** Only for the household itself, the meal's roles and facilitators; null for anyone else. */
  allergies: string | null;
  status: "confirmed" | "waitlisted";
  /** Place in the queue (1 = next) when waitlisted. */
  position: number | null;
  onBehalf: boolean;
  mine: boolean;
};

type RoleView = {
  role: MealRole;
  slots: number;
  assignments: { id: string; personId: string | null; personName: string | null; householdId: string; householdName: string; mine: boolean }[];
};

type OccurrenceDetail = OccurrenceListItem & {
  description: string;
  note: string;
  originalStartsAt: number;
  cancelReason: string | null;
  placeText: string;
  bookingId: string | null;
  bookingProblem: string | null;
  deadlinePassed: boolean;
  series: {
    id: string;
    rrule: string | null;
    /** The form's choice for the rule (null: a rule the form cannot show). */
    repeat: EventRepeat | null;
    untilDate: string | null;
    count: number | null;
    signupDeadlineHours: number | null;
    organisers: { personId: string; name: string }[];
    host: { personId: string; name: string } | { text: string } | null;
    materials: string;
    skills: string[];
  };
  /** Confirmed first, then the waiting list in order. Only active sign-ups. */
  signups: SignupView[];
  totals: {
    places: number;
    adults: number;
    children: number;
    infants: number;
    guests: number;
    halfPortions: number;
    diets: Record<Diet, number>;
    waitingPlaces: number;
  };
  roles: RoleView[];
  costs: { id: string; amountCents: number; paidByHouseholdId: string; paidByName: string; note: string; createdAt: number }[];
  /** Shared meals: the cost split (as it stands, or frozen once closed). */
  split: MealSplit | null;
  mySignupDetail: SignupView | null;
  childAgeLimit: number;
  flags: {
    isMeal: boolean;
    /** The person may sign their household up now (no active sign-up yet; a full event puts it on the waiting list). */
    canSignUp: boolean;
    /** Facilitators: sign up any household. */
    canSignUpOthers: boolean;
    /** Change or cancel the household's sign-up. */
    canChangeSignup: boolean;
    canEdit: boolean;
    canVolunteer: boolean;
    canRecordCost: boolean;
    canClose: boolean;
    full: boolean;
  };
};

/** An occurrence for its edit page: 403 without event:manage, then 404 for another group's. */
export function getOccurrenceToManage({ ctx, occurrenceId }: { ctx: Ctx; occurrenceId: string }): OccurrenceDetail {
  requirePermission(ctx, "event:manage");
  return getOccurrence({ ctx, occurrenceId });
}

/** One occurrence with its sign-ups, roles, costs, the person's sign-up and what they may do. */
export function getOccurrence({ ctx, occurrenceId, now = Date.now() }: { ctx: Ctx; occurrenceId: string; now?: number }): OccurrenceDetail {
  const { occ, series } = findOccurrence(db, ctx, occurrenceId);
  const row = listQuery().where(eq(eventOccurrences.id, occ.id)).get()!;
  const item = toListItems(db, ctx, [row])[0];
  const isMeal = series.kind === "shared_meal";
  const manager = isManager(ctx);

  const roleList = roleRows(db, occ.id);
  const assignments = db
    .select({
      id: mealAssignments.id,
      roleId: mealAssignments.roleId,
      personId: mealAssignments.personId,
      personName: persons.firstName,
      householdId: mealAssignments.householdId,
      householdName: households.name,
    })
    .from(mealAssignments)
    .innerJoin(households, eq(households.id, mealAssignments.householdId))
    .leftJoin(persons, eq(persons.id, mealAssignments.personId))
    .where(eq(mealAssignments.occurrenceId, occ.id))
    .orderBy(asc(mealAssignments.createdAt))
    .all();
  const mineAssignment = (a: { personId: string | null; householdId: string }) =>
    a.personId ? a.personId === ctx.personId : a.householdId === ctx.householdId;
  const roles: RoleView[] = [...roleList]
    .sort((a, b) => MEAL_ROLES.indexOf(a.role) - MEAL_ROLES.indexOf(b.role))
    .map((r) => ({
      role: r.role,
      slots: r.slots,
      assignments: assignments.filter((a) => a.roleId === r.id).map(({ roleId: _r, ...a }) => ({ ...a, mine: mineAssignment(a) })),
    }));
  const holdsRole = assignments.some(mineAssignment);
  const headCook = isHeadCook(db, ctx, occ.id);

  const rows = db
    .select({ s: eventSignups, householdName: households.name })
    .from(eventSignups)
    .innerJoin(households, eq(households.id, eventSignups.householdId))
    .where(and(eq(eventSignups.occurrenceId, occ.id), ne(eventSignups.status, "cancelled")))
    .orderBy(asc(eventSignups.status), asc(eventSignups.position), asc(households.name))
    .all();
  let rank = 0;
  const signups: SignupView[] = rows.map(({ s, householdName }) => {
    const mine = s.householdId === ctx.householdId;
    return {
      id: s.id,
      householdId: s.householdId,
      householdName,
      adults: s.adults,
      children: s.children,
      infants: s.infants,
      guests: s.guests,
      places: placesOf(s),
      halfPortions: halfPortionsOf(s),
      diets: s.diets,
      allergies: mine || manager || holdsRole ? s.allergies : null,
      status: s.status as "confirmed" | "waitlisted",
      position: s.status === "waitlisted" ? ++rank : null,
      onBehalf: s.onBehalf,
      mine,
    };
  });
  const confirmed = signups.filter((s) => s.status === "confirmed");
  const diets = Object.fromEntries(DIETS.map((d) => [d, 0])) as Record<Diet, number>;
  for (const s of confirmed) for (const d of s.diets) diets[d] += 1;
  const sum = (k: "adults" | "children" | "infants" | "guests" | "places" | "halfPortions") => confirmed.reduce((t, s) => t + s[k], 0);

  const costs = db
    .select({
      id: mealCosts.id,
      amountCents: mealCosts.amountCents,
      paidByHouseholdId: mealCosts.paidByHouseholdId,
      paidByName: households.name,
      note: mealCosts.note,
      createdAt: mealCosts.createdAt,
    })
    .from(mealCosts)
    .innerJoin(households, eq(households.id, mealCosts.paidByHouseholdId))
    .where(eq(mealCosts.occurrenceId, occ.id))
    .orderBy(asc(mealCosts.createdAt))
    .all()
    .map((c) => ({ ...c, createdAt: c.createdAt.getTime() }));

  const personNames = new Map(
    db
      .select({ id: persons.id, firstName: persons.firstName, lastName: persons.lastName })
      .from(persons)
      .where(
        and(
          eq(persons.groupId, ctx.groupId),
          inArray(persons.id, [...series.organiserIds, ...(series.hostPersonId ? [series.hostPersonId] : [])].concat([""])),
        ),
      )
      .all()
      .map((p) => [p.id, [p.firstName, p.lastName].filter(Boolean).join(" ")]),
  );

  const open = occ.status === "scheduled" && !occ.closedAt;
  const deadlinePassed = ruleDeadline(now, occ.startsAt.getTime(), series.signupDeadlineHours).length > 0;
  const mySignupDetail = signups.find((s) => s.mine) ?? null;
  const writable = open && (manager || !deadlinePassed);
  const full = item.capacity != null && item.taken >= item.capacity;
  const beforeStart = now < occ.startsAt.getTime();
  return {
    ...item,
    description: series.description,
    note: occ.note,
    originalStartsAt: occ.originalStartsAt.getTime(),
    cancelReason: occ.cancelReason,
    placeText: occ.placeText,
    bookingId: manager ? occ.bookingId : null,
    bookingProblem: manager ? occ.bookingProblem : null,
    deadlinePassed,
    series: {
      id: series.id,
      rrule: series.rrule,
      repeat: repeatOf(series.rrule),
      untilDate: series.untilDate,
      count: series.count,
      signupDeadlineHours: series.signupDeadlineHours,
      organisers: series.organiserIds.filter((id) => personNames.has(id)).map((id) => ({ personId: id, name: personNames.get(id)! })),
      host:
        series.hostPersonId && personNames.has(series.hostPersonId)
          ? { personId: series.hostPersonId, name: personNames.get(series.hostPersonId)! }
          : series.hostText
            ? { text: series.hostText }
            : null,
      materials: series.materials,
      skills: series.skills,
    },
    signups,
    totals: {
      places: sum("places"),
      adults: sum("adults"),
      children: sum("children"),
      infants: sum("infants"),
      guests: sum("guests"),
      halfPortions: sum("halfPortions"),
      diets,
      waitingPlaces: signups.filter((s) => s.status === "waitlisted").reduce((t, s) => t + s.places, 0),
    },
    roles,
    costs,
    split: isMeal ? splitOf(db, occ) : null,
    mySignupDetail,
    childAgeLimit: childAgeLimitOf(db, ctx),
    flags: {
      isMeal,
      canSignUp: writable && !!ctx.householdId && can(ctx, "signup:own") && !mySignupDetail,
      canSignUpOthers: open && can(ctx, "signup:any"),
      canChangeSignup: writable && !!mySignupDetail,
      canEdit: manager && !occ.closedAt,
      canVolunteer: isMeal && open && !!ctx.householdId && can(ctx, "signup:own") && (manager || beforeStart),
      canRecordCost: isMeal && open && (can(ctx, "meal:cost") || headCook),
      canClose: isMeal && open && !beforeStart && (can(ctx, "meal:cost") || headCook),
      full,
    },
  };
}

type SeriesEditValues = Omit<EventInput, "skills"> & { skills: string };

/** A series for its edit form: the values EventSchema reads (skills as typed text), from the next occurrence's date. */
export function getSeries({ ctx, seriesId, now = Date.now() }: { ctx: Ctx; seriesId: string; now?: number }): {
  series: Series;
  values: SeriesEditValues;
  nextOccurrenceId: string | null;
} {
  const series = findSeries(db, ctx, seriesId);
  const next = db
    .select({ id: eventOccurrences.id, originalStartsAt: eventOccurrences.originalStartsAt })
    .from(eventOccurrences)
    .where(and(eq(eventOccurrences.seriesId, series.id), gt(eventOccurrences.startsAt, new Date(now)), isNull(eventOccurrences.closedAt)))
    .orderBy(asc(eventOccurrences.originalStartsAt))
    .limit(1)
    .get();
  const startDate = next ? utcToZoned(next.originalStartsAt.getTime(), series.timeZone).date : series.startDate;
  const endWall = addWallMinutes(startDate, series.startTime, series.durationMinutes);
  return {
    series,
    nextOccurrenceId: next?.id ?? null,
    values: {
      kind: series.kind,
      title: series.title,
      description: series.description,
      spaceId: series.spaceId ?? undefined,
      placeText: series.placeText,
      date: startDate,
      startTime: series.startTime,
      endTime: endWall.time,
      endDate: endWall.date !== startDate && !(endWall.time === "00:00" && endWall.date === addDays(startDate, 1)) ? endWall.date : undefined,
      repeat: repeatOf(series.rrule) ?? "weekly",
      until: series.untilDate ?? undefined,
      count: series.count ?? undefined,
      capacity: series.capacity ?? undefined,
      signupDeadlineHours: series.signupDeadlineHours ?? undefined,
      organiserIds: series.organiserIds,
      hostPersonId: series.hostPersonId ?? undefined,
      hostText: series.hostText,
      materials: series.materials,
      skills: series.skills.join(", "),
      helperSlots: series.helperSlots,
      cleanerSlots: series.cleanerSlots,
    },
  };
}

/** A wall-clock date and time plus minutes (no zone). */
function addWallMinutes(date: string, time: string, minutes: number): { date: string; time: string } {
  const d = new Date(`${date}T${time}:00Z`);
  d.setUTCMinutes(d.getUTCMinutes() + minutes);
  const iso = d.toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}
