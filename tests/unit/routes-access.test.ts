// Every route declares who may use it; "member" routes are then covered by the cross-group 404 browser test.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ACCESS_POLICIES } from "~/modules/access/policy";

const ROUTES = path.resolve("app/routes");
const files = fs.readdirSync(ROUTES).filter((f) => /\.(tsx?|jsx?)$/.test(f));

describe("route access policies", () => {
  it("finds the routes", () => {
    expect(files.length).toBeGreaterThan(5);
  });
  for (const file of files) {
    it(`${file} declares its access policy`, () => {
      const source = fs.readFileSync(path.join(ROUTES, file), "utf8");
      const match = /export const access(?::\s*AccessPolicy)?\s*=\s*"([a-z]+)"/.exec(source);
      expect(match, `${file} must export const access: AccessPolicy = "..."`).not.toBeNull();
      expect(ACCESS_POLICIES).toContain(match![1]);
    });
    it(`${file}: a group route requires membership in every loader and action`, () => {
      const source = fs.readFileSync(path.join(ROUTES, file), "utf8");
      if (!file.startsWith("g.$groupId")) return;
      expect(source).toMatch(/access(?::\s*AccessPolicy)?\s*=\s*"member"/);
      for (const fn of ["loader", "action"]) {
        const start = source.search(new RegExp(`export (async )?function ${fn}\\b`));
        if (start < 0) continue;
        const body = source.slice(start, start + 400);
        // requireSupportWorker (support pages, issue 7) is requireMember and then the support-worker check.
        expect(body, `${file} ${fn} must call requireMember first`).toMatch(/require(Member|SupportWorker)\(/);
      }
    });
    it(`${file}: a programme route requires a programme officer in every loader and action`, () => {
      const source = fs.readFileSync(path.join(ROUTES, file), "utf8");
      if (!file.startsWith("p.$programmeId")) return;
      expect(source).toMatch(/access(?::\s*AccessPolicy)?\s*=\s*"officer"/);
      for (const fn of ["loader", "action"]) {
        const start = source.search(new RegExp(`export (async )?function ${fn}\\b`));
        if (start < 0) continue;
        expect(source.slice(start, start + 400), `${file} ${fn} must call requireOfficer first`).toMatch(/requireOfficer\(/);
      }
    });
  }
});
