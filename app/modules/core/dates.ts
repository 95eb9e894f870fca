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
