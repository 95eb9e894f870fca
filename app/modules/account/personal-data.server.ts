// A person's own data: the JSON download of everything the app holds about them, and the deletion of their
// account, which anonymises their rows so the group's history and figures stay right (issue 9 item 7, decision 009).
import { and, eq, ne } from "drizzle-orm";
import type { Db } from "~db/client.server";
import { db } from "~db/client.server";
import { memberships, users } from "~db/schema";
import { recordAudit } from "~/modules/audit/audit.server";
import { verifyPassword } from "~/modules/auth/password.server";
import {
  ANONYMOUS_HOUSEHOLD,
  ANONYMOUS_NAME,
  EXPORT_PLAN,
  NOT_EXPORTED,
  REMOVED_TEXT,
  deletedEmail,
  isConfirmation,
  scrubTerms,
} from "./plan";

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

export type DeleteResult = { ok: true } | { ok: false; field: "password" | "confirm" | null; error: string };

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
}): Promise<DeleteResult> {
  const user = database.select().from(users).where(eq(users.id, userId)).get();
  if (!user) return { ok: false, field: null, error: "errors.invalid" };
  const blocker = deletionBlocker({ userId, database });
  if (blocker) return { ok: false, field: null, error: blocker };
  if (!(await verifyPassword(user.passwordHash, password))) return { ok: false, field: "password", error: "errors.current_password_wrong" };
  if (!isConfirmation(confirm)) return { ok: false, field: "confirm", error: "auth:errors.delete_confirm_mismatch" };

  const client = database.$client;
  const done = database.transaction(
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
      const terms = new Set<string>();
      for (const p of myPersons) for (const t of scrubTerms({ email: user.email, userName: user.name, firstName: p.first_name, lastName: p.last_name })) terms.add(t);
      for (const t of scrubTerms({ email: user.email, userName: user.name })) terms.add(t);

      // Access ends: sessions, reset links, personal feed tokens, throttling rows keyed by the email, memberships.
      client.prepare("delete from sessions where user_id = ?").run(userId);
      client.prepare("delete from password_resets where user_id = ?").run(userId);
      client.prepare("delete from login_failures where key = ?").run(user.email);
      client.prepare("delete from calendar_feeds where created_by = ?").run(userId);
      client.prepare("delete from event_feeds where created_by = ?").run(userId);
      client.prepare("delete from organisation_members where user_id = ?").run(userId);
      client
        .prepare("update invitations set email = ?, revoked_at = coalesce(revoked_at, accepted_at, ?) where email = ? or person_id in (select id from persons where user_id = ?)")
        .run(deletedEmail(userId), now, user.email, userId);
      client.prepare("delete from memberships where user_id = ?").run(userId);

      // Free texts they authored that speak about them: cleared; rows kept so counts and history stay.
      const mine = "(select id from persons where user_id = @user)";
      client.prepare(`update exchange_posts set description = '', availability = '' where person_id in ${mine} or created_by = @user`).run({ user: userId });
      client.prepare(`update charter_comments set body = @removed where person_id in ${mine} or user_id = @user`).run({ user: userId, removed: REMOVED_TEXT });
      client
        .prepare(`update meeting_agenda_items set description = '', presenter_text = '' where presenter_person_id in ${mine} or proposed_by = @user`)
        .run({ user: userId });

      // Households where they were the only person take a neutral name; shared ones keep the family's name.
      for (const householdId of new Set(myPersons.map((p) => p.household_id))) {
        const others = client.prepare("select count(*) as n from persons where household_id = ? and (user_id is null or user_id != ?)").get(householdId, userId) as { n: number };
        if (others.n === 0) client.prepare("update households set name = ?, updated_at = ? where id = ?").run(ANONYMOUS_HOUSEHOLD, now, householdId);
      }
      // Birth year, tags and household stay: age bands and the group's mix keep counting them.
      client.prepare("update persons set first_name = ?, last_name = null, user_id = null, updated_at = ? where user_id = ?").run(ANONYMOUS_NAME, now, userId);
      client
        .prepare("update users set email = ?, name = ?, password_hash = '!deleted', phone = null, locale = null, show_email = 0, show_phone = 0, is_operator = 0, updated_at = ? where id = ?")
        .run(deletedEmail(userId), ANONYMOUS_NAME, now, userId);

      // Whatever still quotes them (others' comments, audit details, staff notes, report snapshots) loses the name and email.
      scrubEverywhere(client, [...terms]);

      const entry = { userId, action: "account_deleted", entity: "user", entityId: userId };
      if (groupIds.length === 0) recordAudit(tx, { groupId: null, ...entry });
      for (const groupId of groupIds) recordAudit(tx, { groupId, ...entry });
      return true;
    },
    { behavior: "immediate" },
  );
  if (!done) return { ok: false, field: null, error: "auth:errors.delete_only_admin" };
  return { ok: true };
}

/** Why this account cannot be deleted now, as an i18n key, or null. */
export function deletionBlocker({ userId, database = db }: { userId: string; database?: Db }): string | null {
  const user = database.select({ isOperator: users.isOperator }).from(users).where(eq(users.id, userId)).get();
  if (!user) return "errors.invalid";
  if (user.isOperator) return "auth:errors.delete_operator";
  const adminOf = database.select({ groupId: memberships.groupId }).from(memberships).where(and(eq(memberships.userId, userId), eq(memberships.role, "group_admin"))).all();
  for (const { groupId } of adminOf) {
    const other = database
      .select({ id: memberships.id })
      .from(memberships)
      .where(and(eq(memberships.groupId, groupId), eq(memberships.role, "group_admin"), ne(memberships.userId, userId)))
      .get();
    if (!other) return "auth:errors.delete_only_admin";
  }
  return null;
}

// Identity columns of other rows keep their words: a sibling shares the family name.
const KEEP_COLUMNS = new Set(["persons.first_name", "persons.last_name", "users.name", "households.name", "users.password_hash"]);

function scrubEverywhere(client: Db["$client"], terms: string[]) {
  if (terms.length === 0) return;
  const tables = client.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'").all() as { name: string }[];
  for (const { name } of tables) {
    const columns = client.prepare(`select name, type from pragma_table_info(?)`).all(name) as { name: string; type: string }[];
    for (const col of columns) {
      if (!/text/i.test(col.type) || KEEP_COLUMNS.has(`${name}.${col.name}`)) continue;
      for (const term of terms) {
        const replacement = term.includes("@") ? "deleted@invalid" : ANONYMOUS_NAME;
        client.prepare(`update "${name}" set "${col.name}" = replace("${col.name}", ?, ?) where instr("${col.name}", ?) > 0`).run(term, replacement, term);
      }
    }
  }
}
