import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeRedirect } from "~/modules/core/safe-redirect";

// What a browser does with a Location header: resolve it against the page it came from.
const landsOn = (location: string) => new URL(location, "https://maisonnee.example.org/login").origin;

describe("safeRedirect", () => {
  it("keeps a path of this site, with its query", () => {
    expect(safeRedirect("/g/abc/calendar?view=week#today")).toBe("/g/abc/calendar?view=week#today");
    expect(safeRedirect("/")).toBe("/");
  });

  it("refuses what a browser would follow to another site", () => {
    for (const evil of [
      "//evil.example/phish",
      "/\t/evil.example/phish",
      "/\n/evil.example/phish",
      "/\r\n/evil.example",
      "/\\evil.example",
      "\\/evil.example",
      "https://evil.example/",
      "javascript:alert(1)",
      " /evil",
      "/%09/evil.example",
    ]) {
      const to = safeRedirect(evil, "/fallback");
      expect(landsOn(to), JSON.stringify(evil)).toBe("https://maisonnee.example.org");
    }
    expect(safeRedirect("/\t/evil.example/phish", "/x")).toBe("/x");
  });

  it("never returns a control character (a newline in a Location header is a 500)", () => {
    expect(safeRedirect("/ok\nSet-Cookie: a=b", "/x")).toBe("/x");
  });

  it("whatever the input, the browser stays on this site", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        const to = safeRedirect(`/${s}`);
        expect(landsOn(to)).toBe("https://maisonnee.example.org");
        expect(to).not.toMatch(/[\u0000-\u001f]/);
      }),
      { numRuns: 2000 },
    );
  });
});
