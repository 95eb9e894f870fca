// Demo spaces and bookings: Les Tilleuls gets its common room (on approval, cleaning buffer, quiet hours,
// monthly quota), its guest room (nightly fee, house rules) and its shared garden, with a few bookings in
// the coming weeks; the Maison des Quatre Saisons gets a common room. Runs after seedDemo(), in one
// synchronous transaction. The layout is fixed relative to next Monday (in the group's zone), so the
// bookings are always ahead of "now" and never overlap one another (buffers included).
import { and, eq } from "drizzle-orm";
import { addDays, utcToZoned, zonedToUtc } from "../app/modules/core/recurrence";
import { newId } from "../app/modules/core/ids";
import type { Db } from "./client.server";
import * as schema from "./schema";

type SpaceRow = typeof schema.spaces.$inferInsert;
type BookingSpec = {
  space: string;
  /** Household by dwelling ('Appartement 3'), or null: booked for the group itself. */
  dwelling: string | null;
  /** Days after next Monday, and wall-clock times; for a stay, the number of nights. */
  day: number;
  start: string;
  end: string;
  nights?: number;
  status: "requested" | "confirmed";
  purpose: string;
  guests: number;
  /** The demo account that made it: the resident for her own household, else the facilitator. */
  by: "resident" | "facilitator";
};

const TZ_DEFAULT = "Europe/Paris";

const TILLEULS_SPACES: Omit<SpaceRow, "groupId">[] = [
  {
    name: "Salle commune",
    kind: "common_room",
    description:
      "Au rez-de-chaussée du bâtiment A, avec la cuisine partagée, 40 chaises et 6 tables pliantes. " +
      "La clé est dans la boîte à code à côté de la porte ; le code est donné avec la confirmation.",
    capacity: 40,
    active: true,
    bookingWindowDays: 120,
    minNoticeHours: 24,
    maxMinutes: 8 * 60,
    quotaHoursPerMonth: 10,
    approvalRequired: true,
    bufferMinutes: 60,
    quietStart: "22:00",
    quietEnd: "08:00",
  },
  {
    name: "Chambre d'amis",
    kind: "guest_unit",
    description: "Au 2e étage, au bout du couloir : un lit double, un lit d'appoint, une salle d'eau. Draps et serviettes fournis.",
    capacity: 3,
    active: true,
    bookingWindowDays: 180,
    minNoticeHours: 24,
    quotaNightsPerYear: 14,
    approvalRequired: false,
    bufferMinutes: 0,
    checkInTime: "15:00",
    checkOutTime: "11:00",
    nightlyFeeCents: 1200,
    maxNights: 7,
    houseRules:
      "Vos invités arrivent à partir de 15 h et libèrent la chambre avant 11 h.\n" +
      "Vous restez responsable de vos invités pendant leur séjour.\n" +
      "Pas d'animaux, on ne fume pas dans la chambre.\n" +
      "Avant de partir : draps dans le panier de la buanderie, poubelles vidées, fenêtre fermée.\n" +
      "La participation (12 € par nuit) est versée à la caisse commune dans la semaine.",
  },
  {
    name: "Jardin partagé",
    kind: "outdoor",
    description: "Derrière le bâtiment B : les bacs potagers, la table de pique-nique et le barbecue. Les outils sont dans l'abri.",
    capacity: 30,
    active: true,
    bookingWindowDays: 60,
    minNoticeHours: 0,
    maxMinutes: 6 * 60,
    approvalRequired: false,
    bufferMinutes: 0,
    quietStart: "22:00",
    quietEnd: "08:00",
  },
];

const TILLEULS_BOOKINGS: BookingSpec[] = [
  {
    space: "Salle commune",
    dwelling: null,
    day: 2,
    start: "18:30",
    end: "20:30",
    status: "confirmed",
    purpose: "Assemblée d'habitants",
    guests: 25,
    by: "facilitator",
  },
  {
    space: "Salle commune",
    dwelling: "Appartement 4",
    day: 5,
    start: "14:00",
    end: "18:00",
    status: "confirmed",
    purpose: "Anniversaire des enfants",
    guests: 20,
    by: "facilitator",
  },
  {
    space: "Salle commune",
    dwelling: "Appartement 6",
    day: 12,
    start: "15:00",
    end: "18:00",
    status: "requested",
    purpose: "Goûter avec les voisines",
    guests: 8,
    by: "resident",
  },
  {
    space: "Salle commune",
    dwelling: "Appartement 9",
    day: 18,
    start: "19:00",
    end: "21:30",
    status: "confirmed",
    purpose: "Cours de cuisine vietnamienne",
    guests: 12,
    by: "facilitator",
  },
  {
    space: "Chambre d'amis",
    dwelling: "Appartement 3",
    day: 4,
    start: "",
    end: "",
    nights: 3,
    status: "confirmed",
    purpose: "Visite de ma sœur",
    guests: 1,
    by: "facilitator",
  },
  {
    space: "Chambre d'amis",
    dwelling: "Appartement 11",
    day: 15,
    start: "",
    end: "",
    nights: 2,
    status: "confirmed",
    purpose: "Petits-enfants",
    guests: 2,
    by: "facilitator",
  },
  {
    space: "Jardin partagé",
    dwelling: "Appartement 6",
    day: 6,
    start: "10:00",
    end: "12:00",
    status: "confirmed",
    purpose: "Atelier semis",
    guests: 6,
    by: "resident",
  },
  {
    space: "Jardin partagé",
    dwelling: "Appartement 1",
    day: 13,
    start: "12:00",
    end: "16:00",
    status: "confirmed",
    purpose: "Pique-nique",
    guests: 10,
    by: "facilitator",
  },
];

const SAISONS_SPACES: Omit<SpaceRow, "groupId">[] = [
  {
    name: "Salle commune",
    kind: "common_room",
    description: "Le salon du rez-de-chaussée, avec le piano et la bibliothèque.",
    capacity: 25,
    active: true,
    bookingWindowDays: 90,
    minNoticeHours: 24,
    maxMinutes: 6 * 60,
    approvalRequired: true,
    bufferMinutes: 30,
    quietStart: "21:00",
    quietEnd: "09:00",
  },
];

/** The Monday after `now`'s date in the zone ('YYYY-MM-DD'). */
function nextMonday(now: number, timeZone: string): string {
  const { date, weekday } = utcToZoned(now, timeZone);
  return addDays(date, 8 - weekday);
}

export function seedBookingsDemo(db: Db, now = Date.now()): void {
  const group = (name: string) => db.select().from(schema.groups).where(eq(schema.groups.name, name)).get();
  const user = (email: string) => db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, email)).get()?.id ?? null;
  const tilleuls = group("Les Tilleuls");
  const saisons = group("Maison des Quatre Saisons");
  const by = { resident: user("habitante@demo.maisonnee.fr"), facilitator: user("animatrice@demo.maisonnee.fr") };

  db.transaction((tx) => {
    if (tilleuls) {
      const tz = tilleuls.timeZone || TZ_DEFAULT;
      const monday = nextMonday(now, tz);
      const spaces = new Map<string, typeof schema.spaces.$inferSelect>();
      for (const s of TILLEULS_SPACES) {
        const row = tx
          .insert(schema.spaces)
          .values({ id: newId(), groupId: tilleuls.id, ...s })
          .returning()
          .get();
        spaces.set(row.name, row);
      }
      for (const b of TILLEULS_BOOKINGS) {
        const space = spaces.get(b.space)!;
        const household = b.dwelling
          ? tx
              .select({ id: schema.households.id })
              .from(schema.households)
              .where(and(eq(schema.households.groupId, tilleuls.id), eq(schema.households.dwelling, b.dwelling)))
              .get()
          : null;
        if (b.dwelling && !household) continue; // a demo without that flat: skip its booking
        const date = addDays(monday, b.day);
        const stay = space.kind === "guest_unit";
        const nights = stay ? (b.nights ?? 1) : 0;
        const startsAt = stay ? zonedToUtc(`${date}T${space.checkInTime ?? "15:00"}`, tz) : zonedToUtc(`${date}T${b.start}`, tz);
        const endsAt = stay ? zonedToUtc(`${addDays(date, nights)}T${space.checkOutTime ?? "11:00"}`, tz) : zonedToUtc(`${date}T${b.end}`, tz);
        tx.insert(schema.bookings)
          .values({
            id: newId(),
            groupId: tilleuls.id,
            spaceId: space.id,
            householdId: household?.id ?? null,
            createdBy: by[b.by],
            startsAt: new Date(startsAt),
            endsAt: new Date(endsAt),
            blockStart: new Date(startsAt),
            blockEnd: new Date(endsAt + space.bufferMinutes * 60_000),
            status: b.status,
            purpose: b.purpose,
            guests: b.guests,
            nights,
            feeCents: nights * space.nightlyFeeCents,
            decidedBy: b.status === "confirmed" && space.approvalRequired ? by.facilitator : null,
            decidedAt: b.status === "confirmed" && space.approvalRequired ? new Date(now) : null,
          })
          .run();
      }
      // The common room is repainted in five weeks: a closure the calendar and the rules show.
      const salle = spaces.get("Salle commune")!;
      const closedFrom = addDays(monday, 28);
      tx.insert(schema.spaceClosures)
        .values({
          id: newId(),
          groupId: tilleuls.id,
          spaceId: salle.id,
          startsAt: new Date(zonedToUtc(`${closedFrom}T00:00`, tz)),
          endsAt: new Date(zonedToUtc(`${addDays(closedFrom, 3)}T00:00`, tz)),
          reason: "Peinture de la salle",
          createdBy: by.facilitator,
        })
        .run();
    }
    if (saisons) {
      for (const s of SAISONS_SPACES)
        tx.insert(schema.spaces)
          .values({ id: newId(), groupId: saisons.id, ...s })
          .run();
    }
  });
}
