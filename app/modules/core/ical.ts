// The one iCal renderer of the app — the bookings feeds, the events feeds, the one-event download (all in
// calendar/feeds.server.ts): RFC 5545 TEXT escaping, SEQUENCE and LAST-MODIFIED, folded lines and the final CRLF.
import ical, { ICalEventStatus } from "ical-generator";

// RFC 5545 § 3.3.11: TEXT holds no control character but HTAB; line breaks are written as "\n".
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** A text as a calendar may carry it: any line break (CRLF, CR, LF) one LF, other control characters removed. */
function icalPlain(value: string): string {
  return value.replace(/\r\n?/g, "\n").replace(CONTROL, "");
}

/** A TEXT value escaped as RFC 5545 § 3.3.11 says: `\` `;` `,` backslashed, a line break as `\n`. */
function icalText(value: string): string {
  return icalPlain(value)
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\n/g, "\\n");
}

export type CalendarEvent = {
  id: string;
  startsAt: Date;
  endsAt: Date;
  summary: string;
  description?: string;
  location?: string;
  url?: string | null;
  status: "confirmed" | "tentative" | "cancelled";
  /** Raised each time the item's time or status changes (a stored counter), so a phone replaces its copy. */
  sequence: number;
  lastModified: Date;
};

const STATUS = { confirmed: ICalEventStatus.CONFIRMED, tentative: ICalEventStatus.TENTATIVE, cancelled: ICalEventStatus.CANCELLED } as const;

/** The .ics text (times in UTC, which every calendar shows in its own zone). */
export function renderCalendar({ name, product, events }: { name: string; product: string; events: CalendarEvent[] }): string {
  // ical-generator writes NAME and X-WR-CALNAME as given, so the name is escaped here; the events' texts it escapes
  // itself (`\` `;` `,` and line breaks), so they are only cleaned of control characters.
  const cal = ical({ name: icalText(name), prodId: { company: "Maisonnee", product }, ttl: 60 * 60 });
  for (const e of events) {
    cal.createEvent({
      id: `${e.id}@maisonnee`,
      start: e.startsAt,
      end: e.endsAt,
      summary: icalPlain(e.summary),
      description: e.description ? icalPlain(e.description) : undefined,
      location: e.location ? icalPlain(e.location) : undefined,
      url: e.url ?? undefined,
      status: STATUS[e.status],
      sequence: e.sequence,
      lastModified: e.lastModified,
    });
  }
  // RFC 5545 § 3.1: every content line, the last one included, ends with CRLF; ical-generator leaves the last bare.
  const text = cal.toString();
  return text.endsWith("\r\n") ? text : `${text}\r\n`;
}
