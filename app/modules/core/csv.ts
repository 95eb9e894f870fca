// The one CSV writer of the app: what French Excel opens by a double click, and no cell it would run as a formula.
// Format: UTF-8 with a BOM and ";" between fields in French (Excel fr reads "," as the decimal separator),
// "," in English; CRLF lines; quotes only where needed.
import Papa from "papaparse";
import type { Lang } from "~/modules/i18n/config";

/**
 * A text cell a spreadsheet would evaluate (OWASP "CSV injection"): one starting with = + - @ — also after spaces,
 * and in their full-width forms, which some Excel versions accept — or with a tab or a CR. Papa prefixes it with
 * "'" so it opens as text. A plain number ("-12,5", "+3") is no formula: escaping it would make it text in Excel.
 */
const FORMULA = /^(?![+-]?\d+(?:[.,]\d+)?$)(?:\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|[\t\r])/;

export type CsvCell = string | number;

export function toCsv(rows: CsvCell[][], lang: Lang): string {
  return "\uFEFF" + Papa.unparse(rows, { delimiter: lang === "fr" ? ";" : ",", newline: "\r\n", quotes: false, escapeFormulae: FORMULA });
}
