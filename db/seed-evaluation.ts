// Demo evaluation, on top of the demo groups (db/seed.ts) and the other capabilities' demos: the programme's
// budget and its grant to each group per year, each group's co-funders, in Les Tilleuls two closed surveys
// (with enough answers to show results) and one open survey that Jeanne (the demo resident) has not
// answered, and submitted period reports for the last two quarters (the older one corrected once).
// Deterministic apart from ids and `now`-relative dates. Does nothing if surveys already exist.
import { and, eq } from "drizzle-orm";
import { todayIn } from "../app/modules/core/dates";
import { addDays } from "../app/modules/core/recurrence";
import { indicatorVersions, lastCompleteQuarter, periodBounds, periodKey } from "../app/modules/evaluation/indicators";
import { computeGroupIndicators } from "../app/modules/evaluation/indicators.server";
import type { Db } from "./client.server";
import * as schema from "./schema";
import type { FunderKind } from "./schema/enums";
import { mulberry32 } from "./prng";
import { scopeForJob } from "../app/modules/access/scope.server";

const DAY = 24 * 60 * 60 * 1000;

type Funder = { kind: FunderKind; name: string; planned: number };
const FUNDERS: Record<string, { grant: number; funders: Funder[] }> = {
  "Les Tilleuls": {
    grant: 42_000,
    funders: [
      { kind: "state", name: "DDETS du Cher", planned: 18_000 },
      { kind: "local_authority", name: "Ville de Bourges", planned: 12_000 },
      { kind: "landlord", name: "Val de Berry", planned: 9_500 },
    ],
  },
  "Maison des Quatre Saisons": {
    grant: 55_000,
    funders: [
      { kind: "local_authority", name: "Nantes Métropole", planned: 22_000 },
      { kind: "foundation", name: "Fondation des Aînés solidaires", planned: 15_000 },
      { kind: "other", name: "Caisse de retraite complémentaire", planned: 8_000 },
    ],
  },
  "Villa Passerelle": {
    grant: 68_000,
    funders: [
      { kind: "state", name: "DRIHL Val-de-Marne", planned: 60_000 },
      { kind: "eu", name: "FSE+ (Union européenne)", planned: 25_000 },
      { kind: "local_authority", name: "Conseil départemental du Val-de-Marne", planned: 18_000 },
    ],
  },
};

const COMMENTS = [
  "Les repas du jeudi sont devenus un vrai rendez-vous, on s'y retrouve avec plaisir.",
  "J'aimerais qu'on ait plus d'ateliers le week-end, en semaine je travaille tard.",
  "Depuis que je vis ici je me sens moins seule, surtout l'hiver.",
  "Le bruit dans la cour le soir reste un sujet à reprendre en réunion.",
  "Merci pour l'aide avec les papiers de la CAF, je n'y serais pas arrivé seul.",
  "La salle commune est souvent prise, il faudrait mieux répartir les créneaux.",
  "On pourrait faire un potager avec les enfants au printemps.",
  "Je ne connais pas encore bien les nouveaux voisins du deuxième.",
];

type Answer = Omit<typeof schema.surveyAnswers.$inferInsert, "id" | "surveyId" | "groupId">;

function answers(rand: () => number, n: number, mood: number): Answer[] {
  const pick = (weights: number[]) => {
    const total = weights.reduce((s, w) => s + w, 0);
    let r = rand() * total;
    for (let i = 0; i < weights.length; i++) if ((r -= weights[i]) < 0) return i + 1;
    return weights.length;
  };
  return Array.from({ length: n }, (_, i) => ({
    satisfaction: pick([1, 1, 3, 8 + mood, 6 + mood]),
    belonging: pick([1, 2, 4, 7 + mood, 4 + mood]),
    lonelyCompanionship: pick([8 + mood, 4, 2]),
    lonelyLeftOut: pick([10 + mood, 3, 1]),
    lonelyIsolated: pick([9 + mood, 4, 2]),
    helpGiven: pick([2, 3, 6, 5, 2 + mood]),
    helpReceived: pick([2, 4, 6, 4, 2]),
    comment: i < COMMENTS.length && rand() < 0.6 ? COMMENTS[(i + mood) % COMMENTS.length] : "",
  }));
}

export function seedEvaluationDemo(db: Db, now = Date.now()): void {
  const tilleuls = db.select().from(schema.groups).where(eq(schema.groups.name, "Les Tilleuls")).get();
  if (!tilleuls) return;
  if (db.select({ id: schema.surveys.id }).from(schema.surveys).where(eq(schema.surveys.groupId, tilleuls.id)).get()) return;
  const programme = db.select().from(schema.programmes).where(eq(schema.programmes.name, "Habitat partagé et solidaire")).get();
  const today = todayIn(tilleuls.timeZone, now);
  const year = Number(today.slice(0, 4));
  const rand = mulberry32(20261124);

  db.transaction((tx) => {
    // Programme budget and grants; each group's co-funders, spent in full for past years, partly this year.
    if (programme) tx.update(schema.programmes).set({ budgetCents: 1_000_000_00 }).where(eq(schema.programmes.id, programme.id)).run();
    const groups = tx.select().from(schema.groups).all();
    for (const g of groups) {
      const plan = FUNDERS[g.name];
      if (!plan) continue;
      const firstYear = Number((programme?.startsOn ?? `${year}`).slice(0, 4));
      for (let y = firstYear; y <= year; y++) {
        const elapsed = y < year ? 1 : Math.min(1, (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${y}-01-01T00:00:00Z`)) / (365 * DAY));
        if (programme)
          tx.insert(schema.programmeGrants)
            .values({ programmeId: programme.id, groupId: g.id, year: y, amountCents: plan.grant * 100 })
            .run();
        for (const f of plan.funders) {
          const planned = Math.round(f.planned * (1 + (y - firstYear) * 0.03)) * 100;
          const spent = Math.round(planned * elapsed * (0.85 + rand() * 0.15));
          tx.insert(schema.groupFunding).values({ groupId: g.id, year: y, kind: f.kind, funderName: f.name, plannedCents: planned, spentCents: spent }).run();
        }
      }
    }

    // Les Tilleuls' surveys: two closed ones with enough answers, one open now.
    const members = tx
      .select({ id: schema.memberships.id, email: schema.users.email })
      .from(schema.memberships)
      .innerJoin(schema.users, eq(schema.users.id, schema.memberships.userId))
      .where(eq(schema.memberships.groupId, tilleuls.id))
      .all();
    const others = members.filter((m) => m.email !== "habitante@demo.maisonnee.fr");
    const survey = (title: string, opensOn: string, closesOn: string, n: number, mood: number, respondents: { id: string }[]) => {
      const s = tx.insert(schema.surveys).values({ groupId: tilleuls.id, title, opensOn, closesOn }).returning().get();
      // Answers go in by random id (see survey_answers): the order says nothing of who answered when.
      for (const a of answers(rand, n, mood))
        tx.insert(schema.surveyAnswers)
          .values({ id: crypto.randomUUID(), surveyId: s.id, groupId: tilleuls.id, ...a })
          .run();
      for (const m of respondents) tx.insert(schema.surveyRespondents).values({ surveyId: s.id, groupId: tilleuls.id, membershipId: m.id }).run();
    };
    // In the demo most residents have no account: the answers beyond the accounts' stand for residents who answered on a phone lent by the association.
    survey(`Enquête habitants ${year - 1}`, addDays(today, -330), addDays(today, -300), 14, 0, members);
    survey(`Enquête habitants ${year} (printemps)`, addDays(today, -150), addDays(today, -125), 11, 2, members);
    survey(`Enquête habitants ${year} (automne)`, addDays(today, -6), addDays(today, 21), others.length, 1, others);

    // Submitted reports for the last two complete quarters of Les Tilleuls (the older one corrected), one for each other group.
    const facilitator = tx
      .select({ id: schema.users.id, name: schema.users.name })
      .from(schema.users)
      .where(eq(schema.users.email, "animatrice@demo.maisonnee.fr"))
      .get();
    const last = lastCompleteQuarter(today);
    const before = periodBounds("quarter", addDays(last.from, -1));
    const report = (
      groupId: string,
      period: { from: string; to: string },
      narrative: { highlights: string; difficulties: string; story: string },
      correction?: { note: string; highlights: string },
    ) => {
      const key = periodKey("quarter", period.from);
      const r = tx
        .insert(schema.reports)
        .values({
          groupId,
          periodKind: "quarter",
          periodKey: key,
          periodFrom: period.from,
          periodTo: period.to,
          status: "submitted",
          ...narrative,
          storyConsent: !!narrative.story,
          currentRevision: correction ? 2 : 1,
          createdBy: facilitator?.id ?? null,
        })
        .returning()
        .get();
      // The figures are computed now (the demo's activity is already there); dated when the revision was sent.
      const snapshot = (at: number) => ({
        indicators: computeGroupIndicators({ scope: scopeForJob(groupId), from: period.from, to: period.to, now, database: db }),
        versions: indicatorVersions(),
        computedAt: new Date(at).toISOString(),
      });
      const submittedAt = Math.min(now - DAY, Date.parse(`${addDays(period.to, 12)}T09:30:00Z`));
      const revision = (n: number, text: typeof narrative, note: string, at: number) =>
        tx
          .insert(schema.reportRevisions)
          .values({
            reportId: r.id,
            groupId,
            revision: n,
            ...text,
            storyConsent: !!text.story,
            correctionNote: note,
            snapshot: snapshot(at),
            submittedBy: facilitator?.id ?? null,
            submittedByName: facilitator?.name ?? "",
            submittedAt: new Date(at),
          })
          .run();
      revision(1, narrative, "", submittedAt);
      if (correction) {
        const corrected = { ...narrative, highlights: correction.highlights };
        tx.update(schema.reports)
          .set({ highlights: corrected.highlights })
          .where(and(eq(schema.reports.id, r.id), eq(schema.reports.groupId, groupId)))
          .run();
        revision(2, corrected, correction.note, Math.min(now - DAY / 2, submittedAt + 9 * DAY));
      }
    };
    report(
      tilleuls.id,
      before,
      {
        highlights:
          "Les repas partagés du jeudi ont réuni chaque semaine une quinzaine de foyers. L'atelier réparation de vélos, lancé par deux jeunes du deuxième étage, attire aussi des voisins du quartier.",
        difficulties: "La salle commune a été fermée trois semaines pour un dégât des eaux ; deux réunions ont eu lieu dans le hall.",
        story:
          "Une habitante de 82 ans, qui ne sortait presque plus, cuisine désormais les desserts du jeudi avec une jeune maman de l'immeuble. Elles ont accepté que leur histoire soit racontée, sans leurs noms.",
      },
      {
        note: "Les chiffres de participation ne comptaient pas un repas saisi en retard ; récit inchangé.",
        highlights:
          "Les repas partagés du jeudi ont réuni chaque semaine une quinzaine de foyers, dont deux foyers arrivés ce trimestre. L'atelier réparation de vélos, lancé par deux jeunes du deuxième étage, attire aussi des voisins du quartier.",
      },
    );
    report(tilleuls.id, last, {
      highlights:
        "Le jardin partagé a donné ses premières récoltes, partagées lors d'un repas de fin d'été. La nouvelle version de la charte a été discutée en assemblée.",
      difficulties: "Peu de participation des foyers arrivés récemment aux réunions ; nous testons un horaire en fin de journée.",
      story: "",
    });
    for (const g of groups.filter((x) => x.id !== tilleuls.id && FUNDERS[x.name]))
      report(g.id, last, {
        highlights: "Le trimestre a été marqué par l'arrivée de nouveaux foyers et la reprise des ateliers hebdomadaires.",
        difficulties: "L'équipe d'animation a été réduite pendant l'été.",
        story: "",
      });
  });
}
