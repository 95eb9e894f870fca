// Programme pages for funders: only the programme's officers get in (404 for anyone else), figures reach the
// loader already protected (no raw small count in the data), exports are logged.
import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~db/client.server";
import { exportLog, organisationMembers, organisations, programmeGroups, programmes, reportRevisions, reports, users } from "~db/schema";
import * as exportRoute from "~/routes/p.$programmeId.export.$file";
import * as exportsPage from "~/routes/p.$programmeId.exports";
import * as groupPage from "~/routes/p.$programmeId.groups.$groupId";
import * as overviewPage from "~/routes/p.$programmeId._index";
import * as reportPage from "~/routes/p.$programmeId.reports.$reportId";
import * as comparePage from "~/routes/p.$programmeId.compare";
import * as mapPage from "~/routes/p.$programmeId.map";
import * as printPage from "~/routes/p.$programmeId.print";
import * as landing from "~/routes/_index";
import { makeGroup, makeHousehold, makeMember, requestAs, thrownResponse, thrownResponseAsync } from "../fixtures";

const args = <P extends Record<string, string>>(request: Request, params: P) => ({ request, params, context: {} as never });

let k = 0;
function makeUser(name: string, isOperator = false) {
  return db
    .insert(users)
    .values({ email: `officer-test-${++k}@exemple.fr`, passwordHash: "x", name, isOperator })
    .returning()
    .get();
}
function makeProgramme(funderName: string) {
  const funder = db.insert(organisations).values({ name: funderName, kind: "funder" }).returning().get();
  const officer = makeUser(`Chargée ${funderName}`);
  db.insert(organisationMembers).values({ organisationId: funder.id, userId: officer.id, role: "programme_officer" }).run();
  const programme = db
    .insert(programmes)
    .values({ organisationId: funder.id, name: `Programme ${funderName}`, startsOn: "2024-01-01", endsOn: "2027-12-31" })
    .returning()
    .get();
  return { funder, officer, programme };
}

// Programme X funds a group of 6 households and a group of 3 (narrative only); programme Y, another funder's.
const X = makeProgramme("Fondation X");
const Y = makeProgramme("Fondation Y");
const big = makeGroup("Les Glycines");
const small = makeGroup("Le Petit Clos");
const bigHouseholds = Array.from({ length: 6 }, (_, i) => makeHousehold(big.id, `Foyer Glycine${i}`));
Array.from({ length: 3 }, (_, i) => makeHousehold(small.id, `Foyer Clos${i}`));
db.insert(programmeGroups)
  .values([
    { programmeId: X.programme.id, groupId: big.id },
    { programmeId: X.programme.id, groupId: small.id },
  ])
  .run();
const yGroup = makeGroup("Autre Groupe");
db.insert(programmeGroups).values({ programmeId: Y.programme.id, groupId: yGroup.id }).run();
const resident = makeMember({ groupId: big.id, householdId: bigHouseholds[0].id });
const facilitator = makeMember({ groupId: big.id, role: "facilitator" });
// Staff of the funder who is not a programme officer, and an operator: still 404.
const staff = makeUser("Comptable X");
db.insert(organisationMembers).values({ organisationId: X.funder.id, userId: staff.id, role: "staff" }).run();
const operator = makeUser("Opératrice", true);

const url = (programmeId: string, path = "") => `http://localhost/p/${programmeId}${path}`;

describe("who may open programme pages", () => {
  it("the programme's officer gets the overview", () => {
    const data = overviewPage.loader(args(requestAs(X.officer.id, url(X.programme.id)), { programmeId: X.programme.id }));
    expect(data.rows.map((r) => r.name)).toEqual(["Le Petit Clos", "Les Glycines"]);
  });

  it("an officer of programme X gets 404 on every page of programme Y", async () => {
    const p = { programmeId: Y.programme.id };
    const as = (path = "") => requestAs(X.officer.id, url(Y.programme.id, path));
    expect(thrownResponse(() => overviewPage.loader(args(as(), p))).status).toBe(404);
    expect(thrownResponse(() => groupPage.loader(args(as(`/groups/${yGroup.id}`), { ...p, groupId: yGroup.id }))).status).toBe(404);
    expect(thrownResponse(() => comparePage.loader(args(as("/compare"), p))).status).toBe(404);
    expect(thrownResponse(() => mapPage.loader(args(as("/map"), p))).status).toBe(404);
    expect(thrownResponse(() => printPage.loader(args(as("/print"), p))).status).toBe(404);
    expect(thrownResponse(() => exportsPage.loader(args(as("/exports"), p))).status).toBe(404);
    expect((await thrownResponseAsync(async () => exportRoute.loader(args(as("/export/overview.csv"), { ...p, file: "overview.csv" })))).status).toBe(404);
  });

  it("an officer of X asking for a group of Y through programme X gets 404", () => {
    const r = thrownResponse(() =>
      groupPage.loader(args(requestAs(X.officer.id, url(X.programme.id, `/groups/${yGroup.id}`)), { programmeId: X.programme.id, groupId: yGroup.id })),
    );
    expect(r.status).toBe(404);
  });

  it("residents, facilitators, the funder's other staff and operators get 404", () => {
    for (const who of [resident, facilitator, staff, operator]) {
      const r = thrownResponse(() => overviewPage.loader(args(requestAs(who.id, url(X.programme.id)), { programmeId: X.programme.id })));
      expect(r.status, who.name).toBe(404);
    }
  });

  it("an officer without a group lands on their programmes", () => {
    const r = thrownResponse(() => landing.loader(args(requestAs(X.officer.id, "http://localhost/"), {})));
    expect(r.headers.get("Location")).toBe("/p");
  });
});

describe("privacy on the server", () => {
  it("a group with fewer than 5 households shows no figures, and the total cannot give it away", () => {
    const data = overviewPage.loader(args(requestAs(X.officer.id, url(X.programme.id)), { programmeId: X.programme.id }));
    const smallRow = data.rows.find((r) => r.id === small.id)!;
    const bigRow = data.rows.find((r) => r.id === big.id)!;
    expect(smallRow.values).toBeNull();
    // The total covers the groups that show figures: with the small group's 3 in it, 9 − 6 would give it away.
    // By bands of 5 (decision 011): 6 households read « 5 à 9 ».
    expect(bigRow.values!.households_present).toEqual({ kind: "band", from: 5, to: 9 });
    expect(data.totals.households_present).toEqual({ kind: "band", from: 5, to: 9 });
    const json = JSON.stringify(data);
    expect(json).not.toMatch(/"value":3\b/);
    expect(json).not.toMatch(/"value":9\b/);
  });

  it("the small group's page carries no figures at all", () => {
    const data = groupPage.loader(
      args(requestAs(X.officer.id, url(X.programme.id, `/groups/${small.id}`)), { programmeId: X.programme.id, groupId: small.id }),
    );
    expect(data.showsFigures).toBe(false);
    expect(data.series).toEqual({});
    expect(data.breakdowns).toBeNull();
  });

  it("a report's frozen figures come through the same rules: 1–4 never leaves as a number; the story only with consent", () => {
    const report = db
      .insert(reports)
      .values({
        groupId: big.id,
        periodKind: "quarter",
        periodKey: "2026-Q1",
        periodFrom: "2026-01-01",
        periodTo: "2026-03-31",
        status: "submitted",
        currentRevision: 1,
      })
      .returning()
      .get();
    db.insert(reportRevisions)
      .values({
        reportId: report.id,
        groupId: big.id,
        revision: 1,
        highlights: "Le jardin partagé a donné ses premières tomates.",
        difficulties: "Peu de monde aux réunions d'hiver.",
        story: "Une histoire sans accord.",
        storyConsent: false,
        snapshot: {
          values: {
            households_present: 12,
            persons_present: 23,
            persons_age_0_17: 10,
            persons_age_18_29: 3,
            persons_age_30_59: 10,
            persons_age_60_74: 0,
            persons_age_75_plus: 0,
            persons_age_unknown: 0,
            arrivals: 2,
            persons_tag_senior: 3,
            participation_share: 0.5,
            exchange_hours: 4.5,
          },
          denominators: { households_present: 12 },
        },
        submittedAt: new Date("2026-04-03T10:00:00Z"),
        submittedByName: "Nadia Animatrice",
      })
      .run();
    const data = reportPage.loader(
      args(requestAs(X.officer.id, url(X.programme.id, `/reports/${report.id}`)), { programmeId: X.programme.id, reportId: report.id }),
    );
    expect(data.values!.arrivals).toEqual({ kind: "small" });
    expect(data.values!.persons_tag_senior).toEqual({ kind: "small" });
    expect(data.values!.households_present).toEqual({ kind: "band", from: 10, to: 14 });
    // Age bands and the persons present each by bands of 5 (decision 011): 23 − 10 − 10 says nothing exact.
    expect(data.values!.persons_age_18_29).toEqual({ kind: "small" });
    expect(data.values!.persons_age_0_17).toEqual({ kind: "band", from: 10, to: 14 });
    expect(data.values!.persons_age_30_59).toEqual({ kind: "band", from: 10, to: 14 });
    expect(data.values!.persons_present).toEqual({ kind: "band", from: 20, to: 24 });
    expect(data.values!.participation_share).toEqual({ kind: "value", value: 0.5 });
    expect(data.revision.highlights).toContain("tomates");
    expect(data.revision.story).toBe("");
    const json = JSON.stringify(data);
    expect(json).not.toMatch(/"(value|from|to)":(2|3|12|23)\b/);
    expect(json).not.toContain("Nadia Animatrice");
    expect(json).not.toContain("sans accord");
    // Officer of Y: 404 on X's report.
    expect(
      thrownResponse(() =>
        reportPage.loader(args(requestAs(Y.officer.id, url(Y.programme.id, `/reports/${report.id}`)), { programmeId: Y.programme.id, reportId: report.id })),
      ).status,
    ).toBe(404);
  });
});

describe("a programme of many groups", () => {
  // 53 groups of 5 households: more than one page of the overview.
  const Z = makeProgramme("Fondation Z");
  const many = Array.from({ length: 53 }, (_, i) => makeGroup(`Collectif ${String(i + 1).padStart(2, "0")}`));
  for (const g of many) for (let h = 0; h < 5; h++) makeHousehold(g.id);
  db.insert(programmeGroups)
    .values(many.map((g) => ({ programmeId: Z.programme.id, groupId: g.id })))
    .run();
  const page = (query = "") => overviewPage.loader(args(requestAs(Z.officer.id, url(Z.programme.id, query)), { programmeId: Z.programme.id }));

  it("shows 50 groups a page, the totals over all 53 on every page", () => {
    const first = page();
    expect(first.rows).toHaveLength(50);
    expect(first.rows[0].name).toBe("Collectif 01");
    expect(first.paging).toEqual({ page: 1, pages: 2, from: 1, to: 50, total: 53 });
    const second = page("?page=2");
    expect(second.rows.map((r) => r.name)).toEqual(["Collectif 51", "Collectif 52", "Collectif 53"]);
    expect(second.paging).toMatchObject({ page: 2, from: 51, to: 53, total: 53 });
    expect(first.totals.households_present).toEqual({ kind: "band", from: 265, to: 269 });
    expect(second.totals).toEqual(first.totals);
    // A page out of range, or not a number, is the first page.
    expect(page("?page=9").paging.page).toBe(1);
    expect(page("?page=abc").rows[0].name).toBe("Collectif 01");
  });

  it("lists the groups in French alphabetical order", () => {
    const extra = ["Les Érables", "Les Violettes", "Les Dahlias"].map((name) => makeGroup(name));
    db.insert(programmeGroups)
      .values(extra.map((g) => ({ programmeId: Z.programme.id, groupId: g.id })))
      .run();
    const names = page("?page=2").rows.map((r) => r.name);
    expect(names.slice(-3)).toEqual(["Les Dahlias", "Les Érables", "Les Violettes"]);
    db.delete(programmeGroups)
      .where(
        inArray(
          programmeGroups.groupId,
          extra.map((g) => g.id),
        ),
      )
      .run();
  });

  it("sends only the columns the table shows", () => {
    const { rows, indicators } = page();
    for (const r of rows) expect(Object.keys(r.values!).sort()).toEqual([...indicators].sort());
  });

  it("the CSV still holds every group", async () => {
    const res = (await exportRoute.loader(
      args(requestAs(Z.officer.id, url(Z.programme.id, "/export/overview.csv")), { programmeId: Z.programme.id, file: "overview.csv" }),
    )) as Response;
    const lines = (await res.text()).split("\r\n").filter((l) => l.startsWith("Collectif "));
    expect(lines).toHaveLength(53);
  });
});

describe("exports", () => {
  it("every CSV is logged with who, what and the filters; French Excel format; same privacy as the page", async () => {
    const before = db.select().from(exportLog).where(eq(exportLog.programmeId, X.programme.id)).all().length;
    const res = (await exportRoute.loader(
      args(requestAs(X.officer.id, url(X.programme.id, "/export/overview.csv?period=quarter&q=clos")), { programmeId: X.programme.id, file: "overview.csv" }),
    )) as Response;
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toContain("text/csv");
    expect(res.headers.get("Content-Disposition")).toMatch(/attachment; filename=".+\.csv"/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the UTF-8 BOM Excel needs
    const body = new TextDecoder().decode(bytes);
    expect(body.split("\r\n")[0]).toContain(";");
    expect(body).toContain("Le Petit Clos");
    expect(body).not.toContain("Les Glycines"); // the search filter applies to the file as to the page
    expect(body).toContain("récit seulement");
    const log = db.select().from(exportLog).where(eq(exportLog.programmeId, X.programme.id)).all();
    expect(log.length).toBe(before + 1);
    const last = log.at(-1)!;
    expect(last.userId).toBe(X.officer.id);
    expect(last.what).toBe("overview");
    expect(last.filters).toMatchObject({ period: "quarter", q: "clos" });

    const page = exportsPage.loader(args(requestAs(X.officer.id, url(X.programme.id, "/exports")), { programmeId: X.programme.id }));
    expect(page.log[0]).toMatchObject({ who: X.officer.name, what: "overview" });
    expect(page.log[0].filters).toBe("Période\u00a0: trimestre · Recherche\u00a0: clos");
  });

  it("an unknown table is 404 and is not logged", async () => {
    const before = db.select().from(exportLog).all().length;
    const r = await thrownResponseAsync(async () =>
      exportRoute.loader(args(requestAs(X.officer.id, url(X.programme.id, "/export/persons.csv")), { programmeId: X.programme.id, file: "persons.csv" })),
    );
    expect(r.status).toBe(404);
    expect(db.select().from(exportLog).all().length).toBe(before);
  });

  it("the group CSV hides the small group's figures", async () => {
    const res = (await exportRoute.loader(
      args(requestAs(X.officer.id, url(X.programme.id, `/export/group.csv?group=${small.id}`)), { programmeId: X.programme.id, file: "group.csv" }),
    )) as Response;
    const body = await res.text();
    const lines = body.replace(/^\uFEFF/, "").split("\r\n");
    // Header + one line per period: every figure cell empty.
    for (const line of lines.slice(1, -2))
      expect(
        line
          .split(";")
          .slice(1)
          .every((c) => c === ""),
      ).toBe(true);
    expect(body).toContain("Moins de 5 foyers");
  });
});
