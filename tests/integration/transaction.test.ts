// Writes that compose (core/transaction.server.ts): a write refused half-way leaves nothing, in its own transaction
// or in a savepoint of the caller's, whose own writes go on.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "~db/client.server";
import { auditLog } from "~db/schema";
import { problemOf } from "~/modules/core/result";
import { rollBack, transact } from "~/modules/core/transaction.server";

const mark = (tx: Pick<typeof db, "insert">, entityId: string) => tx.insert(auditLog).values({ action: "test", entity: "transaction", entityId }).run();
const marks = () =>
  db
    .select({ id: auditLog.entityId })
    .from(auditLog)
    .where(eq(auditLog.entity, "transaction"))
    .all()
    .map((r) => r.id);

describe("transact", () => {
  it("commits what the write did, in its own transaction", () => {
    expect(transact(undefined, (tx) => (mark(tx, "a"), { ok: true, id: "a" }))).toEqual({ ok: true, id: "a" });
    expect(marks()).toEqual(["a"]);
  });

  it("rolls back a write that refuses half-way, and answers its problems", () => {
    const r = transact(undefined, (tx) => {
      mark(tx, "b");
      return rollBack(problemOf("overlap", "startTime", { at: 1 }));
    });
    expect(r).toEqual({ ok: false, problems: [{ code: "overlap", field: "startTime", params: { at: 1 } }] });
    expect(marks()).toEqual(["a"]);
  });

  it("inside the caller's transaction, undoes only its own savepoint; the caller's writes commit", () => {
    const r = db.transaction((tx) => {
      mark(tx, "caller");
      const inner = transact(tx, (inner) => {
        mark(inner, "inner");
        return rollBack(problemOf("closed"));
      });
      mark(tx, "caller-after");
      return inner;
    });
    expect(r.ok).toBe(false);
    expect(marks()).toEqual(["a", "caller", "caller-after"]);
  });

  it("an error that is not a refusal rolls back and is thrown", () => {
    expect(() =>
      transact(undefined, (tx) => {
        mark(tx, "c");
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(marks()).toEqual(["a", "caller", "caller-after"]);
  });
});
