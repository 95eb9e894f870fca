// Demo data: one funder, one association, three groups of different kinds, 40+ households and one
// account per role. Names, dates and compositions come from a seeded PRNG so every reset gives the same
// demo (screenshots, e2e tests and bug reports stay comparable); only ids and timestamps differ.
import { hashPassword } from "../app/modules/auth/password.server";
import { newId } from "../app/modules/core/ids";
import type { Db } from "./client.server";
import * as schema from "./schema";
import type { Destination, ProfileTag } from "./schema";
import { seedBookingsDemo } from "./seed-bookings";
import { seedEventsDemo } from "./seed-events";
import { seedExchangeDemo } from "./seed-exchange";
import { seedEvaluationDemo } from "./seed-evaluation";
import { seedMeetingsDemo } from "./seed-meetings";
import { seedSupportDemo } from "./seed-support";
import { seedCharterDemo } from "./seed-charter";
import { seedHistoryDemo } from "./seed-history";
import { mulberry32 } from "./prng";

export type DemoLogin = { role: string; email: string; password: string; note: string };

export const DEMO_PASSWORD = "maisonnee-demo-2026";

// Ages (and so the child / senior tags) are computed against this year, the demo's "today".
const REFERENCE_YEAR = 2026;

// ---------------------------------------------------------------------------------------------------
// Deterministic randomness

class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("seed: cannot pick from an empty list");
    return items[this.int(0, items.length - 1)];
  }
  date(from: string, to: string): string {
    const day = 86_400_000;
    const start = Date.parse(`${from}T00:00:00Z`);
    const end = Date.parse(`${to}T00:00:00Z`);
    return new Date(start + this.int(0, Math.round((end - start) / day)) * day).toISOString().slice(0, 10);
  }
}

// ---------------------------------------------------------------------------------------------------
// Names. First names go by generation as well as origin, so that a senior is not called Kylian.

type Sex = "F" | "M";
type Generation = "old" | "adult" | "young" | "child";
type NamePool = { lastNames: readonly string[]; first: Record<Generation, Record<Sex, readonly string[]>> };

const ORIGINS = {
  fr: {
    lastNames: [
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
      "Vasseur",
      "Picard",
      "Aubert",
      "Lemoine",
      "Brunet",
      "Le Gall",
      "Le Bihan",
      "Tanguy",
      "Hoarau",
      "Payet",
      "Carpentier",
      "Jacquet",
    ],
    first: {
      old: {
        F: ["Monique", "Jacqueline", "Yvette", "Colette", "Annick", "Huguette", "Odette", "Simone", "Françoise", "Michèle", "Danielle", "Germaine"],
        M: ["Michel", "Gérard", "Marcel", "Jean-Claude", "Roger", "André", "Alain", "Jacques", "René", "Guy", "Claude", "Pierre"],
      },
      adult: {
        F: ["Nathalie", "Sandrine", "Claire", "Aurélie", "Élodie", "Céline", "Stéphanie", "Émilie", "Julie", "Marion", "Laure", "Anne-Sophie"],
        M: ["Julien", "Nicolas", "Sébastien", "Guillaume", "Mathieu", "Vincent", "Arnaud", "Damien", "Romain", "Jérôme", "Benoît", "Olivier"],
      },
      young: {
        F: ["Chloé", "Léa", "Manon", "Camille", "Zoé", "Clara", "Océane", "Justine"],
        M: ["Lucas", "Clément", "Hugo", "Théo", "Antoine", "Maxime", "Quentin", "Loïc"],
      },
      child: {
        F: ["Louise", "Jade", "Rose", "Alma", "Lou", "Mia", "Ambre", "Anna", "Iris"],
        M: ["Léo", "Gabriel", "Sacha", "Maël", "Arthur", "Jules", "Nino", "Tom", "Lucien"],
      },
    },
  },
  maghreb: {
    lastNames: ["Haddad", "Mansouri", "Bouzid", "Belkacem", "Amrani", "Cherkaoui", "Zeroual", "Hamidi", "Saïdi", "Brahimi", "Kaci", "Meziane"],
    first: {
      old: { F: ["Fatima", "Khadija", "Zohra", "Aïcha", "Malika"], M: ["Ahmed", "Mohamed", "Saïd", "Abdelkader", "Mustapha"] },
      adult: { F: ["Nadia", "Samira", "Leïla", "Karima", "Hanane", "Soraya"], M: ["Karim", "Samir", "Rachid", "Nordine", "Mehdi", "Farid"] },
      young: { F: ["Inès", "Yasmine", "Sarah", "Myriam", "Anissa"], M: ["Yanis", "Rayan", "Bilal", "Ilyes", "Walid"] },
      child: { F: ["Nour", "Lina", "Aya", "Inaya", "Assia"], M: ["Adam", "Ilyan", "Youssef", "Naël", "Amir"] },
    },
  },
  westAfrica: {
    lastNames: ["Diallo", "Traoré", "Cissé", "Koné", "Diop", "Ndiaye", "Camara", "Keïta", "Sow", "Kouyaté", "Sylla", "Fofana"],
    first: {
      old: { F: ["Aminata", "Mariama", "Fatoumata"], M: ["Mamadou", "Ousmane", "Boubacar"] },
      adult: { F: ["Aïssata", "Awa", "Binta", "Kadiatou", "Fanta", "Mariam"], M: ["Moussa", "Ibrahima", "Sékou", "Abdoulaye", "Lamine", "Amadou"] },
      young: { F: ["Hawa", "Oumou", "Djeneba", "Rokia"], M: ["Souleymane", "Bakary", "Modibo", "Cheick"] },
      child: { F: ["Aïssatou", "Maïmouna", "Khady", "Fatou", "Salimata"], M: ["Ibrahim", "Issa", "Siaka", "Mohamed", "Idrissa"] },
    },
  },
  romania: {
    lastNames: ["Dumitru", "Constantin", "Radu", "Lungu", "Munteanu", "Ionescu", "Petrescu", "Rostas", "Căldăraru", "Marin", "Stan", "Gheorghe"],
    first: {
      old: { F: ["Aurelia", "Veronica", "Floarea"], M: ["Gheorghe", "Vasile", "Ion"] },
      adult: { F: ["Florentina", "Mădălina", "Ioana", "Elena", "Loredana", "Mirela"], M: ["Florin", "Marian", "Ionuț", "Costel", "Nicolae", "Adrian"] },
      young: { F: ["Andreea", "Bianca", "Denisa", "Larisa"], M: ["Alexandru", "Darius", "Robert", "Cosmin"] },
      child: {
        F: ["Ana-Maria", "Sara", "Daria", "Alisia", "Maria", "Casandra", "Roxana", "Ariana", "Evelina", "Raluca"],
        M: ["Denis", "David", "Rareș", "Luca", "Gabriel", "Ștefan", "Andrei", "Mario", "Sebastian", "Eduard"],
      },
    },
  },
  vietnam: {
    lastNames: ["Nguyen", "Tran", "Pham", "Hoang", "Vo", "Dang", "Bui", "Le"],
    first: {
      old: { F: ["Thi Lan", "Mai", "Hoa"], M: ["Van Minh", "Duc", "Quang"] },
      adult: { F: ["Linh", "Thu", "Huong", "Ngoc"], M: ["Minh", "Tuan", "Hung", "Thanh"] },
      young: { F: ["Anh", "Vy", "Trang", "My"], M: ["Kevin", "Long", "Bao", "Huy"] },
      child: { F: ["Emma", "Lily", "Chloé"], M: ["Nathan", "Ethan", "Lucas"] },
    },
  },
  iberia: {
    lastNames: ["Pereira", "Da Silva", "Fernandes", "Rodrigues", "Garcia", "Lopez", "Sanchez", "Oliveira", "Gonçalves", "Martins"],
    first: {
      old: { F: ["Maria", "Rosa", "Conceição", "Carmen"], M: ["Manuel", "José", "António", "Antonio"] },
      adult: { F: ["Ana", "Sofia", "Isabel", "Cristina"], M: ["Paulo", "Carlos", "Miguel", "Rui"] },
      young: { F: ["Inês", "Lúcia", "Alba"], M: ["Diego", "Tiago", "Pablo"] },
      child: { F: ["Lola", "Elena", "Luna"], M: ["Enzo", "Mateo", "Tiago"] },
    },
  },
  turkey: {
    lastNames: ["Yılmaz", "Demir", "Kaya", "Şahin", "Öztürk", "Çelik"],
    first: {
      old: { F: ["Hatice", "Fadime"], M: ["Hüseyin", "İsmail"] },
      adult: { F: ["Elif", "Zeynep", "Ayşe"], M: ["Mehmet", "Emre", "Murat"] },
      young: { F: ["Esra", "Melike"], M: ["Burak", "Kerem"] },
      child: { F: ["Eylül", "Defne", "Azra"], M: ["Mert", "Emir", "Yusuf"] },
    },
  },
} satisfies Record<string, NamePool>;

type Origin = keyof typeof ORIGINS;

function generationOf(birthYear: number): Generation {
  const age = REFERENCE_YEAR - birthYear;
  if (age < 18) return "child";
  if (age < 28) return "young";
  if (age < 65) return "adult";
  return "old";
}

function ageTags(birthYear: number): ProfileTag[] {
  const age = REFERENCE_YEAR - birthYear;
  if (age < 18) return ["child"];
  if (age >= 65) return ["senior"];
  return [];
}

// ---------------------------------------------------------------------------------------------------
// Household compositions. The PRNG fills names, birth years within the ranges and dates.

type MemberSpec = {
  sex: Sex;
  born: [number, number];
  tags: ProfileTag[];
  origin?: Origin; // a first name from another origin than the household's (mixed couples)
  firstName?: string;
};
type HouseholdSpec = {
  origin: Origin;
  dwelling: string;
  arrival: [string, string];
  departure?: { between: [string, string]; destination: Destination };
  members: MemberSpec[];
  lastName?: string;
  demo?: DemoResident;
};
type DemoResident = "tilleuls" | "passerelle";

function p(sex: Sex, born: number | [number, number], tags: ProfileTag[] = [], extra: Partial<MemberSpec> = {}): MemberSpec {
  return { sex, born: typeof born === "number" ? [born, born] : born, tags, ...extra };
}

// The building was delivered in autumn 2019; most flats were taken by the founding households.
const TILLEULS_MOVE_IN: [string, string] = ["2019-10-01", "2019-11-15"];

const TILLEULS: HouseholdSpec[] = [
  {
    origin: "fr",
    dwelling: "Appartement 1",
    arrival: TILLEULS_MOVE_IN,
    members: [p("M", [1980, 1983]), p("F", [1982, 1985]), p("F", [2011, 2013]), p("M", [2015, 2017])],
  },
  { origin: "fr", dwelling: "Appartement 2", arrival: TILLEULS_MOVE_IN, members: [p("M", [1952, 1954]), p("F", [1954, 1957])] },
  {
    origin: "maghreb",
    dwelling: "Appartement 3",
    arrival: ["2021-03-01", "2021-07-31"],
    members: [p("F", [1986, 1989], ["single_parent_family"]), p("M", [2012, 2014]), p("F", [2016, 2018])],
  },
  {
    origin: "westAfrica",
    dwelling: "Appartement 4",
    arrival: TILLEULS_MOVE_IN,
    members: [p("M", [1977, 1980]), p("F", [1981, 1984]), p("F", [2008, 2008]), p("M", [2011, 2013]), p("F", [2017, 2019])],
  },
  { origin: "fr", dwelling: "Appartement 5", arrival: TILLEULS_MOVE_IN, members: [p("M", [1970, 1974], ["disability"])] },
  {
    origin: "fr",
    dwelling: "Appartement 6",
    arrival: TILLEULS_MOVE_IN,
    lastName: "Marchand",
    demo: "tilleuls",
    members: [p("F", 1951, [], { firstName: "Jeanne" })],
  },
  {
    origin: "iberia",
    dwelling: "Appartement 7",
    arrival: ["2022-01-10", "2022-04-30"],
    members: [p("M", [1984, 1987]), p("F", [1986, 1989]), p("F", [2019, 2021])],
  },
  { origin: "fr", dwelling: "Appartement 8", arrival: TILLEULS_MOVE_IN, members: [p("F", [1966, 1970])] },
  {
    origin: "vietnam",
    dwelling: "Appartement 9",
    arrival: TILLEULS_MOVE_IN,
    members: [p("M", [1974, 1977]), p("F", [1976, 1979]), p("F", [2004, 2006], ["student"]), p("M", [2010, 2012])],
  },
  {
    origin: "fr",
    dwelling: "Appartement 10",
    arrival: ["2023-06-01", "2023-09-30"],
    members: [p("F", [1993, 1995]), p("M", [1992, 1995], [], { origin: "maghreb" }), p("M", [2024, 2025])],
  },
  { origin: "maghreb", dwelling: "Appartement 11", arrival: TILLEULS_MOVE_IN, members: [p("M", [1949, 1951]), p("F", [1952, 1955])] },
  {
    origin: "fr",
    dwelling: "Appartement 12",
    arrival: ["2024-02-01", "2024-08-31"],
    members: [p("M", [1979, 1982], ["single_parent_family"]), p("M", [2013, 2015]), p("F", [2016, 2018])],
  },
  { origin: "fr", dwelling: "Appartement 13", arrival: TILLEULS_MOVE_IN, members: [p("M", [1961, 1963]), p("F", [1963, 1966], ["disability"])] },
  { origin: "fr", dwelling: "Appartement 14", arrival: ["2025-04-01", "2025-10-31"], members: [p("F", [1989, 1992], ["disability"])] },
  {
    origin: "turkey",
    dwelling: "Appartement 15",
    arrival: ["2026-02-01", "2026-05-31"],
    members: [p("M", [1983, 1986]), p("F", [1985, 1988]), p("M", [2014, 2016]), p("F", [2019, 2021])],
  },
];

// Seniors have studios of their own; students rent a room for a school year, in exchange for presence.
const QUATRE_SAISONS: HouseholdSpec[] = [
  { origin: "fr", dwelling: "Studio 1", arrival: ["2020-09-01", "2020-10-15"], members: [p("F", [1938, 1941])] },
  { origin: "fr", dwelling: "Studio 2", arrival: ["2020-09-01", "2020-10-15"], members: [p("M", [1942, 1945], ["disability"])] },
  { origin: "fr", dwelling: "Studio 3", arrival: ["2021-02-01", "2021-06-30"], members: [p("F", [1945, 1948])] },
  { origin: "maghreb", dwelling: "Studio 4", arrival: ["2022-03-01", "2022-09-30"], members: [p("F", [1947, 1950])] },
  { origin: "iberia", dwelling: "Studio 5", arrival: ["2023-01-15", "2023-06-30"], members: [p("M", [1950, 1953])] },
  { origin: "fr", dwelling: "Studio 6", arrival: ["2024-04-01", "2024-07-31"], members: [p("F", [1936, 1939])] },
  { origin: "fr", dwelling: "Chambre 1", arrival: ["2024-08-26", "2024-09-15"], members: [p("F", [2003, 2004], ["student"])] },
  { origin: "westAfrica", dwelling: "Chambre 2", arrival: ["2024-08-26", "2024-09-15"], members: [p("M", [2004, 2005], ["student"])] },
  { origin: "vietnam", dwelling: "Chambre 3", arrival: ["2025-08-25", "2025-09-15"], members: [p("F", [2005, 2006], ["student"])] },
  { origin: "fr", dwelling: "Chambre 4", arrival: ["2023-08-28", "2023-09-15"], members: [p("M", [2002, 2003], ["student"])] },
  { origin: "maghreb", dwelling: "Chambre 5", arrival: ["2026-08-31", "2026-09-15"], members: [p("F", [2006, 2007], ["student"])] },
  {
    origin: "fr",
    dwelling: "Appartement T3",
    arrival: ["2022-05-01", "2022-08-31"],
    members: [p("M", [1993, 1995]), p("F", [1994, 1997], [], { origin: "westAfrica" }), p("F", [2020, 2021]), p("M", [2023, 2024])],
  },
  {
    origin: "westAfrica",
    dwelling: "Appartement T2",
    arrival: ["2025-01-06", "2025-03-31"],
    members: [p("F", [1990, 1993], ["single_parent_family"]), p("M", [2018, 2019])],
  },
];

// Modular homes on a temporary site: a module freed by a household that moved on is given to a new one.
const PASSERELLE: HouseholdSpec[] = [
  {
    origin: "romania",
    dwelling: "Module 1",
    arrival: ["2019-05-13", "2019-06-28"],
    lastName: "Stoica",
    demo: "passerelle",
    members: [p("M", 1986, [], { firstName: "Mihai" }), p("F", [1989, 1991]), p("F", [2010, 2012]), p("M", [2014, 2016]), p("M", [2020, 2022])],
  },
  {
    origin: "romania",
    dwelling: "Module 2",
    arrival: ["2020-02-01", "2020-06-30"],
    members: [p("F", [1991, 1993], ["single_parent_family"]), p("M", [2011, 2013]), p("F", [2014, 2016]), p("F", [2018, 2020])],
  },
  {
    origin: "westAfrica",
    dwelling: "Module 3",
    arrival: ["2023-10-15", "2023-12-15"],
    members: [p("F", [1988, 1991], ["single_parent_family"]), p("M", [2013, 2015]), p("F", [2017, 2019])],
  },
  {
    origin: "romania",
    dwelling: "Module 4",
    arrival: ["2019-05-13", "2019-06-28"],
    members: [
      p("M", [1978, 1980]),
      p("F", [1980, 1982]),
      p("M", 2007, ["young_adult_insertion"]),
      p("F", [2010, 2012]),
      p("M", [2013, 2015]),
      p("F", [2017, 2019]),
    ],
  },
  { origin: "maghreb", dwelling: "Module 5", arrival: ["2024-03-01", "2024-06-30"], members: [p("M", [2002, 2004], ["young_adult_insertion"])] },
  { origin: "fr", dwelling: "Module 6", arrival: ["2025-01-15", "2025-05-31"], members: [p("F", [2004, 2006], ["young_adult_insertion"])] },
  {
    origin: "romania",
    dwelling: "Module 7",
    arrival: ["2024-08-01", "2024-09-30"],
    members: [p("F", [1994, 1996], ["single_parent_family"]), p("M", [2016, 2018]), p("F", [2020, 2022])],
  },
  {
    origin: "romania",
    dwelling: "Module 8",
    arrival: ["2021-01-15", "2021-05-31"],
    members: [p("M", [1982, 1984]), p("F", [1984, 1986]), p("M", [2012, 2014], ["disability"]), p("F", [2016, 2018])],
  },
  {
    origin: "maghreb",
    dwelling: "Module 9",
    arrival: ["2022-02-01", "2022-05-31"],
    members: [p("M", [1983, 1986], ["single_parent_family"]), p("F", [2015, 2017])],
  },
  { origin: "westAfrica", dwelling: "Module 10", arrival: ["2026-01-05", "2026-02-27"], members: [p("M", [2003, 2005], ["young_adult_insertion"])] },
  {
    origin: "romania",
    dwelling: "Module 11",
    arrival: ["2020-09-01", "2020-12-15"],
    members: [p("F", [1956, 1959]), p("F", [1987, 1989], ["single_parent_family"]), p("M", [2012, 2014]), p("F", [2018, 2020])],
  },
  // Households that have left, each with the module it occupied before the current one.
  {
    origin: "romania",
    dwelling: "Module 3",
    arrival: ["2019-05-13", "2019-06-28"],
    departure: { between: ["2023-07-01", "2023-09-30"], destination: "durable_social_housing" },
    members: [p("M", [1981, 1984]), p("F", [1984, 1987]), p("F", [2009, 2011]), p("M", [2013, 2015])],
  },
  {
    origin: "westAfrica",
    dwelling: "Module 7",
    arrival: ["2020-03-01", "2020-09-30"],
    departure: { between: ["2024-04-01", "2024-06-30"], destination: "durable_social_housing" },
    members: [p("F", [1985, 1988], ["single_parent_family"]), p("M", [2014, 2016])],
  },
  {
    origin: "fr",
    dwelling: "Module 10",
    arrival: ["2022-06-01", "2022-10-31"],
    departure: { between: ["2025-09-01", "2025-11-30"], destination: "temporary_accommodation" },
    members: [p("M", [2000, 2002], ["young_adult_insertion"])],
  },
];

// ---------------------------------------------------------------------------------------------------
// Building the rows

type HouseholdRow = typeof schema.households.$inferInsert;
type PersonRow = typeof schema.persons.$inferInsert;

const TAG_ORDER = Object.fromEntries(schema.PROFILE_TAGS.map((tag, i) => [tag, i])) as Record<ProfileTag, number>;

function buildHouseholds(rng: Rng, groupId: string, specs: HouseholdSpec[], usedLastNames: Set<string>, demoUserIds: Record<DemoResident, string>) {
  const households: HouseholdRow[] = [];
  const persons: PersonRow[] = [];
  const demo = new Map<DemoResident, { householdId: string; personId: string }>();
  const groupFirstNames = new Set<string>(specs.flatMap((h) => h.members.flatMap((m) => (m.firstName ? [m.firstName] : []))));

  for (const spec of specs) {
    const pool: NamePool = ORIGINS[spec.origin];
    const lastName = spec.lastName ?? rng.pick(pool.lastNames.filter((n) => !usedLastNames.has(n)));
    usedLastNames.add(lastName);
    const householdId = newId();
    households.push({
      id: householdId,
      groupId,
      name: `Foyer ${lastName}`,
      dwelling: spec.dwelling,
      arrivalDate: rng.date(...spec.arrival),
      departureDate: spec.departure ? rng.date(...spec.departure.between) : null,
      destination: spec.departure?.destination ?? null,
    });

    const householdFirstNames = new Set<string>();
    spec.members.forEach((member, index) => {
      const birthYear = rng.int(...member.born);
      const choices = ORIGINS[member.origin ?? spec.origin].first[generationOf(birthYear)][member.sex];
      // Never twice in a household; in a group only once the pool runs out, as happens in real life.
      const allowed = choices.filter((n) => !householdFirstNames.has(n));
      const fresh = allowed.filter((n) => !groupFirstNames.has(n));
      const firstName = member.firstName ?? rng.pick(fresh.length > 0 ? fresh : allowed);
      householdFirstNames.add(firstName);
      groupFirstNames.add(firstName);
      const tags = [...new Set([...ageTags(birthYear), ...member.tags])].sort((a, b) => TAG_ORDER[a] - TAG_ORDER[b]);
      const personId = newId();
      // The demo account belongs to the household's first member.
      const demoKey = index === 0 ? spec.demo : undefined;
      persons.push({
        id: personId,
        groupId,
        householdId,
        userId: demoKey ? demoUserIds[demoKey] : null,
        firstName,
        lastName,
        birthYear,
        tags,
      });
      if (demoKey) demo.set(demoKey, { householdId, personId });
    });
  }
  return { households, persons, demo };
}

// Phone numbers in the 06 39 98 range, which Arcep keeps for fiction, so a demo never rings a real phone.
const USERS = {
  operator: { email: "operateur@demo.maisonnee.fr", name: "Camille Roussel", isOperator: true, phone: null, showEmail: false, showPhone: false },
  programmeOfficer: {
    email: "charge.programme@demo.maisonnee.fr",
    name: "Sophie Lambert",
    isOperator: false,
    phone: "06 39 98 12 40",
    showEmail: true,
    showPhone: false,
  },
  groupAdmin: { email: "admin@demo.maisonnee.fr", name: "Thomas Girard", isOperator: false, phone: "06 39 98 34 56", showEmail: true, showPhone: true },
  facilitator: { email: "animatrice@demo.maisonnee.fr", name: "Nadia Cherif", isOperator: false, phone: "06 39 98 45 12", showEmail: true, showPhone: true },
  resident: { email: "habitante@demo.maisonnee.fr", name: "Jeanne Marchand", isOperator: false, phone: "06 39 98 61 07", showEmail: false, showPhone: true },
  residentOtherGroup: {
    email: "habitant.passerelle@demo.maisonnee.fr",
    name: "Mihai Stoica",
    isOperator: false,
    phone: "06 39 98 52 93",
    showEmail: false,
    showPhone: false,
  },
  facilitatorOtherGroup: {
    email: "animateur.saisons@demo.maisonnee.fr",
    name: "Yann Kerbrat",
    isOperator: false,
    phone: "06 39 98 80 17",
    showEmail: true,
    showPhone: false,
  },
} as const;
type UserKey = keyof typeof USERS;

export async function seedDemo(db: Db): Promise<DemoLogin[]> {
  // argon2 is async; better-sqlite3 transactions must be synchronous, so hash first.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const rng = new Rng(20261123);

  db.transaction((tx) => {
    const userIds = {} as Record<UserKey, string>;
    for (const key of Object.keys(USERS) as UserKey[]) {
      userIds[key] = newId();
      tx.insert(schema.users)
        .values({ id: userIds[key], passwordHash, locale: null, ...USERS[key] })
        .run();
    }

    const funderId = newId();
    const associationId = newId();
    tx.insert(schema.organisations)
      .values([
        { id: funderId, name: "Fondation Solidarité Habitat", kind: "funder" },
        { id: associationId, name: "Association Habiter Ensemble", kind: "association" },
      ])
      .run();
    tx.insert(schema.organisationMembers)
      .values([
        { organisationId: funderId, userId: userIds.programmeOfficer, role: "programme_officer" },
        { organisationId: associationId, userId: userIds.groupAdmin, role: "staff" },
        { organisationId: associationId, userId: userIds.facilitator, role: "staff" },
        { organisationId: associationId, userId: userIds.facilitatorOtherGroup, role: "staff" },
      ])
      .run();

    const programmeId = newId();
    tx.insert(schema.programmes)
      .values({
        id: programmeId,
        organisationId: funderId,
        name: "Habitat partagé et solidaire",
        description:
          "Soutien sur quatre ans à des lieux de vie qui font cohabiter des habitants aux parcours différents " +
          "(aînés, familles, jeunes, personnes fragilisées), avec une association qui anime la vie collective.",
        startsOn: "2024-01-01",
        endsOn: "2027-12-31",
      })
      .run();

    const tilleulsId = newId();
    const saisonsId = newId();
    const passerelleId = newId();
    tx.insert(schema.groups)
      .values([
        {
          id: tilleulsId,
          organisationId: associationId,
          name: "Les Tilleuls",
          city: "Bourges",
          postcode: "18000",
          kind: "participatory",
          timeZone: "Europe/Paris",
          latitude: 47.0811,
          longitude: 2.3988,
        },
        {
          id: saisonsId,
          organisationId: associationId,
          name: "Maison des Quatre Saisons",
          city: "Nantes",
          postcode: "44000",
          kind: "intergenerational",
          timeZone: "Europe/Paris",
          latitude: 47.2184,
          longitude: -1.5536,
        },
        {
          id: passerelleId,
          organisationId: associationId,
          name: "Villa Passerelle",
          city: "Ivry-sur-Seine",
          postcode: "94200",
          kind: "transitional",
          timeZone: "Europe/Paris",
          latitude: 48.8157,
          longitude: 2.3849,
        },
      ])
      .run();
    tx.insert(schema.programmeGroups)
      .values([tilleulsId, saisonsId, passerelleId].map((groupId) => ({ programmeId, groupId })))
      .run();

    const usedLastNames = new Set([...TILLEULS, ...QUATRE_SAISONS, ...PASSERELLE].flatMap((h) => (h.lastName ? [h.lastName] : [])));
    const demo = new Map<DemoResident, { householdId: string; personId: string }>();
    for (const [groupId, specs] of [
      [tilleulsId, TILLEULS],
      [saisonsId, QUATRE_SAISONS],
      [passerelleId, PASSERELLE],
    ] as const) {
      const built = buildHouseholds(rng, groupId, specs, usedLastNames, {
        tilleuls: userIds.resident,
        passerelle: userIds.residentOtherGroup,
      });
      tx.insert(schema.households).values(built.households).run();
      tx.insert(schema.persons).values(built.persons).run();
      for (const [key, value] of built.demo) demo.set(key, value);
    }

    const jeanne = demo.get("tilleuls");
    const mihai = demo.get("passerelle");
    if (!jeanne || !mihai) throw new Error("seed: demo residents missing from the household specs");

    tx.insert(schema.memberships)
      .values([
        { userId: userIds.groupAdmin, groupId: tilleulsId, role: "group_admin" },
        { userId: userIds.facilitator, groupId: tilleulsId, role: "facilitator" },
        { userId: userIds.resident, groupId: tilleulsId, role: "resident", householdId: jeanne.householdId, personId: jeanne.personId },
        { userId: userIds.residentOtherGroup, groupId: passerelleId, role: "resident", householdId: mihai.householdId, personId: mihai.personId },
        { userId: userIds.facilitatorOtherGroup, groupId: saisonsId, role: "facilitator" },
      ])
      .run();

    tx.insert(schema.auditLog)
      .values(
        [tilleulsId, saisonsId, passerelleId].map((groupId) => ({
          groupId,
          userId: userIds.operator,
          action: "demo.seed",
          entity: "group",
          entityId: groupId,
          details: { note: "Données de démonstration" },
        })),
      )
      .run();
  });

  // Each capability adds its demo on top of the groups and households above.
  seedBookingsDemo(db);
  seedEventsDemo(db);
  seedExchangeDemo(db);
  seedSupportDemo(db);
  seedCharterDemo(db);
  seedMeetingsDemo(db);
  seedHistoryDemo(db);
  seedEvaluationDemo(db);

  const login = (role: string, key: UserKey, note: string): DemoLogin => ({ role, email: USERS[key].email, password: DEMO_PASSWORD, note });
  return [
    login("operator", "operator", "Camille Roussel, opératrice de l'instance : crée organisations, collectifs et programmes ; membre d'aucun collectif."),
    login(
      "programme_officer",
      "programmeOfficer",
      "Sophie Lambert, chargée du programme « Habitat partagé et solidaire » à la Fondation Solidarité Habitat : voit les chiffres agrégés des trois collectifs.",
    ),
    login("group_admin", "groupAdmin", "Thomas Girard, salarié de l'Association Habiter Ensemble, administrateur des Tilleuls (Bourges)."),
    login("facilitator", "facilitator", "Nadia Cherif, animatrice des Tilleuls (Bourges), salariée de l'association."),
    login("resident", "resident", "Jeanne Marchand, née en 1951, habitante des Tilleuls (appartement 6) depuis l'ouverture."),
    login(
      "resident_other_group",
      "residentOtherGroup",
      "Mihai Stoica, habitant de la Villa Passerelle (Ivry-sur-Seine, module 1) : les Tilleuls doivent lui répondre 404.",
    ),
    login("facilitator_other_group", "facilitatorOtherGroup", "Yann Kerbrat, animateur de la Maison des Quatre Saisons (Nantes), salarié de l'association."),
  ];
}
