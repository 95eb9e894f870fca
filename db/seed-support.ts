// Demo support follow-up, on top of the demo groups (db/seed.ts): two support workers of the association —
// Amandine Roche (support lead, in Les Tilleuls and Villa Passerelle) and Julien Moreau (Villa Passerelle) —
// the partner networks, about two years of follow-up in Villa Passerelle (most households, ~300 actions,
// referrals, the exits of three households with their 6- and 12-month checks) and four households followed
// in Les Tilleuls, Jeanne's among them. Deterministic apart from ids; everything is dated up to `now`'s
// date and never after. Does nothing if the support lead's account already exists.
import { and, asc, eq } from "drizzle-orm";
import { todayIn } from "../app/modules/core/dates";
import type { ActionKind, AidSource, EntrySituation, Field, OutcomeKind, Right, Topic } from "../app/modules/support/enums";
import { checkDates } from "../app/modules/support/rules";
import type { Db } from "./client.server";
import * as schema from "./schema";
import { mulberry32 } from "./prng";

const LEAD_EMAIL = "accompagnante@demo.maisonnee.fr";
const OTHER_EMAIL = "accompagnant.passerelle@demo.maisonnee.fr";
// Same password as every demo account: its hash is read from an account seedDemo made.
const HASH_FROM = "animatrice@demo.maisonnee.fr";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  int(min: number, max: number) {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number) {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)];
  }
  /** Picks by weight: [[value, weight], …]. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [v, w] of items) {
      r -= w;
      if (r < 0) return v;
    }
    return items[items.length - 1][0];
  }
}

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const maxDate = (a: string, b: string) => (a > b ? a : b);
const minDate = (a: string, b: string) => (a < b ? a : b);

// -------------------------------------------------------------------------------------------------
// What the team writes: short staff notes by topic, never copied from real files.

const NOTES: Record<Topic, string[]> = {
  housing: [
    "Demande de logement social renouvelée, numéro unique à jour.",
    "Point sur les propositions de logement : visite prévue la semaine prochaine.",
    "Dossier SIAO complété avec la famille.",
    "Préparation de la commission d'attribution : pièces réunies.",
    "Explication du bail et de l'état des lieux avant l'entrée.",
  ],
  work_training: [
    "Inscription à France Travail faite ensemble, premier rendez-vous fixé.",
    "CV mis à jour, deux candidatures envoyées en restauration.",
    "Point sur la formation d'agent d'entretien : démarrage en septembre.",
    "Contrat en chantier d'insertion signé, suivi à 1 mois.",
    "Préparation de l'entretien d'embauche (transport, horaires).",
  ],
  health: [
    "Dossier de couverture santé déposé à la CPAM.",
    "Rendez-vous pris au centre de santé pour un bilan.",
    "Accompagnement aux vaccins des enfants à la PMI.",
    "Carte Vitale reçue, explication de son usage.",
    "Orientation vers une consultation dentaire à tarif solidaire.",
  ],
  schooling: [
    "Inscription à l'école confirmée, cantine demandée.",
    "Rencontre avec l'enseignante : assiduité en progrès.",
    "Fournitures scolaires : aide de l'association sollicitée.",
    "Dossier de bourse du collège rempli avec la mère.",
    "Point sur l'accompagnement scolaire du mercredi.",
  ],
  rights_papers: [
    "Domiciliation renouvelée auprès du CCAS.",
    "Rendez-vous en préfecture obtenu pour le titre de séjour.",
    "Déclaration de revenus faite en ligne avec le foyer.",
    "Demande de passeport : photos et formulaire prêts.",
    "Ouverture de droits CAF : dossier complet envoyé.",
  ],
  budget: [
    "Budget du mois revu : loyer résiduel et factures à jour.",
    "Échéancier négocié avec le fournisseur d'énergie.",
    "Ouverture d'un compte bancaire, explication des frais.",
    "Demande d'aide au FSL préparée.",
    "Point sur les dettes : plan de remboursement tenu.",
  ],
  language: [
    "Inscription aux ateliers de français du centre social.",
    "Progrès à l'oral, lecture des courriers encore difficile.",
    "Traduction d'un courrier administratif avec le foyer.",
  ],
  social_ties: [
    "Participation au repas partagé du site encouragée.",
    "Inscription des enfants au centre de loisirs pour l'été.",
    "Lien repris avec la famille élargie, à suivre.",
    "Adhésion à l'association sportive du quartier.",
  ],
};

const OUTCOME_TEXTS: Record<OutcomeKind, string[]> = {
  resolved: ["Démarche aboutie, le foyer est satisfait.", "Situation réglée après deux rendez-vous."],
  ongoing_with_partner: ["Suivi régulier mis en place par le partenaire.", "Le partenaire poursuit l'accompagnement."],
  not_taken_up: ["Rendez-vous non honoré malgré les relances.", "Pas de place disponible pour l'instant."],
  refused: ["Le foyer ne souhaite pas poursuivre.", "Proposition déclinée, à reparler plus tard."],
  redirected: ["Réorienté vers un service plus adapté.", "Le partenaire a passé le relais à un autre service."],
};

const TOPIC_FIELD: Record<Topic, Field[]> = {
  housing: ["housing"],
  work_training: ["employment"],
  health: ["health", "addiction"],
  schooling: ["parenting"],
  rights_papers: ["legal"],
  budget: ["legal", "other"],
  language: ["other"],
  social_ties: ["mediation", "parenting"],
};

type PartnerSpec = { name: string; field: Field; contact: string };

const PASSERELLE_PARTNERS: PartnerSpec[] = [
  { name: "CSAPA Le Trait d'union", field: "addiction", contact: "01 39 98 20 10 — accueil sans rendez-vous le mardi matin" },
  { name: "Ivry Médiation", field: "mediation", contact: "mediation@ivry-mediation.example.org" },
  { name: "Lieu d'accueil parents-enfants Les Petits Pas", field: "parenting", contact: "01 39 98 20 30" },
  { name: "Permanence d'accès aux soins de l'hôpital", field: "health", contact: "01 39 98 20 40 — service social" },
  { name: "Mission locale Ivry-Vitry", field: "employment", contact: "contact@ml-ivry-vitry.example.org" },
  { name: "Chantier d'insertion Les Jardins du Fort", field: "employment", contact: "01 39 98 20 60" },
  { name: "SIAO du Val-de-Marne", field: "housing", contact: "siao94@example.org" },
  { name: "Point-justice d'Ivry", field: "legal", contact: "01 39 98 20 80 — permanence le jeudi" },
  { name: "Atelier de français Les Mots Partagés", field: "other", contact: "lesmotspartages@example.org" },
];

const TILLEULS_PARTNERS: PartnerSpec[] = [
  { name: "Service de soins infirmiers à domicile Bourges Nord", field: "health", contact: "02 39 98 30 10" },
  { name: "Point conseil budget du Cher", field: "other", contact: "pcb18@example.org" },
  { name: "Espace parentalité des Gibjoncs", field: "parenting", contact: "02 39 98 30 30" },
  { name: "Mission locale de Bourges", field: "employment", contact: "02 39 98 30 40" },
];

type Plan = {
  situation: EntrySituation;
  goals: Topic[];
  /** Days between two actions. */
  step: [number, number];
  /** Days of support before today (or before the departure), at most since the arrival. */
  span: [number, number];
  closed?: { afterDays: number; outcome: "goals_met" | "partly_met" };
};

/** Villa Passerelle, by module: modular homes for families out of slums and hotels, and young adults. */
function passerellePlan(dwelling: string, departed: boolean, destination: string | null): Plan | null {
  if (departed) {
    return {
      situation: dwelling === "Module 10" ? "street" : "slum_squat",
      goals: destination === "durable_social_housing" ? ["housing", "rights_papers", "work_training", "schooling"] : ["housing", "work_training", "budget"],
      step: [21, 34],
      span: [640, 760],
    };
  }
  switch (dwelling) {
    case "Module 1":
    case "Module 4":
    case "Module 8":
    case "Module 11":
      return { situation: "slum_squat", goals: ["housing", "rights_papers", "schooling", "health", "language"], step: [23, 38], span: [690, 740] };
    case "Module 2":
    case "Module 7":
      return { situation: "slum_squat", goals: ["rights_papers", "schooling", "budget", "work_training"], step: [25, 40], span: [600, 730] };
    case "Module 3":
      return { situation: "hotel", goals: ["housing", "schooling", "health"], step: [23, 36], span: [640, 700] };
    case "Module 9":
      return { situation: "hosted_family", goals: ["work_training", "budget", "housing"], step: [27, 42], span: [620, 720] };
    case "Module 5":
      return {
        situation: "street",
        goals: ["work_training", "rights_papers", "budget"],
        step: [18, 26],
        span: [940, 980],
        closed: { afterDays: 230, outcome: "goals_met" },
      };
    case "Module 10":
      return { situation: "shelter", goals: ["work_training", "rights_papers"], step: [12, 20], span: [400, 400] };
    default:
      // Module 6: a young woman who has not asked for support.
      return null;
  }
}

/** Les Tilleuls: a participatory building where a few households are supported on request. */
function tilleulsPlan(dwelling: string): Plan | null {
  switch (dwelling) {
    case "Appartement 6":
      return { situation: "own_housing", goals: ["health", "rights_papers", "social_ties"], step: [30, 55], span: [300, 330] };
    case "Appartement 3":
      return { situation: "hosted_family", goals: ["budget", "schooling", "work_training"], step: [28, 45], span: [420, 460] };
    case "Appartement 12":
      return { situation: "own_housing", goals: ["budget", "work_training"], step: [35, 60], span: [240, 280] };
    case "Appartement 14":
      return { situation: "own_housing", goals: ["rights_papers", "health"], step: [30, 50], span: [200, 230] };
    default:
      return null;
  }
}

const KIND_WEIGHTS: readonly (readonly [ActionKind, number])[] = [
  ["individual_interview", 46],
  ["home_visit", 15],
  ["office_hours", 15],
  ["accompaniment", 12],
  ["collective_workshop", 8],
];
const DURATIONS: Record<ActionKind, [number, number]> = {
  individual_interview: [30, 60],
  home_visit: [45, 90],
  office_hours: [15, 30],
  collective_workshop: [90, 120],
  accompaniment: [90, 210],
  referral: [20, 30],
};
const AID: Partial<Record<Topic, [AidSource, number, number][]>> = {
  budget: [
    ["fsl", 150, 900],
    ["ccas", 50, 300],
    ["association", 30, 150],
  ],
  housing: [
    ["fsl", 300, 1200],
    ["caf", 200, 600],
  ],
  schooling: [
    ["ccas", 40, 150],
    ["departement", 80, 250],
  ],
  work_training: [
    ["departement", 100, 400],
    ["other", 50, 200],
  ],
  health: [["association", 20, 80]],
};
const RIGHT_FOR: Partial<Record<Topic, Right[]>> = {
  health: ["health_cover"],
  rights_papers: ["postal_address", "identity_document"],
  housing: ["housing_benefit"],
};

type Person = { id: string; birthYear: number | null };

function seedGroup(
  tx: Tx,
  rng: Rng,
  group: { id: string; timeZone: string },
  today: string,
  workers: string[],
  partnerSpecs: PartnerSpec[],
  planOf: (h: { dwelling: string; departed: boolean; destination: string | null }) => Plan | null,
) {
  const partners = partnerSpecs.map((p) => ({
    ...p,
    id: tx
      .insert(schema.supportPartners)
      .values({ groupId: group.id, ...p })
      .returning({ id: schema.supportPartners.id })
      .get().id,
  }));
  const households = tx
    .select()
    .from(schema.households)
    .where(eq(schema.households.groupId, group.id))
    .orderBy(asc(schema.households.dwelling), asc(schema.households.arrivalDate))
    .all();
  const year = Number(today.slice(0, 4));
  const reads: { householdId: string; userId: string }[] = [];

  for (const h of households) {
    const departed = !!h.departureDate && h.departureDate <= today;
    const plan = planOf({ dwelling: h.dwelling, departed, destination: h.destination });
    if (!plan) continue;
    const people: Person[] = tx
      .select({ id: schema.persons.id, birthYear: schema.persons.birthYear })
      .from(schema.persons)
      .where(eq(schema.persons.householdId, h.id))
      .orderBy(asc(schema.persons.birthYear))
      .all();
    const adults = people.filter((p) => p.birthYear !== null && year - p.birthYear >= 18);
    const children = people.filter((p) => p.birthYear !== null && year - p.birthYear < 18);
    const endOfStay = departed ? (h.departureDate as string) : today;
    const start = maxDate(addDays(h.arrivalDate, rng.int(5, 25)), addDays(endOfStay, -rng.int(...plan.span)));
    if (start > today) continue;
    const closedOn = departed ? endOfStay : plan.closed ? minDate(addDays(start, plan.closed.afterDays), addDays(today, -20)) : null;
    const outcome = departed ? (h.destination === "durable_social_housing" ? "goals_met" : "partly_met") : (plan.closed?.outcome ?? null);
    const worker = () => rng.pick(workers);
    const episodeId = tx
      .insert(schema.supportEpisodes)
      .values({
        groupId: group.id,
        householdId: h.id,
        startDate: start,
        endDate: closedOn,
        outcome: closedOn ? outcome : null,
        goals: plan.goals,
        entrySituation: plan.situation,
        createdBy: worker(),
      })
      .returning({ id: schema.supportEpisodes.id })
      .get().id;

    const last = closedOn ?? today;
    const action = (date: string, kind: ActionKind, topics: Topic[], extra: { aid?: [AidSource, number]; rights?: Right[] } = {}) => {
      const [lo, hi] = DURATIONS[kind];
      const concerned =
        topics.includes("schooling") && children.length
          ? [rng.pick(adults.length ? adults : people), rng.pick(children)]
          : [rng.pick(adults.length ? adults : people)];
      const note = rng.chance(0.85) ? rng.pick(NOTES[topics[0]]) : "";
      const by = worker();
      const id = tx
        .insert(schema.supportActions)
        .values({
          groupId: group.id,
          householdId: h.id,
          episodeId,
          date,
          kind,
          topics,
          durationMinutes: Math.round(rng.int(lo, hi) / 5) * 5,
          note,
          aidCents: extra.aid ? extra.aid[1] : null,
          aidSource: extra.aid ? extra.aid[0] : null,
          rightsOpened: extra.rights ?? [],
          createdBy: by,
          createdAt: new Date(`${date}T15:00:00Z`),
        })
        .returning({ id: schema.supportActions.id })
        .get().id;
      const ids = [...new Set(concerned.map((p) => p.id))];
      if (ids.length)
        tx.insert(schema.supportActionPersons)
          .values(ids.map((personId) => ({ actionId: id, personId, groupId: group.id })))
          .run();
      reads.push({ householdId: h.id, userId: by });
    };

    // The first interview sets the goals; then actions every few weeks until today or the departure.
    action(start, "individual_interview", plan.goals.slice(0, 2));
    const rightsGiven = new Set<Right>();
    for (let date = addDays(start, rng.int(...plan.step)); date <= last; date = addDays(date, rng.int(...plan.step))) {
      const kind = rng.weighted(KIND_WEIGHTS);
      const topic = rng.pick(plan.goals);
      const topics: Topic[] = rng.chance(0.35) ? [...new Set<Topic>([topic, rng.pick(plan.goals)])] : [topic];
      const extra: { aid?: [AidSource, number]; rights?: Right[] } = {};
      const aids = AID[topic];
      if (aids && kind !== "collective_workshop" && rng.chance(0.1)) {
        const [source, min, max] = rng.pick(aids);
        extra.aid = [source, rng.int(min, max) * 100];
      }
      const rights = (RIGHT_FOR[topic] ?? []).filter((r) => !rightsGiven.has(r) && (r !== "housing_benefit" || departed));
      if (rights.length && kind !== "collective_workshop" && rng.chance(0.2)) {
        const right = rng.pick(rights);
        rightsGiven.add(right);
        extra.rights = [right];
      }
      action(date, kind, topics, extra);
    }

    // Referrals to partners whose field matches a goal, each with its "referral" action.
    const referralCount = rng.int(0, partners.length > 5 ? 3 : 1);
    for (let i = 0; i < referralCount; i++) {
      const topic = rng.pick(plan.goals);
      const options = partners.filter((p) => TOPIC_FIELD[topic].includes(p.field));
      if (!options.length) continue;
      const partner = rng.pick(options);
      const date = addDays(start, rng.int(10, Math.max(10, Math.floor((Date.parse(last) - Date.parse(start)) / 86_400_000) - 5)));
      if (date > last) continue;
      const age = (Date.parse(today) - Date.parse(date)) / 86_400_000;
      let status: "sent" | "taken_up" | "closed" = "closed";
      if (age < 25) status = rng.chance(0.5) ? "sent" : "taken_up";
      else if (!departed && rng.chance(0.2)) status = "taken_up";
      const outcomeKind: OutcomeKind | null =
        status === "closed"
          ? rng.weighted([
              ["resolved", 40],
              ["ongoing_with_partner", 20],
              ["not_taken_up", 15],
              ["refused", 10],
              ["redirected", 15],
            ] as const)
          : null;
      const closed = outcomeKind ? minDate(addDays(date, rng.int(20, 120)), today) : null;
      tx.insert(schema.supportReferrals)
        .values({
          groupId: group.id,
          householdId: h.id,
          partnerId: partner.id,
          date,
          status,
          outcomeKind,
          outcomeText: outcomeKind ? rng.pick(OUTCOME_TEXTS[outcomeKind]) : "",
          closedOn: closed,
          createdBy: worker(),
          createdAt: new Date(`${date}T15:00:00Z`),
        })
        .run();
      action(date, "referral", [topic]);
    }

    // After a departure: the news at 6 and 12 months, except the latest one still to take (on the list).
    if (departed && h.departureDate) {
      const dates = checkDates(h.departureDate);
      for (const m of [6, 12] as const) {
        if (dates[m] > addDays(today, -75)) continue;
        const stillHoused = h.destination === "durable_social_housing" ? (rng.chance(0.9) ? "yes" : "unknown") : m === 6 ? "yes" : "unknown";
        tx.insert(schema.supportExitChecks)
          .values({
            groupId: group.id,
            householdId: h.id,
            milestone: m,
            stillHoused,
            checkedOn: minDate(addDays(dates[m], rng.int(0, 20)), today),
            checkedBy: worker(),
          })
          .run();
      }
    }
  }

  // The access log of the last weeks: the workers opening households' files.
  const recent = reads.slice(-40);
  for (let i = 0; i < recent.length; i++) {
    const { householdId, userId } = recent[i];
    const at = Date.parse(`${addDays(today, -Math.round(((recent.length - i) * 30) / recent.length))}T09:00:00Z`) + rng.int(0, 8 * 3600) * 1000;
    tx.insert(schema.supportAccessLog)
      .values({ groupId: group.id, userId, householdId, what: rng.chance(0.8) ? "household_file" : "action_list", at: new Date(at) })
      .run();
  }
}

export function seedSupportDemo(db: Db, now = Date.now()): void {
  db.transaction((tx) => {
    const byName = (name: string) => tx.select().from(schema.groups).where(eq(schema.groups.name, name)).get();
    const tilleuls = byName("Les Tilleuls");
    const passerelle = byName("Villa Passerelle");
    if (!tilleuls || !passerelle) return;
    if (tx.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, LEAD_EMAIL)).get()) return;
    const hash = tx.select({ passwordHash: schema.users.passwordHash }).from(schema.users).where(eq(schema.users.email, HASH_FROM)).get()?.passwordHash;
    if (!hash) return;

    const lead = tx
      .insert(schema.users)
      .values({ email: LEAD_EMAIL, passwordHash: hash, name: "Amandine Roche", phone: "06 39 98 27 64", showEmail: true, showPhone: false })
      .returning({ id: schema.users.id })
      .get().id;
    const other = tx
      .insert(schema.users)
      .values({ email: OTHER_EMAIL, passwordHash: hash, name: "Julien Moreau", phone: "06 39 98 71 35", showEmail: true, showPhone: false })
      .returning({ id: schema.users.id })
      .get().id;
    if (passerelle.organisationId) {
      tx.insert(schema.organisationMembers)
        .values([
          { organisationId: passerelle.organisationId, userId: lead, role: "staff" },
          { organisationId: passerelle.organisationId, userId: other, role: "staff" },
        ])
        .onConflictDoNothing()
        .run();
    }
    tx.insert(schema.memberships)
      .values([
        { userId: lead, groupId: tilleuls.id, role: "support_worker", supportLead: true },
        { userId: lead, groupId: passerelle.id, role: "support_worker", supportLead: true },
        { userId: other, groupId: passerelle.id, role: "support_worker", supportLead: false },
      ])
      .run();

    const today = todayIn(passerelle.timeZone, now);
    seedGroup(tx, new Rng(7_2026), passerelle, today, [lead, other, other], PASSERELLE_PARTNERS, (h) => passerellePlan(h.dwelling, h.departed, h.destination));
    seedGroup(tx, new Rng(18_2026), tilleuls, todayIn(tilleuls.timeZone, now), [lead], TILLEULS_PARTNERS, (h) => tilleulsPlan(h.dwelling));

    // Les Tilleuls needs a referral for the demo (and the cross-group test): Jeanne's household, to the nurses.
    const jeanne = tx
      .select({ householdId: schema.memberships.householdId })
      .from(schema.memberships)
      .innerJoin(schema.users, eq(schema.users.id, schema.memberships.userId))
      .where(and(eq(schema.users.email, "habitante@demo.maisonnee.fr"), eq(schema.memberships.groupId, tilleuls.id)))
      .get();
    const nurses = tx
      .select({ id: schema.supportPartners.id })
      .from(schema.supportPartners)
      .where(and(eq(schema.supportPartners.groupId, tilleuls.id), eq(schema.supportPartners.field, "health")))
      .get();
    const hasReferral = tx
      .select({ id: schema.supportReferrals.id })
      .from(schema.supportReferrals)
      .where(eq(schema.supportReferrals.groupId, tilleuls.id))
      .get();
    if (jeanne?.householdId && nurses && !hasReferral) {
      tx.insert(schema.supportReferrals)
        .values({ groupId: tilleuls.id, householdId: jeanne.householdId, partnerId: nurses.id, date: addDays(today, -40), status: "taken_up", createdBy: lead })
        .run();
    }
    recordSeedAudit(tx, [tilleuls.id, passerelle.id], lead);
  });
}

function recordSeedAudit(tx: Tx, groupIds: string[], userId: string) {
  tx.insert(schema.auditLog)
    .values(groupIds.map((groupId) => ({ groupId, userId, action: "demo.seed", entity: "support", details: { record: "demo" } })))
    .run();
}
