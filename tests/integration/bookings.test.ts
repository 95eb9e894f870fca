import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { and, eq, gte, lt } from "drizzle-orm";
import { flushMail } from "~/modules/mail/outbox.server";
import { describe, expect, it, vi } from "vitest";
import { db } from "~db/client.server";
import { auditLog, bookings } from "~db/schema";
import { approveBooking, declineBooking, listPendingApprovals } from "~/modules/bookings/approvals.server";
import { cancelBooking, createBooking, FOR_THE_GROUP, previewBooking } from "~/modules/bookings/bookings.server";
import { addClosure, listClosures, removeClosure } from "~/modules/bookings/closures.server";
import { bookingFigures } from "~/modules/bookings/figures.server";
import { getBooking, listBookings, listMyBookings } from "~/modules/bookings/reading.server";
import { createSpace, getSpace, listSpaces, updateSpace } from "~/modules/bookings/spaces.server";
import { createFeed, feedCalendar, listFeeds, revokeFeed } from "~/modules/calendar/feeds.server";
import { renderCalendar } from "~/modules/core/ical";
import { BookingSchema, SpaceSchema, type BookingInput, type SpaceInput } from "~/modules/bookings/schemas";
import { addDays, zonedToUtc } from "~/modules/core/recurrence";
import { ctxFor, makeGroup, makeHousehold, makeMember, thrownResponse } from "../fixtures";
import { scopeForJob } from "~/modules/access/scope.server";

// One test switches the module's rule check off to reach the database trigger behind it.
const bypassChecks = vi.hoisted(() => ({ on: false }));
vi.mock("~/modules/bookings/rules", async (importOriginal) => {
  const actual = await importOriginal<typeof import("~/modules/bookings/rules")>();
  return {
    ...actual,
    checkBooking: (input: Parameters<typeof actual.checkBooking>[0]) =>
      bypassChecks.on ? { ok: true as const, feeCents: 0, nights: 0, minutes: 15 } : actual.checkBooking(input),
  };
});

const TZ = "Europe/Paris";
const at = (local: string) => zonedToUtc(local, TZ);
/** The tests' "now": Monday 1 March 2027, 09:00 in Paris. Every module call that depends on the clock gets it. */
const NOW = at("2027-03-01T09:00");
const day = (n: number) => addDays("2027-03-01", n);

const group = makeGroup("Les Tilleuls");
const other = makeGroup("Villa Passerelle");
const marchand = makeHousehold(group.id, "Foyer Marchand");
const benali = makeHousehold(group.id, "Foyer Benali");
const stoica = makeHousehold(other.id, "Foyer Stoica");
const facilitator = makeMember({ groupId: group.id, role: "facilitator", email: "animatrice@tilleuls.fr" });
makeMember({ groupId: group.id, role: "group_admin", email: "admin@tilleuls.fr" });
const resident = makeMember({ groupId: group.id, householdId: marchand.id, email: "claire.marchand@exemple.fr" });
const neighbour = makeMember({ groupId: group.id, householdId: benali.id, email: "karim.benali@exemple.fr" });
const outsider = makeMember({ groupId: other.id, householdId: stoica.id, role: "facilitator", email: "ioana.stoica@exemple.fr" });

const asFacilitator = () => ctxFor(facilitator.id, group.id);
const asResident = () => ctxFor(resident.id, group.id);
const asNeighbour = () => ctxFor(neighbour.id, group.id);
const asOutsider = () => ctxFor(outsider.id, other.id);

const spaceInput = (input: Partial<SpaceInput> & { name: string }): SpaceInput => SpaceSchema.parse({ kind: "common_room", active: true, ...input });
const room = (date: string, startTime: string, endTime: string, extra: Partial<BookingInput> = {}) =>
  ({ date, startTime, endTime, purpose: "", guests: 0, acknowledgeRules: false, freq: "none", ...extra }) as Omit<BookingInput, "spaceId">;

const salle = createSpace({
  ctx: asFacilitator(),
  input: spaceInput({ name: "Salle commune", capacity: 40, bufferMinutes: 30, quietStart: "22:00", quietEnd: "07:00" }),
});
const atelier = createSpace({ ctx: asFacilitator(), input: spaceInput({ name: "Atelier", approvalRequired: true }) });
const chambre = createSpace({
  ctx: asFacilitator(),
  input: spaceInput({
    name: "Chambre d'amis",
    kind: "guest_unit",
    capacity: 2,
    approvalRequired: false,
    checkInTime: "15:00",
    checkOutTime: "11:00",
    nightlyFee: "15,50" as unknown as number,
    maxNights: 7,
    quotaNightsPerYear: 10,
    houseRules: "Draps fournis. Ménage au départ.",
  }),
});
const elsewhere = createSpace({ ctx: asOutsider(), input: spaceInput({ name: "Salle de la Villa" }) });

// -------------------------------------------------------------------------------------------------
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

// -------------------------------------------------------------------------------------------------

describe("spaces", () => {
  it("facilitators create and change spaces; residents see the active ones and cannot manage them", () => {
    const ctx = asFacilitator();
    expect(getSpace({ ctx, spaceId: chambre.id })).toMatchObject({ kind: "guest_unit", nightlyFeeCents: 1550, checkInTime: "15:00", maxNights: 7 });
    const hidden = createSpace({ ctx, input: spaceInput({ name: "Remise", kind: "equipment", active: false }) });
    expect(listSpaces({ ctx }).map((s) => s.name)).toContain("Remise");
    expect(listSpaces({ ctx: asResident() }).map((s) => s.name)).not.toContain("Remise");
    expect(thrownResponse(() => createSpace({ ctx: asResident(), input: spaceInput({ name: "X" }) })).status).toBe(403);
    expect(thrownResponse(() => updateSpace({ ctx: asResident(), spaceId: hidden.id, input: spaceInput({ name: "X" }) })).status).toBe(403);
    expect(updateSpace({ ctx, spaceId: hidden.id, input: spaceInput({ name: "Remise à vélos", kind: "equipment", active: false }) })).toEqual({ ok: true });
    expect(getSpace({ ctx, spaceId: hidden.id }).name).toBe("Remise à vélos");
    const audit = db.select().from(auditLog).where(eq(auditLog.entityId, hidden.id)).all();
    expect(audit.map((a) => a.action)).toEqual(["create", "update"]);
  });
  it("another group's space is 404, for reading and for writing", () => {
    expect(thrownResponse(() => getSpace({ ctx: asResident(), spaceId: elsewhere.id })).status).toBe(404);
    expect(thrownResponse(() => updateSpace({ ctx: asFacilitator(), spaceId: elsewhere.id, input: spaceInput({ name: "X" }) })).status).toBe(404);
    expect(thrownResponse(() => listClosures({ ctx: asFacilitator(), spaceId: elsewhere.id })).status).toBe(404);
    expect(
      thrownResponse(() => addClosure({ ctx: asFacilitator(), spaceId: elsewhere.id, input: { startDate: day(1), endDate: day(2), reason: "x" } })).status,
    ).toBe(404);
  });
  it("the form schema validates fee, quiet hours and lengths", () => {
    expect(SpaceSchema.parse({ name: "Chambre", kind: "guest_unit", nightlyFee: "12,5" }).nightlyFee).toBe(1250);
    const bad = SpaceSchema.safeParse({ name: "Salle", kind: "common_room", quietStart: "22:00", minMinutes: 120, maxMinutes: 60, nightlyFee: "douze" });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => `${i.path.join(".")}:${i.message}`)).toEqual(
      expect.arrayContaining([
        "nightlyFee:bookings:errors.amount_invalid",
        "maxMinutes:bookings:errors.max_below_min",
        "quietEnd:bookings:errors.quiet_hours_incomplete",
      ]),
    );
  });
});

describe("booking a room", () => {
  it("books a free slot, confirmed at once when no approval is needed, audited", async () => {
    const r = await createBooking({
      ctx: asResident(),
      input: { spaceId: salle.id, ...room(day(3), "14:00", "16:00", { purpose: "Anniversaire", guests: 12 }) },
      now: NOW,
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.bookings).toHaveLength(1);
    expect(r.bookings[0]).toMatchObject({ status: "confirmed", householdId: marchand.id, createdBy: resident.id, guests: 12, seriesId: null });
    expect(r.bookings[0].startsAt.getTime()).toBe(at(`${day(3)}T14:00`));
    expect(r.bookings[0].blockEnd.getTime()).toBe(at(`${day(3)}T16:30`)); // 30 minutes of cleaning
    expect(db.select().from(auditLog).where(eq(auditLog.entityId, r.bookings[0].id)).get()).toMatchObject({
      action: "create",
      entity: "booking",
      userId: resident.id,
    });
  });
  it("refuses an overlap, naming the conflicting slot, and the cleaning buffer; nothing is stored", async () => {
    const before = db.select().from(bookings).all().length;
    const r = await createBooking({ ctx: asNeighbour(), input: { spaceId: salle.id, ...room(day(3), "16:00", "18:00") }, now: NOW });
    expect(r).toEqual({
      ok: false,
      problems: [{ code: "overlap", field: "startTime", params: { startsAt: at(`${day(3)}T14:00`), endsAt: at(`${day(3)}T16:00`), bufferMinutes: 30 } }],
    });
    expect(db.select().from(bookings).all().length).toBe(before);
    const after = await createBooking({ ctx: asNeighbour(), input: { spaceId: salle.id, ...room(day(3), "16:30", "18:00") }, now: NOW });
    expect(after.ok).toBe(true);
  });
  it("refuses quiet hours, the past, an end before the start and too many guests, each by name", async () => {
    const quiet = await createBooking({ ctx: asResident(), input: { spaceId: salle.id, ...room(day(4), "21:00", "23:00") }, now: NOW });
    expect(!quiet.ok && quiet.problems.map((p) => p.code)).toEqual(["in_quiet_hours"]);
    const past = await createBooking({ ctx: asResident(), input: { spaceId: salle.id, ...room("2027-02-20", "14:00", "15:00") }, now: NOW });
    expect(!past.ok && past.problems.map((p) => p.code)).toEqual(["in_past"]);
    const reversed = await createBooking({ ctx: asResident(), input: { spaceId: salle.id, ...room(day(4), "15:00", "14:00") }, now: NOW });
    expect(reversed).toEqual({ ok: false, problems: [{ code: "end_before_start", field: "endTime", params: {} }] });
    const crowd = await createBooking({ ctx: asResident(), input: { spaceId: salle.id, ...room(day(4), "14:00", "15:00", { guests: 41 }) }, now: NOW });
    expect(!crowd.ok && crowd.problems.map((p) => p.code)).toEqual(["guests_over_capacity"]);
    expect(BookingSchema.safeParse({ spaceId: salle.id, date: day(4), startTime: "15:00", endTime: "14:00" }).error!.issues[0]).toMatchObject({
      path: ["endTime"],
      message: "bookings:errors.end_before_start",
    });
  });
  it("refuses a closure and names its reason; a closure lists the bookings already inside it", async () => {
    const ctx = asFacilitator();
    const closure = addClosure({ ctx, spaceId: salle.id, input: { startDate: day(3), endDate: day(3), reason: "Dégât des eaux" } });
    expect(closure.ok).toBe(true);
    if (!closure.ok) return;
    expect(closure.overlapping.map((b) => b.householdName)).toEqual(["Foyer Marchand", "Foyer Benali"]);
    const r = await createBooking({ ctx: asResident(), input: { spaceId: salle.id, ...room(day(3), "10:00", "11:00") }, now: NOW });
    expect(!r.ok && r.problems[0]).toMatchObject({ code: "in_closure", params: { reason: "Dégât des eaux" } });
    expect(thrownResponse(() => removeClosure({ ctx: asResident(), closureId: closure.id })).status).toBe(403);
    expect(thrownResponse(() => removeClosure({ ctx: asOutsider(), closureId: closure.id })).status).toBe(404);
    removeClosure({ ctx, closureId: closure.id });
    expect(listClosures({ ctx, spaceId: salle.id })).toEqual([]);
  });
  it("counts the household's quota from what it already booked in the month", async () => {
    const ctx = asFacilitator();
    const limited = createSpace({ ctx, input: spaceInput({ name: "Buanderie", kind: "equipment", quotaBookingsPerMonth: 2 }) });
    for (const d of [5, 6])
      expect((await createBooking({ ctx: asResident(), input: { spaceId: limited.id, ...room(day(d), "10:00", "11:00") }, now: NOW })).ok).toBe(true);
    const third = await createBooking({ ctx: asResident(), input: { spaceId: limited.id, ...room(day(7), "10:00", "11:00") }, now: NOW });
    expect(!third.ok && third.problems[0]).toMatchObject({ code: "over_quota_bookings", params: { limit: 2, used: 2, month: "2027-03" } });
    // Another household has its own quota; April is a new month.
    expect((await createBooking({ ctx: asNeighbour(), input: { spaceId: limited.id, ...room(day(7), "10:00", "11:00") }, now: NOW })).ok).toBe(true);
    expect((await createBooking({ ctx: asResident(), input: { spaceId: limited.id, ...room("2027-04-01", "10:00", "11:00") }, now: NOW })).ok).toBe(true);
  });
});

describe("whose booking", () => {
  it("a facilitator books for a household of the group or for the group; a resident only for their own; none without a household", async () => {
    const forBenali = await createBooking({
      ctx: asFacilitator(),
      input: { spaceId: salle.id, ...room(day(30), "10:00", "11:00"), householdId: benali.id },
      now: NOW,
    });
    expect(forBenali.ok && forBenali.bookings[0].householdId).toBe(benali.id);
    const forGroup = await createBooking({
      ctx: asFacilitator(),
      input: { spaceId: salle.id, ...room(day(30), "12:00", "13:00"), householdId: FOR_THE_GROUP },
      now: NOW,
    });
    expect(forGroup.ok && forGroup.bookings[0].householdId).toBeNull();
    expect(
      thrownResponse(() =>
        createBooking({ ctx: asFacilitator(), input: { spaceId: salle.id, ...room(day(30), "14:00", "15:00"), householdId: stoica.id }, now: NOW }),
      ).status,
    ).toBe(404);
    const resident = await createBooking({
      ctx: asResident(),
      input: { spaceId: salle.id, ...room(day(30), "16:00", "17:00"), householdId: benali.id },
      now: NOW,
    });
    expect(resident.ok && resident.bookings[0].householdId).toBe(marchand.id);
    const alone = makeMember({ groupId: group.id });
    expect(await createBooking({ ctx: ctxFor(alone.id, group.id), input: { spaceId: salle.id, ...room(day(30), "18:00", "19:00") }, now: NOW })).toEqual({
      ok: false,
      problems: [{ code: "no_household", field: null, params: {} }],
    });
  });
});

describe("approval", () => {
  it("a request waits for a facilitator, who is told by mail; approving confirms it and tells the booker", async () => {
    const r = await createBooking({
      ctx: asResident(),
      input: { spaceId: atelier.id, ...room(day(10), "09:00", "12:00", { purpose: "Atelier couture" }) },
      now: NOW,
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const id = r.bookings[0].id;
    expect(r.bookings[0].status).toBe("requested");
    for (const email of ["animatrice@tilleuls.fr", "admin@tilleuls.fr"]) {
      const mail = (await mailsTo(email)).at(-1)!;
      expect(mail.subject).toBe("Réservation à valider : Atelier");
      expect(mail.text).toContain("Foyer Marchand demande à réserver Atelier");
      expect(mail.text).toContain("Atelier couture");
    }
    expect(await mailsTo("karim.benali@exemple.fr")).toEqual([]);
    expect(listPendingApprovals({ ctx: asFacilitator() }).map((p) => p.id)).toContain(id);
    // The request holds the slot meanwhile.
    const clash = await createBooking({ ctx: asNeighbour(), input: { spaceId: atelier.id, ...room(day(10), "11:00", "12:00") }, now: NOW });
    expect(!clash.ok && clash.problems[0].code).toBe("overlap");

    expect(thrownResponse(() => approveBooking({ ctx: asResident(), bookingId: id })).status).toBe(403);
    expect(thrownResponse(() => approveBooking({ ctx: asOutsider(), bookingId: id })).status).toBe(404);
    expect(await approveBooking({ ctx: asFacilitator(), bookingId: id })).toEqual({ ok: true });
    expect(getBooking({ ctx: asResident(), bookingId: id, now: NOW })).toMatchObject({
      status: "confirmed",
      decidedBy: facilitator.id,
      canCancel: true,
      cancelNeedsReason: false,
    });
    const mail = (await mailsTo("claire.marchand@exemple.fr")).at(-1)!;
    expect(mail.subject).toBe("Réservation confirmée : Atelier");
    expect(mail.text).toMatch(/Atelier \(Les Tilleuls\) est confirmée : jeudi 11 mars 2027, 09:00\s?–\s?12:00/);
    expect(await approveBooking({ ctx: asFacilitator(), bookingId: id })).toEqual({ ok: false, problems: [{ code: "not_pending", field: null, params: {} }] });
    expect(listPendingApprovals({ ctx: asFacilitator() }).map((p) => p.id)).not.toContain(id);
    expect(thrownResponse(() => listPendingApprovals({ ctx: asResident() })).status).toBe(403);
    expect(
      db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityId, id), eq(auditLog.action, "approve")))
        .get(),
    ).toMatchObject({ userId: facilitator.id });
  });
  it("declining frees the slot and tells the booker why", async () => {
    const r = await createBooking({ ctx: asNeighbour(), input: { spaceId: atelier.id, ...room(day(11), "14:00", "16:00") }, now: NOW });
    if (!r.ok) throw new Error("expected a booking");
    expect(await declineBooking({ ctx: asFacilitator(), bookingId: r.bookings[0].id, reason: "Atelier réservé pour l'AG" })).toEqual({ ok: true });
    expect(getBooking({ ctx: asNeighbour(), bookingId: r.bookings[0].id, now: NOW })).toMatchObject({
      status: "declined",
      decisionReason: "Atelier réservé pour l'AG",
      canCancel: false,
    });
    const mail = (await mailsTo("karim.benali@exemple.fr")).at(-1)!;
    expect(mail.subject).toBe("Réservation refusée : Atelier");
    expect(mail.text).toContain("Raison donnée : Atelier réservé pour l'AG");
    const again = await createBooking({ ctx: asResident(), input: { spaceId: atelier.id, ...room(day(11), "14:00", "16:00") }, now: NOW });
    expect(again.ok).toBe(true);
  });
  it("a facilitator's own booking needs no approval", async () => {
    const r = await createBooking({
      ctx: asFacilitator(),
      input: { spaceId: atelier.id, ...room(day(12), "18:00", "20:00", { purpose: "Assemblée" }) },
      now: NOW,
    });
    expect(r.ok && r.bookings[0]).toMatchObject({ status: "confirmed", householdId: null });
  });
});

describe("cancellation", () => {
  const book = async (ctx: ReturnType<typeof asResident>, d: number) => {
    const r = await createBooking({ ctx, input: { spaceId: salle.id, ...room(day(d), "10:00", "12:00") }, now: NOW });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    return r.bookings[0];
  };
  it("the booker's household cancels before the start, without mail to itself", async () => {
    const b = await book(asResident(), 20);
    const mailsBefore = (await readMails()).length;
    expect(await cancelBooking({ ctx: asResident(), bookingId: b.id, now: NOW })).toEqual({ ok: true });
    expect((await readMails()).length).toBe(mailsBefore);
    expect(await cancelBooking({ ctx: asResident(), bookingId: b.id, now: NOW })).toEqual({
      ok: false,
      problems: [{ code: "not_active", field: null, params: {} }],
    });
    expect(db.select().from(bookings).where(eq(bookings.id, b.id)).get()).toMatchObject({ status: "cancelled", cancelledBy: resident.id });
  });
  it("not once it has started, and never a neighbour's", async () => {
    const b = await book(asResident(), 21);
    expect(await cancelBooking({ ctx: asResident(), bookingId: b.id, now: at(`${day(21)}T10:00`) })).toEqual({
      ok: false,
      problems: [{ code: "already_started", field: null, params: {} }],
    });
    expect(thrownResponse(() => cancelBooking({ ctx: asNeighbour(), bookingId: b.id, now: NOW })).status).toBe(403);
    expect(thrownResponse(() => cancelBooking({ ctx: asOutsider(), bookingId: b.id, reason: "x", now: NOW })).status).toBe(404);
  });
  it("a facilitator cancels any booking, any time, but must say why; the booker is told", async () => {
    const b = await book(asNeighbour(), 22);
    expect(getBooking({ ctx: asFacilitator(), bookingId: b.id, now: NOW })).toMatchObject({ canCancel: true, cancelNeedsReason: true });
    expect(await cancelBooking({ ctx: asFacilitator(), bookingId: b.id, now: NOW })).toEqual({
      ok: false,
      problems: [{ code: "reason_required", field: "reason", params: {} }],
    });
    expect(await cancelBooking({ ctx: asFacilitator(), bookingId: b.id, reason: "  ", now: NOW })).toMatchObject({ ok: false });
    expect(await cancelBooking({ ctx: asFacilitator(), bookingId: b.id, reason: "Fuite dans la salle", now: at(`${day(22)}T11:00`) })).toEqual({ ok: true });
    const mail = (await mailsTo("karim.benali@exemple.fr")).at(-1)!;
    expect(mail.subject).toBe("Réservation annulée : Salle commune");
    expect(mail.text).toContain("Fuite dans la salle");
    expect(db.select().from(bookings).where(eq(bookings.id, b.id)).get()).toMatchObject({
      status: "cancelled",
      cancelReason: "Fuite dans la salle",
      cancelledBy: facilitator.id,
    });
  });
});

describe("recurring bookings", () => {
  it("the preview shows which dates conflict and why; booking takes the others, in one series", async () => {
    const ctx = asFacilitator();
    // Week 3 is taken, week 5 is closed.
    const taken = await createBooking({ ctx: asNeighbour(), input: { spaceId: salle.id, ...room("2027-04-20", "19:00", "20:00") }, now: NOW });
    expect(taken.ok).toBe(true);
    const closure = addClosure({ ctx, spaceId: salle.id, input: { startDate: "2027-05-04", endDate: "2027-05-04", reason: "Peinture" } });
    expect(closure.ok).toBe(true);
    const input: BookingInput = { spaceId: salle.id, ...room("2027-04-06", "18:00", "20:00", { freq: "weekly", until: "2027-05-11", purpose: "Chorale" }) };

    const preview = previewBooking({ ctx: asResident(), input, now: NOW });
    expect(preview.ok).toBe(true);
    if (!preview.ok) return;
    expect(preview.slots.map((s) => [new Date(s.startsAt).toISOString(), s.problems.map((p) => p.code)])).toEqual([
      ["2027-04-06T16:00:00.000Z", []],
      ["2027-04-13T16:00:00.000Z", []],
      ["2027-04-20T16:00:00.000Z", ["overlap"]],
      ["2027-04-27T16:00:00.000Z", []],
      ["2027-05-04T16:00:00.000Z", ["in_closure"]],
      ["2027-05-11T16:00:00.000Z", []],
    ]);
    expect(preview.slots[2].problems[0].params).toMatchObject({ startsAt: at("2027-04-20T19:00"), endsAt: at("2027-04-20T20:00") });

    const r = await createBooking({ ctx: asResident(), input, now: NOW });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.bookings).toHaveLength(4);
    expect(new Set(r.bookings.map((b) => b.seriesId)).size).toBe(1);
    expect(r.bookings[0].seriesId).not.toBeNull();
    expect(r.skipped.map((s) => s.problems[0].code)).toEqual(["overlap", "in_closure"]);
  });
  it("every other week and monthly; a series longer than the limit is refused", async () => {
    const r = await createBooking({
      ctx: asResident(),
      input: { spaceId: salle.id, ...room("2027-06-01", "10:00", "11:00", { freq: "biweekly", until: "2027-06-30" }) },
      now: NOW,
    });
    expect(r.ok && r.bookings.map((b) => b.startsAt.toISOString())).toEqual([
      "2027-06-01T08:00:00.000Z",
      "2027-06-15T08:00:00.000Z",
      "2027-06-29T08:00:00.000Z",
    ]);
    const long = await createBooking({
      ctx: asResident(),
      input: { spaceId: salle.id, ...room("2027-06-02", "10:00", "11:00", { freq: "weekly", until: "2029-06-30" }) },
      now: NOW,
    });
    expect(!long.ok && long.problems[0]).toMatchObject({ code: "too_many_occurrences", field: "until" });
  });
});

describe("guest unit", () => {
  it("a stay by dates: fee shown before, house rules to accept, nights counted per year", async () => {
    const stay = {
      spaceId: chambre.id,
      arrivalDate: "2027-03-26",
      departureDate: "2027-03-29",
      purpose: "Visite de ma sœur",
      guests: 2,
      freq: "none" as const,
    };
    const preview = previewBooking({ ctx: asResident(), input: { ...stay, acknowledgeRules: false }, now: NOW });
    expect(preview).toMatchObject({ ok: true, totalFeeCents: 3 * 1550, problems: [] });
    // Across the spring change (28 March 2027): still 3 nights, from check-in to check-out in Paris.
    expect(preview.ok && preview.slots[0]).toMatchObject({ nights: 3, startsAt: at("2027-03-26T15:00"), endsAt: at("2027-03-29T11:00") });
    const unticked = await createBooking({ ctx: asResident(), input: { ...stay, acknowledgeRules: false }, now: NOW });
    expect(unticked).toEqual({ ok: false, problems: [{ code: "house_rules_not_acknowledged", field: "acknowledgeRules", params: {} }] });
    const r = await createBooking({ ctx: asResident(), input: { ...stay, acknowledgeRules: true }, now: NOW });
    expect(r.ok && r.bookings[0]).toMatchObject({ nights: 3, feeCents: 4650, status: "confirmed" });
    // Departure day at 11:00 and the next arrival at 15:00 the same day: fine.
    const next = await createBooking({
      ctx: asNeighbour(),
      input: { ...stay, arrivalDate: "2027-03-29", departureDate: "2027-04-05", acknowledgeRules: true },
      now: NOW,
    });
    expect(next.ok).toBe(true);
    const tooLong = await createBooking({
      ctx: asResident(),
      input: { ...stay, arrivalDate: "2027-05-01", departureDate: "2027-05-09", acknowledgeRules: true },
      now: NOW,
    });
    expect(!tooLong.ok && tooLong.problems.map((p) => p.code)).toEqual(["too_many_nights", "over_quota_nights"]);
    // 3 nights used in 2027, 10 a year: 7 more is fine, 8 is not.
    const quota = await createBooking({
      ctx: asResident(),
      input: { ...stay, arrivalDate: "2027-06-01", departureDate: "2027-06-08", acknowledgeRules: true },
      now: NOW,
    });
    expect(quota.ok).toBe(true);
    const over = await createBooking({
      ctx: asResident(),
      input: { ...stay, arrivalDate: "2027-07-01", departureDate: "2027-07-02", acknowledgeRules: true },
      now: NOW,
    });
    expect(!over.ok && over.problems[0]).toMatchObject({ code: "over_quota_nights", params: { limit: 10, used: 10, year: "2027" } });
  });
  it("takes dates, not times, and does not repeat", async () => {
    const times = await createBooking({
      ctx: asResident(),
      input: { spaceId: chambre.id, ...room(day(40), "10:00", "12:00"), acknowledgeRules: true },
      now: NOW,
    });
    expect(!times.ok && times.problems.map((p) => p.field)).toEqual(["arrivalDate", "departureDate"]);
    expect(BookingSchema.safeParse({ spaceId: chambre.id, arrivalDate: day(40), departureDate: day(42), freq: "weekly", until: day(90) }).success).toBe(false);
  });
});

describe("calendars", () => {
  it("everyone sees who booked; the purpose only the household and facilitators", () => {
    const from = at(`${day(3)}T00:00`);
    const to = at(`${day(4)}T00:00`);
    const mine = listBookings({ ctx: asResident(), from, to, spaceId: salle.id });
    expect(mine.map((b) => [b.householdName, b.purpose, b.own])).toEqual([
      ["Foyer Marchand", "Anniversaire", true],
      ["Foyer Benali", null, false],
    ]);
    expect(listBookings({ ctx: asFacilitator(), from, to }).find((b) => b.householdName === "Foyer Benali")).toMatchObject({
      purpose: "",
      spaceName: "Salle commune",
      spaceKind: "common_room",
    });
    expect(listBookings({ ctx: asOutsider(), from, to })).toEqual([]);
    expect(thrownResponse(() => listBookings({ ctx: asOutsider(), from, to, spaceId: salle.id })).status).toBe(404);
  });
  it("my bookings are my household's; another group's booking is 404", () => {
    const mine = listMyBookings({ ctx: asResident(), now: NOW });
    expect(mine.length).toBeGreaterThan(5);
    const neighbours = db
      .select()
      .from(bookings)
      .where(eq(bookings.householdId, benali.id))
      .all()
      .map((b) => b.id);
    expect(mine.some((b) => neighbours.includes(b.id))).toBe(false);
    const b = mine[0];
    expect(getBooking({ ctx: asNeighbour(), bookingId: b.id, now: NOW })).toMatchObject({ purpose: null, own: false, canCancel: false });
    expect(thrownResponse(() => getBooking({ ctx: asOutsider(), bookingId: b.id })).status).toBe(404);
  });
  it("iCal feeds: a secret token URL per space or household, revocable", () => {
    const spaceFeed = createFeed({ ctx: asResident(), scope: "space", spaceId: atelier.id });
    expect(spaceFeed.ok).toBe(true);
    if (!spaceFeed.ok) return;
    expect(spaceFeed.path).toBe(`/ical/${spaceFeed.token}.ics`);
    const events = feedCalendar(spaceFeed.token, "bookings", NOW)!;
    expect(events.name).toBe("Atelier — Les Tilleuls");
    expect(events.events.map((e) => e.summary)).toEqual(expect.arrayContaining(["Foyer Marchand", "Les Tilleuls"]));
    const ics = renderCalendar(events);
    expect(ics).toContain("BEGIN:VCALENDAR");
    expect(ics).toContain("SUMMARY:Foyer Marchand");
    expect(ics).toContain("DTSTART:20270311T080000Z"); // 11 March, 09:00 in Paris
    expect(ics).toContain("STATUS:TENTATIVE"); // a request waiting for approval
    expect(ics).not.toContain("Atelier couture"); // a space feed shows no purpose

    const householdFeed = createFeed({ ctx: asResident(), scope: "household" });
    if (!householdFeed.ok) throw new Error("expected a feed");
    const own = feedCalendar(householdFeed.token, "bookings", NOW)!;
    expect(own.name).toBe("Foyer Marchand — Les Tilleuls");
    expect(own.events.some((e) => e.description === "Atelier couture")).toBe(true);
    expect(createFeed({ ctx: asFacilitator(), scope: "household" })).toEqual({ ok: false, problems: [{ code: "no_household", field: null, params: {} }] });

    expect(
      listFeeds({ ctx: asResident() })
        .map((f) => f.scope)
        .sort(),
    ).toEqual(["household", "space"]);
    expect(thrownResponse(() => revokeFeed({ ctx: asNeighbour(), feedId: spaceFeed.id })).status).toBe(403);
    expect(thrownResponse(() => revokeFeed({ ctx: asOutsider(), feedId: spaceFeed.id })).status).toBe(404);
    revokeFeed({ ctx: asResident(), feedId: spaceFeed.id });
    expect(feedCalendar(spaceFeed.token, "bookings", NOW)).toBeNull();
    expect(feedCalendar("not-a-token", "bookings")).toBeNull();
    expect(thrownResponse(() => createFeed({ ctx: asResident(), scope: "space", spaceId: elsewhere.id })).status).toBe(404);
  });
});

describe("the database guard", () => {
  const sqlite = db.$client;
  const insert = sqlite.prepare(
    `insert into bookings (id, group_id, space_id, household_id, starts_at, ends_at, block_start, block_end, status, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0)`,
  );
  const t0 = at("2027-09-01T10:00");
  const H = 3_600_000;
  it("refuses an overlapping booking written directly in SQL, buffer included", () => {
    insert.run("sql-a", group.id, salle.id, marchand.id, t0, t0 + 2 * H, t0, t0 + 2.5 * H, "confirmed");
    expect(() => insert.run("sql-b", group.id, salle.id, benali.id, t0 + 2 * H, t0 + 3 * H, t0 + 2 * H, t0 + 3 * H, "requested")).toThrow(/booking_overlap/);
    expect(() => insert.run("sql-c", group.id, salle.id, benali.id, t0 - H, t0 + 10 * H, t0 - H, t0 + 10 * H, "confirmed")).toThrow(/booking_overlap/);
    expect(() => insert.run("sql-d", group.id, salle.id, benali.id, t0 + H, t0 + 1.5 * H, t0 + H, t0 + 1.5 * H, "confirmed")).toThrow(/booking_overlap/);
    // Back to back after the buffer, and before: fine. A cancelled booking holds nothing.
    insert.run("sql-e", group.id, salle.id, benali.id, t0 + 2.5 * H, t0 + 3 * H, t0 + 2.5 * H, t0 + 3 * H, "confirmed");
    insert.run("sql-f", group.id, salle.id, benali.id, t0 - H, t0, t0 - H, t0, "confirmed");
    insert.run("sql-g", group.id, salle.id, benali.id, t0, t0 + H, t0, t0 + H, "cancelled");
    // Another space is another calendar.
    insert.run("sql-h", group.id, atelier.id, benali.id, t0, t0 + H, t0, t0 + H, "confirmed");
  });
  it("refuses an update that would make an overlap (re-activating, moving)", () => {
    expect(() => sqlite.prepare("update bookings set status = 'confirmed' where id = 'sql-g'").run()).toThrow(/booking_overlap/);
    expect(() => sqlite.prepare(`update bookings set block_start = ?, starts_at = ? where id = 'sql-e'`).run(t0 + 2 * H, t0 + 2 * H)).toThrow(
      /booking_overlap/,
    );
    expect(() => sqlite.prepare(`update bookings set space_id = ? where id = 'sql-a'`).run(atelier.id)).toThrow(/booking_overlap/);
    sqlite.prepare("update bookings set purpose = 'x', status = 'confirmed' where id = 'sql-a'").run(); // same slot: fine
    sqlite.prepare("update bookings set status = 'cancelled' where id = 'sql-a'").run();
    sqlite.prepare("update bookings set status = 'confirmed' where id = 'sql-g'").run(); // now free
  });
  it("the module turns the trigger's refusal into an overlap problem naming the slot, not a 500", async () => {
    // Make the module's own check pass everything, so that only the trigger stands in the way.
    bypassChecks.on = true;
    try {
      const r = await createBooking({ ctx: asResident(), input: { spaceId: salle.id, ...room("2027-09-01", "10:30", "10:45") }, now: NOW });
      expect(r).toEqual({
        ok: false,
        problems: [{ code: "overlap", field: "startTime", params: { startsAt: t0, endsAt: t0 + H, bufferMinutes: 30 } }],
      });
    } finally {
      bypassChecks.on = false;
    }
    expect(
      db
        .select()
        .from(bookings)
        .where(eq(bookings.startsAt, new Date(at("2027-09-01T10:30"))))
        .all(),
    ).toEqual([]);
  });
});

describe("concurrency", () => {
  it("20 simultaneous requests for one slot in one process give exactly one booking", async () => {
    const ctxs = [asResident, asNeighbour, asFacilitator];
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        createBooking({ ctx: ctxs[i % 3](), input: { spaceId: salle.id, ...room("2027-10-05", "14:00", "16:00") }, now: NOW }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.problems[0].code === "overlap")).toBe(true);
  });
  it("8 processes, each with its own connection, racing for the same 25 slots: exactly one booking per slot", async () => {
    const dir = path.dirname(process.env.DATABASE_URL!);
    const script = path.join(dir, "race-child.mts");
    // Each child waits for the same instant, then asks for the 25 slots one after the other, as fast as it can.
    fs.writeFileSync(
      script,
      `const { createBooking } = await import(${JSON.stringify(path.resolve("app/modules/bookings/bookings.server.ts"))});
       const { ctx, inputs, now, startAt } = JSON.parse(process.env.RACE!);
       const out = [];
       while (Date.now() < startAt) {}
       for (const input of inputs) {
         const r = await createBooking({ ctx, input, now });
         out.push(r.ok ? "ok" : r.problems[0]?.code);
       }
       process.stdout.write(JSON.stringify(out));`,
    );
    const ctxs = [asResident(), asNeighbour(), asFacilitator()];
    const inputs = Array.from({ length: 25 }, (_, i) => ({ spaceId: salle.id, ...room(addDays("2027-10-12", i), "14:00", "16:00") }));
    const startAt = Date.now() + 5000;
    const run = (i: number) =>
      new Promise<string[]>((resolve, reject) => {
        const child = spawn(process.execPath, ["--import", "tsx", script], {
          cwd: process.cwd(),
          env: { ...process.env, RACE: JSON.stringify({ ctx: ctxs[i % 3], inputs, now: NOW, startAt }) },
        });
        let out = "";
        let err = "";
        child.stdout.on("data", (d) => (out += d));
        child.stderr.on("data", (d) => (err += d));
        child.on("close", (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`child ${i} exited ${code}: ${err}`))));
      });
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => run(i)));
    for (let slot = 0; slot < inputs.length; slot++) {
      const answers = results.map((r) => r[slot]);
      expect(
        answers.filter((a) => a === "ok"),
        `slot ${slot}`,
      ).toHaveLength(1);
      expect(
        answers.filter((a) => a !== "ok"),
        `slot ${slot}`,
      ).toEqual(Array(7).fill("overlap"));
    }
    const stored = db
      .select()
      .from(bookings)
      .where(
        and(eq(bookings.spaceId, salle.id), gte(bookings.startsAt, new Date(at("2027-10-12T00:00"))), lt(bookings.startsAt, new Date(at("2027-11-07T00:00")))),
      )
      .all();
    expect(stored).toHaveLength(25);
  }, 180_000); // 8 child processes each load the app (~1 s more per process on Node 24, decision 012) on a shared 2-core machine
});

describe("figures", () => {
  it("hours booked, occupancy, nights and fees per space, month and household, on a known dataset", async () => {
    const g = makeGroup("Figures");
    const hA = makeHousehold(g.id, "Foyer A");
    const hB = makeHousehold(g.id, "Foyer B");
    const f = makeMember({ groupId: g.id, role: "facilitator" });
    const a = makeMember({ groupId: g.id, householdId: hA.id });
    const b = makeMember({ groupId: g.id, householdId: hB.id });
    const ctxF = ctxFor(f.id, g.id);
    const hall = createSpace({ ctx: ctxF, input: spaceInput({ name: "Salle", bufferMinutes: 0 }) });
    const guest = createSpace({ ctx: ctxF, input: spaceInput({ name: "Chambre", kind: "guest_unit", nightlyFee: "20" as unknown as number }) });
    const early = zonedToUtc("2027-01-15T09:00", TZ);
    const ok = async (ctx: ReturnType<typeof ctxFor>, input: BookingInput) => {
      const r = await createBooking({ ctx, input, now: early });
      if (!r.ok) throw new Error(JSON.stringify(r.problems));
      return r.bookings[0];
    };
    addClosure({ ctx: ctxF, spaceId: hall.id, input: { startDate: "2027-02-01", endDate: "2027-02-02", reason: "Travaux" } });
    await ok(ctxFor(a.id, g.id), { spaceId: hall.id, ...room("2027-02-10", "10:00", "14:00") });
    await ok(ctxFor(b.id, g.id), { spaceId: hall.id, ...room("2027-02-20", "20:00", "23:00") }); // 2 h inside 08:00–22:00
    const cancelled = await ok(ctxFor(b.id, g.id), { spaceId: hall.id, ...room("2027-02-21", "10:00", "12:00") });
    await cancelBooking({ ctx: ctxFor(b.id, g.id), bookingId: cancelled.id, now: early });
    await ok(ctxFor(a.id, g.id), {
      spaceId: guest.id,
      arrivalDate: "2027-02-26",
      departureDate: "2027-03-02",
      guests: 1,
      purpose: "",
      acknowledgeRules: false,
      freq: "none",
    });
    await ok(ctxFor(b.id, g.id), {
      spaceId: guest.id,
      arrivalDate: "2027-03-10",
      departureDate: "2027-03-12",
      guests: 1,
      purpose: "",
      acknowledgeRules: false,
      freq: "none",
    });

    const figures = bookingFigures({ scope: scopeForJob(g.id), from: "2027-02-01", to: "2027-03-31" });
    const row = (name: string, month: string) => figures.spaces.find((s) => s.spaceName === name && s.month === month)!;
    // February: 28 days × 14 h, less the 2 closed days = 364 h; 7 h booked, 6 of them within the bookable hours.
    expect(row("Salle", "2027-02")).toMatchObject({ bookings: 2, bookedHours: 7, bookableHours: 364, occupancyRate: Math.round((6 / 364) * 10_000) / 10_000 });
    expect(row("Salle", "2027-03")).toMatchObject({ bookings: 0, bookedHours: 0, bookableHours: 31 * 14, occupancyRate: 0 });
    // The stay of 26 Feb → 2 Mar has 3 nights in February, 1 in March; 20 € a night.
    expect(row("Chambre", "2027-02")).toMatchObject({
      bookings: 1,
      nights: 3,
      availableNights: 28,
      occupancyRate: Math.round((3 / 28) * 10_000) / 10_000,
      feesCents: 6000,
    });
    expect(row("Chambre", "2027-03")).toMatchObject({ bookings: 1, nights: 3, availableNights: 31, feesCents: 6000 });
    expect(figures.households.map((h) => [h.householdName, h.stays, h.nights, h.feesCents])).toEqual([
      ["Foyer A", 1, 4, 8000],
      ["Foyer B", 1, 2, 4000],
    ]);
    expect(thrownResponse(() => bookingFigures({ scope: scopeForJob("nope"), from: "2027-02-01", to: "2027-02-28" })).status).toBe(404);
  });
});
