import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { db, openDb, type Db } from "~db/client.server";
import { seedDemo } from "~db/seed";
import { seedMeetingsDemo } from "~db/seed-meetings";
import { meetingFigures } from "~/modules/meetings/figures.server";
import { todayIn } from "~/modules/core/dates";
import { scopeForJob } from "~/modules/access/scope.server";

const stamp = `${process.pid}-${Date.now()}`;
// The test file's own database (figures read it) and a second one seeded the same way.
const files = [path.join(os.tmpdir(), `maisonnee-seed-meetings-b-${stamp}.db`)];
afterAll(() => {
  for (const file of files) for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
});

const snapshot = (d: Db) =>
  d.$client
    .prepare(
      `select g.name as grp, o.starts_at as startsAt, m.run_status as run, m.minutes_status as minutes,
         (select count(*) from meeting_attendance a where a.meeting_id = m.id and a.status = 'present') as present,
         (select group_concat(title, '|') from meeting_agenda_items i where i.meeting_id = m.id) as items,
         (select group_concat(text || ':' || result || ':' || coalesce(votes_for, '-'), '|') from meeting_decisions x where x.meeting_id = m.id) as decisions,
         (select group_concat(what || ':' || coalesce(done_on, 'open'), '|') from meeting_actions x where x.meeting_id = m.id) as actions
       from meetings m join event_occurrences o on o.id = m.occurrence_id join groups g on g.id = m.group_id
       order by g.name, o.starts_at`,
    )
    .all();

describe("meetings demo", () => {
  it("is the same every time: a year of held meetings in Les Tilleuls, minutes published but the last, the next one ahead", async () => {
    const [a, b] = [db, openDb(files[0])];
    await seedDemo(a);
    await seedDemo(b);
    seedMeetingsDemo(a); // twice is once
    const rows = snapshot(a) as {
      grp: string;
      run: string;
      minutes: string | null;
      present: number;
      items: string;
      actions: string | null;
      startsAt: number;
    }[];
    expect(snapshot(b)).toEqual(rows);
    const tilleuls = rows.filter((r) => r.grp === "Les Tilleuls");
    const held = tilleuls.filter((r) => r.run === "closed");
    expect(held).toHaveLength(12);
    expect(held.map((r) => r.minutes)).toEqual([...Array(11).fill("published"), "draft"]);
    expect(held.every((r) => r.present > 5)).toBe(true);
    const next = tilleuls.filter((r) => r.run === "planned");
    expect(next).toHaveLength(1);
    expect(next[0].startsAt).toBeGreaterThan(Date.now());
    const statuses = a.$client
      .prepare(
        "select i.status, count(*) as n from meeting_agenda_items i join meetings m on m.id = i.meeting_id where m.run_status = 'planned' and m.group_id = (select id from groups where name = 'Les Tilleuls') group by i.status",
      )
      .all();
    expect(statuses).toEqual([
      { status: "accepted", n: 3 },
      { status: "proposed", n: 2 },
    ]);
    // Jeanne has an open action item (her Home shows it); others are done on time, late, or open.
    const jeanne = a.$client
      .prepare(
        "select count(*) as n from meeting_actions x join persons p on p.id = x.person_id join users u on u.id = p.user_id where u.email = 'habitante@demo.maisonnee.fr' and x.done_on is null",
      )
      .get() as { n: number };
    expect(jeanne.n).toBe(1);
    const groupId = (a.$client.prepare("select id from groups where name = 'Les Tilleuls'").get() as { id: string }).id;
    const today = todayIn("Europe/Paris");
    const yearAgo = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;
    const figures = meetingFigures({ scope: scopeForJob(groupId), from: yearAgo, to: today });
    expect(figures.meetingsHeld).toBeGreaterThanOrEqual(11);
    expect(figures.attendanceRate).toBeGreaterThan(0.5);
    expect(figures.attendanceRate).toBeLessThan(1);
    expect(figures.decisions.adopted).toBeGreaterThan(figures.decisions.rejected);
    expect(figures.actionItems.doneOnTime).toBeGreaterThan(0);
    expect(figures.actionItems.doneLate).toBeGreaterThan(0);
    expect(figures.actionItems.open).toBeGreaterThan(0);
    expect(rows.filter((r) => r.grp === "Villa Passerelle").map((r) => r.run)).toEqual(["closed", "closed", "closed", "planned"]);
    b.$client.close();
  }, 60_000);
});
