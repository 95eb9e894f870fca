// Demo meetings, on top of the demo groups, their spaces and bookings (db/seed.ts): for "Les Tilleuls",
// a residents' meeting on the first Tuesday of each of the last twelve months, held (attendance with a
// few proxies, agenda items with notes and actual minutes, decisions taken by consent, consensus or
// vote, action items done on time, late or still open — one open for Jeanne, the demo resident), the
// minutes approved at the next meeting and published, except the last one's (draft); and the next
// meeting ahead with accepted and proposed items. "Villa Passerelle" gets a few meetings too.
// Deterministic (seeded PRNG) apart from ids; dates are placed around `now`. Does nothing if the group
// already has meetings.
import { and, asc, eq, like } from "drizzle-orm";
import { todayIn } from "../app/modules/core/dates";
import { newId } from "../app/modules/core/ids";
import { addDays, utcToZoned, zonedToUtc } from "../app/modules/core/recurrence";
import { getT } from "../app/modules/i18n/i18n.server";
import {
  actualMinutesOf,
  draftMinutes,
  isExpectedAdult,
  searchable,
  type AttendanceStatus,
  type DecisionMethod,
  type DecisionResult,
  type MinutesRecord,
} from "../app/modules/meetings/rules";
import type { Db } from "./client.server";
import * as schema from "./schema";
import { mulberry32 } from "./prng";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
const RESIDENT_EMAIL = "habitante@demo.maisonnee.fr";

/** The first Tuesday of the month `offset` months from the month of `today`. */
function firstTuesday(today: string, offset: number): string {
  const [y, m] = today.split("-").map(Number);
  const first = new Date(Date.UTC(y, m - 1 + offset, 1));
  const shift = (2 - first.getUTCDay() + 7) % 7;
  first.setUTCDate(1 + shift);
  return first.toISOString().slice(0, 10);
}

type Item = { title: string; description: string; minutes: number; notes: string };
type Decision = { text: string; method: DecisionMethod; result: DecisionResult };

// What a year of residents' meetings talks about (written for the demo).
const AGENDA: Item[][] = [
  [
    {
      title: "Bilan des repas partagés",
      description: "Fréquentation, tour de cuisine, budget.",
      minutes: 20,
      notes: "Une quinzaine de foyers viennent chaque jeudi. Le tour de cuisine repose sur trop peu de personnes.",
    },
    {
      title: "Jardin partagé : plantations de printemps",
      description: "",
      minutes: 15,
      notes: "Les semis démarrent en avril ; les enfants de l'étage 2 veulent un carré à eux.",
    },
  ],
  [
    {
      title: "Bruit dans la cage d'escalier le soir",
      description: "Proposé par plusieurs foyers.",
      minutes: 25,
      notes: "Échange calme. Chacun reconnaît que la porte du hall claque ; le bailleur sera relancé.",
    },
    {
      title: "Fête des voisins",
      description: "Date, menu, qui fait quoi.",
      minutes: 20,
      notes: "Repas dans la cour, chacun apporte un plat. Les tables de la salle commune seront sorties.",
    },
  ],
  [
    {
      title: "Règles de la chambre d'amis",
      description: "Durée maximale, ménage, clés.",
      minutes: 20,
      notes: "La limite de 3 nuits convient à tous ; le ménage reste à la charge du foyer qui invite.",
    },
    { title: "Accueil des nouveaux foyers", description: "", minutes: 15, notes: "Un binôme de parrainage pour chaque foyer qui arrive, pendant trois mois." },
  ],
  [
    {
      title: "Budget commun de l'année",
      description: "Présentation par la trésorière.",
      minutes: 30,
      notes: "Dépenses stables ; la cotisation couvre les produits d'entretien et le petit matériel.",
    },
    { title: "Atelier réparation : matériel à acheter", description: "", minutes: 15, notes: "Il manque une perceuse et une boîte à outils complète." },
  ],
  [
    {
      title: "Charte : relecture de l'article sur la salle commune",
      description: "Propositions de la commission charte.",
      minutes: 25,
      notes: "Les horaires de fin de soirée sont discutés ; la commission reformulera.",
    },
    {
      title: "Tri des déchets et compost",
      description: "",
      minutes: 15,
      notes: "Le bac à compost déborde : il faut un second bac et un planning de retournement.",
    },
  ],
];

const DECISIONS: Decision[] = [
  { text: "Le tour de cuisine des repas partagés passe à deux foyers par jeudi.", method: "consent", result: "adopted" },
  { text: "Un carré du jardin est réservé aux enfants.", method: "consensus", result: "adopted" },
  { text: "Acheter une perceuse pour l'atelier réparation (budget 120 €).", method: "majority", result: "adopted" },
  { text: "Fermer la salle commune à 23 h en semaine.", method: "majority", result: "rejected" },
  { text: "Installer un second bac à compost.", method: "consent", result: "adopted" },
  { text: "Repeindre le hall d'entrée nous-mêmes.", method: "consensus", result: "postponed" },
  { text: "La fête des voisins aura lieu le premier samedi de juin.", method: "consent", result: "adopted" },
  { text: "La chambre d'amis reste limitée à 3 nuits de suite.", method: "majority", result: "adopted" },
  { text: "Chaque nouveau foyer est accompagné par un binôme pendant trois mois.", method: "consensus", result: "adopted" },
  { text: "Demander au bailleur un ferme-porte pour le hall.", method: "consent", result: "adopted" },
  { text: "Les repas partagés accueillent les invités extérieurs une fois par mois.", method: "majority", result: "adopted" },
  { text: "Ouvrir la laverie commune le dimanche matin.", method: "majority", result: "rejected" },
  { text: "Le vide-grenier se tiendra dans la cour en septembre.", method: "consent", result: "adopted" },
  { text: "Créer une boîte à livres dans le hall.", method: "consensus", result: "adopted" },
  { text: "Changer de fournisseur pour les produits d'entretien.", method: "consensus", result: "postponed" },
  { text: "Une réunion d'accueil pour chaque nouveau foyer, le mois de son arrivée.", method: "consent", result: "adopted" },
];

const ACTIONS = [
  "Relancer le bailleur pour la porte du hall",
  "Acheter les graines et le terreau",
  "Mettre à jour le planning du tour de cuisine",
  "Préparer le mot d'accueil des nouveaux foyers",
  "Demander trois devis pour la peinture",
  "Afficher les nouvelles règles de la chambre d'amis",
  "Faire l'inventaire de l'atelier",
  "Commander le second bac à compost",
];

type Person = {
  id: string;
  householdId: string;
  birthYear: number | null;
  arrivalDate: string;
  departureDate: string | null;
  userId: string | null;
  firstName: string;
  lastName: string | null;
};

function groupPersons(tx: Tx, groupId: string): Person[] {
  return tx
    .select({
      id: schema.persons.id,
      householdId: schema.persons.householdId,
      birthYear: schema.persons.birthYear,
      arrivalDate: schema.households.arrivalDate,
      departureDate: schema.households.departureDate,
      userId: schema.persons.userId,
      firstName: schema.persons.firstName,
      lastName: schema.persons.lastName,
    })
    .from(schema.persons)
    .innerJoin(schema.households, eq(schema.households.id, schema.persons.householdId))
    .where(eq(schema.persons.groupId, groupId))
    .orderBy(asc(schema.households.dwelling), asc(schema.persons.birthYear), asc(schema.persons.firstName))
    .all();
}

const nameOf = (p: Person) => `${p.firstName}${p.lastName ? ` ${p.lastName}` : ""}`;

type Group = typeof schema.groups.$inferSelect;

/** A one-off meeting event in the calendar and its meeting row; in the room when it is free (booked for the group), else at the place typed. */
function insertMeeting(
  tx: Tx,
  group: Group,
  createdBy: string | null,
  date: string,
  start: string,
  end: string,
  title: string,
  space: typeof schema.spaces.$inferSelect | null,
  bookingId: string | null = null,
) {
  const startsAt = zonedToUtc(`${date}T${start}`, group.timeZone);
  const endsAt = zonedToUtc(`${date}T${end}`, group.timeZone);
  let booked = bookingId;
  if (space && !booked) {
    const id = newId();
    try {
      tx.insert(schema.bookings)
        .values({
          id,
          groupId: group.id,
          spaceId: space.id,
          householdId: null,
          createdBy,
          startsAt: new Date(startsAt),
          endsAt: new Date(endsAt),
          blockStart: new Date(startsAt),
          blockEnd: new Date(endsAt + space.bufferMinutes * 60_000),
          status: "confirmed",
          purpose: title,
        })
        .run();
      booked = id;
    } catch (e) {
      if (!(e instanceof Error && e.message.includes("booking_overlap"))) throw e;
    }
  }
  const seriesId = newId();
  tx.insert(schema.eventSeries)
    .values({
      id: seriesId,
      groupId: group.id,
      kind: "meeting",
      title,
      description: "Ordre du jour sur la page de la réunion. Ouverte à tous les habitants.",
      spaceId: booked ? space!.id : null,
      placeText: booked ? "" : (space?.name ?? "Salle commune"),
      startDate: date,
      startTime: start,
      durationMinutes: Math.round((endsAt - startsAt) / 60_000),
      timeZone: group.timeZone,
      rrule: null,
      materialisedUntil: date,
      createdBy,
    })
    .run();
  const occurrenceId = newId();
  tx.insert(schema.eventOccurrences)
    .values({
      id: occurrenceId,
      groupId: group.id,
      seriesId,
      originalStartsAt: new Date(startsAt),
      startsAt: new Date(startsAt),
      endsAt: new Date(endsAt),
      spaceId: booked ? space!.id : null,
      placeText: booked ? "" : (space?.name ?? "Salle commune"),
      bookingId: booked,
    })
    .run();
  const meetingId = newId();
  tx.insert(schema.meetings).values({ id: meetingId, groupId: group.id, occurrenceId, createdBy }).run();
  return { meetingId, startsAt, endsAt, placeName: booked ? space!.name : (space?.name ?? "Salle commune") };
}

type HeldOptions = {
  rng: () => number;
  group: Group;
  createdBy: string | null;
  persons: Person[];
  date: string;
  meeting: ReturnType<typeof insertMeeting>;
  title: string;
  items: Item[];
  decisions: Decision[];
  actions: { what: string; person: Person; state: "on_time" | "late" | "open" }[];
  today: string;
  minutesStatus: "draft" | "approved" | "published";
  mustAttend: string[];
};

/** Writes a held meeting: roles, attendance, items run one after the other, decisions, action items, minutes. */
function holdMeeting(tx: Tx, o: HeldOptions) {
  const { rng, group, meeting, date } = o;
  const expected = o.persons.filter((p) => isExpectedAdult(p, date));
  if (!expected.length) return;
  const [facilitator, noteTaker, timeKeeper] = [
    expected[Math.floor(rng() * expected.length)],
    expected[Math.floor(rng() * expected.length)],
    expected[Math.floor(rng() * expected.length)],
  ];
  // Attendance: about two thirds present; of the others, some excused; a few give their voice.
  const sheet: { personId: string; status: AttendanceStatus; proxyPersonId: string | null; name: string }[] = [];
  for (const p of expected) {
    const r = rng();
    const status: AttendanceStatus = o.mustAttend.includes(p.id) || r < 0.64 ? "present" : r < 0.84 ? "excused" : "absent";
    sheet.push({ personId: p.id, status, proxyPersonId: null, name: nameOf(p) });
  }
  for (const role of [facilitator, noteTaker, timeKeeper]) {
    const line = sheet.find((s) => s.personId === role.id);
    if (line) line.status = "present";
  }
  const present = sheet.filter((s) => s.status === "present");
  for (const s of sheet) if (s.status === "excused" && present.length && rng() < 0.4) s.proxyPersonId = present[Math.floor(rng() * present.length)].personId;
  tx.insert(schema.meetingAttendance)
    .values(sheet.map((s) => ({ groupId: group.id, meetingId: meeting.meetingId, personId: s.personId, status: s.status, proxyPersonId: s.proxyPersonId })))
    .run();
  const voices = present.length + sheet.filter((s) => s.proxyPersonId).length;

  // Items, run one after the other from the start; each takes its planned time, give or take.
  let clock = meeting.startsAt + 5 * 60_000;
  const itemIds: string[] = [];
  const minutesItems: MinutesRecord["items"] = [];
  o.items.forEach((item, i) => {
    const took = Math.max(5, item.minutes + Math.round((rng() - 0.4) * 12));
    const id = newId();
    itemIds.push(id);
    tx.insert(schema.meetingAgendaItems)
      .values({
        id,
        groupId: group.id,
        meetingId: meeting.meetingId,
        title: item.title,
        description: item.description,
        presenterPersonId: i === 0 ? facilitator.id : null,
        presenterText: i === 0 ? "" : "",
        plannedMinutes: item.minutes,
        status: "accepted",
        position: i + 1,
        proposedBy: o.createdBy,
        startedAt: new Date(clock),
        endedAt: new Date(clock + took * 60_000),
        actualMinutes: actualMinutesOf(clock, clock + took * 60_000),
        notes: item.notes,
      })
      .run();
    minutesItems.push({
      title: item.title,
      presenter: i === 0 ? nameOf(facilitator) : "",
      plannedMinutes: item.minutes,
      actualMinutes: took,
      notes: item.notes,
    });
    clock += took * 60_000;
  });

  const minutesDecisions: MinutesRecord["decisions"] = [];
  o.decisions.forEach((d, i) => {
    let votes = { votesFor: null as number | null, votesAgainst: null as number | null, votesAbstain: null as number | null };
    if (d.method === "majority") {
      const against = Math.floor(voices * (d.result === "adopted" ? 0.2 : 0.5));
      const abstain = Math.min(2, voices - against);
      const forVotes = d.result === "adopted" ? voices - against - abstain : Math.min(against - 1, voices - against - abstain);
      votes = { votesFor: Math.max(0, forVotes), votesAgainst: against, votesAbstain: abstain };
    }
    const agendaItemId = itemIds[i % itemIds.length] ?? null;
    tx.insert(schema.meetingDecisions)
      .values({
        groupId: group.id,
        meetingId: meeting.meetingId,
        agendaItemId,
        text: d.text,
        method: d.method,
        result: d.result,
        ...votes,
        decidedOn: date,
        searchText: searchable(d.text),
        createdBy: o.createdBy,
      })
      .run();
    minutesDecisions.push({ text: d.text, method: d.method, result: d.result, votes, itemTitle: o.items[i % o.items.length]?.title ?? null });
  });

  const due = addDays(date, 21);
  for (const a of o.actions) {
    const doneOn = a.state === "open" ? null : a.state === "on_time" ? addDays(date, 10 + Math.floor(rng() * 10)) : addDays(due, 4 + Math.floor(rng() * 12));
    tx.insert(schema.meetingActions)
      .values({
        groupId: group.id,
        meetingId: meeting.meetingId,
        what: a.what,
        personId: a.person.id,
        dueDate: due,
        createdOn: date,
        doneOn: doneOn && doneOn <= o.today ? doneOn : null,
        createdBy: o.createdBy,
      })
      .run();
  }

  const t = getT("fr") as unknown as (key: string, options?: Record<string, unknown>) => string;
  const formatted = (d: string) =>
    new Intl.DateTimeFormat("fr", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${d}T12:00:00Z`));
  const text = draftMinutes(t, {
    title: o.title,
    date: formatted(date),
    place: meeting.placeName,
    roles: [
      { role: "facilitator", name: nameOf(facilitator) },
      { role: "noteTaker", name: nameOf(noteTaker) },
      { role: "timeKeeper", name: nameOf(timeKeeper) },
    ],
    attendance: sheet.map((s) => ({
      name: s.name,
      status: s.status,
      proxyName: s.proxyPersonId ? (sheet.find((x) => x.personId === s.proxyPersonId)?.name ?? null) : null,
    })),
    items: minutesItems,
    decisions: minutesDecisions,
    actions: o.actions.map((a) => ({ what: a.what, who: nameOf(a.person), dueDate: formatted(due) })),
  });
  tx.update(schema.meetings)
    .set({
      facilitatorPersonId: facilitator.id,
      noteTakerPersonId: noteTaker.id,
      timeKeeperPersonId: timeKeeper.id,
      runStatus: "closed",
      runStartedAt: new Date(meeting.startsAt),
      closedAt: new Date(clock + 5 * 60_000),
      closedBy: o.createdBy,
      minutesText: text,
      minutesStatus: "draft",
    })
    .where(eq(schema.meetings.id, meeting.meetingId))
    .run();
}

/** The later meeting approves the earlier one's minutes (and, for the demo, they are then published). */
function approve(tx: Tx, earlier: { meetingId: string }, later: { meetingId: string; startsAt: number }, publish: boolean) {
  tx.update(schema.meetings)
    .set({
      minutesStatus: publish ? "published" : "approved",
      minutesApprovedAt: new Date(later.startsAt + 10 * 60_000),
      minutesApprovedInId: later.meetingId,
      minutesPublishedAt: publish ? new Date(later.startsAt + 2 * 86_400_000) : null,
    })
    .where(eq(schema.meetings.id, earlier.meetingId))
    .run();
}

function seedGroup(
  tx: Tx,
  name: string,
  months: number,
  rng: () => number,
  now: number,
  extra: (ctx: { group: Group; persons: Person[]; createdBy: string | null; today: string; meetings: ReturnType<typeof insertMeeting>[] }) => void,
) {
  const group = tx.select().from(schema.groups).where(eq(schema.groups.name, name)).get();
  if (!group) return;
  if (tx.select({ id: schema.meetings.id }).from(schema.meetings).where(eq(schema.meetings.groupId, group.id)).get()) return;
  const today = todayIn(group.timeZone, now);
  const createdBy =
    tx
      .select({ userId: schema.memberships.userId })
      .from(schema.memberships)
      .where(and(eq(schema.memberships.groupId, group.id), eq(schema.memberships.role, "facilitator")))
      .orderBy(asc(schema.memberships.createdAt))
      .get()?.userId ?? null;
  const persons = groupPersons(tx, group.id);
  if (!persons.length) return;
  const space =
    tx
      .select()
      .from(schema.spaces)
      .where(and(eq(schema.spaces.groupId, group.id), eq(schema.spaces.name, "Salle commune")))
      .get() ?? null;
  const jeanne = tx
    .select({ personId: schema.memberships.personId })
    .from(schema.memberships)
    .innerJoin(schema.users, eq(schema.users.id, schema.memberships.userId))
    .where(and(eq(schema.users.email, RESIDENT_EMAIL), eq(schema.memberships.groupId, group.id)))
    .get()?.personId;
  const held: ReturnType<typeof insertMeeting>[] = [];
  let actionIndex = 0;
  const STATES = ["on_time", "late", "on_time", "open", "on_time", "late", "on_time", "on_time"] as const;
  // The first Tuesdays before today, the last `months` of them.
  const dates = Array.from({ length: months + 1 }, (_, i) => firstTuesday(today, i - months))
    .filter((d) => d < today)
    .slice(-months);
  for (const [n, date] of dates.entries()) {
    const k = dates.length - n;
    const title = "Assemblée des habitants";
    const meeting = insertMeeting(tx, group, createdBy, date, "18:30", "20:30", title, space);
    const items = AGENDA[(months - k) % AGENDA.length];
    // One decision a meeting, two every third one: no decision is taken twice in the year.
    const decisions = [DECISIONS[n % DECISIONS.length], ...(n % 3 === 0 ? [DECISIONS[(12 + n / 3) % DECISIONS.length]] : [])];
    const adults = persons.filter((p) => isExpectedAdult(p, date) && p.id !== jeanne);
    const actions = [0, 1].map(() => {
      const i = actionIndex++;
      return { what: ACTIONS[i % ACTIONS.length], person: adults[(i * 7) % Math.max(1, adults.length)], state: STATES[i % STATES.length] };
    });
    // The last meeting gives Jeanne something to do (open: her Home shows it).
    const jeannePerson = jeanne ? persons.find((p) => p.id === jeanne) : undefined;
    if (k === 1 && jeannePerson) actions.push({ what: "Rédiger le mot d'accueil pour le panneau du hall", person: jeannePerson, state: "open" });
    holdMeeting(tx, {
      rng,
      group,
      createdBy,
      persons,
      date,
      meeting,
      title,
      items,
      decisions,
      actions: actions.filter((a) => a.person),
      today,
      minutesStatus: "draft",
      mustAttend: jeanne ? [jeanne] : [],
    });
    if (held.length) approve(tx, held[held.length - 1], meeting, true);
    held.push(meeting);
  }
  extra({ group, persons, createdBy, today, meetings: held });
}

export function seedMeetingsDemo(db: Db, now = Date.now()): void {
  const rng = mulberry32(20261206);
  db.transaction((tx) => {
    seedGroup(tx, "Les Tilleuls", 12, rng, now, ({ group, persons, createdBy, today }) => {
      // The next meeting: the facilitator's booking of the common room for the residents' meeting, when
      // the bookings demo made one; else the first Tuesday ahead, at the place typed.
      const space =
        tx
          .select()
          .from(schema.spaces)
          .where(and(eq(schema.spaces.groupId, group.id), eq(schema.spaces.name, "Salle commune")))
          .get() ?? null;
      const booking = space
        ? tx
            .select()
            .from(schema.bookings)
            .where(
              and(
                eq(schema.bookings.groupId, group.id),
                eq(schema.bookings.spaceId, space.id),
                like(schema.bookings.purpose, "Assemblée%"),
                eq(schema.bookings.status, "confirmed"),
              ),
            )
            .all()
            .find((b) => b.startsAt.getTime() > now)
        : undefined;
      let date = firstTuesday(today, 0);
      if (date <= today) date = firstTuesday(today, 1);
      const times = booking
        ? {
            date: utcToZoned(booking.startsAt.getTime(), group.timeZone).date,
            start: utcToZoned(booking.startsAt.getTime(), group.timeZone).time,
            end: utcToZoned(booking.endsAt.getTime(), group.timeZone).time,
          }
        : { date, start: "18:30", end: "20:30" };
      const next = insertMeeting(tx, group, createdBy, times.date, times.start, times.end, "Assemblée des habitants", space, booking?.id ?? null);
      const adults = persons.filter((p) => isExpectedAdult(p, times.date));
      const [a, b, c] = [adults[1], adults[4], adults[7]].map((p) => p ?? adults[0]);
      tx.update(schema.meetings)
        .set({ facilitatorPersonId: a.id, noteTakerPersonId: b.id, timeKeeperPersonId: c.id })
        .where(eq(schema.meetings.id, next.meetingId))
        .run();
      const items: { title: string; description: string; minutes: number | null; status: "accepted" | "proposed"; presenter?: Person }[] = [
        { title: "Approbation du compte rendu de la dernière réunion", description: "", minutes: 5, status: "accepted" },
        {
          title: "Point sur les travaux de la toiture",
          description: "Le bailleur annonce deux semaines de chantier.",
          minutes: 15,
          status: "accepted",
          presenter: a,
        },
        { title: "Organisation du vide-grenier", description: "Date, emplacements, affiches.", minutes: 20, status: "accepted", presenter: b },
        {
          title: "Horaires de la laverie commune",
          description: "Certains voudraient pouvoir laver le dimanche.",
          minutes: 10,
          status: "proposed",
          presenter: c,
        },
        {
          title: "Un coin lecture dans la salle commune",
          description: "Une étagère et quelques fauteuils donnés par des habitants.",
          minutes: 10,
          status: "proposed",
        },
      ];
      items.forEach((item, i) =>
        tx
          .insert(schema.meetingAgendaItems)
          .values({
            groupId: group.id,
            meetingId: next.meetingId,
            title: item.title,
            description: item.description,
            presenterPersonId: item.presenter?.id ?? null,
            plannedMinutes: item.minutes,
            status: item.status,
            position: item.status === "accepted" ? i + 1 : null,
            proposedBy: item.status === "accepted" ? createdBy : (persons.find((p) => p.userId)?.userId ?? createdBy),
            createdAt: new Date(now - (10 - i) * 86_400_000),
          })
          .run(),
      );
    });
    seedGroup(tx, "Villa Passerelle", 3, rng, now, ({ group, createdBy, today }) => {
      let date = firstTuesday(today, 0);
      if (date <= today) date = firstTuesday(today, 1);
      const next = insertMeeting(tx, group, createdBy, date, "17:30", "19:00", "Réunion de maison", null);
      tx.insert(schema.meetingAgendaItems)
        .values({
          groupId: group.id,
          meetingId: next.meetingId,
          title: "Règles de la cuisine commune",
          description: "",
          plannedMinutes: 20,
          status: "accepted",
          position: 1,
          proposedBy: createdBy,
        })
        .run();
    });
  });
}
