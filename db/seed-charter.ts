// Demo charter, on top of the demo groups (db/seed.ts). Les Tilleuls: version 1 adopted in 2024 (since
// replaced), version 2 adopted in 2026 and in force — signed by most adults, but not by Jeanne Marchand
// (the demo resident), so her Home asks her to sign — and version 3 proposed, with residents' comments
// (Jeanne's, and two that the facilitator noted at a meeting for residents without an account). Villa
// Passerelle and Maison des Quatre Saisons: one version in force each.
// Deterministic apart from ids; does nothing for a group that already has a charter.
import { and, asc, eq } from "drizzle-orm";
import { isAdult, isPresent } from "../app/modules/charter/rules";
import { todayIn } from "../app/modules/core/dates";
import { newId } from "../app/modules/core/ids";
import { addDays } from "../app/modules/core/recurrence";
import type { Db } from "./client.server";
import * as schema from "./schema";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
type Article = [key: string, title: string, body: string];

const RESIDENT_EMAIL = "habitante@demo.maisonnee.fr";
const DAY = 24 * 60 * 60 * 1000;

// ---------------------------------------------------------------------------------------------------
// Les Tilleuls

const T_LIVING_V1: Article = [
  "vivre-ensemble",
  "Vivre ensemble",
  "Nous avons choisi d'habiter ensemble, avec nos différences d'âge, d'origine et de parcours. Chacun reste chez soi dans son appartement ; les espaces communs, eux, sont à tous.\n\nNous nous saluons, nous nous présentons aux nouveaux foyers et nous prenons des nouvelles de nos voisins.",
];
const T_LIVING: Article = [
  "vivre-ensemble",
  "Vivre ensemble",
  "Nous avons choisi d'habiter ensemble, avec nos différences d'âge, d'origine et de parcours. Chacun reste chez soi dans son appartement ; les espaces communs, eux, sont à tous.\n\nNous nous saluons, nous accueillons chaque nouveau foyer (une visite de la maison, un repas partagé) et nous prenons des nouvelles de nos voisins.\n\nLes animaux sont les bienvenus s'ils ne gênent personne : chiens tenus en laisse dans les parties communes.",
];
const T_PETS_V1: Article = [
  "animaux",
  "Animaux",
  "Les chiens sont tenus en laisse dans l'escalier, la cour et le jardin. Les chats ne vont pas dans la salle commune.",
];
const T_ROOMS_V1: Article = [
  "salles-communes",
  "Salles communes",
  "La salle commune se réserve dans l'application. Après usage, on range, on nettoie et on sort les poubelles.",
];
const T_ROOMS: Article = [
  "salles-communes",
  "Salles communes et chambre d'amis",
  "La salle commune et la chambre d'amis se réservent dans l'application, en respectant leurs règles (durée, délai, nombre de réservations par foyer).\n\nAprès usage :\n\n- on range et on nettoie ;\n- on sort les poubelles et on trie ;\n- on signale ce qui est cassé ou manquant.\n\nLa salle commune reste ouverte à tous les habitants quand elle n'est pas réservée.",
];
const T_ROOMS_V3: Article = [
  "salles-communes",
  "Salles communes et chambre d'amis",
  "La salle commune et la chambre d'amis se réservent dans l'application, en respectant leurs règles (durée, délai, nombre de réservations par foyer).\n\nAprès usage :\n\n- on range et on nettoie ;\n- on sort les poubelles et on trie ;\n- on signale ce qui est cassé ou manquant.\n\nLa salle commune reste ouverte à tous les habitants quand elle n'est pas réservée. La chambre d'amis est d'abord pour les familles et les proches en visite ; un foyer ne la réserve pas plus de deux semaines par trimestre.",
];
const T_MEALS_V1: Article = ["repas-partages", "Repas partagés", "Un repas partagé a lieu chaque mois dans la salle commune. Chacun apporte un plat."];
const T_MEALS: Article = [
  "repas-partages",
  "Repas partagés",
  "Un repas partagé a lieu chaque semaine dans la salle commune. On s'inscrit dans l'application avant la date limite, en indiquant les régimes particuliers.\n\nLe coût des courses est partagé entre les mangeurs. Chaque foyer participe à son tour à l'équipe cuisine ou au rangement, selon ses possibilités.",
];
const T_NOISE_V1: Article = ["bruit", "Bruit", "Le calme est demandé après 22 h."];
const T_NOISE: Article = [
  "bruit",
  "Bruit et heures calmes",
  "Les heures calmes vont de **22 h à 7 h** en semaine et de **23 h à 8 h** le week-end.\n\nPour une fête, on prévient les voisins quelques jours avant. Les travaux bruyants se font en journée, et jamais le dimanche.",
];
const T_NOISE_V3: Article = [
  "bruit",
  "Bruit et heures calmes",
  "Les heures calmes vont de **22 h 30 à 7 h** tous les jours.\n\nPour une fête, on prévient les voisins au moins trois jours avant, par un mot dans le hall ou dans l'application. Les travaux bruyants se font en journée, et jamais le dimanche.",
];
const T_DECISIONS_V1: Article = ["decisions", "Décisions", "Les décisions qui concernent tout le monde se prennent en assemblée d'habitants."];
const T_DECISIONS: Article = [
  "decisions",
  "Décisions en réunion",
  "Les décisions qui concernent la vie commune se prennent en **assemblée d'habitants**, une fois par mois. Chacun peut proposer un point à l'ordre du jour.\n\nNous cherchons d'abord le consentement : une proposition est adoptée si personne n'a d'objection grave. À défaut, nous votons à la majorité des présents. Le compte rendu est publié dans l'application.",
];
const T_GENERATIONS: Article = [
  "solidarite-generations",
  "Solidarité entre générations",
  "Jeunes, familles et aînés s'entraident : courses, aide au numérique, garde ponctuelle, visites. L'échange de savoirs et de services compte le temps donné, jamais l'argent.\n\nNous veillons particulièrement aux voisins âgés ou isolés, sans nous imposer chez eux.",
];
const T_CONFLICTS: Article = [
  "conflits",
  "Conflits",
  "Un désaccord se règle d'abord en parlant directement, calmement, avec la personne concernée. Si cela ne suffit pas, on demande l'aide de l'animatrice ou de deux habitants choisis ensemble.\n\nAucune violence, verbale ou physique, n'est acceptée.",
];
const T_GARDEN: Article = [
  "jardin",
  "Jardin partagé",
  "Le jardin et les terrasses sont communs. Un planning d'arrosage est affiché dans le hall ; chaque foyer qui le souhaite cultive une parcelle.\n\nLes outils se rangent dans l'abri après usage.",
];

const TILLEULS_V1 = [T_LIVING_V1, T_PETS_V1, T_ROOMS_V1, T_MEALS_V1, T_NOISE_V1, T_DECISIONS_V1];
const TILLEULS_V2 = [T_LIVING, T_ROOMS, T_MEALS, T_NOISE, T_DECISIONS, T_GENERATIONS, T_CONFLICTS];
const TILLEULS_V3 = [T_LIVING, T_ROOMS_V3, T_MEALS, T_NOISE_V3, T_GARDEN, T_DECISIONS, T_GENERATIONS, T_CONFLICTS];

// ---------------------------------------------------------------------------------------------------
// Villa Passerelle and Maison des Quatre Saisons

const PASSERELLE_V1: Article[] = [
  [
    "accueil",
    "Un lieu de passage",
    "La Villa Passerelle est une étape. Chaque famille y prépare, avec l'association, la suite de son parcours : un logement durable, un travail, l'école des enfants.",
  ],
  ["respect", "Respect", "Nous respectons chaque personne, sa langue, sa religion et son histoire. Les insultes et la violence ne sont pas acceptées."],
  ["espaces", "Espaces communs", "La cuisine collective et la laverie sont nettoyées après chaque usage. Un planning de ménage est affiché à l'entrée."],
  ["enfants", "Enfants", "Les enfants vont à l'école. Ils jouent dans la cour sous la surveillance d'un adulte."],
  ["reunions", "Réunions", "Une réunion des habitants a lieu chaque mois avec l'équipe. Les décisions y sont prises ensemble et traduites si besoin."],
];
const SAISONS_V1: Article[] = [
  [
    "cohabitation",
    "Cohabiter entre générations",
    "Aînés et étudiants partagent la maison. Les étudiants offrent une présence, les aînés leur accueil ; personne n'est au service de personne.",
  ],
  ["presence", "Présence", "Chaque étudiant passe au moins deux soirées par semaine à la maison et prévient quand il s'absente plusieurs jours."],
  ["repas", "Repas ensemble", "Le dîner du jeudi est partagé par tous ceux qui le peuvent. Chacun cuisine à son tour, selon ses forces."],
  ["calme", "Calme", "Le calme est respecté après 22 h. Les visites sont les bienvenues en journée."],
  ["reunions", "Réunions", "Une réunion de maison a lieu chaque mois avec l'animateur ; chacun peut y proposer un sujet."],
];

// ---------------------------------------------------------------------------------------------------

function insertVersion(
  tx: Tx,
  groupId: string,
  v: { number: number; title: string; status: schema.CharterStatus; adoptedOn?: string; supersededOn?: string; by: string | null; at: number },
  articles: Article[],
): string {
  const id = newId();
  tx.insert(schema.charterVersions)
    .values({
      id,
      groupId,
      number: v.number,
      title: v.title,
      status: v.status,
      adoptedOn: v.adoptedOn ?? null,
      supersededOn: v.supersededOn ?? null,
      adoptedBy: v.adoptedOn ? v.by : null,
      proposedAt: new Date(v.at),
      createdBy: v.by,
      createdAt: new Date(v.at),
      updatedAt: new Date(v.at),
    })
    .run();
  tx.insert(schema.charterArticles)
    .values(articles.map(([key, title, body], i) => ({ groupId, versionId: id, key, position: i + 1, title, body })))
    .run();
  return id;
}

function adultsOf(tx: Tx, groupId: string, on: string) {
  return tx
    .select({
      id: schema.persons.id,
      userId: schema.persons.userId,
      householdId: schema.persons.householdId,
      firstName: schema.persons.firstName,
      lastName: schema.persons.lastName,
      birthYear: schema.persons.birthYear,
      arrivalDate: schema.households.arrivalDate,
      departureDate: schema.households.departureDate,
    })
    .from(schema.persons)
    .innerJoin(schema.households, eq(schema.households.id, schema.persons.householdId))
    .where(eq(schema.persons.groupId, groupId))
    .orderBy(asc(schema.households.dwelling), asc(schema.persons.birthYear), asc(schema.persons.firstName))
    .all()
    .filter((p) => isPresent(p, on) && isAdult(p.birthYear, on));
}

/** Most adults present sign (every fourth one does not, and never the excluded person), over the weeks after adoption. */
function sign(tx: Tx, groupId: string, versionId: string, adoptedOn: string, today: string, facilitatorId: string | null, except: string | null) {
  const adults = adultsOf(tx, groupId, today);
  adults.forEach((p, i) => {
    if (p.id === except || i % 4 === 3) return;
    let signedOn = addDays(adoptedOn, (i * 5) % 45);
    if (signedOn < p.arrivalDate) signedOn = p.arrivalDate;
    if (signedOn > today) signedOn = today;
    tx.insert(schema.charterSignatures)
      .values({
        groupId,
        versionId,
        personId: p.id,
        method: p.userId ? "online" : "paper",
        signedOn,
        userId: p.userId ?? facilitatorId,
      })
      .run();
  });
}

/** Signatures of a replaced version: the adults present on its adoption, on paper. */
function signOld(tx: Tx, groupId: string, versionId: string, adoptedOn: string, facilitatorId: string | null) {
  adultsOf(tx, groupId, adoptedOn).forEach((p, i) => {
    if (i % 5 === 4) return;
    tx.insert(schema.charterSignatures)
      .values({ groupId, versionId, personId: p.id, method: "paper", signedOn: addDays(adoptedOn, (i * 3) % 30), userId: facilitatorId })
      .run();
  });
}

function facilitatorOf(tx: Tx, groupId: string): string | null {
  return (
    tx
      .select({ userId: schema.memberships.userId })
      .from(schema.memberships)
      .where(and(eq(schema.memberships.groupId, groupId), eq(schema.memberships.role, "facilitator")))
      .get()?.userId ?? null
  );
}

export function seedCharterDemo(db: Db, now = Date.now()): void {
  db.transaction((tx) => {
    const groupNamed = (name: string) => tx.select().from(schema.groups).where(eq(schema.groups.name, name)).get();
    const hasCharter = (groupId: string) =>
      !!tx.select({ id: schema.charterVersions.id }).from(schema.charterVersions).where(eq(schema.charterVersions.groupId, groupId)).get();

    const tilleuls = groupNamed("Les Tilleuls");
    if (tilleuls && !hasCharter(tilleuls.id)) {
      const today = todayIn(tilleuls.timeZone, now);
      const by = facilitatorOf(tx, tilleuls.id);
      const jeanne = tx
        .select({ personId: schema.memberships.personId })
        .from(schema.memberships)
        .innerJoin(schema.users, eq(schema.users.id, schema.memberships.userId))
        .where(and(eq(schema.users.email, RESIDENT_EMAIL), eq(schema.memberships.groupId, tilleuls.id)))
        .get();
      const title = "Charte des habitants des Tilleuls";
      const v1 = insertVersion(
        tx,
        tilleuls.id,
        { number: 1, title, status: "superseded", adoptedOn: "2024-03-14", supersededOn: "2026-06-18", by, at: Date.parse("2024-02-01T10:00:00Z") },
        TILLEULS_V1,
      );
      const v2 = insertVersion(
        tx,
        tilleuls.id,
        { number: 2, title, status: "adopted", adoptedOn: "2026-06-18", by, at: Date.parse("2026-05-02T10:00:00Z") },
        TILLEULS_V2,
      );
      const v3 = insertVersion(tx, tilleuls.id, { number: 3, title, status: "proposed", by, at: now - 12 * DAY }, TILLEULS_V3);

      // Two residents of other households (without an account) gave their opinion at the last meeting:
      // the facilitator noted it.
      const speakers: { id: string; householdId: string }[] = [];
      for (const p of adultsOf(tx, tilleuls.id, today)) {
        if (p.id !== jeanne?.personId && !p.userId && p.birthYear && p.birthYear < 1990 && !speakers.some((x) => x.householdId === p.householdId))
          speakers.push(p);
        if (speakers.length === 2) break;
      }

      signOld(tx, tilleuls.id, v1, "2024-03-14", by);
      sign(tx, tilleuls.id, v2, "2026-06-18", today, by, jeanne?.personId ?? null);

      const jeanneUser = tx.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, RESIDENT_EMAIL)).get()?.id ?? null;
      const comments: [string | null, string | null, string | null, string, number][] = [
        [
          jeanneUser,
          jeanne?.personId ?? null,
          "bruit",
          "22 h 30 le week-end, cela me va. En semaine, je préférerais que l'on garde 22 h : je me lève tôt et l'escalier résonne beaucoup.",
          9,
        ],
        [
          by,
          speakers[0]?.id ?? null,
          "jardin",
          "Très bonne idée d'écrire le jardin dans la charte. Qui arrose en août, quand beaucoup de foyers sont partis ? On pourrait le dire dans l'article.",
          6,
        ],
        [
          by,
          speakers[1]?.id ?? null,
          null,
          "Merci pour ce travail. Serait-il possible d'afficher la charte en gros caractères dans le hall, et de la traduire pour les familles qui lisent peu le français ?",
          3,
        ],
      ];
      for (const [userId, personId, articleKey, body, daysAgo] of comments) {
        if (!userId || !personId) continue;
        tx.insert(schema.charterComments)
          .values({ groupId: tilleuls.id, versionId: v3, articleKey, userId, personId, body, createdAt: new Date(now - daysAgo * DAY) })
          .run();
      }
      tx.insert(schema.auditLog)
        .values({
          groupId: tilleuls.id,
          userId: by,
          action: "demo.seed",
          entity: "charter_version",
          entityId: v2,
          details: { note: "Charte de démonstration" },
        })
        .run();
    }

    for (const [name, title, adoptedOn, articles] of [
      ["Villa Passerelle", "Charte de la Villa Passerelle", "2023-10-05", PASSERELLE_V1],
      ["Maison des Quatre Saisons", "Charte de la Maison des Quatre Saisons", "2025-09-25", SAISONS_V1],
    ] as const) {
      const group = groupNamed(name);
      if (!group || hasCharter(group.id)) continue;
      const today = todayIn(group.timeZone, now);
      const by = facilitatorOf(tx, group.id);
      const id = insertVersion(tx, group.id, { number: 1, title, status: "adopted", adoptedOn, by, at: Date.parse(`${adoptedOn}T09:00:00Z`) - 30 * DAY }, [
        ...articles,
      ]);
      sign(tx, group.id, id, adoptedOn, today, by, null);
    }
  });
}
