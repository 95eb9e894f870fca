import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, daysBetween, expandRecurrence, utcToZoned, wallMinutesBetween, zonedToUtc } from "~/modules/core/recurrence";

const TZ = "Europe/Paris";
const iso = (ms: number) => new Date(ms).toISOString();
const local = (ms: number) => {
  const z = utcToZoned(ms, TZ);
  return `${z.date} ${z.time}`;
};

describe("zonedToUtc / utcToZoned", () => {
  it("uses the zone's offset of the day: +1 in winter, +2 in summer", () => {
    expect(iso(zonedToUtc("2026-01-15T12:00", TZ))).toBe("2026-01-15T11:00:00.000Z");
    expect(iso(zonedToUtc("2026-07-15T12:00", TZ))).toBe("2026-07-15T10:00:00.000Z");
  });
  it("29 March 2026: 02:30 does not exist and moves forward to 03:30", () => {
    expect(iso(zonedToUtc("2026-03-29T01:59", TZ))).toBe("2026-03-29T00:59:00.000Z");
    expect(iso(zonedToUtc("2026-03-29T02:30", TZ))).toBe("2026-03-29T01:30:00.000Z");
    expect(local(zonedToUtc("2026-03-29T02:30", TZ))).toBe("2026-03-29 03:30");
    expect(iso(zonedToUtc("2026-03-29T03:00", TZ))).toBe("2026-03-29T01:00:00.000Z");
  });
  it("25 October 2026: 02:30 happens twice and is the first one (summer time)", () => {
    expect(iso(zonedToUtc("2026-10-25T02:30", TZ))).toBe("2026-10-25T00:30:00.000Z");
    expect(local(Date.parse("2026-10-25T01:30:00Z"))).toBe("2026-10-25 02:30");
    expect(iso(zonedToUtc("2026-10-25T03:00", TZ))).toBe("2026-10-25T02:00:00.000Z");
  });
  it("gives the local date, time and ISO weekday", () => {
    // 23:30 UTC on Saturday 28 February is already Sunday 1 March in Paris.
    expect(utcToZoned(Date.parse("2026-02-28T23:30:00Z"), TZ)).toEqual({ date: "2026-03-01", time: "00:30", weekday: 7 });
    expect(utcToZoned(Date.parse("2026-03-02T08:00:00Z"), TZ).weekday).toBe(1);
  });
  it("round-trips every wall-clock time that exists", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 364 }), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), (day, h, m) => {
        const date = addDays("2026-01-01", day);
        const time = `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
        fc.pre(!(date === "2026-03-29" && h === 2)); // the skipped hour
        const z = utcToZoned(zonedToUtc(`${date}T${time}`, TZ), TZ);
        expect(`${z.date}T${z.time}`).toBe(`${date}T${time}`);
      }),
    );
  });
});

describe("calendar helpers", () => {
  it("counts days and minutes as the calendar and the wall do", () => {
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(daysBetween("2026-03-27", "2026-03-30")).toBe(3);
    expect(daysBetween("2026-03-30", "2026-03-27")).toBe(-3);
    expect(wallMinutesBetween("2026-03-29T01:00", "2026-03-29T04:00")).toBe(180);
    expect(wallMinutesBetween("2026-05-01T20:00", "2026-05-02T01:00")).toBe(300);
  });
});

describe("expandRecurrence", () => {
  it("weekly at 20:00 stays at 20:00 after the spring clock change (the UTC time moves)", () => {
    const occ = expandRecurrence({ start: "2026-03-21T20:00", durationMinutes: 180, timeZone: TZ, freq: "weekly", interval: 1, count: 3 });
    expect(occ.map((o) => iso(o.startsAt))).toEqual(["2026-03-21T19:00:00.000Z", "2026-03-28T19:00:00.000Z", "2026-04-04T18:00:00.000Z"]);
    expect(occ.map((o) => local(o.startsAt))).toEqual(["2026-03-21 20:00", "2026-03-28 20:00", "2026-04-04 20:00"]);
    expect(occ.map((o) => local(o.endsAt))).toEqual(["2026-03-21 23:00", "2026-03-28 23:00", "2026-04-04 23:00"]);
  });
  it("weekly at 10:00 stays at 10:00 after the autumn clock change", () => {
    const occ = expandRecurrence({ start: "2026-10-18T10:00", durationMinutes: 60, timeZone: TZ, freq: "weekly", interval: 1, until: "2026-11-01" });
    expect(occ.map((o) => iso(o.startsAt))).toEqual(["2026-10-18T08:00:00.000Z", "2026-10-25T09:00:00.000Z", "2026-11-01T09:00:00.000Z"]);
    expect(occ.every((o) => o.endsAt - o.startsAt === 3_600_000)).toBe(true);
  });
  it("an occurrence on the night of a change keeps its wall-clock times: 2 real hours in March, 4 in October", () => {
    const spring = expandRecurrence({ start: "2026-03-22T01:00", durationMinutes: 180, timeZone: TZ, freq: "weekly", interval: 1, count: 2 });
    expect(spring.map((o) => (o.endsAt - o.startsAt) / 3_600_000)).toEqual([3, 2]);
    expect(local(spring[1].endsAt)).toBe("2026-03-29 04:00");
    const autumn = expandRecurrence({ start: "2026-10-18T01:00", durationMinutes: 180, timeZone: TZ, freq: "weekly", interval: 1, count: 2 });
    expect(autumn.map((o) => (o.endsAt - o.startsAt) / 3_600_000)).toEqual([3, 4]);
  });
  it("an occurrence starting in the skipped hour moves forward and still lasts", () => {
    const occ = expandRecurrence({ start: "2026-03-22T02:30", durationMinutes: 60, timeZone: TZ, freq: "weekly", interval: 1, count: 2 });
    expect(local(occ[1].startsAt)).toBe("2026-03-29 03:30");
    expect(occ[1].endsAt).toBeGreaterThan(occ[1].startsAt);
  });
  it("every other week, until a date (inclusive)", () => {
    const occ = expandRecurrence({ start: "2026-05-05T18:00", durationMinutes: 90, timeZone: TZ, freq: "weekly", interval: 2, until: "2026-06-16" });
    expect(occ.map((o) => utcToZoned(o.startsAt, TZ).date)).toEqual(["2026-05-05", "2026-05-19", "2026-06-02", "2026-06-16"]);
  });
  it("monthly on the 31st skips the months without one; by weekday takes the same rank (5th → last)", () => {
    const byDay = expandRecurrence({ start: "2026-01-31T10:00", durationMinutes: 60, timeZone: TZ, freq: "monthly", interval: 1, until: "2026-06-30" });
    expect(byDay.map((o) => utcToZoned(o.startsAt, TZ).date)).toEqual(["2026-01-31", "2026-03-31", "2026-05-31"]);
    const second = expandRecurrence({
      start: "2026-01-13T19:00",
      durationMinutes: 60,
      timeZone: TZ,
      freq: "monthly",
      interval: 1,
      count: 3,
      monthlyBy: "weekday",
    });
    expect(second.map((o) => utcToZoned(o.startsAt, TZ).date)).toEqual(["2026-01-13", "2026-02-10", "2026-03-10"]);
    const last = expandRecurrence({
      start: "2026-01-29T19:00",
      durationMinutes: 60,
      timeZone: TZ,
      freq: "monthly",
      interval: 1,
      count: 3,
      monthlyBy: "weekday",
    });
    expect(last.map((o) => utcToZoned(o.startsAt, TZ).date)).toEqual(["2026-01-29", "2026-02-26", "2026-03-26"]);
  });
  it("stops at max", () => {
    expect(expandRecurrence({ start: "2026-01-01T10:00", durationMinutes: 60, timeZone: TZ, freq: "weekly", interval: 1, max: 5 })).toHaveLength(5);
    expect(
      expandRecurrence({ start: "2026-01-01T10:00", durationMinutes: 60, timeZone: TZ, freq: "weekly", interval: 1, until: "2027-12-31", max: 10 }),
    ).toHaveLength(10);
  });
  it("keeps the wall-clock time and weekday of every weekly occurrence over a year, whatever the start", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 364 }),
        fc.integer({ min: 0, max: 23 }).filter((h) => h !== 2),
        fc.constantFrom(0, 15, 30, 45),
        (day, h, m) => {
          const date = addDays("2026-01-01", day);
          const time = `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
          const occ = expandRecurrence({ start: `${date}T${time}`, durationMinutes: 60, timeZone: TZ, freq: "weekly", interval: 1, count: 53 });
          const weekday = utcToZoned(occ[0].startsAt, TZ).weekday;
          for (const o of occ) {
            const z = utcToZoned(o.startsAt, TZ);
            expect(z.time).toBe(time);
            expect(z.weekday).toBe(weekday);
          }
        },
      ),
      { numRuns: 30 },
    );
  });
});
