// A person's own data: the JSON download of everything the app holds about them, and the deletion of their
// account, which anonymises their rows so the group's history and figures stay right (issue 9 item 7, decision 009).
import { and, eq, ne } from "drizzle-orm";
import type { Db } from "~db/client.server";
import { db } from "~db/client.server";
import { memberships, users } from "~db/schema";
import { recordAudit } from "~/modules/audit/audit.server";
import { verifyPassword } from "~/modules/auth/password.server";
import { refuse } from "~/modules/core/result";
import { ANONYMOUS_HOUSEHOLD, ANONYMOUS_NAME, EXPORT_PLAN, NOT_EXPORTED, REMOVED_TEXT, deletedEmail, isConfirmation } from "./plan";
import { problem, type Problem, type Result } from "./rules";
import { makeScrubber } from "./scrub";

type Row = Record<string, unknown>;

// Stored JSON (tags, topics, details) goes out as JSON, not as a string holding JSON.
function parseJsonCells(row: Row): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) {
    if (typeof v === "string" && (v.startsWith("[") || v.startsWith("{"))) {
      try {
        out[k] = JSON.parse(v);
        continue;
      } catch {
        // Free text that merely starts with a bracket.
      }
    }
    out[k] = v;
  }
  return out;
}

export type PersonalDataExport = {
  about: {
    format: "maisonnee-personal-data";
    version: 1;
    generated_at: string;
    user_id: string;
    description: { fr: string; en: string };
    dates: string;
    not_included: Record<string, string>;
  };
} & Record<string, unknown>;

export function exportPersonalData({ userId, now = Date.now(), database = db }: { userId: string; now?: number; database?: Db }): PersonalDataExport {
  const client = database.$client;
  const out: PersonalDataExport = {
    about: {
      format: "maisonnee-personal-data",
      version: 1,
      generated_at: new Date(now).toISOString(),
      user_id: userId,
      description: {
        fr: "Toutes les données que Maisonnée conserve à votre sujet, table par table. Les réponses aux questionnaires sont anonymes : elles ne peuvent être retrouvées.",
        en: "Everything Maisonnée holds about you, table by table. Survey answers are anonymous: they cannot be found.",
      },
      dates: "Columns ending in _at are milliseconds since 1970-01-01 UTC; other dates are YYYY-MM-DD.",
      not_included: { secrets: "Your password and the hashes of your sessions and links are never exported.", ...NOT_EXPORTED },
    },
  };
  // One read transaction: the sections agree with each other even if the person acts meanwhile.
  client.transaction(() => {
    for (const spec of EXPORT_PLAN) {
      const sql = spec.sql ?? `select * from ${spec.table} where ${spec.where}`;
      const rows = client.prepare(sql).all({ user: userId }) as Row[];
      const omit = new Set(spec.omit ?? []);
      const cleaned = rows.map((r) => parseJsonCells(Object.fromEntries(Object.entries(r).filter(([k]) => !omit.has(k)))));
      out[spec.section] = spec.section === "account" ? (cleaned[0] ?? null) : cleaned;
    }
  })();
  return out;
}

export async function deleteAccount({
  userId,
  password,
  confirm,
  now = Date.now(),
  database = db,
}: {
  userId: string;
  password: string;
  confirm: string;
  now?: number;
  database?: Db;
}): Promise<Result> {
  const user = database.select().from(users).where(eq(users.id, userId)).get();
  if (!user) return refuse(problem("invalid"));
  const blocker = deletionBlocker({ userId, database });
  if (blocker) return refuse(blocker);
  if (!(await verifyPassword(user.passwordHash, password))) return refuse(problem("current_password_wrong", "password"));
  if (!isConfirmation(confirm)) return refuse(problem("delete_confirm_mismatch", "confirm"));

  const client = database.$client;
  const done = leavingNoTrace(client, () =>
    database.transaction(
      (tx) => {
        // Checked again inside the write lock: a co-admin may have left meanwhile.
        if (deletionBlocker({ userId, database: tx as unknown as Db })) return false;
        const myPersons = client.prepare("select id, household_id, first_name, last_name from persons where user_id = ?").all(userId) as {
          id: string;
          household_id: string;
          first_name: string;
          last_name: string | null;
        }[];
        const groupIds = (client.prepare("select group_id from memberships where user_id = ?").all(userId) as { group_id: string }[]).map((r) => r.group_id);
        // Her groups: where she was a member, and where a person of hers lives (a household without an account).
        const herGroups = [
          ...new Set([
            ...groupIds,
            ...(client.prepare("select group_id from persons where user_id = ?").all(userId) as { group_id: string }[]).map((r) => r.group_id),
          ]),
        ];
        const scrub = makeScrubber({
          email: user.email,
          userName: user.name,
          persons: myPersons.map((p) => ({ firstName: p.first_name, lastName: p.last_name })),
        });

        // Access ends: sessions, reset links, personal feed tokens, throttling rows keyed by the email, mail waiting, memberships.
        client.prepare("delete from sessions where user_id = ?").run(userId);
        client.prepare("delete from password_resets where user_id = ?").run(userId);
        client.prepare("delete from login_failures where key in (?, ?)").run(`email:${user.email.toLowerCase()}`, `reset-email:${user.email.toLowerCase()}`);
        // Mail not yet sent to her (the outbox keeps texts that name her).
        client.prepare("delete from mail_outbox where lower(to_address) = lower(?)").run(user.email);
        client.prepare("delete from calendar_feeds where created_by = ?").run(userId);
        client.prepare("delete from organisation_members where user_id = ?").run(userId);
        client
          .prepare(
            "update invitations set email = ?, revoked_at = coalesce(revoked_at, accepted_at, ?) where email = ? or person_id in (select id from persons where user_id = ?)",
          )
          .run(deletedEmail(userId), now, user.email, userId);
        client.prepare("delete from memberships where user_id = ?").run(userId);

        // Free texts they authored that speak about them: cleared; rows kept so counts and history stay.
        const mine = "(select id from persons where user_id = @user)";
        client.prepare(`update exchange_posts set description = '', availability = '' where person_id in ${mine} or created_by = @user`).run({ user: userId });
        client
          .prepare(`update charter_comments set body = @removed where person_id in ${mine} or user_id = @user`)
          .run({ user: userId, removed: REMOVED_TEXT });
        client
          .prepare(`update meeting_agenda_items set description = '', presenter_text = '' where presenter_person_id in ${mine} or proposed_by = @user`)
          .run({ user: userId });

        // Households where they were the only person take a neutral name; shared ones keep the family's name.
        for (const householdId of new Set(myPersons.map((p) => p.household_id))) {
          const others = client
            .prepare("select count(*) as n from persons where household_id = ? and (user_id is null or user_id != ?)")
            .get(householdId, userId) as { n: number };
          if (others.n === 0) client.prepare("update households set name = ?, updated_at = ? where id = ?").run(ANONYMOUS_HOUSEHOLD, now, householdId);
        }
        // Birth year, tags and household stay: age bands and the group's mix keep counting them.
        client
          .prepare("update persons set first_name = ?, last_name = null, user_id = null, updated_at = ? where user_id = ?")
          .run(ANONYMOUS_NAME, now, userId);
        client
          .prepare(
            "update users set email = ?, name = ?, password_hash = '!deleted', phone = null, locale = null, show_email = 0, show_phone = 0, is_operator = 0, updated_at = ? where id = ?",
          )
          .run(deletedEmail(userId), ANONYMOUS_NAME, now, userId);

        // The export log keeps the exporter's name at the time (for a programme officer): hers goes.
        client.prepare("update export_log set user_name = ? where user_id = ?").run(ANONYMOUS_NAME, userId);
        // Whatever still quotes them (others' comments, audit details, staff notes, report snapshots) loses the name and email.
        scrubEverywhere(client, scrub, { userId, groupIds: herGroups });

        const entry = { userId, action: "account_deleted", entity: "user", entityId: userId };
        if (groupIds.length === 0) recordAudit(tx, { groupId: null, ...entry });
        for (const groupId of groupIds) recordAudit(tx, { groupId, ...entry });
        return true;
      },
      { behavior: "immediate" },
    ),
  );
  if (!done) return refuse(problem("delete_only_admin"));
  return { ok: true };
}

/**
 * Runs the anonymisation so that the old texts leave the database FILE, not only the rows. An UPDATE leaves the old
 * text in its page's free space: with secure_delete the space freed is overwritten with zeros (per connection, and
 * better-sqlite3 is synchronous: nothing else runs on this one meanwhile). The WAL keeps the old pages: the
 * TRUNCATE checkpoint writes the new ones into the database and empties it. A reader on another connection (another
 * worker) holding old pages makes it stop short after the busy timeout; the next automatic checkpoint finishes it.
 */
function leavingNoTrace(client: Db["$client"], anonymise: () => boolean): boolean {
  const before = Number(client.pragma("secure_delete", { simple: true }));
  client.pragma("secure_delete = ON");
  try {
    const done = anonymise();
    if (done) {
      const [result] = client.pragma("wal_checkpoint(TRUNCATE)") as { busy: number; log: number; checkpointed: number }[];
      if (result?.busy)
        console.warn(`account deletion: WAL checkpoint stopped short (${result.checkpointed}/${result.log} pages); a later checkpoint finishes it`);
    }
    return done;
  } finally {
    client.pragma(`secure_delete = ${before}`);
  }
}

/** Why this account cannot be deleted now (a problem of the whole form), or null. */
export function deletionBlocker({ userId, database = db }: { userId: string; database?: Db }): Problem | null {
  const user = database.select({ isOperator: users.isOperator }).from(users).where(eq(users.id, userId)).get();
  if (!user) return problem("invalid");
  if (user.isOperator) return problem("delete_operator");
  const adminOf = database
    .select({ groupId: memberships.groupId })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.role, "group_admin")))
    .all();
  for (const { groupId } of adminOf) {
    const other = database
      .select({ id: memberships.id })
      .from(memberships)
      .where(and(eq(memberships.groupId, groupId), eq(memberships.role, "group_admin"), ne(memberships.userId, userId)))
      .get();
    if (!other) return problem("delete_only_admin");
  }
  return null;
}

// Identity columns of other rows keep their words: a sibling shares the family name. Ids and hashes hold no text.
const KEEP_COLUMNS = new Set(["persons.first_name", "persons.last_name", "users.name", "households.name", "users.password_hash"]);
const isIdColumn = (name: string) => name === "id" || name.endsWith("_id") || name.endsWith("_hash");

/**
 * Every text column of every table, through the scrubber, as SQL functions so that tables without a rowid (survey
 * answers) are written like the others. A row is in her groups when its group_id is one of them or its user_id is
 * hers: only there does her first or last name alone go (scrub.ts says why). The query planner's samples of index
 * keys (sqlite_stat4) may hold her email or name too: those samples are dropped, the next ANALYZE takes new ones.
 */
function scrubEverywhere(client: Db["$client"], scrub: ReturnType<typeof makeScrubber>, { userId, groupIds }: { userId: string; groupIds: string[] }) {
  // SQLite evaluates the WHERE then the SET of a row one after the other: one remembered result saves the second pass.
  let memo: { text: string; herGroup: boolean; result: string | null } | null = null;
  const scrubbed = (text: unknown, herGroup: unknown) => {
    if (typeof text !== "string") return null;
    const h = herGroup === 1;
    if (memo && memo.text === text && memo.herGroup === h) return memo.result;
    memo = { text, herGroup: h, result: scrub(text, { herGroup: h }) };
    return memo.result;
  };
  client.function("maisonnee_scrub", { deterministic: true }, scrubbed);
  client.function("maisonnee_scrub_hit", { deterministic: true }, (sample: unknown) =>
    Buffer.isBuffer(sample) && scrub(sample.toString("utf8"), { herGroup: true }) !== null ? 1 : 0,
  );
  const groups = JSON.stringify(groupIds);
  const tables = client.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'").all() as {
    name: string;
  }[];
  for (const { name } of tables) {
    const columns = client.prepare(`select name, type from pragma_table_info(?)`).all(name) as { name: string; type: string }[];
    const has = (c: string) => columns.some((col) => col.name === c);
    const herGroup =
      [has("group_id") ? "group_id in (select value from json_each(@groups))" : null, has("user_id") ? "user_id = @user" : null].filter(Boolean).join(" or ") ||
      "0";
    for (const col of columns) {
      if (!/text/i.test(col.type) || isIdColumn(col.name) || KEEP_COLUMNS.has(`${name}.${col.name}`)) continue;
      const scrubCall = `maisonnee_scrub("${col.name}", coalesce(${herGroup}, 0))`;
      client
        .prepare(`update "${name}" set "${col.name}" = ${scrubCall} where "${col.name}" is not null and ${scrubCall} is not null`)
        .run({ groups, user: userId });
    }
  }
  const stat4 = client.prepare("select 1 from sqlite_master where name = 'sqlite_stat4'").get();
  if (stat4) client.prepare("delete from sqlite_stat4 where maisonnee_scrub_hit(sample)").run();
}
