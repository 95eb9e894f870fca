// Signatures of the version in force: online by an adult of a present household ("J'ai lu et j'accepte"),
// on paper recorded by a facilitator, and the list of who signed and who did not.
import { and, asc, eq, sql } from "drizzle-orm";
import { db } from "~db/client.server";
import { charterSignatures, households, persons, users } from "~db/schema";
import type { SignatureMethod } from "~db/schema/charter";
import { can, requirePermission } from "~/modules/access/access.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { todayIn } from "~/modules/core/dates";
import { refuse } from "~/modules/core/result";
import { findHousehold, findPerson } from "~/modules/access/lookups.server";
import { isAdult, isPresent, problem, type Problem, type Result } from "./rules";
import type { PaperSignatureInput } from "./schemas";
import { IMMEDIATE, inForce, summary, type Ctx, type Q, type Version } from "./shared.server";
import { charterFigures } from "./figures.server";

type MySignature = { signedOn: string; method: SignatureMethod } | null;

function signatureOf(q: Q, versionId: string, personId: string): MySignature {
  return (
    q
      .select({ signedOn: charterSignatures.signedOn, method: charterSignatures.method })
      .from(charterSignatures)
      .where(and(eq(charterSignatures.versionId, versionId), eq(charterSignatures.personId, personId)))
      .get() ?? null
  );
}

/** Whether the viewer is asked to sign the version in force, and why not when they are not. */
export function signStatus(
  q: Q,
  ctx: Ctx,
  version: Version | undefined,
  today: string,
): { signature: MySignature; canSign: boolean; reason: Problem["code"] | null } {
  if (!version) return { signature: null, canSign: false, reason: "no_version_in_force" };
  if (!ctx.personId || !can(ctx, "charter:sign")) return { signature: null, canSign: false, reason: "no_person" };
  const signature = signatureOf(q, version.id, ctx.personId);
  if (signature) return { signature, canSign: false, reason: "already_signed" };
  const person = q
    .select({ birthYear: persons.birthYear, arrivalDate: households.arrivalDate, departureDate: households.departureDate })
    .from(persons)
    .innerJoin(households, eq(households.id, persons.householdId))
    .where(and(eq(persons.id, ctx.personId), eq(persons.groupId, ctx.groupId)))
    .get();
  if (!person || !isPresent(person, today)) return { signature: null, canSign: false, reason: "not_present" };
  if (!isAdult(person.birthYear, today)) return { signature: null, canSign: false, reason: "not_adult" };
  return { signature: null, canSign: true, reason: null };
}

// -------------------------------------------------------------------------------------------------
// Signatures

/** "J'ai lu et j'accepte la charte": the viewer signs the version in force, today. Signing twice changes nothing. */
export function signCharter({ ctx, now = Date.now() }: { ctx: Ctx; now?: number }): Result<{ versionId: string; already: boolean }> {
  requirePermission(ctx, "charter:sign");
  const today = todayIn(ctx.group.timeZone, now);
  return db.transaction((tx): Result<{ versionId: string; already: boolean }> => {
    const version = inForce(tx, ctx);
    const status = signStatus(tx, ctx, version, today);
    if (!version) return refuse(problem("no_version_in_force"));
    if (status.reason === "already_signed") return { ok: true, versionId: version.id, already: true };
    if (!status.canSign) return refuse(problem(status.reason ?? "not_allowed"));
    const personId = ctx.personId as string;
    const inserted = tx
      .insert(charterSignatures)
      .values({ groupId: ctx.groupId, versionId: version.id, personId, method: "online", signedOn: today, userId: ctx.userId, createdAt: new Date(now) })
      .onConflictDoNothing()
      .returning({ id: charterSignatures.id })
      .all();
    if (inserted.length) {
      recordAudit(tx, {
        groupId: ctx.groupId,
        userId: ctx.userId,
        action: "sign",
        entity: "charter_version",
        entityId: version.id,
        details: { number: version.number, personId, signedOn: today },
      });
    }
    return { ok: true, versionId: version.id, already: inserted.length === 0 };
  }, IMMEDIATE);
}

/** A facilitator records the paper signature of an adult of the group (one who has no account, usually). */
export function recordPaperSignature({ ctx, input, now = Date.now() }: { ctx: Ctx; input: PaperSignatureInput; now?: number }): Result {
  requirePermission(ctx, "charter:record_paper");
  const today = todayIn(ctx.group.timeZone, now);
  const person = findPerson(ctx, input.personId);
  const household = findHousehold(ctx, person.householdId);
  return db.transaction((tx): Result => {
    const version = inForce(tx, ctx);
    if (!version) return refuse(problem("no_version_in_force"));
    if (!isPresent(household, today)) return refuse(problem("not_present", "personId"));
    if (!isAdult(person.birthYear, today)) return refuse(problem("not_adult", "personId"));
    if (input.signedOn > today) return refuse(problem("date_in_future", "signedOn"));
    if (version.adoptedOn && input.signedOn < version.adoptedOn) return refuse(problem("signed_before_adoption", "signedOn", { date: version.adoptedOn }));
    if (signatureOf(tx, version.id, person.id)) return refuse(problem("already_signed", "personId"));
    tx.insert(charterSignatures)
      .values({
        groupId: ctx.groupId,
        versionId: version.id,
        personId: person.id,
        method: "paper",
        signedOn: input.signedOn,
        userId: ctx.userId,
        createdAt: new Date(now),
      })
      .run();
    recordAudit(tx, {
      groupId: ctx.groupId,
      userId: ctx.userId,
      action: "record_paper",
      entity: "charter_version",
      entityId: version.id,
      details: { number: version.number, personId: person.id, signedOn: input.signedOn },
    });
    return { ok: true };
  }, IMMEDIATE);
}

type SignatureRow = {
  personId: string;
  firstName: string;
  lastName: string | null;
  hasAccount: boolean;
  signedOn: string | null;
  method: SignatureMethod | null;
  recordedByName: string | null;
};

/** Who signed the version in force and who did not: the adults of present households, by household. */
export function listSignatures({ ctx, now = Date.now() }: { ctx: Ctx; now?: number }) {
  requirePermission(ctx, "charter:record_paper");
  const today = todayIn(ctx.group.timeZone, now);
  const version = inForce(db, ctx);
  const rows = db
    .select({
      personId: persons.id,
      firstName: persons.firstName,
      lastName: persons.lastName,
      birthYear: persons.birthYear,
      userId: persons.userId,
      householdId: households.id,
      householdName: households.name,
      dwelling: households.dwelling,
      arrivalDate: households.arrivalDate,
      departureDate: households.departureDate,
      signedOn: charterSignatures.signedOn,
      method: charterSignatures.method,
      recordedByName: users.name,
    })
    .from(persons)
    .innerJoin(households, eq(households.id, persons.householdId))
    .leftJoin(charterSignatures, and(eq(charterSignatures.personId, persons.id), eq(charterSignatures.versionId, version?.id ?? "")))
    .leftJoin(users, eq(users.id, charterSignatures.userId))
    .where(eq(persons.groupId, ctx.groupId))
    .orderBy(asc(households.dwelling), asc(households.name), sql`${persons.birthYear} is null`, asc(persons.birthYear), asc(persons.firstName))
    .all()
    .filter((r) => isPresent(r, today) && isAdult(r.birthYear, today));
  const byHousehold: { id: string; name: string; dwelling: string; persons: SignatureRow[] }[] = [];
  for (const r of rows) {
    let h = byHousehold.find((x) => x.id === r.householdId);
    if (!h) byHousehold.push((h = { id: r.householdId, name: r.householdName, dwelling: r.dwelling, persons: [] }));
    h.persons.push({
      personId: r.personId,
      firstName: r.firstName,
      lastName: r.lastName,
      hasAccount: r.userId != null,
      signedOn: r.signedOn,
      method: r.method,
      recordedByName: r.method === "paper" ? r.recordedByName : null,
    });
  }
  return {
    today,
    version: version ? summary(version) : null,
    households: byHousehold,
    figures: charterFigures({ scope: ctx, at: today }),
  };
}
