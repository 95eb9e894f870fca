// Demo skill exchange for "Les Tilleuls", on top of the demo groups (db/seed.ts): offers and requests by
// several households, a few done exchanges written with their two time-bank movements (summing to zero),
// one agreed and one proposed. Jeanne (the demo resident) receives the first exchange, so her pages have
// a real one. Deterministic apart from ids; dates are placed around `now`. Does nothing if the group
// already has posts, or if it has fewer than four households with an adult.
import { and, asc, eq } from "drizzle-orm";
import { addDays } from "../app/modules/core/recurrence";
import { todayIn } from "../app/modules/core/dates";
import { movementsFor } from "../app/modules/exchange/rules";
import type { Db } from "./client.server";
import * as schema from "./schema";
import type { ExchangeCategory, ExchangePostKind } from "./schema/enums";

const DAY = 24 * 60 * 60 * 1000;
const RESIDENT_EMAIL = "habitante@demo.maisonnee.fr";

export function seedExchangeDemo(db: Db, now = Date.now()): void {
  db.transaction((tx) => {
    const group = tx.select().from(schema.groups).where(eq(schema.groups.name, "Les Tilleuls")).get();
    if (!group) return;
    if (tx.select({ id: schema.exchangePosts.id }).from(schema.exchangePosts).where(eq(schema.exchangePosts.groupId, group.id)).get()) return;
    const today = todayIn(group.timeZone);
    const year = Number(today.slice(0, 4));
    const jeanne = tx
      .select({ householdId: schema.memberships.householdId, personId: schema.memberships.personId, userId: schema.users.id })
      .from(schema.memberships)
      .innerJoin(schema.users, eq(schema.users.id, schema.memberships.userId))
      .where(and(eq(schema.users.email, RESIDENT_EMAIL), eq(schema.memberships.groupId, group.id)))
      .get();
    if (!jeanne?.householdId || !jeanne.personId) return;
    // One adult per other present household, younger first (the helpers of the demo).
    const adults = tx
      .select({
        id: schema.persons.id,
        householdId: schema.persons.householdId,
        birthYear: schema.persons.birthYear,
        departure: schema.households.departureDate,
      })
      .from(schema.persons)
      .innerJoin(schema.households, eq(schema.households.id, schema.persons.householdId))
      .where(eq(schema.persons.groupId, group.id))
      .orderBy(asc(schema.households.dwelling), asc(schema.persons.birthYear))
      .all()
      .filter((p) => p.householdId !== jeanne.householdId && (!p.departure || p.departure > today) && p.birthYear != null && year - p.birthYear >= 18);
    const helpers: { id: string; householdId: string }[] = [];
    for (const p of adults) if (!helpers.some((h) => h.householdId === p.householdId)) helpers.push(p);
    if (helpers.length < 4) return;
    const [a, b, c, d] = helpers;
    const me = { id: jeanne.personId, householdId: jeanne.householdId };

    const post = (
      by: { id: string; householdId: string },
      kind: ExchangePostKind,
      category: ExchangeCategory,
      title: string,
      description: string,
      availability: string,
      daysAgo: number,
    ) =>
      tx
        .insert(schema.exchangePosts)
        .values({
          groupId: group.id,
          kind,
          category,
          title,
          description,
          availability,
          personId: by.id,
          householdId: by.householdId,
          status: "active",
          createdAt: new Date(now - daysAgo * DAY),
          updatedAt: new Date(now - daysAgo * DAY),
        })
        .returning({ id: schema.exchangePosts.id })
        .get().id;

    const digital = post(
      a,
      "offer",
      "digital_help",
      "Aide avec le téléphone et l'ordinateur",
      "Installer une application, faire une démarche en ligne, envoyer des photos.",
      "Le soir après 18 h, le samedi",
      40,
    );
    const shelves = post(
      me,
      "request",
      "diy_repairs",
      "Fixer des étagères hautes",
      "Deux étagères dans la cuisine, j'ai les chevilles.",
      "En semaine, le matin",
      30,
    );
    const soup = post(me, "offer", "cooking", "Je vous apprends la soupe de légumes", "Recettes de saison, pour 4 à 6 personnes.", "Le mercredi", 20);
    const homework = post(b, "request", "homework_help", "Aide aux devoirs de maths (collège)", "Mon fils est en 4e.", "Mardi et jeudi, 17 h – 18 h", 3);
    post(c, "offer", "gardening", "Entretien des jardinières", "Je m'occupe des plantes pendant vos vacances.", "Tout l'été", 2);
    post(d, "request", "paperwork", "Remplir un dossier de la CAF", "", "Quand vous voulez", 1);

    const exchange = (
      postId: string,
      giver: { id: string; householdId: string },
      receiver: { id: string; householdId: string },
      opener: string,
      status: "done" | "agreed" | "proposed",
      agreedDate: string | null,
      minutes: number | null,
      daysAgo: number,
      thanks: string | null = null,
    ) => {
      const at = new Date(now - daysAgo * DAY);
      const id = tx
        .insert(schema.exchanges)
        .values({
          groupId: group.id,
          postId,
          giverHouseholdId: giver.householdId,
          receiverHouseholdId: receiver.householdId,
          giverPersonId: giver.id,
          receiverPersonId: receiver.id,
          openedByHouseholdId: opener,
          status,
          agreedDate,
          minutes,
          confirmedBy: status === "done" ? jeanne.userId : null,
          confirmedAt: status === "done" ? at : null,
          thanks,
          createdAt: at,
          updatedAt: at,
        })
        .returning({ id: schema.exchanges.id })
        .get().id;
      if (status === "done" && minutes) {
        tx.insert(schema.timeMovements)
          .values(
            movementsFor({ giverHouseholdId: giver.householdId, receiverHouseholdId: receiver.householdId }, minutes).map((m) => ({
              groupId: group.id,
              exchangeId: id,
              ...m,
              createdAt: at,
            })),
          )
          .run();
      }
      return id;
    };
    // Jeanne's first: the oldest exchange of the group is hers (the cross-group test's sample).
    exchange(digital, a, me, me.householdId, "done", addDays(today, -35), 90, 35, "Merci, je sais maintenant envoyer des photos à mes petits-enfants !");
    exchange(shelves, b, me, b.householdId, "done", addDays(today, -25), 60, 25, "Parfait, merci beaucoup.");
    exchange(soup, me, c, c.householdId, "done", addDays(today, -12), 120, 12);
    exchange(soup, me, d, d.householdId, "agreed", addDays(today, 3), null, 4);
    exchange(homework, a, b, a.householdId, "proposed", null, null, 1);
  });
}
