// The demo's two past years (db/seed-history.ts): what the funder's overview and the group pages read
// is there for a past quarter, and the history keeps the invariants the modules and the guards hold —
// no two bookings of a space overlap, every time bank and every meal ledger sums to zero — while the
// demo resident's balances and her upcoming lists stay as the other demos left them.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~db/client.server";
import * as schema from "~db/schema";
import { seedDemo } from "~db/seed";
import { HISTORY_TO, seedHistoryDemo } from "~db/seed-history";
import { computeGroupIndicators } from "~/modules/evaluation/indicators.server";
import { eventFigures } from "~/modules/events/figures.server";
import { scopeForJob } from "~/modules/access/scope.server";

const q = <T>(sql: string, ...args: unknown[]) => db.$client.prepare(sql).all(...args) as T[];
const one = <T>(sql: string, ...args: unknown[]) => db.$client.prepare(sql).get(...args) as T;
const groupId = (name: string) => db.select().from(schema.groups).where(eq(schema.groups.name, name)).get()!.id;

describe("seedHistoryDemo", () => {
  beforeAll(async () => {
    await seedDemo(db);
  }, 60_000);

  it("gives Les Tilleuls meal participation, hours exchanged and common-room occupancy in 2025-Q2", () => {
    const v = computeGroupIndicators({ scope: scopeForJob(groupId("Les Tilleuls")), from: "2025-04-01", to: "2025-06-30" }).values;
    expect(v.participation_share).not.toBeNull();
    expect(v.participation_share!).toBeGreaterThan(0.5);
    expect(v.meals_served!).toBeGreaterThan(200);
    expect(v.exchange_hours!).toBeGreaterThan(10);
    expect(v.common_room_occupancy).not.toBeNull();
    expect(v.common_room_occupancy!).toBeGreaterThan(0.02);
    expect(v.guest_unit_nights!).toBeGreaterThan(0);
  });

  it("gives every group figures in every past quarter of the two years, Villa Passerelle more at the end than at the start", () => {
    for (const name of ["Les Tilleuls", "Maison des Quatre Saisons", "Villa Passerelle"]) {
      for (const [from, to] of [
        ["2025-01-01", "2025-03-31"],
        ["2025-10-01", "2025-12-31"],
        ["2026-07-01", "2026-09-30"],
      ]) {
        const v = computeGroupIndicators({ scope: scopeForJob(groupId(name)), from, to }).values;
        expect([name, from, v.events_held != null, v.exchange_hours != null, v.common_room_occupancy != null]).toEqual([name, from, true, true, true]);
      }
    }
    const passerelle = groupId("Villa Passerelle");
    const early = computeGroupIndicators({ scope: scopeForJob(passerelle), from: "2025-01-01", to: "2025-03-31" }).values;
    const late = computeGroupIndicators({ scope: scopeForJob(passerelle), from: "2026-04-01", to: "2026-06-30" }).values;
    expect(late.events_held!).toBeGreaterThan(early.events_held!);
    expect(late.exchange_hours!).toBeGreaterThan(early.exchange_hours!);
  });

  it("has August quieter than the months around it (Les Tilleuls' meals)", () => {
    const months = eventFigures({ scope: scopeForJob(groupId("Les Tilleuls")), from: "2025-06-01", to: "2025-09-30" }).months.filter(
      (m) => m.kind === "shared_meal",
    );
    const served = Object.fromEntries(months.map((m) => [m.month, m.mealsServed]));
    expect(served["2025-08"]).toBeLessThan(served["2025-06"] / 2);
    expect(served["2025-08"]).toBeLessThan(served["2025-09"] / 2);
  });

  it("never lets two active bookings of a space overlap, buffers included", () => {
    const overlaps = q<{ n: number }>(
      `select count(*) as n from bookings a join bookings b on a.space_id = b.space_id and a.id < b.id
       where a.status in ('requested', 'confirmed') and b.status in ('requested', 'confirmed') and a.block_start < b.block_end and b.block_start < a.block_end`,
    );
    expect(overlaps[0].n).toBe(0);
    // Every past meal in a space holds its booking.
    expect(one<{ n: number }>(`select count(*) as n from event_occurrences where space_id is not null and booking_id is null`).n).toBe(0);
  });

  it("keeps every group's time bank and meal ledger at zero, two movements per done exchange", () => {
    const banks = q<{ groupId: string; total: number; n: number; done: number }>(
      `select t.group_id as groupId, sum(t.minutes) as total, count(*) as n,
         (select count(*) from exchanges x where x.group_id = t.group_id and x.status = 'done') as done
       from time_movements t group by t.group_id`,
    );
    expect(banks).toHaveLength(3);
    for (const b of banks) expect([b.total, b.n]).toEqual([0, 2 * b.done]);
    const ledgers = q<{ total: number }>(`select sum(amount_cents) as total from meal_ledger group by occurrence_id having total <> 0`);
    expect(ledgers).toEqual([]);
    // Every past meal is closed with its frozen cost equal to what was spent.
    const meals = q<{ frozen: number; spent: number }>(
      `select o.frozen_cost_cents as frozen, (select sum(amount_cents) from meal_costs c where c.occurrence_id = o.id) as spent
       from event_occurrences o join event_series s on s.id = o.series_id where s.kind = 'shared_meal' and s.until_date <= ?`,
      HISTORY_TO,
    );
    expect(meals.length).toBeGreaterThan(200);
    for (const m of meals) expect(m.frozen).toBe(m.spent);
  });

  it("only writes the past, and leaves the demo resident's balances and upcoming sign-ups as they were", () => {
    const last = one<{ d: string }>(
      `select max(date(o.ends_at / 1000, 'unixepoch')) as d from event_occurrences o join event_series s on s.id = o.series_id where s.until_date <= ? and s.kind <> 'meeting'`,
      HISTORY_TO,
    ).d;
    expect(last <= HISTORY_TO).toBe(true);
    const jeanne = one<{ householdId: string }>(
      `select m.household_id as householdId from memberships m join users u on u.id = m.user_id where u.email = 'habitante@demo.maisonnee.fr'`,
    ).householdId;
    // Her history: she eats most Thursdays and cooks her turn, gives as much time as she receives.
    const history = `(select o.id from event_occurrences o join event_series s on s.id = o.series_id where s.until_date <= '${HISTORY_TO}')`;
    expect(one<{ n: number }>(`select count(*) as n from event_signups where household_id = ? and occurrence_id in ${history}`, jeanne).n).toBeGreaterThan(40);
    expect(
      one<{ s: number }>(`select coalesce(sum(amount_cents), 0) as s from meal_ledger where household_id = ? and occurrence_id in ${history}`, jeanne).s,
    ).toBe(0);
    const past = one<{ s: number; n: number }>(
      `select coalesce(sum(t.minutes), 0) as s, count(*) as n from time_movements t join exchanges x on x.id = t.exchange_id where t.household_id = ? and x.agreed_date <= ?`,
      jeanne,
      HISTORY_TO,
    );
    expect(past.n).toBeGreaterThan(4);
    expect(past.s).toBe(0);
    // Her household books nothing in the past two years (her guest-room quota of this year is whole).
    expect(
      one<{ n: number }>(`select count(*) as n from bookings where household_id = ? and starts_at < ?`, jeanne, Date.parse(`${HISTORY_TO}T23:59:59Z`)).n,
    ).toBe(0);
    // The oldest exchange of Les Tilleuls is still one of hers.
    const first = one<{ r: string; g: string }>(
      `select receiver_household_id as r, giver_household_id as g from exchanges where group_id = ? order by created_at limit 1`,
      groupId("Les Tilleuls"),
    );
    expect([first.r, first.g]).toContain(jeanne);
    // Nothing of the history is open or active today: the posts are closed, the series ended.
    expect(
      one<{ n: number }>(`select count(*) as n from exchange_posts where status = 'active' and created_at <= ?`, Date.parse(`${HISTORY_TO}T23:59:59Z`)).n,
    ).toBe(0);
  });

  it("runs once: a second call adds nothing", () => {
    const count = () =>
      one<{ n: number }>(`select (select count(*) from event_occurrences) + (select count(*) from exchanges) + (select count(*) from bookings) as n`).n;
    const before = count();
    seedHistoryDemo(db);
    expect(count()).toBe(before);
  });
});
