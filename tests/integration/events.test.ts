import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { flushMail } from "~/modules/mail/outbox.server";
import { describe, expect, it } from "vitest";
import { db, openDb, type Db } from "~db/client.server";
import { auditLog, bookings, eventOccurrences, eventReminders, eventSeries, eventSignups, mealLedger } from "~db/schema";
import { createBooking } from "~/modules/bookings/bookings.server";
import { createSpace } from "~/modules/bookings/spaces.server";
import { BookingSchema, SpaceSchema } from "~/modules/bookings/schemas";
import { recordDeparture } from "~/modules/households/households.server";
import { zonedToUtc } from "~/modules/core/recurrence";
import { createEventFeed, feedCalendar, renderEventIcs, revokeEventFeed } from "~/modules/calendar/feeds.server";
import { renderCalendar } from "~/modules/core/ical";
import { getOccurrence, getSeries, listOccurrences } from "~/modules/events/calendar.server";
import { closeMeal, mealBalances, recordCost, removeCost } from "~/modules/events/costs.server";
import { eventFigures } from "~/modules/events/figures.server";
import { getEventsHome, listMyUpcoming } from "~/modules/events/home.server";
import { extendHorizons } from "~/modules/events/horizon.server";
import type { Result } from "~/modules/events/lookups.server";
import { changeOccurrence } from "~/modules/events/occurrences.server";
import { setRoleSlots, volunteer, withdraw } from "~/modules/events/roles.server";
import { createEvent, updateEvent } from "~/modules/events/series.server";
import { getEventSettings, updateEventSettings } from "~/modules/events/settings.server";
import { cancelSignup, changeSignup, signUp } from "~/modules/events/signups.server";
import { sendDueReminders, startReminderJob } from "~/modules/events/reminders.server";
import { describeProblem, type Problem } from "~/modules/events/rules";
import { CostSchema, EventSchema, SignupSchema, type EventInput, type SignupInput } from "~/modules/events/schemas";
import { getT } from "~/modules/i18n/i18n.server";
import { seedDemo } from "~db/seed";
import { ctxFor, makeGroup, makeHousehold, makeMember, thrownResponse } from "../fixtures";
import { scopeForJob } from "~/modules/access/scope.server";

const TZ = "Europe/Paris";
const at = (local: string) => zonedToUtc(local, TZ);
/** The tests' "now": Monday 1 March 2027, 09:00 in Paris. */
const NOW = at("2027-03-01T09:00");
const H = 3_600_000;

const group = makeGroup("Les Tilleuls");
const other = makeGroup("Villa Passerelle");
const marchand = makeHousehold(group.id, "Foyer Marchand");
const benali = makeHousehold(group.id, "Foyer Benali");
const diallo = makeHousehold(group.id, "Foyer Diallo"); // no account
const martin = makeHousehold(group.id, "Foyer Martin");
const nguyen = makeHousehold(group.id, "Foyer Nguyen");
const stoica = makeHousehold(other.id, "Foyer Stoica");
const facilitator = makeMember({ groupId: group.id, role: "facilitator", email: "animatrice@tilleuls.fr" });
const resident = makeMember({ groupId: group.id, householdId: marchand.id, email: "claire.marchand@exemple.fr" });
const neighbour = makeMember({ groupId: group.id, householdId: benali.id, email: "karim.benali@exemple.fr" });
const martinUser = makeMember({ groupId: group.id, householdId: martin.id, email: "paul.martin@exemple.fr" });
const nguyenUser = makeMember({ groupId: group.id, householdId: nguyen.id, email: "linh.nguyen@exemple.fr" });
const outsider = makeMember({ groupId: other.id, householdId: stoica.id, role: "facilitator", email: "ioana.stoica@exemple.fr" });

const asFacilitator = () => ctxFor(facilitator.id, group.id);
const asResident = () => ctxFor(resident.id, group.id);
const asNeighbour = () => ctxFor(neighbour.id, group.id);
const asMartin = () => ctxFor(martinUser.id, group.id);
const asNguyen = () => ctxFor(nguyenUser.id, group.id);
const asOutsider = () => ctxFor(outsider.id, other.id);

const salle = createSpace({ ctx: asFacilitator(), input: SpaceSchema.parse({ name: "Salle commune", kind: "common_room", active: true, capacity: 40 }) });

const eventInput = (input: Record<string, unknown>): EventInput =>
  EventSchema.parse({ kind: "shared_meal", title: "Repas du jeudi", date: "2027-03-04", startTime: "19:30", endTime: "22:00", ...input });
const party = (input: Partial<SignupInput>): SignupInput => SignupSchema.parse({ adults: 0, ...input });

function ok<T extends object>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.problems)}`);
  return r;
}
function problems(r: Result<object>): Problem[] {
  if (r.ok) throw new Error("expected problems, got ok");
  return r.problems;
}

// Mail in the outbox (.eml written by the mail module when no SMTP_URL is set)
type Mail = { to: string; subject: string; text: string };
function decodeWords(value: string) {
  return value.replace(/=\?UTF-8\?([QB])\?([^?]*)\?=\s*/gi, (_m, enc: string, data: string) =>
    enc.toUpperCase() === "B"
      ? Buffer.from(data, "base64").toString("utf8")
      : Buffer.from(
          data.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
          "latin1",
        ).toString("utf8"),
  );
}
async function readMails(): Promise<Mail[]> {
  // Mails leave through the outbox after their transaction: wait for the queued ones.
  await flushMail();
  const dir = process.env.OUTBOX_DIR!;
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .sort()
    .map((f) => {
      const raw = fs.readFileSync(path.join(dir, f), "utf8");
      const [head, ...rest] = raw.split(/\r?\n\r?\n/);
      const headers = head.replace(/\r?\n[ \t]+/g, " ");
      const header = (name: string) => new RegExp(`^${name}: (.*)$`, "mi").exec(headers)?.[1] ?? "";
      let body = rest.join("\n\n");
      if (/quoted-printable/i.test(header("Content-Transfer-Encoding")))
        body = Buffer.from(
          body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
          "latin1",
        ).toString("utf8");
      else if (/base64/i.test(header("Content-Transfer-Encoding"))) body = Buffer.from(body, "base64").toString("utf8");
      return { to: header("To"), subject: decodeWords(header("Subject")), text: body };
    });
}
const mailsTo = async (email: string) => (await readMails()).filter((m) => m.to.includes(email));

/** A one-off event, by a facilitator, in free text (no booking). */
async function oneOff(input: Record<string, unknown>, now = NOW) {
  const r = ok(await createEvent({ ctx: asFacilitator(), input: eventInput({ placeText: "Cour", ...input }), now }));
  return r.occurrenceIds[0];
}

// -------------------------------------------------------------------------------------------------

describe("creating events", () => {
  it("a weekly meal in the common room: occurrences materialised, each booked for the group through the bookings module", async () => {
    const r = ok(
      await createEvent({
        ctx: asFacilitator(),
        input: eventInput({ spaceId: salle.id, repeat: "weekly", count: 6, capacity: 30, signupDeadlineHours: 24 }),
        now: NOW,
      }),
    );
    expect(r.occurrenceIds).toHaveLength(6);
    const occs = listOccurrences({ ctx: asResident(), from: at("2027-03-01T00:00"), to: at("2027-04-30T00:00") }).filter((o) => o.seriesId === r.seriesId);
    expect(occs.map((o) => new Date(o.startsAt).toISOString())).toEqual([
      "2027-03-04T18:30:00.000Z",
      "2027-03-11T18:30:00.000Z",
      "2027-03-18T18:30:00.000Z",
      "2027-03-25T18:30:00.000Z",
      // Summer time from 28 March 2027: still 19:30 on the wall.
      "2027-04-01T17:30:00.000Z",
      "2027-04-08T17:30:00.000Z",
    ]);
    expect(occs[0]).toMatchObject({
      kind: "shared_meal",
      title: "Repas du jeudi",
      placeName: "Salle commune",
      capacity: 30,
      taken: 0,
      mySignup: null,
      headCookMissing: true,
      status: "scheduled",
    });
    expect(occs[0].signupDeadline).toBe(occs[0].startsAt - 24 * H);
    const rows = db.select().from(eventOccurrences).where(eq(eventOccurrences.seriesId, r.seriesId)).all();
    const booked = db
      .select()
      .from(bookings)
      .where(
        inArray(
          bookings.id,
          rows.map((o) => o.bookingId!),
        ),
      )
      .all();
    expect(booked).toHaveLength(6);
    expect(booked.every((b) => b.householdId === null && b.status === "confirmed" && b.purpose === "Repas du jeudi" && b.spaceId === salle.id)).toBe(true);
    const detail = getOccurrence({ ctx: asResident(), occurrenceId: rows[0].id, now: NOW });
    expect(detail.roles.map((x) => [x.role, x.slots])).toEqual([
      ["head_cook", 1],
      ["helper", 2],
      ["cleaner", 2],
    ]);
    expect(detail.flags).toMatchObject({ isMeal: true, canSignUp: true, canEdit: false, canRecordCost: false, canClose: false });
    expect(
      db
        .select()
        .from(auditLog)
        .where(eq(auditLog.entityId, r.seriesId))
        .all()
        .map((a) => a.action),
    ).toEqual(["create"]);
  });

  it("a slot the space already holds refuses the whole event, with the bookings problem and its date; nothing is written", async () => {
    const taken = await createBooking({
      ctx: asNeighbour(),
      input: { spaceId: salle.id, date: "2027-05-13", startTime: "20:00", endTime: "21:00", purpose: "", guests: 0, acknowledgeRules: false, freq: "none" },
      now: NOW,
    });
    expect(taken.ok).toBe(true);
    const before = db.select().from(bookings).all().length;
    const seriesBefore = db.select().from(eventSeries).all().length;
    const r = await createEvent({
      ctx: asFacilitator(),
      input: eventInput({ title: "Repas de mai", date: "2027-05-06", spaceId: salle.id, repeat: "weekly", count: 3 }),
      now: NOW,
    });
    const [p] = problems(r);
    expect(p).toMatchObject({
      ns: "bookings",
      code: "overlap",
      field: "startTime",
      params: { occurrenceDate: "2027-05-13", startsAt: at("2027-05-13T20:00") },
    });
    expect(db.select().from(bookings).all().length).toBe(before);
    expect(db.select().from(eventSeries).all().length).toBe(seriesBefore);
    // In words, in French, with the date it concerns.
    expect(describeProblem(getT("fr") as never, p, "fr", TZ)).toMatch(/^jeudi 13 mai 2027 : Ce créneau est déjà réservé/);
    // More people than the room holds: the space's capacity rule, on the capacity field.
    const big = problems(await createEvent({ ctx: asFacilitator(), input: eventInput({ date: "2027-06-03", spaceId: salle.id, capacity: 60 }), now: NOW }));
    expect(big[0]).toMatchObject({ ns: "bookings", code: "guests_over_capacity", field: "capacity" });
  });

  it("in the caller's transaction: a refused event undoes its own writes only, and the caller's go on", () => {
    const taken = createBooking({
      ctx: asNeighbour(),
      input: BookingSchema.parse({ spaceId: salle.id, date: "2027-07-15", startTime: "20:00", endTime: "21:00" }),
      now: NOW,
    });
    expect(taken.ok).toBe(true);
    const counts = () => [db.select().from(bookings).all().length, db.select().from(eventSeries).all().length, db.select().from(eventOccurrences).all().length];
    const before = counts();
    const result = db.transaction(
      (tx) => {
        tx.insert(auditLog).values({ groupId: group.id, userId: facilitator.id, action: "test", entity: "caller", entityId: "caller-write" }).run();
        // The 8th is free, the 15th taken: the whole event is refused.
        return createEvent({
          ctx: asFacilitator(),
          input: eventInput({ title: "Repas de juillet", date: "2027-07-08", spaceId: salle.id, repeat: "weekly", count: 2 }),
          now: NOW,
          tx,
        });
      },
      { behavior: "immediate" },
    );
    expect(problems(result)[0]).toMatchObject({ ns: "bookings", code: "overlap", params: { occurrenceDate: "2027-07-15" } });
    expect(counts()).toEqual(before);
    expect(db.select().from(auditLog).where(eq(auditLog.entityId, "caller-write")).all()).toHaveLength(1);
  });

  it("refuses a past date and a repetition without dates; residents cannot create or manage (403)", async () => {
    expect(problems(await createEvent({ ctx: asFacilitator(), input: eventInput({ placeText: "Cour", date: "2027-02-25" }), now: NOW }))[0]).toMatchObject({
      code: "in_past",
      field: "date",
    });
    expect(
      problems(
        await createEvent({
          ctx: asFacilitator(),
          input: eventInput({ placeText: "Cour", date: "2027-03-06", repeat: "monthly_day", until: "2027-03-06", count: undefined }),
          now: at("2027-03-06T20:00"),
        }),
      )[0].code,
    ).toBe("in_past");
    expect(thrownResponse(() => createEvent({ ctx: asResident(), input: eventInput({ placeText: "Cour" }), now: NOW })).status).toBe(403);
    const id = await oneOff({ date: "2027-03-20", title: "Fête de printemps", kind: "celebration" });
    expect(thrownResponse(() => changeOccurrence({ ctx: asResident(), occurrenceId: id, input: { intent: "cancel", reason: "" }, now: NOW })).status).toBe(403);
    expect(thrownResponse(() => updateEventSettings({ ctx: asResident(), input: { childAgeLimit: 10 } })).status).toBe(403);
    expect(getEventSettings({ ctx: asResident() })).toEqual({ childAgeLimit: 12 });
    updateEventSettings({ ctx: asFacilitator(), input: { childAgeLimit: 14 } });
    expect(getEventSettings({ ctx: asResident() })).toEqual({ childAgeLimit: 14 });
    updateEventSettings({ ctx: asFacilitator(), input: { childAgeLimit: 12 } });
  });

  it("another group's occurrence, sign-up or series is 404, for reading and for writing", async () => {
    const id = await oneOff({ date: "2027-03-21", title: "Atelier vélo", kind: "workshop", hostText: "L'Atelier du Cycle", skills: "réparation vélo" });
    const s = ok(signUp({ ctx: asResident(), occurrenceId: id, input: party({ adults: 1 }), now: NOW }));
    const seriesId = getOccurrence({ ctx: asResident(), occurrenceId: id, now: NOW }).seriesId;
    expect(thrownResponse(() => getOccurrence({ ctx: asOutsider(), occurrenceId: id })).status).toBe(404);
    expect(thrownResponse(() => signUp({ ctx: asOutsider(), occurrenceId: id, input: party({ adults: 1 }), now: NOW })).status).toBe(404);
    expect(thrownResponse(() => cancelSignup({ ctx: asOutsider(), signupId: s.signupId, now: NOW })).status).toBe(404);
    expect(thrownResponse(() => changeOccurrence({ ctx: asOutsider(), occurrenceId: id, input: { intent: "cancel", reason: "" }, now: NOW })).status).toBe(404);
    expect(thrownResponse(() => updateEvent({ ctx: asOutsider(), seriesId, input: eventInput({ placeText: "X" }), now: NOW })).status).toBe(404);
    expect(thrownResponse(() => renderEventIcs({ ctx: asOutsider(), occurrenceId: id })).status).toBe(404);
    expect(thrownResponse(() => getSeries({ ctx: asOutsider(), seriesId })).status).toBe(404);
    expect(thrownResponse(() => recordCost({ ctx: asOutsider(), occurrenceId: id, input: CostSchema.parse({ amount: "5" }) })).status).toBe(404);
    // A facilitator cannot sign up a household of another group either.
    expect(thrownResponse(() => signUp({ ctx: asFacilitator(), occurrenceId: id, input: party({ adults: 1, householdId: stoica.id }), now: NOW })).status).toBe(
      404,
    );
    expect(listOccurrences({ ctx: asOutsider(), from: NOW, to: NOW + 60 * 24 * H })).toEqual([]);
    const w = getOccurrence({ ctx: asResident(), occurrenceId: id, now: NOW });
    expect(w.series).toMatchObject({ host: { text: "L'Atelier du Cycle" }, skills: ["réparation vélo"], repeat: "none" });
  });
});

describe("sign-ups", () => {
  it("happy path: a household signs up with its party and diets, sees it everywhere, changes and cancels it", async () => {
    const id = await oneOff({ date: "2027-03-12", capacity: 20, signupDeadlineHours: 24 });
    const s = ok(
      signUp({
        ctx: asResident(),
        occurrenceId: id,
        input: party({ adults: 2, children: 1, infants: 1, diets: ["vegetarian"], allergies: "Arachides" }),
        now: NOW,
      }),
    );
    expect(s).toMatchObject({ status: "confirmed", position: null });
    const mine = getOccurrence({ ctx: asResident(), occurrenceId: id, now: NOW });
    expect(mine.mySignupDetail).toMatchObject({
      adults: 2,
      children: 1,
      infants: 1,
      places: 4,
      halfPortions: 5,
      diets: ["vegetarian"],
      allergies: "Arachides",
      onBehalf: false,
    });
    expect(mine.totals).toMatchObject({ places: 4, adults: 2, children: 1, infants: 1, halfPortions: 5, diets: { vegetarian: 1, vegan: 0 } });
    expect(mine.flags).toMatchObject({ canSignUp: false, canChangeSignup: true });
    // Allergies are for the household, the cooks and facilitators only.
    expect(getOccurrence({ ctx: asNeighbour(), occurrenceId: id, now: NOW }).signups[0]).toMatchObject({
      householdName: "Foyer Marchand",
      allergies: null,
      places: 4,
    });
    expect(getOccurrence({ ctx: asFacilitator(), occurrenceId: id, now: NOW }).signups[0].allergies).toBe("Arachides");
    expect(listOccurrences({ ctx: asResident(), from: NOW, to: at("2027-03-13T00:00") }).find((o) => o.id === id)).toMatchObject({
      taken: 4,
      mySignup: { id: s.signupId, status: "confirmed", places: 4 },
    });
    expect(listMyUpcoming({ ctx: asResident(), now: NOW }).map((o) => o.id)).toContain(id);

    expect(problems(signUp({ ctx: asResident(), occurrenceId: id, input: party({ adults: 1 }), now: NOW }))[0].code).toBe("already_signed_up");
    expect(ok(await changeSignup({ ctx: asResident(), signupId: s.signupId, input: party({ adults: 2, guests: 1 }), now: NOW }))).toMatchObject({
      status: "confirmed",
    });
    expect(getOccurrence({ ctx: asResident(), occurrenceId: id, now: NOW }).totals.places).toBe(3);
    // Someone else's sign-up: not theirs to change.
    expect(thrownResponse(() => cancelSignup({ ctx: asNeighbour(), signupId: s.signupId, now: NOW })).status).toBe(403);
    ok(await cancelSignup({ ctx: asResident(), signupId: s.signupId, now: NOW }));
    expect(getOccurrence({ ctx: asResident(), occurrenceId: id, now: NOW }).mySignupDetail).toBeNull();
    expect(problems(await cancelSignup({ ctx: asResident(), signupId: s.signupId, now: NOW }))[0].code).toBe("not_active");
  });

  it("negative counts and nobody at all are refused with messages", () => {
    const bad = SignupSchema.safeParse({ adults: -2, children: 0 });
    expect(bad.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["adults", "events:errors.number_invalid"]]);
    const t = getT("fr") as unknown as (k: string) => string;
    expect(t("events:errors.number_invalid")).toBe("Saisissez un nombre entier, 0 ou plus.");
    expect(SignupSchema.safeParse({ adults: 0, children: 0, infants: 0, guests: 0 }).error?.issues[0].message).toBe("events:errors.nobody");
    expect(t("events:errors.nobody")).toBe("Inscrivez au moins une personne.");
  });

  it("the module refuses bad counts too, whoever calls it (no 500 from the database's check)", async () => {
    const id = await oneOff({ date: "2027-03-14" });
    const raw = (p: Partial<SignupInput>) => ({ adults: 0, children: 0, infants: 0, guests: 0, diets: [], allergies: "", ...p }) as SignupInput;
    expect(problems(signUp({ ctx: asResident(), occurrenceId: id, input: raw({ adults: 2, children: -1 }), now: NOW }))[0]).toMatchObject({
      code: "number_invalid",
      field: "children",
    });
    expect(problems(signUp({ ctx: asResident(), occurrenceId: id, input: raw({}), now: NOW }))[0]).toMatchObject({ code: "required", field: "adults" });
    expect(problems(signUp({ ctx: asResident(), occurrenceId: id, input: raw({ adults: 1.5 }), now: NOW }))[0].code).toBe("number_invalid");
  });

  it("after the deadline a household can no longer sign up, change or cancel (with a message); a facilitator still can", async () => {
    const id = await oneOff({ date: "2027-03-11", capacity: 20, signupDeadlineHours: 24 });
    const early = ok(signUp({ ctx: asNeighbour(), occurrenceId: id, input: party({ adults: 1 }), now: NOW }));
    const late = at("2027-03-10T20:00");
    const [p] = problems(signUp({ ctx: asResident(), occurrenceId: id, input: party({ adults: 1 }), now: late }));
    expect(p).toMatchObject({ ns: "events", code: "deadline_passed", params: { deadline: at("2027-03-10T19:30") } });
    expect(describeProblem(getT("fr") as never, p, "fr", TZ)).toBe("Les inscriptions sont closes depuis le mercredi 10 mars à 19:30.");
    expect(describeProblem(getT("en") as never, p, "en", TZ)).toBe("Sign-ups closed on Wednesday 10 March at 19:30.");
    expect(problems(await cancelSignup({ ctx: asNeighbour(), signupId: early.signupId, now: late }))[0].code).toBe("deadline_passed");
    expect(problems(await changeSignup({ ctx: asNeighbour(), signupId: early.signupId, input: party({ adults: 3 }), now: late }))[0]).toMatchObject({
      code: "deadline_passed",
      field: "adults",
    });
    expect(getOccurrence({ ctx: asResident(), occurrenceId: id, now: late }).flags).toMatchObject({ canSignUp: false, canChangeSignup: false });
    // A facilitator signs up a household with no account, on its behalf, even now.
    const behalf = ok(signUp({ ctx: asFacilitator(), occurrenceId: id, input: party({ adults: 1, children: 2, householdId: diallo.id }), now: late }));
    const row = db.select().from(eventSignups).where(eq(eventSignups.id, behalf.signupId)).get()!;
    expect(row).toMatchObject({ householdId: diallo.id, onBehalf: true, createdBy: facilitator.id, status: "confirmed" });
    expect(getOccurrence({ ctx: asFacilitator(), occurrenceId: id, now: late }).signups.find((s) => s.householdId === diallo.id)?.onBehalf).toBe(true);
    // A resident naming another household signs up their own.
    const own = ok(
      signUp({ ctx: asMartin(), occurrenceId: await oneOff({ date: "2027-03-13" }), input: party({ adults: 1, householdId: diallo.id }), now: NOW }),
    );
    expect(db.select().from(eventSignups).where(eq(eventSignups.id, own.signupId)).get()).toMatchObject({ householdId: martin.id, onBehalf: false });
  });

  it("a full event puts households on the waiting list; a place freed promotes the first in line, who gets an email", async () => {
    const id = await oneOff({ date: "2027-03-19", title: "Couscous de Karim", capacity: 4 });
    const a = ok(signUp({ ctx: asResident(), occurrenceId: id, input: party({ adults: 2 }), now: NOW }));
    const b = ok(signUp({ ctx: asNeighbour(), occurrenceId: id, input: party({ adults: 2 }), now: NOW }));
    const c = ok(signUp({ ctx: asMartin(), occurrenceId: id, input: party({ adults: 1 }), now: NOW }));
    const d = ok(signUp({ ctx: asNguyen(), occurrenceId: id, input: party({ adults: 2 }), now: NOW }));
    expect([a.status, b.status, c.status, d.status]).toEqual(["confirmed", "confirmed", "waitlisted", "waitlisted"]);
    expect([c.position, d.position]).toEqual([1, 2]);
    expect(getOccurrence({ ctx: asNguyen(), occurrenceId: id, now: NOW }).mySignupDetail).toMatchObject({ status: "waitlisted", position: 2 });
    expect(getOccurrence({ ctx: asNguyen(), occurrenceId: id, now: NOW }).flags.full).toBe(true);
    // A confirmed party cannot grow into places that are not free.
    expect(problems(await changeSignup({ ctx: asResident(), signupId: a.signupId, input: party({ adults: 3 }), now: NOW }))[0]).toMatchObject({
      code: "not_enough_places",
      params: { left: 0 },
    });

    const before = (await mailsTo("paul.martin@exemple.fr")).length;
    const freed = ok(await cancelSignup({ ctx: asResident(), signupId: a.signupId, now: NOW }));
    // 2 places free: Martin (1) comes in; Nguyen (2) does not fit in the 1 left and stays first in line.
    expect(freed.promoted).toEqual([c.signupId]);
    const mails = await mailsTo("paul.martin@exemple.fr");
    expect(mails).toHaveLength(before + 1);
    expect(mails.at(-1)!.subject).toBe("Une place s'est libérée : Couscous de Karim");
    expect(mails.at(-1)!.text).toContain("est maintenant inscrit à « Couscous de Karim » (Les Tilleuls)");
    expect(getOccurrence({ ctx: asNguyen(), occurrenceId: id, now: NOW }).mySignupDetail).toMatchObject({ status: "waitlisted", position: 1 });

    // Benali comes with one person fewer: the place lets Nguyen in.
    const changed = ok(await changeSignup({ ctx: asNeighbour(), signupId: b.signupId, input: party({ adults: 1 }), now: NOW }));
    expect(changed.status).toBe("confirmed");
    expect(db.select().from(eventSignups).where(eq(eventSignups.id, d.signupId)).get()!.status).toBe("confirmed");
    expect((await mailsTo("linh.nguyen@exemple.fr")).at(-1)!.subject).toBe("Une place s'est libérée : Couscous de Karim");
    expect(getOccurrence({ ctx: asFacilitator(), occurrenceId: id, now: NOW }).totals.places).toBe(4);

    // A larger capacity promotes too.
    const e = ok(signUp({ ctx: asResident(), occurrenceId: id, input: party({ adults: 1 }), now: NOW }));
    expect(e.status).toBe("waitlisted");
    expect(
      problems(await changeOccurrence({ ctx: asFacilitator(), occurrenceId: id, input: { intent: "edit", capacity: 3, note: "" }, now: NOW }))[0].code,
    ).toBe("capacity_below_taken");
    ok(await changeOccurrence({ ctx: asFacilitator(), occurrenceId: id, input: { intent: "edit", capacity: 6, note: "Menu : couscous" }, now: NOW }));
    expect(db.select().from(eventSignups).where(eq(eventSignups.id, e.signupId)).get()!.status).toBe("confirmed");
    expect(getOccurrence({ ctx: asResident(), occurrenceId: id, now: NOW }).note).toBe("Menu : couscous");
  });

  it("the trigger refuses a confirmed sign-up beyond capacity whatever writes it", async () => {
    const id = await oneOff({ date: "2027-03-26", capacity: 2 });
    ok(signUp({ ctx: asResident(), occurrenceId: id, input: party({ adults: 2 }), now: NOW }));
    expect(() => db.insert(eventSignups).values({ groupId: group.id, occurrenceId: id, householdId: benali.id, adults: 1, status: "confirmed" }).run()).toThrow(
      /event_full/,
    );
    expect(() =>
      db.insert(eventSignups).values({ groupId: group.id, occurrenceId: id, householdId: marchand.id, adults: 1, status: "waitlisted", position: 9 }).run(),
    ).toThrow(/UNIQUE/);
  });
});

describe("meals: roles, costs, closing", () => {
  it("volunteers take roles; the head cook records costs; the meal is closed, split to the cent, and cannot change", async () => {
    const id = await oneOff({ date: "2027-03-05", title: "Repas crêpes", capacity: 30 });
    expect(thrownResponse(() => recordCost({ ctx: asNeighbour(), occurrenceId: id, input: CostSchema.parse({ amount: "10" }) })).status).toBe(403);
    const cook = ok(volunteer({ ctx: asNeighbour(), occurrenceId: id, role: "head_cook", now: NOW }));
    expect(problems(volunteer({ ctx: asResident(), occurrenceId: id, role: "head_cook", now: NOW }))[0]).toMatchObject({
      code: "role_full",
      params: { slots: 1 },
    });
    ok(volunteer({ ctx: asResident(), occurrenceId: id, role: "helper", now: NOW }));
    expect(problems(volunteer({ ctx: asResident(), occurrenceId: id, role: "helper", now: NOW }))[0].code).toBe("already_in_role");
    expect(thrownResponse(() => setRoleSlots({ ctx: asResident(), occurrenceId: id, role: "helper", slots: 4 })).status).toBe(403);
    expect(problems(setRoleSlots({ ctx: asFacilitator(), occurrenceId: id, role: "helper", slots: 0 }))[0]).toMatchObject({
      code: "slots_below_taken",
      params: { taken: 1 },
    });
    ok(setRoleSlots({ ctx: asFacilitator(), occurrenceId: id, role: "helper", slots: 3 }));
    // A facilitator puts someone in a role on their behalf.
    ok(volunteer({ ctx: asFacilitator(), occurrenceId: id, role: "cleaner", householdId: diallo.id, now: NOW }));

    ok(signUp({ ctx: asResident(), occurrenceId: id, input: party({ adults: 2, children: 1, infants: 1 }), now: NOW })); // 5 half-portions
    ok(signUp({ ctx: asNeighbour(), occurrenceId: id, input: party({ adults: 2 }), now: NOW })); // 4
    ok(signUp({ ctx: asFacilitator(), occurrenceId: id, input: party({ adults: 1, guests: 1, householdId: diallo.id }), now: NOW })); // 4

    // The head cook (Benali) records what was spent; a resident who is not the head cook cannot.
    const c1 = ok(recordCost({ ctx: asNeighbour(), occurrenceId: id, input: CostSchema.parse({ amount: "29,00", note: "Marché" }) }));
    const oops = ok(recordCost({ ctx: asNeighbour(), occurrenceId: id, input: CostSchema.parse({ amount: "99" }) }));
    ok(removeCost({ ctx: asNeighbour(), costId: oops.costId }));
    ok(recordCost({ ctx: asFacilitator(), occurrenceId: id, input: CostSchema.parse({ amount: "7,50", paidByHouseholdId: marchand.id, note: "Farine" }) }));
    expect(thrownResponse(() => recordCost({ ctx: asResident(), occurrenceId: id, input: CostSchema.parse({ amount: "1" }) })).status).toBe(403);
    const open = getOccurrence({ ctx: asNeighbour(), occurrenceId: id, now: NOW });
    expect(open.costs.map((c) => [c.amountCents, c.paidByName])).toEqual([
      [2900, "Foyer Benali"],
      [750, "Foyer Marchand"],
    ]);
    expect(open.split).toMatchObject({ costCents: 3650, halfPortions: 13 });
    expect(open.split!.shares.reduce((s, x) => s + x.cents, 0)).toBe(3650);
    expect(open.flags).toMatchObject({ canRecordCost: true, canClose: false });

    expect(problems(closeMeal({ ctx: asNeighbour(), occurrenceId: id, now: NOW }))[0].code).toBe("not_started");
    expect(thrownResponse(() => closeMeal({ ctx: asResident(), occurrenceId: id, now: at("2027-03-05T21:00") })).status).toBe(403);
    const after = at("2027-03-05T21:30");
    const closed = ok(closeMeal({ ctx: asNeighbour(), occurrenceId: id, now: after }));
    expect(closed).toMatchObject({ costCents: 3650, halfPortions: 13 });
    // 3650 × 5/13 = 1403.85 (Marchand), × 4/13 = 1123.08 (Benali, Diallo): the cent left goes to Marchand.
    const byName = Object.fromEntries(getOccurrence({ ctx: asResident(), occurrenceId: id, now: after }).split!.shares.map((s) => [s.householdName, s.cents]));
    expect(byName).toEqual({ "Foyer Benali": 1123, "Foyer Diallo": 1123, "Foyer Marchand": 1404 });
    const ledger = db.select().from(mealLedger).where(eq(mealLedger.occurrenceId, id)).all();
    expect(ledger.reduce((s, l) => s + l.amountCents, 0)).toBe(0);

    // Every balance by name is for facilitators (money is the household's own: issue 16)…
    const balances = mealBalances({ ctx: asFacilitator() });
    expect(balances.totalCents).toBe(0);
    expect(balances.households.map((b) => [b.householdName, b.paidCents, b.eatenCents, b.balanceCents])).toEqual([
      ["Foyer Benali", 2900, 1123, 1777],
      ["Foyer Diallo", 0, 1123, -1123],
      ["Foyer Marchand", 750, 1404, -654],
    ]);
    // …a resident sees their own household's and the group's totals only.
    const mineOnly = mealBalances({ ctx: asResident() });
    expect(mineOnly.households.map((b) => [b.householdName, b.balanceCents])).toEqual([["Foyer Marchand", -654]]);
    expect(mineOnly.totals).toEqual({ households: 3, meals: 1, paidCents: 3650, eatenCents: 3650 });
    expect(JSON.stringify(mineOnly)).not.toContain("Foyer Benali");
    expect(mealBalances({ ctx: asNeighbour() }).households.map((b) => b.householdName)).toEqual(["Foyer Benali"]);
    expect(getEventsHome({ ctx: asResident(), now: after }).balanceCents).toBe(-654);

    // Closed: every write refuses.
    const detail = getOccurrence({ ctx: asFacilitator(), occurrenceId: id, now: after });
    expect(detail.closed).toBe(true);
    expect(detail.flags).toMatchObject({ canSignUp: false, canEdit: false, canRecordCost: false, canClose: false, canChangeSignup: false });
    const mine = detail.signups.find((s) => s.householdId === marchand.id)!;
    expect(problems(signUp({ ctx: asFacilitator(), occurrenceId: id, input: party({ adults: 1, householdId: martin.id }), now: after }))[0].code).toBe(
      "meal_closed",
    );
    expect(problems(await changeSignup({ ctx: asFacilitator(), signupId: mine.id, input: party({ adults: 1 }), now: after }))[0].code).toBe("meal_closed");
    expect(problems(await cancelSignup({ ctx: asFacilitator(), signupId: mine.id, now: after }))[0].code).toBe("meal_closed");
    expect(problems(recordCost({ ctx: asFacilitator(), occurrenceId: id, input: CostSchema.parse({ amount: "3" }) }))[0].code).toBe("meal_closed");
    expect(problems(removeCost({ ctx: asFacilitator(), costId: c1.costId }))[0].code).toBe("meal_closed");
    expect(problems(volunteer({ ctx: asFacilitator(), occurrenceId: id, role: "helper", householdId: martin.id, now: after }))[0].code).toBe("meal_closed");
    expect(problems(withdraw({ ctx: asFacilitator(), assignmentId: cook.assignmentId, now: after }))[0].code).toBe("meal_closed");
    expect(problems(closeMeal({ ctx: asFacilitator(), occurrenceId: id, now: after }))[0].code).toBe("meal_closed");
    expect(problems(await changeOccurrence({ ctx: asFacilitator(), occurrenceId: id, input: { intent: "cancel", reason: "" }, now: after }))[0].code).toBe(
      "meal_closed",
    );
    // …and the triggers behind the module do too.
    expect(() => db.update(eventSignups).set({ adults: 9 }).where(eq(eventSignups.id, mine.id)).run()).toThrow(/meal_closed/);
    expect(() =>
      db
        .update(eventOccurrences)
        .set({ startsAt: new Date(NOW) })
        .where(eq(eventOccurrences.id, id))
        .run(),
    ).toThrow(/meal_closed/);
    expect(() => db.update(mealLedger).set({ amountCents: 1 }).where(eq(mealLedger.occurrenceId, id)).run()).toThrow(/ledger_immutable/);
  });

  it("a meal with a cost and nobody signed up cannot be closed; a meal needs to be a meal", async () => {
    const id = await oneOff({ date: "2027-03-06" });
    ok(recordCost({ ctx: asFacilitator(), occurrenceId: id, input: CostSchema.parse({ amount: "12", paidByHouseholdId: martin.id }) }));
    expect(problems(closeMeal({ ctx: asFacilitator(), occurrenceId: id, now: at("2027-03-06T21:00") }))[0].code).toBe("no_eaters");
    const workshop = await oneOff({ date: "2027-03-06", kind: "workshop", title: "Couture" });
    expect(problems(volunteer({ ctx: asResident(), occurrenceId: workshop, role: "head_cook", now: NOW }))[0].code).toBe("not_a_meal");
  });

  it("role slots and the child age limit are for facilitators: a resident gets 403, another group 404, nothing changes", async () => {
    const id = await oneOff({ date: "2027-04-17", title: "Repas de printemps" });
    const slotsOf = (role: "head_cook" | "helper") =>
      getOccurrence({ ctx: asFacilitator(), occurrenceId: id, now: NOW }).roles.find((r) => r.role === role)?.slots;
    const before = slotsOf("head_cook");
    expect(thrownResponse(() => setRoleSlots({ ctx: asResident(), occurrenceId: id, role: "head_cook", slots: 3 })).status).toBe(403);
    expect(thrownResponse(() => setRoleSlots({ ctx: asOutsider(), occurrenceId: id, role: "head_cook", slots: 3 })).status).toBe(404);
    expect(slotsOf("head_cook")).toBe(before);
    ok(setRoleSlots({ ctx: asFacilitator(), occurrenceId: id, role: "head_cook", slots: 2 }));
    expect(slotsOf("head_cook")).toBe(2);
    const workshop = await oneOff({ date: "2027-04-17", kind: "workshop", title: "Compost" });
    expect(problems(setRoleSlots({ ctx: asFacilitator(), occurrenceId: workshop, role: "helper", slots: 2 }))[0].code).toBe("not_a_meal");

    expect(thrownResponse(() => updateEventSettings({ ctx: asResident(), input: { childAgeLimit: 8 } })).status).toBe(403);
    expect(thrownResponse(() => updateEventSettings({ ctx: asNeighbour(), input: { childAgeLimit: 8 } })).status).toBe(403);
    expect(getEventSettings({ ctx: asResident() })).toEqual({ childAgeLimit: 12 });
    // Another group's facilitator changes her own group's limit, never this one's.
    updateEventSettings({ ctx: asOutsider(), input: { childAgeLimit: 16 } });
    expect(getEventSettings({ ctx: asOutsider() })).toEqual({ childAgeLimit: 16 });
    expect(getEventSettings({ ctx: asResident() })).toEqual({ childAgeLimit: 12 });
    updateEventSettings({ ctx: asOutsider(), input: { childAgeLimit: 12 } });
  });
});

describe("changing occurrences", () => {
  it("cancel one: its booking is cancelled and its households are told", async () => {
    const r = ok(
      await createEvent({
        ctx: asFacilitator(),
        input: eventInput({ title: "Repas d'avril", date: "2027-04-15", spaceId: salle.id, repeat: "weekly", count: 3 }),
        now: NOW,
      }),
    );
    const [first] = r.occurrenceIds;
    ok(signUp({ ctx: asMartin(), occurrenceId: first, input: party({ adults: 1 }), now: NOW }));
    const bookingId = db.select().from(eventOccurrences).where(eq(eventOccurrences.id, first)).get()!.bookingId!;
    ok(await changeOccurrence({ ctx: asFacilitator(), occurrenceId: first, input: { intent: "cancel", reason: "Salle inondée" }, now: NOW }));
    expect(db.select().from(bookings).where(eq(bookings.id, bookingId)).get()!.status).toBe("cancelled");
    const o = getOccurrence({ ctx: asMartin(), occurrenceId: first, now: NOW });
    expect(o).toMatchObject({ status: "cancelled", cancelReason: "Salle inondée" });
    expect(o.flags.canSignUp).toBe(false);
    const mail = (await mailsTo("paul.martin@exemple.fr")).at(-1)!;
    expect(mail.subject).toBe("Annulé : Repas d'avril");
    expect(mail.text).toContain("Raison donnée : Salle inondée");
    expect(problems(signUp({ ctx: asResident(), occurrenceId: first, input: party({ adults: 1 }), now: NOW }))[0].code).toBe("not_scheduled");
    // Still in the calendar, struck through.
    expect(listOccurrences({ ctx: asResident(), from: at("2027-04-15T00:00"), to: at("2027-04-16T00:00") }).find((x) => x.id === first)?.status).toBe(
      "cancelled",
    );
  });

  it("move one: re-booked at its new time (refused with the bookings problem when the room is taken), households told", async () => {
    const r = ok(
      await createEvent({
        ctx: asFacilitator(),
        input: eventInput({ title: "Repas de juin", date: "2027-06-10", spaceId: salle.id, repeat: "weekly", count: 2 }),
        now: NOW,
      }),
    );
    const [first, second] = r.occurrenceIds;
    ok(signUp({ ctx: asNguyen(), occurrenceId: first, input: party({ adults: 1 }), now: NOW }));
    const oldBooking = db.select().from(eventOccurrences).where(eq(eventOccurrences.id, first)).get()!.bookingId!;
    // Onto the second occurrence's slot: the room is taken, nothing changes.
    const clash = problems(
      await changeOccurrence({
        ctx: asFacilitator(),
        occurrenceId: first,
        input: { intent: "move", date: "2027-06-17", startTime: "19:00", endTime: "21:00", placeText: "" },
        now: NOW,
      }),
    );
    expect(clash[0]).toMatchObject({ ns: "bookings", code: "overlap" });
    const kept = db.select().from(eventOccurrences).where(eq(eventOccurrences.id, first)).get()!;
    expect(kept.startsAt.getTime()).toBe(at("2027-06-10T19:30"));
    expect(db.select().from(bookings).where(eq(bookings.id, kept.bookingId!)).get()!).toMatchObject({
      status: "confirmed",
      startsAt: new Date(at("2027-06-10T19:30")),
    });
    expect(kept.bookingId).toBe(oldBooking); // the move was rolled back: the booking it had is untouched

    ok(
      await changeOccurrence({
        ctx: asFacilitator(),
        occurrenceId: first,
        input: { intent: "move", date: "2027-06-11", startTime: "19:00", endTime: "21:30", placeText: "" },
        now: NOW,
      }),
    );
    const moved = getOccurrence({ ctx: asNguyen(), occurrenceId: first, now: NOW });
    expect(moved).toMatchObject({ moved: true, startsAt: at("2027-06-11T19:00"), endsAt: at("2027-06-11T21:30"), placeName: "Salle commune" });
    expect(moved.mySignupDetail?.status).toBe("confirmed");
    const row = db.select().from(eventOccurrences).where(eq(eventOccurrences.id, first)).get()!;
    expect(db.select().from(bookings).where(eq(bookings.id, row.bookingId!)).get()).toMatchObject({
      status: "confirmed",
      startsAt: new Date(at("2027-06-11T19:00")),
    });
    expect((await mailsTo("linh.nguyen@exemple.fr")).at(-1)!.subject).toBe("Changement d'horaire : Repas de juin");
    expect(getOccurrence({ ctx: asNguyen(), occurrenceId: second, now: NOW }).moved).toBe(false);
    // Moved to a place in free text: the room's booking goes.
    ok(
      await changeOccurrence({
        ctx: asFacilitator(),
        occurrenceId: second,
        input: { intent: "move", date: "2027-06-17", startTime: "19:30", endTime: "22:00", placeText: "Jardin" },
        now: NOW,
      }),
    );
    expect(getOccurrence({ ctx: asNguyen(), occurrenceId: second, now: NOW }).placeName).toBe("Jardin");
    expect(db.select().from(eventOccurrences).where(eq(eventOccurrences.id, second)).get()!.bookingId).toBeNull();
  });

  it("this and the following: the series is split, the rows keep their sign-ups, the bookings follow", async () => {
    const r = ok(
      await createEvent({
        ctx: asFacilitator(),
        input: eventInput({ title: "Repas de septembre", date: "2027-09-02", spaceId: salle.id, repeat: "weekly", count: 5 }),
        now: NOW,
      }),
    );
    const ids = r.occurrenceIds;
    ok(signUp({ ctx: asResident(), occurrenceId: ids[4], input: party({ adults: 2 }), now: NOW }));
    ok(signUp({ ctx: asMartin(), occurrenceId: ids[3], input: party({ adults: 1 }), now: NOW }));
    ok(await changeOccurrence({ ctx: asFacilitator(), occurrenceId: ids[1], input: { intent: "cancel", reason: "" }, now: NOW }));
    // From 16 September: every other week at 19:00, three times (16 and 30 September, 14 October).
    const change = await changeOccurrence({
      ctx: asFacilitator(),
      occurrenceId: ids[2],
      input: {
        intent: "following",
        ...eventInput({
          title: "Repas du jeudi soir",
          date: "2027-09-16",
          startTime: "19:00",
          endTime: "21:30",
          spaceId: salle.id,
          repeat: "biweekly",
          count: 3,
          capacity: 25,
        }),
      },
      now: NOW,
    });
    const { seriesId } = ok(change);
    expect(seriesId).not.toBe(r.seriesId);
    const old = db.select().from(eventSeries).where(eq(eventSeries.id, r.seriesId)).get()!;
    expect(old).toMatchObject({ untilDate: "2027-09-15", count: 2 });
    const fresh = db.select().from(eventSeries).where(eq(eventSeries.id, seriesId)).get()!;
    expect(fresh).toMatchObject({
      parentSeriesId: r.seriesId,
      title: "Repas du jeudi soir",
      startDate: "2027-09-16",
      startTime: "19:00",
      count: 3,
      capacity: 25,
      rrule: "FREQ=WEEKLY;INTERVAL=2",
    });
    const rows = db.select().from(eventOccurrences).where(eq(eventOccurrences.seriesId, seriesId)).orderBy(eventOccurrences.startsAt).all();
    expect(rows.map((o) => [ids.indexOf(o.id), new Date(o.startsAt).toISOString()])).toEqual([
      [2, "2027-09-16T17:00:00.000Z"],
      [4, "2027-09-30T17:00:00.000Z"],
      [-1, "2027-10-14T17:00:00.000Z"],
    ]);
    // The sign-up on 30 September is kept, its room booked at the new time.
    expect(getOccurrence({ ctx: asResident(), occurrenceId: ids[4], now: NOW })).toMatchObject({
      title: "Repas du jeudi soir",
      capacity: 25,
      mySignup: { status: "confirmed" },
    });
    const booked = db
      .select()
      .from(bookings)
      .where(
        inArray(
          bookings.id,
          rows.map((o) => o.bookingId!),
        ),
      )
      .all();
    expect(booked.map((b) => new Date(b.startsAt).toISOString()).sort()).toEqual(rows.map((o) => new Date(o.startsAt).toISOString()));
    expect(booked.every((b) => b.status === "confirmed")).toBe(true);
    // 23 September is no longer in the rule: cancelled, its room freed, its household told.
    expect(db.select().from(eventOccurrences).where(eq(eventOccurrences.id, ids[3])).get()!).toMatchObject({
      seriesId: r.seriesId,
      status: "cancelled",
      cancelReason: "series_changed",
      bookingId: null,
    });
    expect((await mailsTo("paul.martin@exemple.fr")).at(-1)!.subject).toBe("Annulé : Repas de septembre");
    // The date cancelled before stays cancelled in the old series.
    expect(db.select().from(eventOccurrences).where(eq(eventOccurrences.id, ids[1])).get()!).toMatchObject({ seriesId: r.seriesId, status: "cancelled" });
    // The edit form's values for the new series.
    const values = getSeries({ ctx: asFacilitator(), seriesId, now: NOW }).values;
    expect(values).toMatchObject({
      date: "2027-09-16",
      startTime: "19:00",
      endTime: "21:30",
      repeat: "biweekly",
      count: 3,
      title: "Repas du jeudi soir",
      spaceId: salle.id,
    });

    // Editing a whole series from its next occurrence: the title only, in place; the rows stay.
    ok(await updateEvent({ ctx: asFacilitator(), seriesId, input: EventSchema.parse({ ...values, title: "Repas du jeudi" }), now: NOW }));
    expect(db.select().from(eventSeries).where(eq(eventSeries.id, seriesId)).get()!.title).toBe("Repas du jeudi");
    expect(db.select().from(eventOccurrences).where(eq(eventOccurrences.seriesId, seriesId)).all()).toHaveLength(3);
  });

  it("this and the following, refused by the room on one date: the places it had given up are held again, nothing changed", async () => {
    const r = ok(
      createEvent({
        ctx: asFacilitator(),
        input: eventInput({ title: "Repas de novembre", date: "2027-11-04", spaceId: salle.id, repeat: "weekly", count: 3 }),
        now: NOW,
      }),
    );
    // Someone holds the room on 11 November until 19:15: 19:30 fits, 18:30 does not.
    expect(
      createBooking({
        ctx: asNeighbour(),
        input: BookingSchema.parse({ spaceId: salle.id, date: "2027-11-11", startTime: "17:00", endTime: "19:15" }),
        now: NOW,
      }).ok,
    ).toBe(true);
    const rows = () => db.select().from(eventOccurrences).where(eq(eventOccurrences.seriesId, r.seriesId)).orderBy(eventOccurrences.startsAt).all();
    const before = rows();
    const bookingCount = db.select().from(bookings).all().length;
    const refused = problems(
      changeOccurrence({
        ctx: asFacilitator(),
        occurrenceId: r.occurrenceIds[0],
        input: {
          intent: "following",
          ...eventInput({
            title: "Repas de novembre",
            date: "2027-11-04",
            startTime: "18:30",
            endTime: "21:00",
            spaceId: salle.id,
            repeat: "weekly",
            count: 3,
          }),
        },
        now: NOW,
      }),
    );
    expect(refused[0]).toMatchObject({ ns: "bookings", code: "overlap", params: { occurrenceDate: "2027-11-11" } });
    expect(rows()).toEqual(before);
    expect(db.select().from(bookings).all().length).toBe(bookingCount);
    const held = db
      .select()
      .from(bookings)
      .where(
        inArray(
          bookings.id,
          before.map((o) => o.bookingId!),
        ),
      )
      .all();
    expect(held.map((b) => b.status)).toEqual(["confirmed", "confirmed", "confirmed"]);
    expect(
      db
        .select()
        .from(auditLog)
        .where(
          and(
            eq(auditLog.entity, "booking"),
            eq(auditLog.action, "cancel"),
            inArray(
              auditLog.entityId,
              before.map((o) => o.bookingId!),
            ),
          ),
        )
        .all(),
    ).toEqual([]);
  });

  it("an open-ended series is materialised up to the horizon, and the job moves it forward once", async () => {
    const r = ok(
      await createEvent({
        ctx: asFacilitator(),
        input: eventInput({
          title: "Soupe du dimanche",
          kind: "shared_meal",
          date: "2027-03-07",
          startTime: "12:00",
          endTime: "14:00",
          placeText: "Cour",
          repeat: "weekly",
        }),
        now: NOW,
      }),
    );
    const count = () => db.select().from(eventOccurrences).where(eq(eventOccurrences.seriesId, r.seriesId)).all().length;
    const initial = count();
    expect(initial).toBeGreaterThanOrEqual(52);
    expect(initial).toBeLessThanOrEqual(53);
    const later = NOW + 28 * 24 * H;
    const first = await extendHorizons({ now: later });
    expect(first.created).toBeGreaterThanOrEqual(4);
    expect(count()).toBe(initial + 4);
    expect((await extendHorizons({ now: later })).created).toBe(0);
  });
});

describe("Home, iCal, reminders", () => {
  it("Home: this week, what my household signed up for, meals calling for a head cook", async () => {
    const g = makeGroup("Maison Home");
    const h = makeHousehold(g.id, "Foyer A");
    const f = makeMember({ groupId: g.id, role: "facilitator" });
    const a = makeMember({ groupId: g.id, householdId: h.id });
    const ctxF = ctxFor(f.id, g.id);
    const ctxA = ctxFor(a.id, g.id);
    const now = at("2027-03-08T09:00"); // Monday
    const meal = ok(await createEvent({ ctx: ctxF, input: eventInput({ date: "2027-03-10", placeText: "Salle" }), now })).occurrenceIds[0]; // Wednesday: within 3 days
    const later = ok(await createEvent({ ctx: ctxF, input: eventInput({ date: "2027-03-13", placeText: "Salle", title: "Repas du samedi" }), now }))
      .occurrenceIds[0];
    const far = ok(await createEvent({ ctx: ctxF, input: eventInput({ date: "2027-03-20", placeText: "Salle", title: "Plus tard", kind: "workshop" }), now }))
      .occurrenceIds[0];
    ok(signUp({ ctx: ctxA, occurrenceId: far, input: party({ adults: 1 }), now }));
    const home = getEventsHome({ ctx: ctxA, now });
    expect(home.thisWeek.map((o) => o.id)).toEqual([meal, later]);
    expect(home.signedUp.map((o) => o.id)).toEqual([far]);
    expect(home.callsForVolunteers.map((o) => [o.id, o.missing.map((m) => m.role)])).toEqual([[meal, ["head_cook", "helper", "cleaner"]]]);
    expect(home.balanceCents).toBe(0);
    ok(volunteer({ ctx: ctxA, occurrenceId: meal, role: "head_cook", now }));
    const after = getEventsHome({ ctx: ctxA, now });
    expect(after.callsForVolunteers).toEqual([]);
    expect(after.signedUp.map((o) => [o.id, o.myRoles])).toEqual([
      [meal, ["head_cook"]],
      [far, []],
    ]);
  });

  it("iCal: a group feed and a household feed by secret URL, and a one-event file", async () => {
    const id = await oneOff({ date: "2027-03-27", title: "Fête des voisins", kind: "celebration", description: "Apportez un plat." });
    ok(signUp({ ctx: asResident(), occurrenceId: id, input: party({ adults: 2 }), now: NOW }));
    const groupFeed = ok(createEventFeed({ ctx: asNeighbour(), scope: "group" }));
    const mine = ok(createEventFeed({ ctx: asResident(), scope: "household" }));
    expect(mine.path).toBe(`/ical/events/${mine.token}.ics`);
    const all = feedCalendar(groupFeed.token, "events", NOW)!;
    expect(all.name).toBe("Les Tilleuls");
    expect(all.events.find((e) => e.id === id)).toMatchObject({ summary: "Fête des voisins", location: "Cour", status: "confirmed" });
    const personal = feedCalendar(mine.token, "events", NOW)!;
    expect(personal.name).toBe("Foyer Marchand — Les Tilleuls");
    expect(personal.events.map((e) => e.id)).toContain(id);
    expect(personal.events.length).toBeLessThan(all.events.length);
    const ics = renderCalendar(personal);
    expect(ics).toContain("BEGIN:VCALENDAR");
    expect(ics).toContain("SUMMARY:Fête des voisins");
    const one = renderEventIcs({ ctx: asResident(), occurrenceId: id });
    expect(one.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect(one).toContain("DTSTART:20270327T183000Z");
    expect(one).toContain("LOCATION:Cour");
    expect(thrownResponse(() => revokeEventFeed({ ctx: asNeighbour(), feedId: mine.id })).status).toBe(403);
    revokeEventFeed({ ctx: asResident(), feedId: mine.id });
    expect(feedCalendar(mine.token, "events", NOW)).toBeNull();
    expect(feedCalendar("nope", "events", NOW)).toBeNull();
    expect(problems(createEventFeed({ ctx: asFacilitator(), scope: "household" }))[0].code).toBe("no_household");
  });

  it("reminders go the day before from 10:00, once per household, never twice", async () => {
    const g = makeGroup("Maison Rappels");
    const hA = makeHousehold(g.id, "Foyer A");
    const hB = makeHousehold(g.id, "Foyer B");
    const hC = makeHousehold(g.id, "Foyer C");
    const f = makeMember({ groupId: g.id, role: "facilitator" });
    const a = makeMember({ groupId: g.id, householdId: hA.id, email: "rappel.a@exemple.fr" });
    const b = makeMember({ groupId: g.id, householdId: hB.id, email: "rappel.b@exemple.fr" });
    const c = makeMember({ groupId: g.id, householdId: hC.id, email: "rappel.c@exemple.fr" });
    const id = ok(
      await createEvent({
        ctx: ctxFor(f.id, g.id),
        input: eventInput({ title: "Repas rappel", date: "2027-04-22", placeText: "Salle", capacity: 2 }),
        now: NOW,
      }),
    ).occurrenceIds[0];
    ok(signUp({ ctx: ctxFor(a.id, g.id), occurrenceId: id, input: party({ adults: 2 }), now: NOW }));
    ok(signUp({ ctx: ctxFor(c.id, g.id), occurrenceId: id, input: party({ adults: 1 }), now: NOW })); // waitlisted: no reminder
    void b;
    expect(await sendDueReminders(at("2027-04-21T09:59"))).toEqual({ households: 0, mails: 0 });
    const first = await sendDueReminders(at("2027-04-21T10:05"));
    expect(first.households).toBeGreaterThanOrEqual(1);
    const mails = await mailsTo("rappel.a@exemple.fr");
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe("Demain : Repas rappel");
    expect(mails[0].text).toContain("Vous êtes inscrits pour 2 personnes.");
    expect(await mailsTo("rappel.c@exemple.fr")).toHaveLength(0);
    await sendDueReminders(at("2027-04-21T10:20"));
    await sendDueReminders(at("2027-04-21T18:00"));
    expect(await mailsTo("rappel.a@exemple.fr")).toHaveLength(1);
    expect(db.select().from(eventReminders).where(eq(eventReminders.occurrenceId, id)).all()).toHaveLength(1);
  });

  it("the job runs once at start, then on its interval, and stops", async () => {
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args);
    try {
      const stop = startReminderJob({ intervalMs: 60_000 });
      await new Promise((r) => setTimeout(r, 200));
      stop();
    } finally {
      console.error = original;
    }
    expect(errors).toEqual([]);
  });
});

describe("figures", () => {
  it("per event and per month: distinct households, persons, guests, meals served, on a known dataset", async () => {
    const g = makeGroup("Maison Chiffres");
    const [hA, hB, hC] = ["Foyer A", "Foyer B", "Foyer C"].map((n) => makeHousehold(g.id, n));
    const f = makeMember({ groupId: g.id, role: "facilitator" });
    const ctx = ctxFor(f.id, g.id);
    const make = async (input: Record<string, unknown>) =>
      ok(await createEvent({ ctx, input: eventInput({ placeText: "Salle", ...input }), now: NOW })).occurrenceIds[0];
    const meal1 = await make({ date: "2027-04-01" });
    const workshop = await make({ date: "2027-04-10", kind: "workshop", title: "Atelier couture", startTime: "14:00", endTime: "17:00" });
    const cancelled = await make({ date: "2027-04-15" });
    const meal2 = await make({ date: "2027-05-06" });
    const future = await make({ date: "2027-05-27" });
    const up = (occurrenceId: string, householdId: string, p: Partial<SignupInput>) =>
      ok(signUp({ ctx, occurrenceId, input: party({ ...p, householdId }), now: NOW }));
    up(meal1, hA.id, { adults: 2, children: 1, infants: 1 });
    up(meal1, hB.id, { adults: 1, guests: 2 });
    const gone = up(meal1, hC.id, { adults: 1 });
    ok(await cancelSignup({ ctx, signupId: gone.signupId, now: NOW }));
    up(workshop, hA.id, { adults: 1 });
    up(workshop, hC.id, { adults: 1, children: 1 });
    up(cancelled, hA.id, { adults: 5 });
    ok(await changeOccurrence({ ctx, occurrenceId: cancelled, input: { intent: "cancel", reason: "" }, now: NOW }));
    up(meal2, hA.id, { adults: 2 });
    up(future, hB.id, { adults: 3 });
    ok(recordCost({ ctx, occurrenceId: meal1, input: CostSchema.parse({ amount: "22", paidByHouseholdId: hB.id }) }));
    ok(closeMeal({ ctx, occurrenceId: meal1, now: at("2027-04-01T22:00") }));

    const figures = eventFigures({ scope: scopeForJob(g.id), from: "2027-04-01", to: "2027-05-31", now: at("2027-05-20T12:00") });
    expect(figures.events.map((e) => [e.date, e.kind, e.households, e.persons, e.residents, e.guests, e.halfPortions, e.mealsServed, e.costCents])).toEqual([
      ["2027-04-01", "shared_meal", 2, 7, 5, 2, 11, 7, 2200],
      ["2027-04-10", "workshop", 2, 3, 3, 0, 5, 0, null],
      ["2027-05-06", "shared_meal", 1, 2, 2, 0, 4, 2, null],
    ]);
    const month = (m: string, kind: string) => figures.months.find((x) => x.month === m && x.kind === kind);
    expect(month("2027-04", "all")).toEqual({
      month: "2027-04",
      kind: "all",
      occurrences: 2,
      households: 3,
      persons: 10,
      residentsAtLeast: 7,
      guests: 2,
      mealsServed: 7,
    });
    expect(month("2027-04", "shared_meal")).toMatchObject({ occurrences: 1, households: 2, persons: 7, residentsAtLeast: 5, guests: 2, mealsServed: 7 });
    expect(month("2027-04", "workshop")).toMatchObject({ occurrences: 1, households: 2, persons: 3, residentsAtLeast: 3, mealsServed: 0 });
    expect(month("2027-05", "all")).toMatchObject({ occurrences: 1, households: 1, persons: 2, mealsServed: 2 });
    expect(thrownResponse(() => eventFigures({ scope: scopeForJob("nope"), from: "2027-04-01", to: "2027-04-30" })).status).toBe(404);
  });
});

describe("concurrency", () => {
  it("30 sign-ups racing from 6 processes for the last 8 places: never beyond capacity, the rest waitlisted in order", async () => {
    const g = makeGroup("Maison Concurrence");
    const f = makeMember({ groupId: g.id, role: "facilitator" });
    const ctxF = ctxFor(f.id, g.id);
    const occurrenceId = ok(
      await createEvent({ ctx: ctxF, input: eventInput({ title: "Grand repas", date: "2027-06-03", placeText: "Cour", capacity: 20 }), now: NOW }),
    ).occurrenceIds[0];
    // 12 places already taken.
    for (let i = 0; i < 4; i++)
      ok(signUp({ ctx: ctxF, occurrenceId, input: party({ adults: 3, householdId: makeHousehold(g.id, `Foyer déjà inscrit ${i}`).id }), now: NOW }));
    const racers = Array.from({ length: 30 }, (_, i) => {
      const h = makeHousehold(g.id, `Foyer ${i}`);
      return ctxFor(makeMember({ groupId: g.id, householdId: h.id }).id, g.id);
    });
    const dir = path.dirname(process.env.DATABASE_URL!);
    const script = path.join(dir, "events-race-child.mts");
    fs.writeFileSync(
      script,
      `const { signUp } = await import(${JSON.stringify(path.resolve("app/modules/events/signups.server.ts"))});
       const { jobs, now, startAt } = JSON.parse(process.env.RACE!);
       const out = [];
       while (Date.now() < startAt) {}
       for (const { ctx, occurrenceId, input } of jobs) {
         const r = signUp({ ctx, occurrenceId, input, now });
         out.push(r.ok ? r.status : r.problems[0]?.code);
       }
       process.stdout.write(JSON.stringify(out));`,
    );
    const startAt = Date.now() + 5000;
    const run = (i: number) =>
      new Promise<string[]>((resolve, reject) => {
        const jobs = racers.slice(i * 5, i * 5 + 5).map((ctx) => ({ ctx, occurrenceId, input: party({ adults: 1 }) }));
        const child = spawn(process.execPath, ["--import", "tsx", script], {
          cwd: process.cwd(),
          env: { ...process.env, RACE: JSON.stringify({ jobs, now: NOW, startAt }) },
        });
        let out = "";
        let err = "";
        child.stdout.on("data", (d) => (out += d));
        child.stderr.on("data", (d) => (err += d));
        child.on("close", (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`child ${i} exited ${code}: ${err}`))));
      });
    const results = (await Promise.all(Array.from({ length: 6 }, (_, i) => run(i)))).flat();
    expect(results.filter((r) => r === "confirmed")).toHaveLength(8);
    expect(results.filter((r) => r === "waitlisted")).toHaveLength(22);
    const rows = db
      .select()
      .from(eventSignups)
      .where(and(eq(eventSignups.occurrenceId, occurrenceId), isNull(eventSignups.cancelledAt)))
      .all();
    const confirmedPlaces = rows.filter((r) => r.status === "confirmed").reduce((s, r) => s + r.adults + r.children + r.infants + r.guests, 0);
    expect(confirmedPlaces).toBe(20);
    const positions = rows.filter((r) => r.status === "waitlisted").map((r) => r.position!);
    expect(new Set(positions).size).toBe(22);
    expect(
      getOccurrence({ ctx: ctxF, occurrenceId, now: NOW })
        .signups.filter((s) => s.status === "waitlisted")
        .map((s) => s.position),
    ).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
  }, 180_000); // 6 child processes each load the app (~1 s more per process on Node 24, decision 012) on a shared 2-core machine
});

describe("demo calendar", () => {
  it("seeds the same calendar twice, with a closed meal whose ledger sums to zero", async () => {
    const dir = path.dirname(process.env.DATABASE_URL!);
    const snapshot = (d: Db) =>
      d.$client
        .prepare(
          `select g.name as grp, s.title, s.start_date as startDate, s.rrule, o.starts_at as startsAt, o.closed_at is not null as closed, s.until_date is not null as past,
             (select group_concat(h.dwelling || ':' || (x.adults + x.children + x.infants + x.guests), ',') from event_signups x join households h on h.id = x.household_id where x.occurrence_id = o.id) as signups,
             (select group_concat(h.dwelling || ':' || r.role, ',') from meal_assignments a join meal_roles r on r.id = a.role_id join households h on h.id = a.household_id where a.occurrence_id = o.id) as roles,
             (select sum(amount_cents) from meal_costs c where c.occurrence_id = o.id) as cost,
             (select sum(amount_cents) from meal_ledger l where l.occurrence_id = o.id) as ledger
           from event_occurrences o join event_series s on s.id = o.series_id join groups g on g.id = o.group_id
           where s.kind <> 'meeting' -- the meetings demo (db/seed-meetings.ts) is checked with the meetings
           order by g.name, s.title, o.starts_at`,
        )
        .all();
    // seedDemo adds the bookings demo (with the common room) and this calendar on top of the households.
    const seeded = async (file: string) => {
      const d = openDb(path.join(dir, file));
      await seedDemo(d);
      return d;
    };
    const [a, b] = [await seeded("demo-a.db"), await seeded("demo-b.db")];
    const all = snapshot(a) as {
      grp: string;
      title: string;
      closed: number;
      past: number;
      signups: string | null;
      roles: string | null;
      cost: number | null;
      ledger: number | null;
    }[];
    expect(snapshot(b)).toEqual(all);
    // The calendar around today; the two past years' finished series (db/seed-history.ts) are checked in tests/integration/seed-history.test.ts.
    const rows = all.filter((r) => !r.past);
    expect(new Set(rows.map((r) => `${r.grp} / ${r.title}`))).toEqual(
      new Set([
        "Les Tilleuls / Repas partagé du jeudi",
        "Les Tilleuls / Repair café",
        "Maison des Quatre Saisons / Déjeuner du dimanche",
        "Maison des Quatre Saisons / Atelier cuisine : les recettes de nos grands-mères",
      ]),
    );
    const closed = rows.filter((r) => r.closed);
    expect(closed).toHaveLength(1);
    expect(closed[0]).toMatchObject({ title: "Repas partagé du jeudi", ledger: 0 });
    expect(closed[0].cost).toBeGreaterThan(0);
    // Every Thursday meal in the common room holds a booking of it.
    expect(
      a.$client
        .prepare(
          "select count(*) as n from event_occurrences o join event_series s on s.id = o.series_id where s.title = 'Repas partagé du jeudi' and o.booking_id is null",
        )
        .get(),
    ).toEqual({ n: 0 });
    a.$client.close();
    b.$client.close();
  }, 30_000);
});

describe("a household that leaves", () => {
  it("gives its places back from its departure day: later sign-ups and bookings cancelled, the waiting list moves up, earlier ones kept", async () => {
    const leroy = makeHousehold(group.id, "Foyer Leroy");
    const camille = makeMember({ groupId: group.id, householdId: leroy.id, email: "camille.leroy@exemple.fr" });
    const asCamille = () => ctxFor(camille.id, group.id);
    const before = await oneOff({ date: "2027-03-12", title: "Repas avant le départ", capacity: 10 });
    const after = await oneOff({ date: "2027-03-26", title: "Repas d'après", capacity: 2 });
    const kept = ok(signUp({ ctx: asCamille(), occurrenceId: before, input: party({ adults: 2 }), now: NOW }));
    const gone = ok(signUp({ ctx: asCamille(), occurrenceId: after, input: party({ adults: 2 }), now: NOW }));
    const waiting = ok(signUp({ ctx: asNguyen(), occurrenceId: after, input: party({ adults: 2 }), now: NOW }));
    expect(waiting.status).toBe("waitlisted");
    const booked = await createBooking({
      ctx: asCamille(),
      input: BookingSchema.parse({ spaceId: salle.id, date: "2027-04-02", startTime: "17:00", endTime: "19:00", guests: 0, freq: "none" }),
      now: NOW,
    });
    expect(booked.ok).toBe(true);
    const mailsBefore = (await mailsTo("linh.nguyen@exemple.fr")).length;

    const done = recordDeparture({ ctx: asFacilitator(), householdId: leroy.id, input: { departureDate: "2027-03-20", destination: "private_housing" } });
    expect(done).toEqual({ ok: true, released: { signups: 1, bookings: 1 } });

    const status = (id: string) => db.select({ s: eventSignups.status }).from(eventSignups).where(eq(eventSignups.id, id)).get()!.s;
    expect(status(kept.signupId)).toBe("confirmed");
    expect(status(gone.signupId)).toBe("cancelled");
    expect(status(waiting.signupId)).toBe("confirmed");
    expect((await mailsTo("linh.nguyen@exemple.fr")).length).toBe(mailsBefore + 1);
    if (booked.ok)
      expect(db.select({ s: bookings.status, r: bookings.cancelReason }).from(bookings).where(eq(bookings.id, booked.bookings[0].id)).get()).toEqual({
        s: "cancelled",
        r: null,
      });
  });
});
