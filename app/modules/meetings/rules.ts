// The pure rules of meetings: the states of agenda items, runs and minutes; who counts as an expected
// adult; votes that must add up; the timer and its overrun; the minutes drafted from the record; and
// the maths of the figures the evaluation module reads. No database here: tested in tests/unit.
import type { Problem as CharterProblem } from "~/modules/charter/rules";
import type { Problem as CoreProblem, ProblemParams, Result as CoreResult } from "~/modules/core/result";

export const AGENDA_ITEM_STATUSES = ["proposed", "accepted", "declined"] as const;
export type AgendaItemStatus = (typeof AGENDA_ITEM_STATUSES)[number];
export const RUN_STATUSES = ["planned", "running", "closed"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const ATTENDANCE_STATUSES = ["present", "excused", "absent"] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
export const DECISION_METHODS = ["consent", "consensus", "majority"] as const;
export type DecisionMethod = (typeof DECISION_METHODS)[number];
export const DECISION_RESULTS = ["adopted", "rejected", "postponed"] as const;
export type DecisionResult = (typeof DECISION_RESULTS)[number];
export const MINUTES_STATUSES = ["draft", "approved", "published"] as const;
export type MinutesStatus = (typeof MINUTES_STATUSES)[number];
export const MEETING_ROLES = ["facilitator", "noteTaker", "timeKeeper"] as const;
export type MeetingRole = (typeof MEETING_ROLES)[number];

const ADULT_AGE = 18;
export const MAX_PLANNED_MINUTES = 240;

export const PROBLEM_CODES = [
  "meeting_closed",
  "meeting_not_running",
  "meeting_not_closed",
  "not_proposed",
  "not_accepted",
  "person_unknown",
  "proxy_not_present",
  "proxy_self",
  "proxy_when_present",
  "votes_required",
  "votes_too_many",
  "votes_not_majority",
  "charter_version_unknown",
  "charter_unavailable",
  "minutes_not_draft",
  "minutes_not_approved",
  "minutes_not_earlier",
  "already_done",
  "done_before_created",
  "done_in_future",
  "due_before_meeting",
  "not_allowed",
  "no_attendance",
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];
/**
 * A broken rule: core's Problem plus `ns`, where its words are: "meetings" → meetings:errors, "charter" → a
 * problem of the charter module relayed as it is (a decision adopting a version the charter refuses).
 */
export type Problem = (CoreProblem<ProblemCode> & { ns: "meetings" }) | (CoreProblem<CharterProblem["code"]> & { ns: "charter" });
/** A write's answer in meetings: the core Result with this module's problems. */
export type Result<T extends object = object> = CoreResult<T, Problem>;
export const problem = (code: ProblemCode, field: string | null = null, params: ProblemParams = {}): Problem => ({ ns: "meetings", code, field, params });

/** The charter's refusal of an adoption, for the decision form: the whole form's (the charter's fields are not there). */
export function fromCharterProblem(p: CharterProblem): Problem {
  return { ns: "charter", code: p.code, field: null, params: p.params };
}

/** A problem in words, from its namespace: meetings' own, or the charter's as the charter words it (no formatting). */
export function describeProblem(t: (key: string, options?: Record<string, unknown>) => string, p: Problem): string {
  return t(`${p.ns}:errors.${p.code}`, p.params);
}

// -------------------------------------------------------------------------------------------------
// Who is expected

/**
 * The adults a meeting expects: persons of households present on the meeting's date (arrived on or
 * before it, not yet gone) who are 18 or more that year. A person whose birth year is unknown counts as
 * an adult: households record children's years (the child age limit of meals needs them), and leaving
 * an unknown adult out would overstate attendance.
 */
export function isExpectedAdult(p: { birthYear: number | null; arrivalDate: string; departureDate: string | null }, date: string): boolean {
  if (p.arrivalDate > date) return false;
  if (p.departureDate && p.departureDate <= date) return false;
  return p.birthYear == null || Number(date.slice(0, 4)) - p.birthYear >= ADULT_AGE;
}

// -------------------------------------------------------------------------------------------------
// Attendance and proxies

export type AttendanceEntry = { personId: string; status: AttendanceStatus; proxyPersonId: string | null };

/**
 * A proxy: someone not present "gives their voice to" a person present at the same meeting, never to
 * themselves. Checked over the whole sheet at once, since both people are on it.
 */
export function checkAttendance(entries: AttendanceEntry[]): Problem[] {
  const present = new Set(entries.filter((e) => e.status === "present").map((e) => e.personId));
  const problems: Problem[] = [];
  for (const e of entries) {
    if (!e.proxyPersonId) continue;
    const field = `proxy_${e.personId}`;
    if (e.status === "present") problems.push(problem("proxy_when_present", field));
    else if (e.proxyPersonId === e.personId) problems.push(problem("proxy_self", field));
    else if (!present.has(e.proxyPersonId)) problems.push(problem("proxy_not_present", field));
  }
  return problems;
}

/** Voices at a vote: persons present plus the proxies they hold. */
export function voicesOf(entries: Pick<AttendanceEntry, "status" | "proxyPersonId">[]): { present: number; proxies: number; voices: number } {
  const present = entries.filter((e) => e.status === "present").length;
  const proxies = entries.filter((e) => e.status !== "present" && e.proxyPersonId).length;
  return { present, proxies, voices: present + proxies };
}

// -------------------------------------------------------------------------------------------------
// Decisions

export type Votes = { votesFor: number | null; votesAgainst: number | null; votesAbstain: number | null };

/**
 * A majority vote needs its three counts (whole numbers ≥ 0, the form's schema checks that) and they
 * cannot add up to more voices than the room has (present + proxies). An "adopted" majority vote has
 * more for than against, a "rejected" one not. Consent and consensus carry no counts.
 */
export function checkVotes(method: DecisionMethod, result: DecisionResult, votes: Votes, voices: number): Problem[] {
  if (method !== "majority") return [];
  const missing = (["votesFor", "votesAgainst", "votesAbstain"] as const).filter((k) => votes[k] == null);
  if (missing.length) return missing.map((k) => problem("votes_required", k));
  const total = votes.votesFor! + votes.votesAgainst! + votes.votesAbstain!;
  if (total > voices) return [problem("votes_too_many", "votesFor", { total, voices })];
  if (result === "adopted" && votes.votesFor! <= votes.votesAgainst!) return [problem("votes_not_majority", "result")];
  if (result === "rejected" && votes.votesFor! > votes.votesAgainst!) return [problem("votes_not_majority", "result")];
  return [];
}

// -------------------------------------------------------------------------------------------------
// Timer

/** Whole seconds since an item started (never negative: clocks of client and server differ a little). */
export function elapsedSeconds(startedAt: number, now: number): number {
  return Math.max(0, Math.floor((now - startedAt) / 1000));
}

/** "mm:ss" (minutes go past 59: a 75-minute item reads 75:00). */
export function formatElapsed(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
}

/** Over time once elapsed passes the planned minutes (strictly: at exactly the planned time it is not). */
export function isOverrun(elapsed: number, plannedMinutes: number | null): boolean {
  return plannedMinutes != null && plannedMinutes > 0 && elapsed > plannedMinutes * 60;
}

/** The actual minutes recorded when an item ends: rounded to the nearest minute. */
export function actualMinutesOf(startedAt: number, endedAt: number): number {
  return Math.round(Math.max(0, endedAt - startedAt) / 60_000);
}

// -------------------------------------------------------------------------------------------------
// Minutes drafted from the record

export type MinutesRecord = {
  title: string;
  date: string;
  place: string;
  roles: { role: MeetingRole; name: string }[];
  attendance: { name: string; status: AttendanceStatus; proxyName: string | null }[];
  items: { title: string; presenter: string; plannedMinutes: number | null; actualMinutes: number | null; notes: string }[];
  decisions: { text: string; method: DecisionMethod; result: DecisionResult; votes: Votes; itemTitle: string | null }[];
  actions: { what: string; who: string; dueDate: string | null }[];
};

type T = (key: string, options?: Record<string, unknown>) => string;

/** Escapes what Markdown would read as markup in names and titles typed by people (notes stay Markdown). */
export function escapeMarkdownInline(text: string): string {
  return text.replace(/([\\`*_[\]#<>|])/g, "\\$1").replace(/\r?\n/g, " ");
}

/** The draft of the minutes, in Markdown, from what the meeting recorded: the facilitator edits it before approval. */
export function draftMinutes(t: T, r: MinutesRecord): string {
  const e = escapeMarkdownInline;
  const out: string[] = [];
  // No title heading: the pages that show the minutes head them with the meeting's title.
  out.push(`${t("meetings:minutes_draft.date", { date: r.date })}${r.place ? ` — ${e(r.place)}` : ""}`, "");
  if (r.roles.length) {
    for (const role of r.roles) out.push(`- ${t(`meetings:roles.${role.role}`)} : ${e(role.name)}`);
    out.push("");
  }
  out.push(`## ${t("meetings:minutes_draft.attendance")}`, "");
  for (const status of ATTENDANCE_STATUSES) {
    const people = r.attendance.filter((a) => a.status === status);
    if (!people.length) continue;
    const names = people.map((a) => (a.proxyName ? `${e(a.name)} (${t("meetings:minutes_draft.proxy_to", { name: e(a.proxyName) })})` : e(a.name)));
    out.push(`- **${t(`meetings:attendance.${status}`)}** (${people.length}) : ${names.join(", ")}`);
  }
  if (!r.attendance.length) out.push(t("meetings:minutes_draft.no_attendance"));
  out.push("", `## ${t("meetings:minutes_draft.agenda")}`, "");
  r.items.forEach((item, i) => {
    out.push(`### ${i + 1}. ${e(item.title)}`, "");
    const facts = [
      item.presenter ? t("meetings:minutes_draft.presented_by", { name: e(item.presenter) }) : null,
      item.actualMinutes != null ? t("meetings:minutes_draft.took", { count: item.actualMinutes }) : null,
    ].filter(Boolean);
    if (facts.length) out.push(`*${facts.join(" · ")}*`, "");
    if (item.notes.trim()) out.push(item.notes.trim(), "");
    for (const d of r.decisions.filter((d) => d.itemTitle === item.title)) out.push(decisionLine(t, d), "");
  });
  if (!r.items.length) out.push(t("meetings:minutes_draft.no_items"), "");
  const loose = r.decisions.filter((d) => d.itemTitle == null || !r.items.some((i) => i.title === d.itemTitle));
  if (loose.length) {
    out.push(`## ${t("meetings:minutes_draft.decisions")}`, "");
    for (const d of loose) out.push(decisionLine(t, d), "");
  }
  out.push(`## ${t("meetings:minutes_draft.actions")}`, "");
  if (r.actions.length)
    for (const a of r.actions) out.push(`- ${e(a.what)} — ${e(a.who)}${a.dueDate ? ` (${t("meetings:minutes_draft.due", { date: a.dueDate })})` : ""}`);
  else out.push(t("meetings:minutes_draft.no_actions"));
  return out.join("\n").trim() + "\n";
}

function decisionLine(t: T, d: MinutesRecord["decisions"][number]): string {
  const votes =
    d.method === "majority"
      ? ` (${t("meetings:decision.votes_text", { for: d.votes.votesFor ?? 0, against: d.votes.votesAgainst ?? 0, abstain: d.votes.votesAbstain ?? 0 })})`
      : "";
  return `> **${t("meetings:minutes_draft.decision")}** — ${escapeMarkdownInline(d.text)} — ${t(`meetings:methods.${d.method}`)}${votes} : **${t(`meetings:results.${d.result}`)}**`;
}

// -------------------------------------------------------------------------------------------------
// Figures

/**
 * Attendance rate over held meetings: (present + proxied) ÷ expected adults, summed over the meetings
 * before dividing (a big meeting weighs more than a small one). Null when no adult was expected.
 */
export function attendanceRate(meetings: { attendees: number; expected: number }[]): { attendees: number; expected: number; rate: number | null } {
  const attendees = meetings.reduce((s, m) => s + m.attendees, 0);
  const expected = meetings.reduce((s, m) => s + m.expected, 0);
  return { attendees, expected, rate: expected > 0 ? attendees / expected : null };
}

export type ActionState = "done_on_time" | "done_late" | "open";
/** An action item done on or before its due date is on time; one without a due date is on time when done. */
export function actionState(a: { dueDate: string | null; doneOn: string | null }): ActionState {
  if (!a.doneOn) return "open";
  return !a.dueDate || a.doneOn <= a.dueDate ? "done_on_time" : "done_late";
}

/**
 * Action items of the period: those due in [from, to] (or created in it when they have no due date).
 * Each is done on time, done late, or open — done after `to` counts as open at the end of the period.
 */
export function actionFigures(
  items: { dueDate: string | null; doneOn: string | null }[],
  to: string,
): { due: number; doneOnTime: number; doneLate: number; open: number } {
  let doneOnTime = 0;
  let doneLate = 0;
  let open = 0;
  for (const a of items) {
    const state = actionState({ dueDate: a.dueDate, doneOn: a.doneOn && a.doneOn <= to ? a.doneOn : null });
    if (state === "done_on_time") doneOnTime++;
    else if (state === "done_late") doneLate++;
    else open++;
  }
  return { due: items.length, doneOnTime, doneLate, open };
}

/** Normalised text for the decisions register: lower case, accents removed, single spaces ("Éclairage" finds "eclairage"). */
export function searchable(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}
