// Each booking rule at its boundaries, in Europe/Paris, including the two clock changes of 2026
// (29 March: 02:00 → 03:00; 25 October: 03:00 → 02:00).
import { describe, expect, it } from "vitest";
import { zonedToUtc } from "~/modules/core/recurrence";
import {
  NO_RULES,
  addUsage,
  blockOf,
  checkBooking,
  describeProblem,
  noUsage,
  nightsByYear,
  quietPeriods,
  roomSlot,
  ruleBookingWindow,
  ruleCapacity,
  ruleClosures,
  ruleEndAfterStart,
  ruleHouseRules,
  ruleLength,
  ruleMaxNights,
  ruleNoOverlap,
  ruleNotice,
  ruleQuietHours,
  ruleQuotas,
  staySlot,
  usageOf,
  type BusyBooking,
  type Interval,
  type Problem,
  type SpaceRules,
  type Usage,
} from "~/modules/bookings/rules";

const TZ = "Europe/Paris";
const at = (local: string) => zonedToUtc(local, TZ);
const room = (rules: Partial<SpaceRules> = {}): SpaceRules => ({ ...NO_RULES, ...rules });
const guestUnit = (rules: Partial<SpaceRules> = {}): SpaceRules =>
  room({ kind: "guest_unit", checkInTime: "15:00", checkOutTime: "11:00", nightlyFeeCents: 2500, ...rules });
/** A slot on one day, wall-clock times in Paris. */
const slot = (date: string, start: string, end: string): Interval => roomSlot(date, start, end, TZ);
const busy = (s: Interval, bufferMinutes = 0): BusyBooking => ({ ...s, ...blockOf(s, bufferMinutes) });
const codes = (problems: Problem[]) => problems.map((p) => p.code);
const request = (s: Interval, extra: Partial<{ guests: number; acknowledged: boolean; countsForQuota: boolean }> = {}) => ({
  ...s,
  guests: 0,
  acknowledged: true,
  countsForQuota: true,
  ...extra,
});

describe("slots from the form", () => {
  it("a room slot is the date's wall-clock times in the zone; 00:00 ends at the next midnight; an end date goes past midnight", () => {
    expect(slot("2026-03-28", "20:00", "23:00")).toEqual({ startsAt: Date.parse("2026-03-28T19:00:00Z"), endsAt: Date.parse("2026-03-28T22:00:00Z") });
    expect(slot("2026-03-28", "20:00", "00:00").endsAt).toBe(Date.parse("2026-03-28T23:00:00Z"));
    expect(roomSlot("2026-03-28", "20:00", "01:00", TZ, "2026-03-29").endsAt).toBe(Date.parse("2026-03-29T00:00:00Z"));
  });
  it("a guest stay runs from check-in on the arrival date to check-out on the departure date; fee = nights × nightly fee", () => {
    // Across the spring change: 3 nights, even though 27 March 15:00 → 30 March 11:00 is 67 real hours.
    const stay = staySlot(guestUnit(), "2026-03-27", "2026-03-30", TZ);
    expect(stay).toEqual({ startsAt: Date.parse("2026-03-27T14:00:00Z"), endsAt: Date.parse("2026-03-30T09:00:00Z"), nights: 3, feeCents: 7500 });
    const result = checkBooking({
      space: guestUnit(),
      closures: [],
      others: [],
      usage: noUsage(),
      now: at("2026-03-01T10:00"),
      timeZone: TZ,
      slot: request(stay),
    });
    expect(result).toEqual({ ok: true, nights: 3, feeCents: 7500, minutes: 67 * 60 });
  });
});

describe("end after start", () => {
  it("refuses an end at or before the start, and a stay of no night", () => {
    expect(codes(ruleEndAfterStart(room(), { startsAt: at("2026-05-01T14:00"), endsAt: at("2026-05-01T14:00") }, TZ))).toEqual(["end_before_start"]);
    expect(codes(ruleEndAfterStart(room(), { startsAt: at("2026-05-01T14:00"), endsAt: at("2026-05-01T13:00") }, TZ))).toEqual(["end_before_start"]);
    expect(ruleEndAfterStart(room(), slot("2026-05-01", "14:00", "14:01"), TZ)).toEqual([]);
    const sameDay = { startsAt: at("2026-05-01T10:00"), endsAt: at("2026-05-01T18:00") };
    expect(ruleEndAfterStart(guestUnit(), sameDay, TZ)).toEqual([{ code: "end_before_start", field: "departureDate", params: {} }]);
  });
});

describe("length", () => {
  const space = room({ minMinutes: 60, maxMinutes: 180 });
  it("accepts exactly the minimum and the maximum, refuses a minute less or more", () => {
    expect(ruleLength(space, slot("2026-05-01", "14:00", "15:00"))).toEqual([]);
    expect(ruleLength(space, slot("2026-05-01", "14:00", "14:59"))).toEqual([{ code: "too_short", field: "endTime", params: { minutes: 60 } }]);
    expect(ruleLength(space, slot("2026-05-01", "14:00", "17:00"))).toEqual([]);
    expect(ruleLength(space, slot("2026-05-01", "14:00", "17:01"))).toEqual([{ code: "too_long", field: "endTime", params: { minutes: 180 } }]);
  });
  it("counts real minutes on the nights the clocks change", () => {
    // 29 March 00:00–03:30 on the wall is 2 h 30 real: fine with a 3 h maximum.
    expect(ruleLength(space, slot("2026-03-29", "00:00", "03:30"))).toEqual([]);
    // 25 October 00:00–03:00 on the wall is 4 h real: too long.
    expect(codes(ruleLength(space, slot("2026-10-25", "00:00", "03:00")))).toEqual(["too_long"]);
    // 29 March 01:30–03:15 is 45 real minutes: too short for 1 h.
    expect(codes(ruleLength(space, slot("2026-03-29", "01:30", "03:15")))).toEqual(["too_short"]);
  });
  it("does not apply to a guest stay, which has a maximum of nights instead", () => {
    const stay = staySlot(guestUnit(), "2026-05-01", "2026-05-04", TZ);
    expect(ruleLength(guestUnit({ maxMinutes: 60 }), stay)).toEqual([]);
    expect(ruleMaxNights(guestUnit({ maxNights: 3 }), stay, TZ)).toEqual([]);
    expect(ruleMaxNights(guestUnit({ maxNights: 2 }), stay, TZ)).toEqual([{ code: "too_many_nights", field: "departureDate", params: { max: 2 } }]);
  });
});

describe("notice", () => {
  const space = room({ minNoticeHours: 48 });
  const s = slot("2026-05-10", "14:00", "16:00");
  it("accepts exactly the minimum notice, refuses a millisecond less", () => {
    expect(ruleNotice(space, s, s.startsAt - 48 * 3_600_000)).toEqual([]);
    expect(ruleNotice(space, s, s.startsAt - 48 * 3_600_000 + 1)).toEqual([{ code: "too_little_notice", field: "startTime", params: { hours: 48 } }]);
  });
  it("refuses a start in the past, even with no notice rule", () => {
    expect(ruleNotice(room(), s, s.startsAt)).toEqual([]);
    expect(codes(ruleNotice(room(), s, s.startsAt + 1))).toEqual(["in_past"]);
  });
  it("counts real hours across the spring change: Saturday 12:00 to Monday 12:00 is 47 hours", () => {
    const monday = slot("2026-03-30", "12:00", "14:00");
    expect(codes(ruleNotice(space, monday, at("2026-03-28T12:00")))).toEqual(["too_little_notice"]);
    expect(ruleNotice(space, monday, at("2026-03-28T11:00"))).toEqual([]);
  });
});

describe("booking window", () => {
  const space = room({ bookingWindowDays: 30 });
  it("accepts the last day of the window, refuses the day after", () => {
    const now = at("2026-03-01T23:30");
    expect(ruleBookingWindow(space, slot("2026-03-31", "20:00", "22:00"), now, TZ)).toEqual([]);
    expect(ruleBookingWindow(space, slot("2026-04-01", "08:00", "09:00"), now, TZ)).toEqual([
      { code: "too_far_ahead", field: "date", params: { days: 30, lastDate: "2026-03-31" } },
    ]);
  });
  it("counts days in the group's zone, not UTC (00:30 in Paris is still yesterday in UTC)", () => {
    const now = Date.parse("2026-02-28T23:30:00Z"); // 1 March 00:30 in Paris
    expect(ruleBookingWindow(space, slot("2026-03-31", "10:00", "11:00"), now, TZ)).toEqual([]);
  });
});

describe("quiet hours", () => {
  const night = room({ quietStart: "22:00", quietEnd: "07:00" });
  it("may end when they start and start when they end, not a minute inside", () => {
    expect(ruleQuietHours(night, slot("2026-05-02", "20:00", "22:00"), TZ)).toEqual([]);
    expect(ruleQuietHours(night, slot("2026-05-02", "20:00", "22:01"), TZ)).toEqual([
      { code: "in_quiet_hours", field: "startTime", params: { start: "22:00", end: "07:00" } },
    ]);
    expect(ruleQuietHours(night, slot("2026-05-03", "07:00", "09:00"), TZ)).toEqual([]);
    expect(codes(ruleQuietHours(night, slot("2026-05-03", "06:59", "09:00"), TZ))).toEqual(["in_quiet_hours"]);
  });
  it("cross midnight: a slot inside them on either side of midnight is refused", () => {
    expect(codes(ruleQuietHours(night, slot("2026-05-02", "23:00", "23:30"), TZ))).toEqual(["in_quiet_hours"]);
    expect(codes(ruleQuietHours(night, slot("2026-05-03", "00:30", "01:00"), TZ))).toEqual(["in_quiet_hours"]);
  });
  it("follow the wall clock on the nights of the clock changes", () => {
    // 28 March 22:00 (UTC+1) to 29 March 07:00 (UTC+2): 8 real hours.
    const springNight = quietPeriods("22:00", "07:00", at("2026-03-28T23:00"), at("2026-03-28T23:30"), TZ);
    expect(springNight).toEqual([{ startsAt: Date.parse("2026-03-28T21:00:00Z"), endsAt: Date.parse("2026-03-29T05:00:00Z") }]);
    expect(ruleQuietHours(night, slot("2026-03-29", "07:00", "09:00"), TZ)).toEqual([]);
    expect(codes(ruleQuietHours(night, slot("2026-03-29", "06:30", "08:00"), TZ))).toEqual(["in_quiet_hours"]);
    // 24 October 22:00 (UTC+2) to 25 October 07:00 (UTC+1): 10 real hours.
    const autumnNight = quietPeriods("22:00", "07:00", at("2026-10-24T23:00"), at("2026-10-24T23:30"), TZ);
    expect(autumnNight[0].endsAt - autumnNight[0].startsAt).toBe(10 * 3_600_000);
    expect(ruleQuietHours(night, slot("2026-10-25", "07:00", "09:00"), TZ)).toEqual([]);
    expect(codes(ruleQuietHours(night, slot("2026-10-25", "06:00", "08:00"), TZ))).toEqual(["in_quiet_hours"]);
  });
  it("within a day (a nap time), and not for a guest stay", () => {
    const nap = room({ quietStart: "13:00", quietEnd: "15:00" });
    expect(ruleQuietHours(nap, slot("2026-05-02", "10:00", "13:00"), TZ)).toEqual([]);
    expect(codes(ruleQuietHours(nap, slot("2026-05-02", "14:59", "16:00"), TZ))).toEqual(["in_quiet_hours"]);
    expect(ruleQuietHours(guestUnit({ quietStart: "22:00", quietEnd: "07:00" }), staySlot(guestUnit(), "2026-05-01", "2026-05-03", TZ), TZ)).toEqual([]);
  });
});

describe("closures", () => {
  const closure = { startsAt: at("2026-03-10T00:00"), endsAt: at("2026-03-13T00:00"), reason: "Peinture" };
  it("refuses a slot that touches a closure and names it; back-to-back with it is fine", () => {
    expect(ruleClosures(room(), [closure], slot("2026-03-12", "23:00", "23:59"))).toEqual([
      { code: "in_closure", field: "date", params: { startsAt: closure.startsAt, endsAt: closure.endsAt, reason: "Peinture" } },
    ]);
    expect(ruleClosures(room(), [closure], slot("2026-03-09", "20:00", "00:00"))).toEqual([]);
    expect(ruleClosures(room(), [closure], slot("2026-03-13", "00:00", "02:00"))).toEqual([]);
    expect(codes(ruleClosures(room(), [closure], slot("2026-03-09", "23:00", "23:59")))).toEqual([]);
  });
});

describe("no overlap", () => {
  const existing = slot("2026-05-02", "14:00", "16:00");
  it("without a buffer, back-to-back bookings on either side are fine; one minute over is not", () => {
    const others = [busy(existing)];
    expect(ruleNoOverlap(room(), others, slot("2026-05-02", "16:00", "18:00"))).toEqual([]);
    expect(ruleNoOverlap(room(), others, slot("2026-05-02", "12:00", "14:00"))).toEqual([]);
    expect(ruleNoOverlap(room(), others, slot("2026-05-02", "15:59", "18:00"))).toEqual([
      { code: "overlap", field: "startTime", params: { startsAt: existing.startsAt, endsAt: existing.endsAt, bufferMinutes: 0 } },
    ]);
    expect(codes(ruleNoOverlap(room(), others, slot("2026-05-02", "12:00", "14:01")))).toEqual(["overlap"]);
    expect(codes(ruleNoOverlap(room(), others, slot("2026-05-02", "10:00", "20:00")))).toEqual(["overlap"]);
  });
  it("with a 30-minute buffer, the next booking starts 30 minutes after the end, and a booking before ends 30 minutes before", () => {
    const space = room({ bufferMinutes: 30 });
    const others = [busy(existing, 30)];
    expect(codes(ruleNoOverlap(space, others, slot("2026-05-02", "16:00", "18:00")))).toEqual(["overlap"]);
    expect(codes(ruleNoOverlap(space, others, slot("2026-05-02", "16:29", "18:00")))).toEqual(["overlap"]);
    expect(ruleNoOverlap(space, others, slot("2026-05-02", "16:30", "18:00"))).toEqual([]);
    expect(ruleNoOverlap(space, others, slot("2026-05-02", "12:00", "13:30"))).toEqual([]);
    expect(ruleNoOverlap(space, others, slot("2026-05-02", "12:00", "13:31"))[0].params).toEqual({
      startsAt: existing.startsAt,
      endsAt: existing.endsAt,
      bufferMinutes: 30,
    });
  });
  it("compares real instants on the night the clocks go back (01:00–02:30 then 02:30–03:00)", () => {
    const first = slot("2026-10-25", "01:00", "02:30"); // 02:30 is the first (summer) one
    expect(ruleNoOverlap(room(), [busy(first)], slot("2026-10-25", "02:30", "03:00"))).toEqual([]);
    expect(codes(ruleNoOverlap(room(), [busy(first)], slot("2026-10-25", "02:00", "03:00")))).toEqual(["overlap"]);
  });
});

describe("quotas", () => {
  const hours = room({ quotaHoursPerMonth: 10, quotaBookingsPerMonth: 3 });
  const usage = (): Usage => usageOf([slot("2026-03-03", "10:00", "14:00"), slot("2026-03-10", "10:00", "14:00")], hours, TZ); // 8 h, 2 bookings in March
  it("hours per month: exactly the quota is fine, one minute over is not", () => {
    expect(ruleQuotas(hours, usage(), request(slot("2026-03-20", "10:00", "12:00")), TZ)).toEqual([]);
    expect(ruleQuotas(hours, usage(), request(slot("2026-03-20", "10:00", "12:01")), TZ)).toEqual([
      { code: "over_quota_hours", field: null, params: { limit: 10, used: 8, month: "2026-03" } },
    ]);
  });
  it("bookings per month: the third is fine, the fourth is not", () => {
    const u = usage();
    expect(ruleQuotas(hours, u, request(slot("2026-03-20", "10:00", "11:00")), TZ)).toEqual([]);
    addUsage(u, slot("2026-03-20", "10:00", "11:00"), hours, TZ);
    expect(codes(ruleQuotas(hours, u, request(slot("2026-03-21", "10:00", "10:30")), TZ))).toEqual(["over_quota_bookings"]);
  });
  it("counts in the group's calendar month: 00:30 on 1 April in Paris is April, not March", () => {
    const april = request(slot("2026-04-01", "00:30", "06:00"));
    expect(ruleQuotas(hours, usage(), april, TZ)).toEqual([]);
  });
  it("nights per year, split at the new year; none for a booking made for the group", () => {
    const unit = guestUnit({ quotaNightsPerYear: 14 });
    const used: Usage = { ...noUsage(), nightsByYear: { "2026": 12 } };
    expect(ruleQuotas(unit, used, request(staySlot(unit, "2026-07-01", "2026-07-03", TZ)), TZ)).toEqual([]);
    expect(ruleQuotas(unit, used, request(staySlot(unit, "2026-07-01", "2026-07-04", TZ)), TZ)).toEqual([
      { code: "over_quota_nights", field: "departureDate", params: { limit: 14, used: 12, year: "2026" } },
    ]);
    const newYear = staySlot(unit, "2026-12-30", "2027-01-02", TZ);
    expect(nightsByYear(newYear, TZ)).toEqual({ "2026": 2, "2027": 1 });
    expect(ruleQuotas(unit, used, request(newYear), TZ)).toEqual([]);
    expect(codes(ruleQuotas(unit, { ...used, nightsByYear: { "2026": 13 } }, request(newYear), TZ))).toEqual(["over_quota_nights"]);
    expect(ruleQuotas(unit, { ...used, nightsByYear: { "2026": 14 } }, request(newYear, { countsForQuota: false }), TZ)).toEqual([]);
  });
});

describe("capacity and house rules", () => {
  it("exactly the capacity is fine, one more is not", () => {
    expect(ruleCapacity(room({ capacity: 20 }), 20)).toEqual([]);
    expect(ruleCapacity(room({ capacity: 20 }), 21)).toEqual([{ code: "guests_over_capacity", field: "guests", params: { capacity: 20 } }]);
    expect(ruleCapacity(room(), 500)).toEqual([]);
  });
  it("house rules must be acknowledged when there are some", () => {
    expect(ruleHouseRules(guestUnit({ houseRules: "Draps fournis, ménage au départ." }), false)).toEqual([
      { code: "house_rules_not_acknowledged", field: "acknowledgeRules", params: {} },
    ]);
    expect(ruleHouseRules(guestUnit({ houseRules: "Draps fournis." }), true)).toEqual([]);
    expect(ruleHouseRules(guestUnit({ houseRules: "  " }), false)).toEqual([]);
  });
});

describe("checkBooking", () => {
  it("reports every broken rule at once", () => {
    const space = room({ capacity: 10, maxMinutes: 120, minNoticeHours: 24, quietStart: "22:00", quietEnd: "07:00", houseRules: "Rendre la salle rangée." });
    const s = slot("2026-05-02", "20:00", "23:00");
    const result = checkBooking({
      space,
      closures: [],
      others: [busy(slot("2026-05-02", "19:00", "21:00"))],
      usage: noUsage(),
      now: s.startsAt - 3_600_000,
      timeZone: TZ,
      slot: request(s, { guests: 12, acknowledged: false }),
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && codes(result.problems).sort()).toEqual(
      ["guests_over_capacity", "house_rules_not_acknowledged", "in_quiet_hours", "overlap", "too_little_notice", "too_long"].sort(),
    );
  });
  it("passes a good booking with no fee for a room", () => {
    const s = slot("2026-05-02", "14:00", "16:00");
    expect(checkBooking({ space: room(), closures: [], others: [], usage: noUsage(), now: at("2026-05-01T10:00"), timeZone: TZ, slot: request(s) })).toEqual({
      ok: true,
      feeCents: 0,
      nights: 0,
      minutes: 120,
    });
  });
  it("a stay over the autumn change keeps its nights and fee", () => {
    const stay = staySlot(guestUnit(), "2026-10-24", "2026-10-26", TZ);
    const result = checkBooking({
      space: guestUnit(),
      closures: [],
      others: [],
      usage: noUsage(),
      now: at("2026-10-01T10:00"),
      timeZone: TZ,
      slot: request(stay),
    });
    expect(result).toMatchObject({ ok: true, nights: 2, feeCents: 5000 });
  });
});

describe("describeProblem", () => {
  const t = (key: string, options?: Record<string, unknown>) =>
    `${key}${options?.context ? `_${options.context}` : ""}|${JSON.stringify({ ...options, context: undefined })}`;
  it("names the conflicting slot in the person's language and zone", () => {
    const existing = slot("2026-05-02", "14:00", "16:00");
    const text = describeProblem(
      t,
      { code: "overlap", field: "startTime", params: { startsAt: existing.startsAt, endsAt: existing.endsAt, bufferMinutes: 0 } },
      "fr",
      TZ,
    );
    expect(text).toContain("bookings:errors.overlap|");
    expect(text).toContain("samedi 2 mai 2026");
    expect(text).toMatch(/14:00.*16:00/);
    const withBuffer = describeProblem(
      t,
      { code: "overlap", field: "startTime", params: { startsAt: existing.startsAt, endsAt: existing.endsAt, bufferMinutes: 30 } },
      "en",
      TZ,
    );
    expect(withBuffer).toContain("bookings:errors.overlap_buffer|");
    expect(withBuffer).toMatch(/Saturday,? 2 May 2026/);
  });
  it("writes dates and months out", () => {
    expect(describeProblem(t, { code: "too_far_ahead", field: "date", params: { days: 30, lastDate: "2026-03-31" } }, "fr", TZ)).toContain("31 mars 2026");
    expect(describeProblem(t, { code: "over_quota_hours", field: null, params: { limit: 10, used: 8, month: "2026-03" } }, "fr", TZ)).toContain("mars 2026");
  });
});
