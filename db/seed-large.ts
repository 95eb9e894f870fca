// The large dataset (`npm run seed:large`, issue 9): `groups` generated groups attached to an existing
// programme, with two years of life before `today` and two months after it — households and persons,
// accounts, meals, workshops, celebrations and meetings with their sign-ups, bookings of common rooms, guest
// units and equipment, skill exchanges with their time-bank movements, meetings with attendance, decisions
// and action items, support episodes and actions, surveys, the charter, grants and co-funders.
//
// At groups = 100 the totals are those of the issue: 5,000 households, ~12,000 persons, 200,000 event
// occurrences, 100,000 bookings, 50,000 exchanges. Each group gets its share of each total by a drawn weight
// (sizes vary between groups as they do in life), and a smaller `groups` scales every volume with it.
//
// Written straight through better-sqlite3 prepared statements (drizzle's row building costs more than the
// writes at this volume), in the order the foreign keys and the triggers need. The guard triggers stay on: no
// two active bookings of a space overlap, no sign-up exceeds a capacity, no meal is closed twice because
// SQLite refuses it, not because this file says so. Only the page cache's change counters (data_versions)
// are set aside during the load and bumped once per scope at the end. Past meals are closed (costs, frozen
// figures, ledger). Deterministic: the same `today`, `groups` and `seed` give the same rows, ids included
// (ids come from the seeded PRNG, in the 24-character base32 format of core/ids); the caller runs it in one
// transaction.
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import type Database from "better-sqlite3";
import { addDays, zonedToUtc } from "../app/modules/core/recurrence";
import { defaultParty, halfPortionsOf, mealLedgerLines, placesOf, type Party } from "../app/modules/events/rules";
import { movementsFor } from "../app/modules/exchange/rules";
import { searchable } from "../app/modules/meetings/rules";
import { mulberry32 } from "./prng";

/** The volumes for 100 groups; a run with `groups` = n gets n/100 of each. */
export const LARGE_TOTALS = { households: 5_000, events: 200_000, bookings: 100_000, exchanges: 50_000 } as const;
const LARGE_DOMAIN = "large.maisonnee.fr";
/** Days of history before today, and of calendar after it. */
const PAST_DAYS = 730;
const FUTURE_DAYS = 61;

export type LargeOptions = {
  /** Number of groups generated (100 for the dataset). */
  groups: number;
  /** 'YYYY-MM-DD' in Europe/Paris: every date is placed around it. */
  today: string;
  /** The programme the groups join (the demo funder's). */
  programmeId: string;
  /** The password hash every generated account gets (hashed once by the caller). */
  passwordHash: string;
  seed?: number;
};
type LargeLogin = { role: string; email: string; group: string; groupId: string };
export type LargeResult = { counts: Record<string, number>; ms: Record<string, number>; logins: LargeLogin[]; groupIds: string[] };

const TZ = "Europe/Paris";
const MIN = 60_000;
const DAY = 86_400_000;

// -------------------------------------------------------------------------------------------------
// Places and names

const GROUP_NAMES = [
  "Les Acacias",
  "Les Glycines",
  "Le Clos des Lilas",
  "Les Marronniers",
  "La Maison des Chênes",
  "Les Peupliers",
  "Le Hameau des Saules",
  "Les Charmilles",
  "La Ruche",
  "Les Hirondelles",
  "Le Moulin",
  "Les Coquelicots",
  "La Maison du Parc",
  "Les Jardins de la Gare",
  "Les Platanes",
  "La Cour Commune",
  "Les Érables",
  "Les Magnolias",
  "Le Patio",
  "Les Mimosas",
  "La Maison Ouverte",
  "Les Cerisiers",
  "Les Bruyères",
  "Le Village",
  "Les Tournesols",
  "La Passerelle du Port",
  "Les Ormes",
  "Les Noisetiers",
  "La Maison Bleue",
  "Les Capucines",
  "Les Fougères",
  "Le Jardin d'Hiver",
  "Les Aubépines",
  "La Halte",
  "Les Bleuets",
  "Les Pins",
  "Le Carré des Sources",
  "Les Violettes",
  "La Maison des Voisins",
  "Les Muriers",
  "Les Genêts",
  "Le Grand Chêne",
  "Les Pâquerettes",
  "La Fabrique",
  "Les Roseaux",
  "Les Lavandes",
  "La Maison du Canal",
  "Les Iris",
  "Les Tamaris",
  "Le Belvédère",
];
const CITIES: [string, string, number, number][] = [
  ["Lyon", "69007", 45.7485, 4.8467],
  ["Marseille", "13003", 43.3126, 5.3806],
  ["Toulouse", "31200", 43.622, 1.442],
  ["Lille", "59000", 50.6292, 3.0573],
  ["Rennes", "35000", 48.1173, -1.6778],
  ["Strasbourg", "67100", 48.5611, 7.7525],
  ["Montpellier", "34070", 43.5947, 3.8612],
  ["Bordeaux", "33800", 44.8237, -0.555],
  ["Grenoble", "38100", 45.1733, 5.7323],
  ["Dijon", "21000", 47.322, 5.0415],
  ["Angers", "49100", 47.4784, -0.5632],
  ["Tours", "37000", 47.3941, 0.6848],
  ["Clermont-Ferrand", "63000", 45.7772, 3.087],
  ["Limoges", "87000", 45.8336, 1.2611],
  ["Besançon", "25000", 47.2378, 6.0241],
  ["Metz", "57000", 49.1193, 6.1757],
  ["Nancy", "54000", 48.6921, 6.1844],
  ["Rouen", "76000", 49.4432, 1.0999],
  ["Caen", "14000", 49.1829, -0.3707],
  ["Le Mans", "72000", 48.0061, 0.1996],
  ["Brest", "29200", 48.3904, -4.4861],
  ["Poitiers", "86000", 46.5802, 0.3404],
  ["Amiens", "80000", 49.8941, 2.2958],
  ["Perpignan", "66000", 42.6887, 2.8948],
  ["Nîmes", "30000", 43.8367, 4.3601],
  ["Saint-Étienne", "42000", 45.4397, 4.3872],
  ["Villeurbanne", "69100", 45.7719, 4.8902],
  ["Montreuil", "93100", 48.8638, 2.4485],
  ["Saint-Denis", "93200", 48.9362, 2.3574],
  ["Roubaix", "59100", 50.6942, 3.1746],
  ["Mulhouse", "68100", 47.7508, 7.3359],
  ["Pau", "64000", 43.2951, -0.3708],
  ["La Rochelle", "17000", 46.1603, -1.1511],
  ["Valence", "26000", 44.9334, 4.8924],
  ["Quimper", "29000", 47.996, -4.1024],
  ["Chambéry", "73000", 45.5646, 5.9178],
  ["Troyes", "10000", 48.2973, 4.0744],
  ["Niort", "79000", 46.3237, -0.4588],
  ["Avignon", "84000", 43.9493, 4.8055],
  ["Lorient", "56100", 47.7483, -3.37],
];
const GROUP_KINDS = ["participatory", "intergenerational", "transitional", "supported"] as const;
const LAST_NAMES = [
  "Martin",
  "Bernard",
  "Dubois",
  "Durand",
  "Lefèvre",
  "Garnier",
  "Faure",
  "Rousseau",
  "Chevalier",
  "Fontaine",
  "Roux",
  "Morel",
  "Bonnet",
  "Mercier",
  "Blanc",
  "Guérin",
  "Perrin",
  "Barbier",
  "Renaud",
  "Colin",
  "Picard",
  "Aubert",
  "Lemoine",
  "Brunet",
  "Le Gall",
  "Tanguy",
  "Hoarau",
  "Payet",
  "Haddad",
  "Mansouri",
  "Bouzid",
  "Belkacem",
  "Amrani",
  "Brahimi",
  "Meziane",
  "Diallo",
  "Traoré",
  "Cissé",
  "Koné",
  "Diop",
  "Ndiaye",
  "Camara",
  "Sow",
  "Fofana",
  "Dumitru",
  "Radu",
  "Lungu",
  "Munteanu",
  "Ionescu",
  "Nguyen",
  "Tran",
  "Pham",
  "Pereira",
  "Da Silva",
  "Fernandes",
  "Garcia",
  "Lopez",
  "Oliveira",
  "Yılmaz",
  "Demir",
  "Kaya",
  "Petit",
  "Leroy",
  "Moreau",
  "Simon",
  "Laurent",
  "Michel",
  "Fournier",
  "Girard",
];
const FIRST = {
  old: [
    "Monique",
    "Jacqueline",
    "Yvette",
    "Colette",
    "Fatima",
    "Khadija",
    "Aminata",
    "Maria",
    "Michel",
    "Gérard",
    "Marcel",
    "Roger",
    "Ahmed",
    "Mamadou",
    "Manuel",
    "Gheorghe",
  ],
  adult: [
    "Nathalie",
    "Sandrine",
    "Claire",
    "Aurélie",
    "Nadia",
    "Samira",
    "Awa",
    "Ioana",
    "Linh",
    "Ana",
    "Elif",
    "Julien",
    "Nicolas",
    "Karim",
    "Moussa",
    "Florin",
    "Minh",
    "Paulo",
    "Mehmet",
    "Olivier",
  ],
  young: ["Chloé", "Léa", "Manon", "Inès", "Yasmine", "Hawa", "Andreea", "Lucas", "Hugo", "Théo", "Yanis", "Rayan", "Bakary", "Darius", "Diego"],
  child: ["Louise", "Jade", "Rose", "Nour", "Lina", "Aya", "Sara", "Emma", "Léo", "Gabriel", "Adam", "Ilyan", "Issa", "David", "Nathan", "Enzo"],
};

// -------------------------------------------------------------------------------------------------
// What happens in a group

type SeriesTemplate = {
  kind: "shared_meal" | "workshop" | "celebration" | "other";
  title: string;
  duration: number;
  capacity: number | null;
  place: "room" | "atelier" | "text";
  placeText?: string;
  times: string[];
  biweekly?: boolean;
};
const MEALS: SeriesTemplate[] = [
  { kind: "shared_meal", title: "Repas partagé du jeudi", duration: 150, capacity: 40, place: "room", times: ["19:30"] },
  { kind: "shared_meal", title: "Repas partagé du mardi", duration: 150, capacity: 36, place: "room", times: ["19:30"] },
  { kind: "shared_meal", title: "Brunch du dimanche", duration: 180, capacity: 45, place: "room", times: ["11:00"] },
  { kind: "shared_meal", title: "Soupe du lundi soir", duration: 120, capacity: 30, place: "room", times: ["19:00"] },
  { kind: "shared_meal", title: "Déjeuner des aînés", duration: 120, capacity: 24, place: "room", times: ["12:00"] },
];
const WORKSHOPS: SeriesTemplate[] = [
  ["Atelier couture", "atelier"],
  ["Jardinage au potager", "text", "Jardin partagé"],
  ["Aide aux devoirs", "atelier"],
  ["Conversation en français", "atelier"],
  ["Atelier réparation", "atelier"],
  ["Atelier cuisine du monde", "text", "Cuisine de la salle commune"],
  ["Yoga doux", "text", "Salle polyvalente du quartier"],
  ["Informatique pour tous", "atelier"],
  ["Chorale des voisins", "text", "Hall d'entrée"],
  ["Atelier peinture", "atelier"],
  ["Club lecture", "text", "Médiathèque du quartier"],
  ["Gym douce", "text", "Gymnase municipal"],
  ["Atelier bois", "text", "Local bricolage"],
  ["Après-midi jeux de société", "atelier"],
  ["Atelier vélo", "text", "Local vélos"],
  ["Théâtre d'improvisation", "text", "Salle polyvalente du quartier"],
  ["Atelier d'écriture", "atelier"],
  ["Danse en ligne", "text", "Salle polyvalente du quartier"],
  ["Éveil musical des petits", "atelier"],
  ["Tricot et papotage", "atelier"],
  ["Marche du matin", "text", "Devant l'entrée"],
  ["Compost et tri", "text", "Jardin partagé"],
  ["Atelier budget", "atelier"],
  ["Permis de conduire : le code", "atelier"],
  ["Échecs", "atelier"],
  ["Cinéma-débat", "text", "Salle polyvalente du quartier"],
].map(([title, place, placeText]) => ({
  kind: "workshop",
  title,
  duration: 90,
  capacity: 12,
  place: place as "atelier" | "text",
  placeText,
  times: ["10:00", "14:00", "16:30", "18:00", "20:00"],
}));
const CELEBRATIONS: SeriesTemplate[] = [{ kind: "celebration", title: "Goûter des voisins", duration: 150, capacity: 60, place: "room", times: ["16:00"] }];
const OTHERS: SeriesTemplate[] = [
  {
    kind: "other",
    title: "Permanence de l'association",
    duration: 180,
    capacity: null,
    place: "text",
    placeText: "Bureau du rez-de-chaussée",
    times: ["14:00"],
  },
];

const POSTS: { kind: "offer" | "request"; category: string; title: string; minutes: number[] }[] = [
  { kind: "offer", category: "diy_repairs", title: "Petits travaux : perceuse, montage de meubles", minutes: [45, 60, 90, 120] },
  { kind: "offer", category: "gardening", title: "Coup de main au potager", minutes: [30, 60, 90] },
  { kind: "request", category: "homework_help", title: "Aide aux devoirs (collège)", minutes: [60, 90] },
  { kind: "offer", category: "childcare", title: "Garde d'enfants après l'école", minutes: [60, 90, 120, 180] },
  { kind: "offer", category: "errands_transport", title: "Covoiturage pour les courses", minutes: [60, 90] },
  { kind: "request", category: "digital_help", title: "Démarches en ligne (impôts, CAF)", minutes: [30, 45, 60] },
  { kind: "offer", category: "cooking", title: "Cours de cuisine familiale", minutes: [120, 180] },
  { kind: "offer", category: "languages", title: "Conversation en espagnol", minutes: [45, 60] },
  { kind: "request", category: "diy_repairs", title: "Réparer un vélo d'enfant", minutes: [30, 45, 60] },
  { kind: "offer", category: "company_visits", title: "Visites et promenades avec nos aînés", minutes: [60, 90, 120] },
  { kind: "request", category: "paperwork", title: "Aide pour un dossier de logement", minutes: [45, 60, 90] },
  { kind: "offer", category: "languages", title: "Pratique du français à l'oral", minutes: [60, 90] },
  { kind: "request", category: "errands_transport", title: "Porter les courses du marché", minutes: [30, 60] },
  { kind: "offer", category: "cleaning", title: "Grand ménage de printemps à deux", minutes: [90, 120] },
  { kind: "offer", category: "other", title: "Initiation au tricot", minutes: [60, 90] },
  { kind: "request", category: "digital_help", title: "Apprendre à faire un appel vidéo", minutes: [30, 45] },
];
const CARE = new Set(["childcare", "company_visits"]);
const THANKS = ["Merci beaucoup, c'était parfait.", "Un grand merci, à charge de revanche !", "Merci pour ta patience.", "Merci, ça m'a bien dépanné."];
const PURPOSES = [
  "Anniversaire",
  "Réunion de famille",
  "Goûter entre voisins",
  "Répétition de musique",
  "Soirée jeux",
  "Fête de fin d'année scolaire",
  "Baptême",
  "Révisions avec des amis",
];
const GUEST_PURPOSES = ["Visite de la famille", "Mes parents viennent une semaine", "Une amie de passage", "Ma fille rentre pour les vacances"];
const AGENDA = [
  ["Bilan des repas partagés", "Fréquentation stable ; le tour de cuisine repose sur trop peu de foyers."],
  ["Jardin partagé", "Les semis commencent ; un carré pour les enfants."],
  ["Bruit le soir dans les parties communes", "Chacun reconnaît le problème ; une affiche sera posée."],
  ["Fête des voisins", "Repas dans la cour, chacun apporte un plat."],
  ["Règles de la chambre d'amis", "La durée maximale convient ; le ménage reste au foyer qui invite."],
  ["Accueil des nouveaux foyers", "Un binôme de parrainage pour chaque arrivée."],
  ["Budget commun", "Dépenses stables ; la cotisation couvre le petit matériel."],
  ["Tri des déchets et compost", "Un second bac à compost est nécessaire."],
];
const DECISIONS: [string, "consent" | "consensus" | "majority", "adopted" | "rejected" | "postponed"][] = [
  ["Le tour de cuisine passe à deux foyers par repas.", "consent", "adopted"],
  ["Un carré du jardin est réservé aux enfants.", "consensus", "adopted"],
  ["Acheter une perceuse pour l'atelier réparation.", "majority", "adopted"],
  ["Fermer la salle commune à 23 h en semaine.", "majority", "rejected"],
  ["Installer un second bac à compost.", "consent", "adopted"],
  ["Repeindre le hall d'entrée nous-mêmes.", "consensus", "postponed"],
  ["La fête des voisins aura lieu le premier samedi de juin.", "consent", "adopted"],
  ["Chaque nouveau foyer est accompagné par un binôme pendant trois mois.", "consensus", "adopted"],
];
const ACTIONS = [
  "Relancer le bailleur pour la porte du hall",
  "Acheter les graines et le terreau",
  "Afficher le planning des repas",
  "Préparer l'accueil des nouveaux",
  "Demander un devis pour la peinture",
  "Organiser le vide-grenier",
];
const TOPICS = ["housing", "work_training", "health", "schooling", "rights_papers", "budget", "language", "social_ties"];
const SUPPORT_KINDS = ["individual_interview", "individual_interview", "home_visit", "office_hours", "accompaniment", "collective_workshop", "referral"];
const ENTRY = ["street", "slum_squat", "hotel", "shelter", "hosted_family", "own_housing"];
const DESTINATIONS = ["durable_social_housing", "durable_social_housing", "private_housing", "other_group", "temporary_accommodation", "family", "unknown"];
const CHARTER_ARTICLES = [
  ["Vivre ensemble", "Chacun respecte le calme, les espaces communs et les personnes qui y vivent."],
  ["La salle commune", "Elle se réserve dans l'application ; on la rend propre et rangée."],
  ["Les repas partagés", "Chaque foyer participe au tour de cuisine selon ses possibilités."],
  ["La chambre d'amis", "Les séjours se réservent à l'avance ; le ménage revient au foyer qui invite."],
  ["Les décisions", "Elles se prennent en assemblée des habitants, une fois par mois."],
  ["Les désaccords", "On en parle d'abord directement, puis avec l'animatrice si besoin."],
];

// -------------------------------------------------------------------------------------------------

type Person = { id: string; birthYear: number | null; userId: string | null; firstName: string; tags: string[] };
type Household = {
  id: string;
  name: string;
  arr: number;
  dep: number | null;
  arrival: string;
  departure: string | null;
  persons: Person[];
  account: string | null;
  weight: number;
};

/** Splits `total` into integer shares proportional to `weights` (largest remainders): the shares sum to `total`. */
function shares(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (total * w) / sum);
  const out = raw.map(Math.floor);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const missing = total - out.reduce((a, b) => a + b, 0);
  for (let k = 0; k < missing; k++) out[order[k % order.length][1]]++;
  return out;
}

export function seedLarge(sqlite: Database.Database, options: LargeOptions): LargeResult {
  const G = options.groups;
  const rand = mulberry32(options.seed ?? 20261123);
  const idRand = mulberry32((options.seed ?? 20261123) ^ 0x5bd1e995);
  const idBytes = new Uint8Array(16);
  const idView = new DataView(idBytes.buffer);
  /** A 24-character base32 id like core/ids' newId, drawn from its own seeded stream. */
  const newId = () => {
    for (let k = 0; k < 4; k++) idView.setUint32(k * 4, Math.floor(idRand() * 4294967296));
    return encodeBase32LowerCaseNoPadding(idBytes.subarray(0, 15));
  };
  const int = (a: number, b: number) => a + Math.floor(rand() * (b - a + 1));
  const chance = (p: number) => rand() < p;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

  // The days of the window: index PAST_DAYS is today. Instants of wall-clock times come from each day's
  // offset at noon (every time placed here is between 07:00 and 23:59, away from the 02:00–03:00 changes).
  const N = PAST_DAYS + 1 + FUTURE_DAYS;
  const T = PAST_DAYS;
  const start = addDays(options.today, -PAST_DAYS);
  const dates: string[] = [];
  const midnight: number[] = [];
  const offset: number[] = [];
  const weekday: number[] = [];
  for (let i = 0; i < N; i++) {
    const d = i === 0 ? start : addDaysFast(dates[i - 1], 1);
    dates.push(d);
    const m = Date.parse(`${d}T00:00:00Z`);
    midnight.push(m);
    offset.push(m + 12 * 3_600_000 - zonedToUtc(`${d}T12:00`, TZ));
    weekday.push((new Date(m).getUTCDay() + 6) % 7); // 0 = Monday
  }
  const at = (i: number, minutes: number) => midnight[i] + minutes * MIN - offset[i];
  const hm = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));
  const yearOf = (i: number) => Number(dates[i].slice(0, 4));
  /** Deterministic "now" for rows written today: this morning. */
  const NOW = at(T, 7 * 60);
  const dateOf = (dayOffsetFromStart: number) =>
    dayOffsetFromStart >= 0 && dayOffsetFromStart < N ? dates[dayOffsetFromStart] : addDays(start, dayOffsetFromStart);

  const counts: Record<string, number> = {};
  const ms: Record<string, number> = {};
  const ins = (table: string, cols: string[]) => {
    const st = sqlite.prepare(`insert into ${table} (${cols.join(", ")}) values (${cols.map(() => "?").join(", ")})`);
    counts[table] = 0;
    ms[table] = 0;
    return (...values: unknown[]) => {
      counts[table]++;
      const t0 = performance.now();
      st.run(...values);
      ms[table] += performance.now() - t0;
    };
  };
  const programme = sqlite
    .prepare("select id, organisation_id as organisationId, starts_on as startsOn, ends_on as endsOn from programmes where id = ?")
    .get(options.programmeId) as { id: string; organisationId: string; startsOn: string; endsOn: string } | undefined;
  if (!programme) throw new Error(`seed-large: programme ${options.programmeId} not found`);

  const user = ins("users", ["id", "email", "password_hash", "name", "locale", "created_at", "updated_at"]);
  const organisation = ins("organisations", ["id", "name", "kind", "created_at"]);
  const orgMember = ins("organisation_members", ["organisation_id", "user_id", "role", "created_at"]);
  const group = ins("groups", ["id", "organisation_id", "name", "city", "postcode", "kind", "time_zone", "latitude", "longitude", "created_at"]);
  const programmeGroup = ins("programme_groups", ["programme_id", "group_id"]);
  const membership = ins("memberships", ["id", "user_id", "group_id", "role", "household_id", "person_id", "support_lead", "created_at"]);
  const household = ins("households", ["id", "group_id", "name", "dwelling", "arrival_date", "departure_date", "destination", "created_at", "updated_at"]);
  const person = ins("persons", ["id", "group_id", "household_id", "user_id", "first_name", "last_name", "birth_year", "tags", "created_at", "updated_at"]);
  const space = ins("spaces", [
    "id",
    "group_id",
    "name",
    "kind",
    "description",
    "capacity",
    "booking_window_days",
    "min_notice_hours",
    "max_minutes",
    "approval_required",
    "buffer_minutes",
    "quiet_start",
    "quiet_end",
    "check_in_time",
    "check_out_time",
    "nightly_fee_cents",
    "max_nights",
    "house_rules",
    "created_at",
    "updated_at",
  ]);
  const booking = ins("bookings", [
    "id",
    "group_id",
    "space_id",
    "household_id",
    "created_by",
    "starts_at",
    "ends_at",
    "block_start",
    "block_end",
    "status",
    "purpose",
    "guests",
    "nights",
    "fee_cents",
    "decided_by",
    "decided_at",
    "cancelled_by",
    "cancelled_at",
    "created_at",
    "updated_at",
  ]);
  const series = ins("event_series", [
    "id",
    "group_id",
    "kind",
    "title",
    "description",
    "space_id",
    "place_text",
    "start_date",
    "start_time",
    "duration_minutes",
    "time_zone",
    "rrule",
    "until_date",
    "capacity",
    "signup_deadline_hours",
    "materialised_until",
    "created_by",
    "created_at",
    "updated_at",
  ]);
  const occurrence = ins("event_occurrences", [
    "id",
    "group_id",
    "series_id",
    "original_starts_at",
    "starts_at",
    "ends_at",
    "status",
    "space_id",
    "place_text",
    "capacity",
    "booking_id",
    "booking_problem",
    "cancel_reason",
    "cancelled_at",
    "cancelled_by",
    "created_at",
    "updated_at",
  ]);
  const signup = ins("event_signups", [
    "id",
    "group_id",
    "occurrence_id",
    "household_id",
    "adults",
    "children",
    "infants",
    "guests",
    "status",
    "created_by",
    "on_behalf",
    "cancelled_at",
    "created_at",
    "updated_at",
  ]);
  const mealRole = ins("meal_roles", ["id", "group_id", "occurrence_id", "role", "slots"]);
  const mealCost = ins("meal_costs", ["id", "group_id", "occurrence_id", "amount_cents", "paid_by_household_id", "note", "created_by", "created_at"]);
  const closeMeal = sqlite.prepare(
    "update event_occurrences set closed_at = ?, closed_by = ?, frozen_cost_cents = ?, frozen_half_portions = ?, frozen_persons = ?, updated_at = ? where id = ?",
  );
  const ledger = ins("meal_ledger", ["id", "group_id", "occurrence_id", "household_id", "kind", "amount_cents", "half_portions", "created_at"]);
  const mealAssignment = ins("meal_assignments", [
    "id",
    "group_id",
    "occurrence_id",
    "role_id",
    "household_id",
    "person_id",
    "created_by",
    "on_behalf",
    "created_at",
  ]);
  const post = ins("exchange_posts", [
    "id",
    "group_id",
    "kind",
    "title",
    "category",
    "person_id",
    "household_id",
    "created_by",
    "status",
    "created_at",
    "updated_at",
  ]);
  const exchange = ins("exchanges", [
    "id",
    "group_id",
    "post_id",
    "giver_household_id",
    "receiver_household_id",
    "giver_person_id",
    "receiver_person_id",
    "opened_by_household_id",
    "status",
    "agreed_date",
    "minutes",
    "confirmed_by",
    "confirmed_at",
    "thanks",
    "created_at",
    "updated_at",
  ]);
  const movement = ins("time_movements", ["id", "group_id", "exchange_id", "household_id", "minutes", "created_at"]);
  const meeting = ins("meetings", [
    "id",
    "group_id",
    "occurrence_id",
    "facilitator_person_id",
    "note_taker_person_id",
    "time_keeper_person_id",
    "run_status",
    "run_started_at",
    "closed_at",
    "closed_by",
    "minutes_text",
    "minutes_status",
    "minutes_approved_at",
    "minutes_approved_in_id",
    "minutes_published_at",
    "created_by",
    "created_at",
    "updated_at",
  ]);
  const approveMinutes = sqlite.prepare(
    "update meetings set minutes_status = ?, minutes_approved_at = ?, minutes_approved_in_id = ?, minutes_published_at = ? where id = ?",
  );
  const agendaItem = ins("meeting_agenda_items", [
    "id",
    "group_id",
    "meeting_id",
    "title",
    "presenter_person_id",
    "planned_minutes",
    "status",
    "position",
    "proposed_by",
    "actual_minutes",
    "notes",
    "created_at",
    "updated_at",
  ]);
  const attendance = ins("meeting_attendance", ["id", "group_id", "meeting_id", "person_id", "status", "proxy_person_id", "updated_at"]);
  const decision = ins("meeting_decisions", [
    "id",
    "group_id",
    "meeting_id",
    "agenda_item_id",
    "text",
    "method",
    "result",
    "votes_for",
    "votes_against",
    "votes_abstain",
    "decided_on",
    "search_text",
    "created_by",
    "created_at",
  ]);
  const meetingAction = ins("meeting_actions", [
    "id",
    "group_id",
    "meeting_id",
    "agenda_item_id",
    "what",
    "person_id",
    "due_date",
    "created_on",
    "done_on",
    "done_by",
    "created_by",
    "created_at",
  ]);
  const episode = ins("support_episodes", [
    "id",
    "group_id",
    "household_id",
    "start_date",
    "end_date",
    "goals",
    "entry_situation",
    "outcome",
    "created_by",
    "created_at",
    "updated_at",
  ]);
  const supportAction = ins("support_actions", [
    "id",
    "group_id",
    "household_id",
    "episode_id",
    "date",
    "kind",
    "topics",
    "duration_minutes",
    "note",
    "aid_cents",
    "aid_source",
    "rights_opened",
    "created_by",
    "created_at",
  ]);
  const actionPerson = ins("support_action_persons", ["action_id", "person_id", "group_id"]);
  const partner = ins("support_partners", ["id", "group_id", "name", "field", "contact", "created_at", "updated_at"]);
  const referral = ins("support_referrals", [
    "id",
    "group_id",
    "household_id",
    "partner_id",
    "date",
    "status",
    "outcome_kind",
    "closed_on",
    "created_by",
    "created_at",
    "updated_at",
  ]);
  const exitCheck = ins("support_exit_checks", ["id", "group_id", "household_id", "milestone", "still_housed", "checked_on", "checked_by", "created_at"]);
  const survey = ins("surveys", ["id", "group_id", "title", "opens_on", "closes_on", "created_by", "created_at"]);
  const answer = ins("survey_answers", [
    "id",
    "survey_id",
    "group_id",
    "satisfaction",
    "belonging",
    "lonely_companionship",
    "lonely_left_out",
    "lonely_isolated",
    "help_given",
    "help_received",
    "comment",
  ]);
  const respondent = ins("survey_respondents", ["survey_id", "group_id", "membership_id"]);
  const grant = ins("programme_grants", ["programme_id", "group_id", "year", "amount_cents", "created_at"]);
  const funding = ins("group_funding", ["id", "group_id", "year", "kind", "funder_name", "planned_cents", "spent_cents", "created_at", "updated_at"]);
  const charterVersion = ins("charter_versions", ["id", "group_id", "number", "title", "status", "adopted_on", "created_by", "created_at", "updated_at"]);
  const charterArticle = ins("charter_articles", ["id", "group_id", "version_id", "key", "position", "title", "body"]);
  const signature = ins("charter_signatures", ["id", "group_id", "version_id", "person_id", "method", "signed_on", "user_id", "created_at"]);
  const audit = ins("audit_log", ["group_id", "user_id", "action", "entity", "entity_id", "details", "at"]);

  // The groups' shares of each total.
  // The meal_assignments_slots trigger counts a role's assignments with no index on role_id alone (its two
  // unique indexes are partial): a full scan per insert. An index for the load's duration, dropped at the end.
  sqlite.exec("create index if not exists seed_large_meal_assignments_role on meal_assignments (role_id)");
  // The change counters of the page cache (data_versions, migration 0018) are bumped by a trigger on every row
  // written: a quarter of the load's time. They are set aside for the load and put back as they were, and each
  // scope the load touched is bumped once at the end — what the cache needs to know that things changed.
  // (The guard triggers — overlaps, capacity, closed meals, meeting groups — stay on.)
  const versionTriggers = sqlite.prepare("select name, sql from sqlite_master where type = 'trigger' and sql like '%data_versions%'").all() as {
    name: string;
    sql: string;
  }[];
  for (const t of versionTriggers) sqlite.exec(`drop trigger "${t.name}"`);
  const userIds: string[] = [];

  const weights = Array.from({ length: G }, () => 0.55 + rand() * 0.9);
  const hhShares = shares(Math.round((LARGE_TOTALS.households * G) / 100), weights);
  const evShares = shares(
    Math.round((LARGE_TOTALS.events * G) / 100),
    weights.map((w) => w * (0.85 + rand() * 0.3)),
  );
  const bkShares = shares(
    Math.round((LARGE_TOTALS.bookings * G) / 100),
    weights.map((w) => w * (0.85 + rand() * 0.3)),
  );
  const exShares = shares(
    Math.round((LARGE_TOTALS.exchanges * G) / 100),
    weights.map((w) => w * (0.7 + rand() * 0.6)),
  );

  const logins: LargeLogin[] = [];
  const groupIds: string[] = [];
  const created0 = at(0, 9 * 60) - 400 * DAY;

  // Associations running the groups, ten groups each.
  const associations: string[] = [];
  for (let a = 0; a < Math.ceil(G / 10); a++) {
    const id = newId();
    associations.push(id);
    organisation(id, `Association Habitat Solidaire ${String(a + 1).padStart(2, "0")}`, "association", created0);
  }

  const account = (email: string, name: string) => {
    const id = newId();
    user(id, email, options.passwordHash, name, null, created0, created0);
    userIds.push(id);
    return id;
  };

  for (let g = 0; g < G; g++) {
    const code = `g${String(g + 1).padStart(3, "0")}`;
    const gid = newId();
    groupIds.push(gid);
    const kind = GROUP_KINDS[g % 4];
    const [city, postcode, lat, lon] = CITIES[(g * 7) % CITIES.length];
    const name = GROUP_NAMES[g % GROUP_NAMES.length] + (g >= GROUP_NAMES.length ? ` ${Math.floor(g / GROUP_NAMES.length) + 1}` : "");
    group(gid, associations[Math.floor(g / 10)], name, city, postcode, kind, TZ, lat + (rand() - 0.5) * 0.02, lon + (rand() - 0.5) * 0.02, created0);
    programmeGroup(programme.id, gid);
    const supported = kind === "transitional" || kind === "supported";

    // Staff accounts.
    const adminId = account(`admin.${code}@${LARGE_DOMAIN}`, `${pick(FIRST.adult)} ${pick(LAST_NAMES)}`);
    const facilitatorId = account(`animation.${code}@${LARGE_DOMAIN}`, `${pick(FIRST.adult)} ${pick(LAST_NAMES)}`);
    orgMember(associations[Math.floor(g / 10)], adminId, "staff", created0);
    orgMember(associations[Math.floor(g / 10)], facilitatorId, "staff", created0);
    membership(newId(), adminId, gid, "group_admin", null, null, 0, created0);
    membership(newId(), facilitatorId, gid, "facilitator", null, null, 0, created0);
    let supportId: string | null = null;
    if (supported) {
      supportId = account(`accompagnement.${code}@${LARGE_DOMAIN}`, `${pick(FIRST.adult)} ${pick(LAST_NAMES)}`);
      orgMember(associations[Math.floor(g / 10)], supportId, "staff", created0);
      membership(newId(), supportId, gid, "support_worker", null, null, 1, created0);
    }
    logins.push({ role: "group_admin", email: `admin.${code}@${LARGE_DOMAIN}`, group: name, groupId: gid });
    logins.push({ role: "facilitator", email: `animation.${code}@${LARGE_DOMAIN}`, group: name, groupId: gid });
    if (supportId) logins.push({ role: "support_worker", email: `accompagnement.${code}@${LARGE_DOMAIN}`, group: name, groupId: gid });

    // Households: most there before the window, some arriving during it; a sixth leave (a flat freed is let again).
    const H = hhShares[g];
    const hh: Household[] = [];
    const residentMemberships: string[] = [];
    for (let h = 0; h < H; h++) {
      const arr = h < H * 0.72 ? -int(10, 2500) : int(0, T - 5);
      const dep = h !== 0 && chance(0.17) ? Math.min(T - 1, Math.max(arr + 60, int(0, T - 1))) : null;
      const departs = dep != null && dep > arr && dep > 0;
      const lastName = pick(LAST_NAMES);
      const hid = newId();
      const arrival = dateOf(arr);
      const departure = departs ? dates[dep] : null;
      household(
        hid,
        gid,
        `Foyer ${lastName}`,
        `Logement ${h + 1}`,
        arrival,
        departure,
        departure ? pick(DESTINATIONS) : null,
        at(Math.max(0, arr), 10 * 60),
        at(Math.max(0, arr), 10 * 60),
      );
      const size = pickSize(rand(), kind);
      const persons: Person[] = [];
      const headAge = kind === "intergenerational" && chance(0.4) ? int(66, 92) : kind === "transitional" ? int(19, 55) : int(22, 80);
      const refYear = yearOf(T);
      for (let p = 0; p < size; p++) {
        let birthYear: number | null;
        if (p === 0) birthYear = refYear - headAge;
        else if (p === 1 && chance(0.6)) birthYear = refYear - Math.max(18, headAge + int(-6, 6));
        else birthYear = refYear - int(0, Math.max(1, Math.min(25, headAge - 18)));
        if (p > 0 && chance(0.03)) birthYear = null;
        const age = birthYear == null ? null : refYear - birthYear;
        const tags: string[] = [];
        if (age != null && age < 18) tags.push("child");
        if (age != null && age >= 65) tags.push("senior");
        if (p === 0 && size > 1 && chance(0.15) && age != null && age < 60) tags.push("single_parent_family");
        if (p === 0 && kind === "transitional" && age != null && age < 26) tags.push("young_adult_insertion");
        if (chance(0.04)) tags.push("disability");
        if (age != null && age >= 18 && age < 26 && chance(0.3)) tags.push("student");
        const first = age == null || age >= 28 ? (age != null && age >= 65 ? FIRST.old : FIRST.adult) : age >= 18 ? FIRST.young : FIRST.child;
        persons.push({ id: newId(), birthYear, userId: null, firstName: pick(first), tags });
      }
      // An account for the first adult of a fifth of the households present today; always for the first
      // household (habitant.gNNN, the login a bench uses).
      const present = arrival <= options.today && !departure;
      let accountId: string | null = null;
      if (present && (h === 0 || chance(0.2))) {
        const email = h === 0 ? `habitant.${code}@${LARGE_DOMAIN}` : `foyer${h + 1}.${code}@${LARGE_DOMAIN}`;
        accountId = account(email, `${persons[0].firstName} ${lastName}`);
        persons[0].userId = accountId;
        if (h === 0) logins.push({ role: "resident", email, group: name, groupId: gid });
      }
      for (const p of persons) {
        person(
          p.id,
          gid,
          hid,
          p.userId,
          p.firstName,
          lastName,
          p.birthYear,
          JSON.stringify(p.tags),
          at(Math.max(0, arr), 10 * 60),
          at(Math.max(0, arr), 10 * 60),
        );
      }
      if (accountId) {
        const mid = newId();
        membership(mid, accountId, gid, "resident", hid, persons[0].id, 0, at(Math.max(0, arr), 11 * 60));
        residentMemberships.push(mid);
      }
      hh.push({
        id: hid,
        name: `Foyer ${lastName}`,
        arr,
        dep: departs ? dep : null,
        arrival,
        departure,
        persons,
        account: accountId,
        weight: 0.3 + rand() * 1.7,
      });
    }
    const isPresent = (x: Household, i: number) => x.arr <= i && (x.dep == null || i < x.dep);
    const presentAt = (i: number) => hh.filter((x) => isPresent(x, i));
    const adultsAt = (x: Household, i: number) => x.persons.filter((p) => p.birthYear == null || yearOf(i) - p.birthYear >= 18);
    const bornAt = (x: Household, i: number) => x.persons.filter((p) => p.birthYear == null || p.birthYear <= yearOf(i));
    const drawHouseholds = (list: Household[], n: number) => {
      const pool = list.slice();
      const out: Household[] = [];
      while (out.length < n && pool.length) {
        const total = pool.reduce((s, x) => s + x.weight, 0);
        let r = rand() * total;
        let k = 0;
        while (k < pool.length - 1 && (r -= pool[k].weight) >= 0) k++;
        out.push(pool.splice(k, 1)[0]);
      }
      return out;
    };

    // Spaces, and what holds them: every active booking's block, per space and day.
    const busy = new Map<string, Map<number, [number, number][]>>();
    const free = (spaceId: string, days: number[], s: number, e: number) => {
      const m = busy.get(spaceId)!;
      return days.every((d) => !(m.get(d) ?? []).some(([a, b]) => a < e && s < b));
    };
    const hold = (spaceId: string, days: number[], s: number, e: number) => {
      const m = busy.get(spaceId)!;
      for (const d of days) {
        const l = m.get(d);
        if (l) l.push([s, e]);
        else m.set(d, [[s, e]]);
      }
    };
    type Space = { id: string; kind: string; buffer: number; fee: number; approval: boolean; name: string };
    const mkSpace = (
      name: string,
      skind: string,
      o: { capacity?: number; buffer?: number; approval?: boolean; quiet?: boolean; guest?: boolean; fee?: number; description?: string; maxMinutes?: number },
    ): Space => {
      const id = newId();
      busy.set(id, new Map());
      space(
        id,
        gid,
        name,
        skind,
        o.description ?? "",
        o.capacity ?? null,
        90,
        o.guest ? 48 : 2,
        o.maxMinutes ?? null,
        o.approval ? 1 : 0,
        o.buffer ?? 0,
        o.quiet ? "22:00" : null,
        o.quiet ? "07:00" : null,
        o.guest ? "15:00" : null,
        o.guest ? "11:00" : null,
        o.fee ?? 0,
        o.guest ? 5 : null,
        o.guest ? "Draps fournis ; ménage à faire avant de rendre les clés." : "",
        created0,
        created0,
      );
      return { id, kind: skind, buffer: o.buffer ?? 0, fee: o.fee ?? 0, approval: !!o.approval, name };
    };
    const room = mkSpace("Salle commune", "common_room", { capacity: 60, buffer: 30, quiet: true, description: "Grande salle avec cuisine équipée." });
    const atelier = mkSpace("Salle d'activités", "common_room", { capacity: 20, buffer: 15, quiet: true, maxMinutes: 360 });
    const guest = mkSpace("Chambre d'amis", "guest_unit", { capacity: 3, buffer: 120, approval: true, guest: true, fee: 1000 });
    const equipment = mkSpace("Vélo cargo", "equipment", { maxMinutes: 480 });
    const garden = chance(0.5) ? mkSpace("Jardin partagé", "outdoor", { capacity: 40, maxMinutes: 300 }) : null;

    const bookingsTarget = bkShares[g];
    let bookingsMade = 0;
    /** A confirmed booking of `sp` when its block is free; null when it is not. */
    const book = (
      sp: Space,
      day: number,
      s: number,
      e: number,
      nights: number,
      b: { householdId: string | null; createdBy: string; purpose: string; guests: number; status: string; createdAt: number },
    ) => {
      const blockEnd = e + sp.buffer * MIN;
      const days: number[] = [];
      for (let d = day; d <= day + nights + 1 && d < N; d++) days.push(d);
      const active = b.status === "confirmed" || b.status === "requested";
      if (active && !free(sp.id, days, s, blockEnd)) return null;
      if (active) hold(sp.id, days, s, blockEnd);
      const id = newId();
      const decided = sp.approval && (b.status === "confirmed" || b.status === "declined");
      const cancelled = b.status === "cancelled";
      const cancelledAt = cancelled ? Math.min(s - DAY, b.createdAt + int(1, 5) * DAY) : null;
      const decidedAt = decided ? Math.min(b.createdAt + DAY, NOW) : null;
      booking(
        id,
        gid,
        sp.id,
        b.householdId,
        b.createdBy,
        s,
        e,
        s,
        blockEnd,
        b.status,
        b.purpose,
        b.guests,
        nights,
        nights * sp.fee,
        decided ? facilitatorId : null,
        decidedAt,
        cancelled ? b.createdBy : null,
        cancelledAt,
        b.createdAt,
        Math.max(b.createdAt, cancelledAt ?? 0, decidedAt ?? 0),
      );
      bookingsMade++;
      return id;
    };
    const createdBefore = (s: number, minDays: number, maxDays: number) => Math.min(s - int(minDays, maxDays) * DAY, NOW - int(1, 48) * 3_600_000);

    // Event series: the monthly assembly, two to four meals, a monthly celebration, the association's
    // office hours, then workshops until the group's share of occurrences is reached (the last one stops early).
    const eventsTarget = evShares[g];
    let eventsMade = 0;
    const meals = drawN(MEALS, int(2, 4), rand);
    // Workshops twice over (a second weekly slot) so that the largest groups reach their share too.
    const templates: SeriesTemplate[] = [
      ...meals,
      ...CELEBRATIONS,
      ...(chance(0.7) ? OTHERS : []),
      ...drawN(WORKSHOPS, WORKSHOPS.length, rand),
      ...drawN(WORKSHOPS, WORKSHOPS.length, rand).map((t) => ({ ...t, title: `${t.title} (2e créneau)` })),
    ];
    const weekdaysUsed = new Set<string>();
    type Planned = { t: SeriesTemplate | null; wd: number; time: string; every: number; from: number };
    const plans: Planned[] = [];
    // Meetings: the first Tuesday of each month, 18:30.
    plans.push({ t: null, wd: 1, time: "18:30", every: 0, from: 0 });
    for (const t of templates) {
      let wd = 0;
      let time = "";
      for (let tries = 0; tries < 20; tries++) {
        wd =
          t.kind === "celebration"
            ? 5
            : t.title.includes("dimanche")
              ? 6
              : t.title.includes("lundi")
                ? 0
                : t.title.includes("mardi")
                  ? 1
                  : t.title.includes("jeudi")
                    ? 3
                    : int(0, 6);
        time = pick(t.times);
        if (!weekdaysUsed.has(`${t.place}${wd}${time}`) || t.place === "text") break;
      }
      weekdaysUsed.add(`${t.place}${wd}${time}`);
      const every = t.kind === "celebration" ? 0 : t.kind === "workshop" && chance(0.3) ? 14 : 7;
      // A fifth of the workshops started during the window.
      const from = t.kind === "workshop" && chance(0.2) ? int(30, T) : 0;
      plans.push({ t, wd, time, every, from });
    }

    const meetingsHeld: { id: string; day: number; occ: string }[] = [];
    const withSignups = (i: number) => i < T || i <= T + 14;
    for (const plan of plans) {
      if (eventsMade >= eventsTarget) break;
      const t = plan.t;
      const skind = t ? t.kind : "meeting";
      const title = t ? t.title : "Assemblée des habitants";
      const duration = t ? t.duration + (t.kind === "workshop" ? pick([0, 0, 30]) : 0) : 120;
      const capacity = t ? (t.capacity == null ? null : t.kind === "workshop" ? int(8, 20) : t.capacity + int(-6, 10)) : null;
      const sp = t ? (t.place === "room" ? room : t.place === "atelier" && chance(0.35) ? atelier : null) : room;
      const placeText = sp ? "" : (t?.placeText ?? "Salle d'activités");
      // The days of the series in the window.
      const days: number[] = [];
      if (plan.every === 0) {
        // Monthly: the first given weekday of each month.
        for (let i = plan.from; i < N; i++) if (weekday[i] === plan.wd && Number(dates[i].slice(8, 10)) <= 7) days.push(i);
      } else {
        let i = plan.from;
        while (i < N && weekday[i] !== plan.wd) i++;
        for (; i < N; i += plan.every) days.push(i);
      }
      const used = days.slice(0, Math.min(days.length, eventsTarget - eventsMade));
      if (!used.length) continue;
      const sid = newId();
      const first = used[0];
      const last = used[used.length - 1];
      const createdAt = createdBefore(at(first, hm(plan.time)), 10, 30);
      const rrule =
        plan.every === 0
          ? `FREQ=MONTHLY;BYDAY=1${["MO", "TU", "WE", "TH", "FR", "SA", "SU"][plan.wd]}`
          : plan.every === 14
            ? `FREQ=WEEKLY;INTERVAL=2`
            : "FREQ=WEEKLY";
      series(
        sid,
        gid,
        skind,
        title,
        "",
        sp?.id ?? null,
        placeText,
        dates[first],
        plan.time,
        duration,
        TZ,
        rrule,
        dates[last],
        capacity,
        capacity == null ? null : 2,
        dates[last],
        facilitatorId,
        createdAt,
        createdAt,
      );
      for (const i of used) {
        const s = at(i, hm(plan.time));
        const e = s + duration * MIN;
        let cancelled = skind !== "meeting" && chance(0.02);
        let reason = cancelled ? "Animatrice absente" : null;
        const bookingId =
          sp && !cancelled
            ? book(sp, i, s, e, 0, { householdId: null, createdBy: facilitatorId, purpose: title, guests: 0, status: "confirmed", createdAt })
            : null;
        // The room already taken that day (the assembly on a first Tuesday, the Sunday brunch): that date is
        // cancelled, as a facilitator would, rather than left with a booking problem. (Meetings are booked first.)
        if (sp && !cancelled && !bookingId && skind !== "meeting") {
          cancelled = true;
          reason = `${sp.name} déjà réservée ce jour-là`;
        }
        const oid = newId();
        const cancelledAt = cancelled ? Math.min(s - DAY, NOW - DAY) : null;
        occurrence(
          oid,
          gid,
          sid,
          s,
          s,
          e,
          cancelled ? "cancelled" : "scheduled",
          sp?.id ?? null,
          sp ? "" : placeText,
          capacity,
          bookingId,
          sp && !cancelled && !bookingId ? "overlap" : null,
          reason,
          cancelledAt,
          cancelled ? facilitatorId : null,
          createdAt,
          cancelledAt ?? createdAt,
        );
        eventsMade++;
        if (skind === "meeting") {
          meetingsHeld.push({ id: newId(), day: i, occ: oid });
          continue;
        }
        if (cancelled || capacity == null || !withSignups(i)) continue;
        // Sign-ups: a share of the households present, the regulars more often, while places last.
        const here = presentAt(i);
        const share = skind === "shared_meal" ? 0.12 + rand() * 0.2 : skind === "celebration" ? 0.3 + rand() * 0.3 : 0.02 + rand() * 0.06;
        const n = Math.max(skind === "workshop" ? 1 : 2, Math.round(here.length * share * (i > T ? 0.5 : 1)));
        let taken = 0;
        const signed: Household[] = [];
        const parties: Party[] = [];
        for (const x of drawHouseholds(here, n)) {
          const party: Party = defaultParty(bornAt(x, i), 12, dates[i]);
          if (skind === "workshop") {
            party.adults = Math.min(party.adults, chance(0.3) ? 2 : 1);
            if (chance(0.6)) party.children = 0;
            party.infants = 0;
          } else if (chance(0.1)) party.guests = 1;
          if (placesOf(party) === 0) party.adults = 1;
          if (taken + placesOf(party) > capacity) continue;
          const createdAtS = Math.min(s - int(1, 6) * DAY - int(0, 600) * MIN, NOW - int(1, 600) * MIN);
          const cancelledS = chance(0.04);
          if (!cancelledS) taken += placesOf(party);
          signup(
            newId(),
            gid,
            oid,
            x.id,
            party.adults,
            party.children,
            party.infants,
            party.guests,
            cancelledS ? "cancelled" : "confirmed",
            x.account ?? facilitatorId,
            x.account ? 0 : 1,
            cancelledS ? createdAtS + 3_600_000 : null,
            createdAtS,
            cancelledS ? createdAtS + 3_600_000 : createdAtS,
          );
          if (!cancelledS) {
            signed.push(x);
            parties.push(party);
          }
        }
        if (skind === "shared_meal") {
          const roles = { head_cook: newId(), helper: newId(), cleaner: newId() };
          mealRole(roles.head_cook, gid, oid, "head_cook", 1);
          mealRole(roles.helper, gid, oid, "helper", 2);
          mealRole(roles.cleaner, gid, oid, "cleaner", 2);
          const holders: [string, Household][] = [];
          if (signed[0]) holders.push([roles.head_cook, signed[0]]);
          if (signed[1]) holders.push([roles.helper, signed[1]]);
          if (signed[2] && chance(0.6)) holders.push([roles.helper, signed[2]]);
          if (signed[3]) holders.push([roles.cleaner, signed[3]]);
          for (const [roleId, x] of holders) {
            const p = adultsAt(x, i)[0] ?? null;
            mealAssignment(newId(), gid, oid, roleId, x.id, p?.id ?? null, p?.userId ?? facilitatorId, p?.userId ? 0 : 1, Math.min(s - 3 * DAY, NOW - DAY));
          }
          // A meal of the past is closed a day or two later: the cook's shopping (and now and then bread and
          // drinks from another household), the frozen figures, and the ledger lines that sum to zero.
          const halfPortions = parties.reduce((t, p) => t + halfPortionsOf(p), 0);
          const closedAt = e + DAY + int(0, 36) * 3_600_000;
          if (signed.length && halfPortions > 0 && closedAt < NOW) {
            const costs = [
              {
                paidByHouseholdId: signed[0].id,
                amountCents: Math.max(500, Math.round((halfPortions / 2) * int(28, 42)) * 10),
                note: pick(["Courses au marché", "Courses", "Légumes de l'AMAP et épicerie"]),
              },
            ];
            if (signed[1] && chance(0.3)) costs.push({ paidByHouseholdId: signed[1].id, amountCents: int(40, 90) * 10, note: "Pain et boissons" });
            for (const c of costs) mealCost(newId(), gid, oid, c.amountCents, c.paidByHouseholdId, c.note, facilitatorId, e + DAY / 2);
            closeMeal.run(
              closedAt,
              facilitatorId,
              costs.reduce((t, c) => t + c.amountCents, 0),
              halfPortions,
              parties.reduce((t, p) => t + placesOf(p), 0),
              closedAt,
              oid,
            );
            const eaters = signed.map((x, k) => ({ householdId: x.id, halfPortions: halfPortionsOf(parties[k]) }));
            for (const l of mealLedgerLines({ costs, eaters })) ledger(newId(), gid, oid, l.householdId, l.kind, l.amountCents, l.halfPortions, closedAt);
          }
        }
      }
    }

    // Meetings: held ones closed with attendance, agenda, decisions and actions, their minutes approved at
    // the next one and published; the ones ahead planned with their agenda.
    let previous: { id: string; day: number } | null = null;
    for (const m of meetingsHeld) {
      const s = at(m.day, hm("18:30"));
      const expectedAdults = hh.filter((x) => isPresent(x, m.day)).flatMap((x) => adultsAt(x, m.day));
      const roles = drawN(expectedAdults, 3, rand);
      const heldIt = m.day < T;
      const items = drawN(AGENDA, int(2, 3), rand);
      if (!heldIt) {
        meeting(
          m.id,
          gid,
          m.occ,
          roles[0]?.id ?? null,
          roles[1]?.id ?? null,
          roles[2]?.id ?? null,
          "planned",
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          facilitatorId,
          NOW - 10 * DAY,
          NOW - 10 * DAY,
        );
        items.forEach(([title], k) =>
          agendaItem(
            newId(),
            gid,
            m.id,
            title,
            null,
            15 + 5 * k,
            k < 2 ? "accepted" : "proposed",
            k < 2 ? k + 1 : null,
            facilitatorId,
            null,
            "",
            NOW - 9 * DAY,
            NOW - 9 * DAY,
          ),
        );
        continue;
      }
      const itemIds = items.map(() => newId());
      const decisions = drawN(DECISIONS, int(1, 2), rand);
      const text = [
        `# Assemblée des habitants du ${dates[m.day]}`,
        "",
        ...items.map(([title, notes]) => `## ${title}\n\n${notes}`),
        "",
        "## Décisions",
        "",
        ...decisions.map(([d]) => `- ${d}`),
      ].join("\n");
      meeting(
        m.id,
        gid,
        m.occ,
        roles[0]?.id ?? null,
        roles[1]?.id ?? null,
        roles[2]?.id ?? null,
        "closed",
        s,
        s + 2 * 3_600_000,
        facilitatorId,
        text,
        "draft",
        null,
        null,
        null,
        facilitatorId,
        s - 20 * DAY,
        s + 2 * 3_600_000,
      );
      items.forEach(([title, notes], k) =>
        agendaItem(itemIds[k], gid, m.id, title, null, 20, "accepted", k + 1, facilitatorId, int(10, 30), notes, s - 15 * DAY, s + 2 * 3_600_000),
      );
      const presentIds: string[] = [];
      let voices = 0;
      const rows: [string, string, string | null][] = [];
      for (const p of expectedAdults) {
        const r = rand();
        const status = r < 0.45 ? "present" : r < 0.62 ? "excused" : "absent";
        rows.push([p.id, status, null]);
        if (status === "present") presentIds.push(p.id);
      }
      for (const row of rows) if (row[1] === "excused" && presentIds.length && chance(0.25)) row[2] = pick(presentIds);
      for (const [pid, status, proxy] of rows) {
        attendance(newId(), gid, m.id, pid, status, proxy, s + 2 * 3_600_000);
        if (status === "present" || proxy) voices++;
      }
      for (const [d, method, result] of decisions) {
        const votes = method === "majority" ? [Math.ceil(voices * 0.6), Math.floor(voices * 0.25), 0] : [null, null, null];
        if (method === "majority" && result !== "adopted") [votes[0], votes[1]] = [votes[1], votes[0]];
        if (method === "majority") votes[2] = Math.max(0, voices - (votes[0] as number) - (votes[1] as number));
        decision(newId(), gid, m.id, itemIds[0], d, method, result, votes[0], votes[1], votes[2], dates[m.day], searchable(d), facilitatorId, s + 3_600_000);
      }
      for (let k = 0; k < int(1, 3) && expectedAdults.length; k++) {
        const who = pick(expectedAdults);
        const due = Math.min(N - 1, m.day + int(14, 40));
        const doneDay = m.day + int(5, 50);
        const done = doneDay < T && chance(0.75) ? dates[doneDay] : null;
        meetingAction(
          newId(),
          gid,
          m.id,
          itemIds[k % itemIds.length],
          pick(ACTIONS),
          who.id,
          dates[due],
          dates[m.day],
          done,
          done ? (who.userId ?? facilitatorId) : null,
          facilitatorId,
          s + 3_600_000,
        );
      }
      if (previous) approveMinutes.run("published", s + 10 * MIN, m.id, s + 2 * DAY, previous.id);
      previous = { id: m.id, day: m.day };
    }

    // Bookings by households until the group's share is reached: evenings and weekends in the common
    // rooms, stays in the guest room, the cargo bike and the garden. Overlaps are skipped, never written.
    const bookable: [Space, number][] = [[room, 3], [atelier, 2], [guest, 1.2], [equipment, 1.5], ...(garden ? ([[garden, 1]] as [Space, number][]) : [])];
    const totalW = bookable.reduce((a, [, w]) => a + w, 0);
    for (let tries = 0; bookingsMade < bookingsTarget && tries < bookingsTarget * 20; tries++) {
      let r = rand() * totalW;
      let k = 0;
      while (k < bookable.length - 1 && (r -= bookable[k][1]) >= 0) k++;
      const sp = bookable[k][0];
      const i = int(0, N - 6);
      const here = presentAt(i);
      if (!here.length) continue;
      const x = drawHouseholds(here, 1)[0];
      let s: number,
        e: number,
        nights = 0,
        purpose: string,
        guests = 0;
      if (sp.kind === "guest_unit") {
        nights = int(1, 4);
        s = at(i, 15 * 60);
        e = at(i + nights, 11 * 60);
        purpose = pick(GUEST_PURPOSES);
        guests = int(1, 3);
      } else if (sp.kind === "equipment") {
        const h0 = int(8, 14);
        s = at(i, h0 * 60);
        e = s + int(2, 6) * 60 * MIN;
        purpose = pick(["Déménagement d'un meuble", "Courses au marché", "Balade avec les enfants"]);
      } else {
        // Within the quiet hours' limit (22:00).
        const h0 = weekday[i] >= 5 ? int(10, 18) : int(17, 18);
        s = at(i, h0 * 60);
        e = s + int(2, 4) * 60 * MIN;
        purpose = pick(PURPOSES);
        guests = int(0, 25);
      }
      const future = i >= T;
      const r2 = rand();
      const status = future
        ? sp.approval && r2 < 0.3
          ? "requested"
          : "confirmed"
        : r2 < 0.87
          ? "confirmed"
          : r2 < 0.96
            ? "cancelled"
            : sp.approval
              ? "declined"
              : "cancelled";
      const createdBy = x.account ?? facilitatorId;
      book(sp, i, s, e, nights, { householdId: x.id, createdBy, purpose, guests, status, createdAt: createdBefore(s, 2, 30) });
    }

    // Skill exchange: posts, each answered by one to several exchanges between households present then.
    const exchangesTarget = exShares[g];
    let exchangesMade = 0;
    while (exchangesMade < exchangesTarget) {
      const c = int(0, T + 10);
      const here = presentAt(c).filter((x) => adultsAt(x, c).length);
      if (here.length < 2) {
        if (presentAt(T).length < 2) break;
        continue;
      }
      const t = pick(POSTS);
      const owner = pick(here);
      const ownerPerson = pick(adultsAt(owner, c));
      const k = Math.min(exchangesTarget - exchangesMade, int(1, 6));
      const pid = newId();
      const days = Array.from({ length: k }, () => Math.min(N - 1, c + int(3, 200))).sort((a, b) => a - b);
      const lastDay = days[days.length - 1];
      const postStatus = lastDay < T - 60 ? "closed" : chance(0.1) ? "paused" : "active";
      const postCreated = Math.min(at(c, 18 * 60), NOW - DAY);
      post(
        pid,
        gid,
        t.kind,
        t.title,
        t.category,
        ownerPerson.id,
        owner.id,
        ownerPerson.userId ?? owner.account ?? facilitatorId,
        postStatus,
        postCreated,
        Math.max(postCreated, Math.min(at(lastDay, 20 * 60), NOW - DAY)),
      );
      for (const d of days) {
        const others = presentAt(d).filter((x) => x !== owner && adultsAt(x, d).length);
        if (!others.length || !isPresent(owner, d)) continue;
        const other = pick(others);
        const [giverH, receiverH] = t.kind === "offer" ? [owner, other] : [other, owner];
        const giverP = pick(adultsAt(giverH, d));
        const receiverP = pick(CARE.has(t.category) ? bornAt(receiverH, d) : adultsAt(receiverH, d)) ?? null;
        const r = rand();
        const status = d < T - 14 ? (r < 0.92 ? "done" : "cancelled") : d < T ? (r < 0.6 ? "done" : "agreed") : r < 0.5 ? "agreed" : "proposed";
        const minutes = pick(t.minutes);
        const created = Math.min(at(Math.max(0, d - int(2, 10)), 19 * 60), NOW - DAY);
        const confirmedAt = status === "done" ? Math.min(at(d, int(17, 21) * 60), NOW - 3_600_000) : null;
        const eid = newId();
        exchange(
          eid,
          gid,
          pid,
          giverH.id,
          receiverH.id,
          giverP.id,
          receiverP?.id ?? null,
          other.id,
          status,
          status === "proposed" ? null : dates[d],
          status === "done" ? minutes : null,
          status === "done" ? (receiverH.account ?? facilitatorId) : null,
          confirmedAt,
          status === "done" && chance(0.3) ? pick(THANKS) : null,
          created,
          confirmedAt ?? created,
        );
        exchangesMade++;
        if (status === "done")
          for (const mv of movementsFor({ giverHouseholdId: giverH.id, receiverHouseholdId: receiverH.id }, minutes))
            movement(newId(), gid, eid, mv.householdId, mv.minutes, confirmedAt);
      }
    }

    // Support (transitional and supported groups): an episode for most households, an action every two
    // to four weeks while it lasts, referrals to partners, and the checks after a departure.
    if (supported && supportId) {
      const partners = ["Centre médico-social", "Mission locale", "Point d'accès au droit", "Service logement de la mairie"].map((pname, k) => {
        const id = newId();
        partner(id, gid, pname, ["health", "employment", "legal", "housing"][k], "", created0, created0);
        return id;
      });
      for (const x of hh) {
        if (!chance(0.8)) continue;
        const from = Math.max(x.arr, 0);
        if (from >= T) continue;
        const until = x.dep ?? T;
        const closed = x.dep != null || chance(0.2);
        const endDay = x.dep != null ? x.dep : closed ? Math.max(from, T - int(1, 200)) : null;
        const epId = newId();
        const goals = drawN(TOPICS, int(1, 3), rand);
        episode(
          epId,
          gid,
          x.id,
          dates[from],
          endDay == null ? null : dates[endDay],
          JSON.stringify(goals),
          pick(ENTRY),
          endDay == null ? null : x.dep != null ? "household_left" : pick(["goals_met", "partly_met"]),
          supportId,
          at(from, 10 * 60),
          at(endDay ?? from, 10 * 60),
        );
        const last = Math.min(until, endDay ?? T);
        for (let d = from + int(0, 10); d < last; d += int(10, 28)) {
          const aid = chance(0.06);
          const aidId = newId();
          supportAction(
            aidId,
            gid,
            x.id,
            epId,
            dates[d],
            pick(SUPPORT_KINDS),
            JSON.stringify(drawN(goals, 1, rand)),
            pick([30, 45, 60, 90]),
            "",
            aid ? int(50, 400) * 100 : null,
            aid ? pick(["caf", "fsl", "ccas", "association"]) : null,
            chance(0.03) ? JSON.stringify([pick(["health_cover", "housing_benefit", "postal_address", "identity_document"])]) : "[]",
            supportId,
            at(d, 17 * 60),
          );
          actionPerson(aidId, x.persons[0].id, gid);
        }
        if (chance(0.35)) {
          const d = Math.min(T - 1, from + int(5, 120));
          const closedR = d < T - 60 && chance(0.7);
          referral(
            newId(),
            gid,
            x.id,
            pick(partners),
            dates[d],
            closedR ? "closed" : pick(["sent", "taken_up"]),
            closedR ? pick(["resolved", "ongoing_with_partner", "not_taken_up"]) : null,
            closedR ? dates[d + 45] : null,
            supportId,
            at(d, 11 * 60),
            at(d, 11 * 60),
          );
        }
        if (x.dep != null)
          for (const milestone of [6, 12]) {
            const d = x.dep + milestone * 30 + int(0, 10);
            if (d < T) exitCheck(newId(), gid, x.id, milestone, pick(["yes", "yes", "yes", "no", "unknown"]), dates[d], supportId, at(d, 10 * 60));
          }
      }
    }

    // Surveys: every six months, three weeks long; the latest one open now. Answers carry no person:
    // the respondents (accounts) are listed apart, and more answered on paper than have an account.
    for (const back of [700, 520, 335, 155, 5]) {
      const o = T - back;
      if (o < 0) continue;
      const sid = newId();
      const closes = Math.min(N - 1, o + 21);
      survey(sid, gid, `Enquête habitants ${dates[o].slice(0, 7)}`, dates[o], dates[closes], facilitatorId, at(o, 9 * 60));
      const adults = presentAt(o).reduce((t, x) => t + adultsAt(x, o).length, 0);
      const who = residentMemberships.filter(() => chance(back === 5 ? 0.3 : 0.6));
      const n = Math.max(who.length, Math.round(adults * (back === 5 ? 0.15 : 0.3 + rand() * 0.25)));
      const mood = rand();
      for (let a = 0; a < n; a++) {
        const s5 = () => Math.min(5, Math.max(1, Math.round(3.3 + mood + (rand() - 0.5) * 2.4)));
        const s3 = () => Math.min(3, Math.max(1, Math.round(1.6 + (rand() - 0.5) * 1.8)));
        answer(newId(), sid, gid, s5(), s5(), s3(), s3(), s3(), s5(), s5(), chance(0.1) ? "Merci pour les repas partagés." : "");
      }
      for (const mid of who) respondent(sid, gid, mid);
    }

    // The charter in force since the window opened, signed by most adults.
    const cv = newId();
    charterVersion(cv, gid, 1, "Charte des habitants", "adopted", dates[0], facilitatorId, created0, created0);
    CHARTER_ARTICLES.forEach(([title, body], k) => charterArticle(newId(), gid, cv, `a${k + 1}`, k + 1, title, body));
    for (const x of hh) {
      if (!isPresent(x, T) && x.dep == null) continue;
      for (const p of adultsAt(x, Math.max(0, x.arr))) {
        if (!chance(0.8)) continue;
        const d = Math.min(T - 1, Math.max(0, x.arr) + int(0, 60));
        signature(newId(), gid, cv, p.id, p.userId ? "online" : "paper", dates[d], p.userId ?? facilitatorId, at(d, 18 * 60));
      }
    }

    // Money: the programme's grant per year of the programme up to this one, and one to three co-funders.
    const from = Math.max(Number(programme.startsOn.slice(0, 4)), yearOf(0));
    const grantBase = int(150, 600) * 10_000;
    const funders = drawN(
      [
        ["state", "DIHAL"],
        ["local_authority", `Ville de ${city}`],
        ["foundation", "Fondation locale"],
        ["landlord", "Bailleur social"],
      ] as const,
      int(1, 3),
      rand,
    );
    for (let y = from; y <= Math.min(yearOf(T), Number(programme.endsOn.slice(0, 4))); y++) {
      grant(programme.id, gid, y, grantBase + int(-20, 20) * 10_000, created0);
      for (const [fkind, fname] of funders) {
        const planned = int(50, 300) * 10_000;
        funding(
          newId(),
          gid,
          y,
          fkind,
          fname,
          planned,
          y < yearOf(T) ? Math.round(planned * (0.8 + rand() * 0.2)) : Math.round(planned * 0.7),
          created0,
          created0,
        );
      }
    }
    audit(gid, adminId, "demo.seed", "group", gid, JSON.stringify({ note: "Jeu de données volumineux (seed:large)" }), NOW);
  }
  sqlite.exec("drop index seed_large_meal_assignments_role");
  for (const t of versionTriggers) sqlite.exec(t.sql);
  if (versionTriggers.length) {
    const bump = sqlite.prepare("insert into data_versions (scope, version) values (?, 1) on conflict (scope) do update set version = version + 1");
    for (const scope of ["*", ...groupIds.map((id) => `g:${id}`), ...userIds.map((id) => `u:${id}`)]) bump.run(scope);
  }
  return { counts, ms, logins, groupIds };
}

/** Household sizes: a third live alone, a few are large families; transitional sites house more families. */
function pickSize(r: number, kind: string): number {
  const table =
    kind === "transitional"
      ? [0.28, 0.48, 0.64, 0.8, 0.92, 1]
      : kind === "intergenerational"
        ? [0.42, 0.7, 0.83, 0.93, 0.98, 1]
        : [0.33, 0.6, 0.76, 0.9, 0.97, 1];
  return table.findIndex((c) => r < c) + 1;
}

/** `n` distinct items drawn from `xs` (fewer when it is shorter). */
function drawN<T>(xs: readonly T[], n: number, rand: () => number): T[] {
  const pool = xs.slice();
  const out: T[] = [];
  while (out.length < n && pool.length) out.push(pool.splice(Math.floor(rand() * pool.length), 1)[0]);
  return out;
}

/** 'YYYY-MM-DD' + n days in plain calendar arithmetic (UTC noon: no clock change), for the window's loop. */
function addDaysFast(d: string, n: number): string {
  return new Date(Date.parse(`${d}T12:00:00Z`) + n * DAY).toISOString().slice(0, 10);
}
