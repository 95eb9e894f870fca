// Client-safe schemas of the meetings forms; messages are i18n keys ("errors.*" from common,
// "meetings:errors.*" from this capability). Rules only the server can check (persons of the group,
// proxies, votes against the room, states) come back from the meetings module as problems.
import { z } from "zod";
import { isCalendarDate } from "~/modules/core/dates";
import { DECISION_METHODS, DECISION_RESULTS, MAX_PLANNED_MINUTES } from "./rules";

const text = (max: number) => z.string({ error: "errors.required" }).trim().min(1, "errors.required").max(max, "errors.too_long");
const optionalText = (max: number) => z.string().trim().max(max, "errors.too_long").optional().default("");
const calendarDate = z.string({ error: "errors.required" }).trim().min(1, "errors.required").refine(isCalendarDate, "errors.date_invalid");
const optionalDate = z.string().trim().refine(isCalendarDate, "errors.date_invalid").optional();
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const time = z.string({ error: "errors.required" }).trim().regex(TIME, "meetings:errors.time_invalid");
const rowId = z.string({ error: "errors.required" }).trim().min(1, "errors.required").max(40, "errors.invalid");
const optionalId = z.string().trim().max(40, "errors.invalid").optional();
/** A count typed in a form: a whole number ≥ 0 (conform turns "" into undefined, a word into a string). */
const count = z
  .number({ error: "meetings:errors.count_invalid" })
  .int("meetings:errors.count_invalid")
  .min(0, "meetings:errors.count_invalid")
  .max(10_000, "meetings:errors.count_invalid");

/** A new meeting: an event of kind "meeting" in the calendar (in a common room, booked, or elsewhere). */
export const MeetingSchema = z
  .object({
    title: text(120),
    description: optionalText(2000),
    date: calendarDate,
    startTime: time,
    endTime: time,
    spaceId: optionalId,
    placeText: optionalText(200),
  })
  .superRefine((v, c) => {
    if (!v.spaceId && !v.placeText) c.addIssue({ code: "custom", path: ["placeText"], message: "meetings:errors.place_required" });
    if (TIME.test(v.startTime ?? "") && TIME.test(v.endTime ?? "") && v.endTime <= v.startTime)
      c.addIssue({ code: "custom", path: ["endTime"], message: "meetings:errors.end_before_start" });
  });
export type MeetingInput = z.infer<typeof MeetingSchema>;

export const AgendaItemSchema = z.object({
  title: text(160),
  description: optionalText(2000),
  presenterPersonId: optionalId,
  presenterText: optionalText(120),
  plannedMinutes: z
    .number({ error: "meetings:errors.minutes_invalid" })
    .int("meetings:errors.minutes_invalid")
    .min(1, "meetings:errors.minutes_invalid")
    .max(MAX_PLANNED_MINUTES, "meetings:errors.minutes_invalid")
    .optional(),
});
export type AgendaItemInput = z.infer<typeof AgendaItemSchema>;

export const RolesSchema = z.object({
  facilitatorPersonId: optionalId,
  noteTakerPersonId: optionalId,
  timeKeeperPersonId: optionalId,
});
export type RolesInput = z.infer<typeof RolesSchema>;

/** The meeting page's forms, told apart by `intent`. */
export const MeetingActionSchema = z.discriminatedUnion("intent", [
  AgendaItemSchema.extend({ intent: z.literal("propose") }),
  z.object({ intent: z.literal("accept"), itemId: rowId }),
  z.object({ intent: z.literal("decline"), itemId: rowId }),
  z.object({ intent: z.literal("move"), itemId: rowId, direction: z.enum(["up", "down"], { error: "errors.invalid" }) }),
  RolesSchema.extend({ intent: z.literal("roles") }),
  z.object({ intent: z.literal("save_minutes"), minutesText: text(50_000) }),
  z.object({ intent: z.literal("redraft_minutes") }),
  z.object({ intent: z.literal("approve_previous"), previousId: rowId }),
  z.object({ intent: z.literal("publish_minutes") }),
]);

export const DecisionSchema = z.object({
  text: text(2000),
  method: z.enum(DECISION_METHODS, { error: "errors.required" }),
  result: z.enum(DECISION_RESULTS, { error: "errors.required" }),
  votesFor: count.optional(),
  votesAgainst: count.optional(),
  votesAbstain: count.optional(),
  agendaItemId: optionalId,
  charterVersionId: optionalId,
});
export type DecisionInput = z.infer<typeof DecisionSchema>;

export const ActionItemSchema = z.object({
  what: text(300),
  personId: rowId,
  dueDate: optionalDate,
  agendaItemId: optionalId,
});
export type ActionItemInput = z.infer<typeof ActionItemSchema>;

export const DoneSchema = z.object({ actionId: rowId, doneOn: calendarDate });
export type DoneInput = z.infer<typeof DoneSchema>;

/** Run mode: attendance comes as status_<personId> and proxy_<personId> fields (parsed in the module). */
export const RunActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("start") }),
  z.object({ intent: z.literal("attendance") }).passthrough(),
  z.object({ intent: z.literal("next_item") }),
  z.object({ intent: z.literal("notes"), itemId: rowId, notes: z.string().max(20_000, "errors.too_long").optional().default("") }),
  DecisionSchema.extend({ intent: z.literal("decision") }),
  ActionItemSchema.extend({ intent: z.literal("action_item") }),
  DoneSchema.extend({ intent: z.literal("action_done") }),
  z.object({ intent: z.literal("close") }),
]);

/** The register's filters (a GET form). Unknown values are dropped, not errors. */
export const DecisionFilterSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  result: z.enum(DECISION_RESULTS).optional().catch(undefined),
  method: z.enum(DECISION_METHODS).optional().catch(undefined),
});
export type DecisionFilter = z.infer<typeof DecisionFilterSchema>;
