// Dates shown in the group's time zone through Intl. Instants are epoch ms; calendar dates 'YYYY-MM-DD'.
const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(lang: string, timeZone: string, style: "long" | "short" | "datetime") {
  const key = `${lang}|${timeZone}|${style}`;
  let f = cache.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      style === "long"
        ? { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone }
        : style === "datetime"
          ? { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone }
          : { day: "numeric", month: "long", year: "numeric", timeZone };
    f = new Intl.DateTimeFormat(lang === "en" ? "en-GB" : lang, options);
    cache.set(key, f);
  }
  return f;
}

/** A calendar date 'YYYY-MM-DD' has no time zone: it is formatted as that day, wherever the server is. */
export function formatDate(value: number | string | Date, lang: string, timeZone: string, style: "long" | "short" = "short") {
  const text =
    typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)
      ? formatter(lang, "UTC", style).format(new Date(`${value}T12:00:00Z`))
      : formatter(lang, timeZone, style).format(new Date(value));
  // French writes the first of the month as an ordinal: « 1er mars ».
  return lang === "fr" ? text.replace(/(^|\s)1 (?=\p{L})/u, (_m, before: string) => `${before}1er `) : text;
}

/** A calendar date 'YYYY-MM-DD' (no time zone: the day itself), « 21 novembre 2026 ». */
export function formatDay(value: string, lang: string, style: "long" | "short" = "short") {
  return formatDate(value, lang, "UTC", style);
}

export function formatDateTime(value: number | Date, lang: string, timeZone: string) {
  return formatter(lang, timeZone, "datetime").format(new Date(value));
}

/** Today's calendar date in a time zone, as 'YYYY-MM-DD'. */
const isoDayFormats = new Map<string, Intl.DateTimeFormat>();

export function todayIn(timeZone: string, now = Date.now()): string {
  // Building an Intl formatter costs far more than using one: keep one per time zone.
  let f = isoDayFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    isoDayFormats.set(timeZone, f);
  }
  return f.format(now);
}

export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

const monthFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A period's key as people read it: '2026-Q3' → « 3e trimestre 2026 » (short: « T3 2026 »), '2026-03' → « mars 2026 »,
 * '2026' → « 2026 »; in English « Q3 2026 », « March 2026 ». Anything else is returned as it is.
 */
export function formatPeriod(key: string, lang: string, style: "long" | "short" = "long"): string {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(key);
  if (quarter) {
    const [, y, q] = quarter;
    if (lang !== "fr") return `Q${q} ${y}`;
    return style === "short" ? `T${q} ${y}` : `${q}${q === "1" ? "er" : "e"} trimestre ${y}`;
  }
  const month = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(key);
  if (month) {
    const fkey = `${lang}|${style}`;
    let f = monthFormats.get(fkey);
    if (!f) monthFormats.set(fkey, (f = new Intl.DateTimeFormat(lang === "en" ? "en-GB" : lang, { month: style, year: "numeric", timeZone: "UTC" })));
    return f.format(new Date(`${key}-15T12:00:00Z`));
  }
  return key;
}

const dayMonthFormats = new Map<string, Intl.DateTimeFormat>();

/** « du {from} au {to} » of two calendar dates: the year is said once when both are in the same year (« 1er juillet », « 30 septembre 2026 »). */
export function formatDayRange(from: string, to: string, lang: string): { from: string; to: string } {
  if (from.slice(0, 4) !== to.slice(0, 4)) return { from: formatDay(from, lang), to: formatDay(to, lang) };
  let f = dayMonthFormats.get(lang);
  if (!f) dayMonthFormats.set(lang, (f = new Intl.DateTimeFormat(lang === "en" ? "en-GB" : lang, { day: "numeric", month: "long", timeZone: "UTC" })));
  const start = f.format(new Date(`${from}T12:00:00Z`));
  return { from: lang === "fr" ? start.replace(/^1 /, "1er ") : start, to: formatDay(to, lang) };
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** An instant as a sentence says it: « 3 décembre 2026 à 14 h 05 » (English: « 3 December 2026 at 14:05 »). */
export function formatMoment(value: number | string | Date, lang: string, timeZone: string): string {
  const at = new Date(value);
  const key = `${lang}|${timeZone}`;
  let f = timeFormats.get(key);
  if (!f) timeFormats.set(key, (f = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone })));
  const [h, m] = f.format(at).split(":");
  const day = formatDate(at, lang, timeZone);
  return lang === "fr" ? `${day} à ${Number(h)} h ${m}` : `${day} at ${h}:${m}`;
}

const weekdayFormats = new Map<string, Intl.DateTimeFormat>();

/** A day as said aloud: « jeudi 10 décembre », « jeudi 1er octobre » (English: « Thursday 10 December »). */
export function formatWeekday(value: number | string | Date, lang: string, timeZone: string): string {
  const key = `${lang}|${timeZone}`;
  let f = weekdayFormats.get(key);
  if (!f) weekdayFormats.set(key, (f = new Intl.DateTimeFormat(lang === "en" ? "en-GB" : lang, { weekday: "long", day: "numeric", month: "long", timeZone })));
  const text = f.format(new Date(value));
  return lang === "fr" ? text.replace(/ 1 /, " 1er ") : text;
}
