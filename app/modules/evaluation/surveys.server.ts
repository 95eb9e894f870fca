// Resident surveys: a facilitator opens one for a period; each member answers once; nobody, facilitator
// included, can link an answer to a person. The answer row carries no person, membership, household, user
// or time; "has answered" is a separate row (survey, membership) written in the same transaction. Results
// (and the free comments, which never leave the group) only once the survey is closed and has ≥ 5 answers.
import { and, asc, count, desc, eq, sql } from "drizzle-orm";
import { db } from "~db/client.server";
import { surveyAnswers, surveyRespondents, surveys } from "~db/schema";
import type { MemberContext } from "~/modules/access/access.server";
import { can, requirePermission } from "~/modules/access/access.server";
import { NotFoundError } from "~/modules/access/errors";
import { recordAudit } from "~/modules/audit/audit.server";
import { todayIn } from "~/modules/core/dates";
import type { Translate } from "~/modules/core/form-reply";
import { newId } from "~/modules/core/ids";
import type { Problem } from "~/modules/core/result";
import { LONELY_THRESHOLD, MIN_SURVEY_ANSWERS } from "./indicators";
import { SURVEY_ITEMS, itemScale, type SurveyAnswerInput, type SurveyInput, type SurveyItem } from "./schemas";

type Ctx = MemberContext;
export type SurveyProblemCode = "survey_overlap" | "survey_in_past" | "survey_closed" | "already_answered" | "survey_not_open";
/** Core's Problem without values: no survey message needs any. */
export type SurveyProblem = Omit<Problem<SurveyProblemCode>, "params">;
type Result<T extends object = object> = ({ ok: true } & T) | { ok: false; problems: SurveyProblem[] };
const fail = (code: SurveyProblemCode, field: string | null = null) => ({ ok: false as const, problems: [{ code, field }] });

/** A survey problem in the person's words (none carries values). */
export function describeSurveyProblem(t: Translate, p: SurveyProblem): string {
  return t(`evaluation:errors.${p.code}`);
}

export type SurveyStatus = "scheduled" | "open" | "closed";
type SurveyRow = typeof surveys.$inferSelect;

function surveyStatus(s: Pick<SurveyRow, "opensOn" | "closesOn" | "closedEarlyOn">, today: string): SurveyStatus {
  if (s.closedEarlyOn || s.closesOn < today) return "closed";
  if (s.opensOn > today) return "scheduled";
  return "open";
}
const closedOn = (s: Pick<SurveyRow, "closesOn" | "closedEarlyOn">) => s.closedEarlyOn ?? s.closesOn;

export type SurveyListItem = {
  id: string;
  title: string;
  opensOn: string;
  closesOn: string;
  closedOn: string;
  status: SurveyStatus;
  answers: number;
  resultsShown: boolean;
};

export function listSurveys({ ctx, now = Date.now() }: { ctx: Ctx; now?: number }): SurveyListItem[] {
  requirePermission(ctx, "survey:manage");
  const today = todayIn(ctx.group.timeZone, now);
  const rows = db
    .select({ survey: surveys, answers: sql<number>`(select count(*) from survey_answers a where a.survey_id = "surveys"."id")` })
    .from(surveys)
    .where(eq(surveys.groupId, ctx.groupId))
    .orderBy(desc(surveys.opensOn))
    .all();
  return rows.map(({ survey: s, answers }) => {
    const status = surveyStatus(s, today);
    return {
      id: s.id,
      title: s.title,
      opensOn: s.opensOn,
      closesOn: s.closesOn,
      closedOn: closedOn(s),
      status,
      answers,
      resultsShown: status === "closed" && answers >= MIN_SURVEY_ANSWERS,
    };
  });
}

/** A new survey. Two surveys of a group never overlap in time, so a resident has one survey to answer at most. */
export function createSurvey({ ctx, input, now = Date.now() }: { ctx: Ctx; input: SurveyInput; now?: number }): Result<{ id: string }> {
  requirePermission(ctx, "survey:manage");
  // A survey that would already be over could never be answered.
  if (input.closesOn < todayIn(ctx.group.timeZone, now)) return fail("survey_in_past", "closesOn");
  return db.transaction(
    (tx): Result<{ id: string }> => {
      const clash = tx
        .select({ id: surveys.id })
        .from(surveys)
        .where(
          and(
            eq(surveys.groupId, ctx.groupId),
            sql`${surveys.opensOn} <= ${input.closesOn}`,
            sql`coalesce(${surveys.closedEarlyOn}, ${surveys.closesOn}) >= ${input.opensOn}`,
          ),
        )
        .get();
      if (clash) return fail("survey_overlap", "opensOn");
      const row = tx
        .insert(surveys)
        .values({ groupId: ctx.groupId, title: input.title, opensOn: input.opensOn, closesOn: input.closesOn, createdBy: ctx.userId })
        .returning({ id: surveys.id })
        .get();
      recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "create", entity: "survey", entityId: row.id, details: { ...input } });
      return { ok: true, id: row.id };
    },
    { behavior: "immediate" },
  );
}

function findSurvey(ctx: Ctx, surveyId: string): SurveyRow {
  const s = db
    .select()
    .from(surveys)
    .where(and(eq(surveys.id, surveyId), eq(surveys.groupId, ctx.groupId)))
    .get();
  if (!s) throw new NotFoundError();
  return s;
}

/** Close a survey before its last day (today becomes its closing day). */
export function closeSurvey({ ctx, surveyId, now = Date.now() }: { ctx: Ctx; surveyId: string; now?: number }): Result {
  const s = findSurvey(ctx, surveyId);
  requirePermission(ctx, "survey:manage");
  const today = todayIn(ctx.group.timeZone, now);
  if (surveyStatus(s, today) === "closed") return fail("survey_closed");
  db.transaction(
    (tx) => {
      // A survey not yet open closes on its opening day, so that its dates stay in order.
      const day = today < s.opensOn ? s.opensOn : today;
      tx.update(surveys)
        .set({ closedEarlyOn: day })
        .where(and(eq(surveys.id, surveyId), eq(surveys.groupId, ctx.groupId)))
        .run();
      recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "close", entity: "survey", entityId: surveyId });
    },
    { behavior: "immediate" },
  );
  return { ok: true };
}

function membershipIdOf(ctx: Ctx): string {
  const row = db.$client.prepare(`select id from memberships where user_id = ? and group_id = ?`).get(ctx.userId, ctx.groupId) as { id: string } | undefined;
  if (!row) throw new NotFoundError();
  return row.id;
}

/** The survey open today for the member (if any), and whether they have answered it. */
export function getOpenSurvey({
  ctx,
  now = Date.now(),
}: {
  ctx: Ctx;
  now?: number;
}): { id: string; title: string; closesOn: string; answered: boolean } | null {
  requirePermission(ctx, "survey:answer");
  const today = todayIn(ctx.group.timeZone, now);
  const s = db
    .select()
    .from(surveys)
    .where(
      and(eq(surveys.groupId, ctx.groupId), sql`${surveys.opensOn} <= ${today}`, sql`${surveys.closesOn} >= ${today}`, sql`${surveys.closedEarlyOn} is null`),
    )
    .orderBy(asc(surveys.opensOn))
    .get();
  if (!s) return null;
  const answered = !!db
    .select({ one: sql`1` })
    .from(surveyRespondents)
    .where(and(eq(surveyRespondents.surveyId, s.id), eq(surveyRespondents.membershipId, membershipIdOf(ctx))))
    .get();
  return { id: s.id, title: s.title, closesOn: s.closesOn, answered };
}

/** For Home: the open survey the member has not answered yet. Two small indexed reads. */
export function getSurveyHome({ ctx, now = Date.now() }: { ctx: Ctx; now?: number }): { id: string; title: string; closesOn: string } | null {
  if (!can(ctx, "survey:answer")) return null;
  const open = getOpenSurvey({ ctx, now });
  return open && !open.answered ? { id: open.id, title: open.title, closesOn: open.closesOn } : null;
}

/**
 * One answer per member, anonymous: the answer (random id, no person, no time) and the "has answered" row
 * are written in one IMMEDIATE transaction; the primary key of survey_respondents refuses a second answer.
 * The audit trail records that the member answered, never what.
 */
export function answerSurvey({ ctx, surveyId, input, now = Date.now() }: { ctx: Ctx; surveyId: string; input: SurveyAnswerInput; now?: number }): Result {
  const s = findSurvey(ctx, surveyId);
  requirePermission(ctx, "survey:answer");
  if (surveyStatus(s, todayIn(ctx.group.timeZone, now)) !== "open") return fail("survey_not_open");
  const membershipId = membershipIdOf(ctx);
  return db.transaction(
    (tx): Result => {
      const done = tx
        .select({ one: sql`1` })
        .from(surveyRespondents)
        .where(and(eq(surveyRespondents.surveyId, surveyId), eq(surveyRespondents.membershipId, membershipId)))
        .get();
      if (done) return fail("already_answered");
      tx.insert(surveyRespondents).values({ surveyId, groupId: ctx.groupId, membershipId }).run();
      tx.insert(surveyAnswers)
        .values({ id: newId(), surveyId, groupId: ctx.groupId, ...input, comment: input.comment ?? "" })
        .run();
      recordAudit(tx, { groupId: ctx.groupId, userId: ctx.userId, action: "answer", entity: "survey", entityId: surveyId });
      return { ok: true };
    },
    { behavior: "immediate" },
  );
}

export type SurveyResults = {
  survey: SurveyListItem;
  /** Per item: the mean and how many chose each value (1..scale). Null while hidden. */
  items: { item: SurveyItem; mean: number; counts: number[] }[] | null;
  lonelyShare: number | null;
  /** The free comments, shuffled, without dates; null while hidden. */
  comments: string[] | null;
  hiddenReason: "not_closed" | "too_few" | null;
};

function shuffle<T>(list: T[]): T[] {
  const a = [...list];
  for (let i = a.length - 1; i > 0; i--) {
    const j = crypto.getRandomValues(new Uint32Array(1))[0] % (i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/** A survey's results for the group's facilitators: only once closed with at least 5 answers. */
export function getSurveyResults({ ctx, surveyId, now = Date.now() }: { ctx: Ctx; surveyId: string; now?: number }): SurveyResults {
  const s = findSurvey(ctx, surveyId);
  requirePermission(ctx, "survey:manage");
  const status = surveyStatus(s, todayIn(ctx.group.timeZone, now));
  const answers =
    db
      .select({ n: count() })
      .from(surveyAnswers)
      .where(and(eq(surveyAnswers.surveyId, surveyId), eq(surveyAnswers.groupId, ctx.groupId)))
      .get()?.n ?? 0;
  const survey: SurveyListItem = {
    id: s.id,
    title: s.title,
    opensOn: s.opensOn,
    closesOn: s.closesOn,
    closedOn: closedOn(s),
    status,
    answers,
    resultsShown: status === "closed" && answers >= MIN_SURVEY_ANSWERS,
  };
  if (!survey.resultsShown) return { survey, items: null, lonelyShare: null, comments: null, hiddenReason: status !== "closed" ? "not_closed" : "too_few" };
  const rows = db
    .select()
    .from(surveyAnswers)
    .where(and(eq(surveyAnswers.surveyId, surveyId), eq(surveyAnswers.groupId, ctx.groupId)))
    .all();
  const items = SURVEY_ITEMS.map((item) => {
    const counts = Array.from({ length: itemScale(item) }, () => 0);
    let sum = 0;
    for (const r of rows) {
      counts[r[item] - 1]++;
      sum += r[item];
    }
    return { item, mean: Math.round((sum / rows.length) * 100) / 100, counts };
  });
  const lonely = rows.filter((r) => r.lonelyCompanionship + r.lonelyLeftOut + r.lonelyIsolated >= LONELY_THRESHOLD).length;
  return {
    survey,
    items,
    lonelyShare: Math.round((lonely / rows.length) * 10_000) / 10_000,
    comments: shuffle(rows.map((r) => r.comment).filter((c) => c.trim() !== "")),
    hiddenReason: null,
  };
}
