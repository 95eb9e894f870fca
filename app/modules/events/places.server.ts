// An occurrence's place: in a space, it holds a booking made through the bookings module (createBooking, for the
// group), so the space's rules and its no-overlap guarantee apply. The booking is made in the transaction that
// writes the occurrence: a slot the space refuses rolls the whole change back, so no booking is left without its
// occurrence and no occurrence loses its place.
import type { Tx } from "~db/client.server";
import { cancelBooking, createBooking, FOR_THE_GROUP, previewBooking } from "~/modules/bookings/bookings.server";
import type { BookingInput } from "~/modules/bookings/schemas";
import { addDays, utcToZoned } from "~/modules/core/recurrence";
import { rollBack } from "~/modules/core/transaction.server";
import type { Ctx, Occurrence } from "./lookups.server";
import { fromBookingProblem, type Problem } from "./rules";

export type Slot = { startsAt: number; endsAt: number };

export const slotOf = (o: Pick<Occurrence, "startsAt" | "endsAt">): Slot => ({ startsAt: o.startsAt.getTime(), endsAt: o.endsAt.getTime() });

export function bookingInput(spaceId: string, slot: Slot, timeZone: string, title: string, capacity: number | null): BookingInput {
  const start = utcToZoned(slot.startsAt, timeZone);
  const end = utcToZoned(slot.endsAt, timeZone);
  return {
    spaceId,
    householdId: FOR_THE_GROUP,
    date: start.date,
    startTime: start.time,
    endTime: end.time,
    endDate: end.date !== start.date && !(end.time === "00:00" && end.date === addDays(start.date, 1)) ? end.date : undefined,
    purpose: title,
    guests: capacity ?? 0,
    acknowledgeRules: true,
    freq: "none",
  };
}

/**
 * Books the slots for the group in `tx`, the transaction of the event's change: every slot is checked first
 * (previewBooking), so that each date the space refuses is named at once, then booked. A refusal rolls the whole
 * change back (nothing written, no booking left behind). Returns the bookings, in the order of the slots.
 */
export function bookPlaces(tx: Tx, ctx: Ctx, spaceId: string, slots: Slot[], title: string, capacity: number | null, now: number): string[] {
  const tz = ctx.group.timeZone;
  const problems: Problem[] = [];
  for (const slot of slots) {
    const preview = previewBooking({ ctx, input: bookingInput(spaceId, slot, tz, title, capacity), now });
    const date = utcToZoned(slot.startsAt, tz).date;
    const found = preview.ok ? [...preview.problems, ...preview.slots.flatMap((s) => s.problems)] : preview.problems;
    // The same whole-request problem (capacity, inactive space) once, not once per date.
    for (const p of found)
      if (!problems.some((q) => q.code === p.code && (!("startsAt" in p.params) || q.params.occurrenceDate === date)))
        problems.push(fromBookingProblem(p, date));
  }
  if (problems.length) rollBack(...problems);
  return slots.map((slot) => {
    const r = createBooking({ ctx, input: bookingInput(spaceId, slot, tz, title, capacity), now, tx });
    if (!r.ok) rollBack(...r.problems.map((p) => fromBookingProblem(p, utcToZoned(slot.startsAt, tz).date)));
    return r.bookings[0].id;
  });
}

/** Gives back the place an occurrence held: its booking cancelled in `tx` (a booking already gone is left alone). */
export function releasePlace(tx: Tx, ctx: Ctx, bookingId: string, now: number): void {
  try {
    cancelBooking({ ctx, bookingId, reason: "event", now, tx });
  } catch (e) {
    if (!(e instanceof Response)) throw e;
  }
}
