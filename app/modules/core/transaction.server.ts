// Writes that compose (issue 15): a module write takes the caller's transaction when it is given one, and opens its
// own IMMEDIATE transaction otherwise, so several writes commit together or not at all. A write that finds half-way
// that it must refuse calls `rollBack(problems)`: what it wrote is undone — its own transaction, or its savepoint
// inside the caller's, which goes on — and the problems come back as `{ ok: false, problems }`.
import { db, type Tx } from "~db/client.server";
import type { Problem, Result } from "./result";

class Refusal extends Error {
  constructor(readonly problems: Problem[]) {
    super("refused (rolled back)");
  }
}

/** Refuses from inside `transact`: everything the write did is rolled back, the problems are its answer. */
export function rollBack(...problems: Problem[]): never {
  throw new Refusal(problems);
}

/**
 * Runs `write` in a savepoint of the caller's transaction `tx`, or in a new IMMEDIATE transaction (two processes
 * serialise on SQLite's write lock, so a rule checked inside holds when the write commits). A write that returns
 * `{ ok: false }` must not have written anything; one that has, calls `rollBack`. A caller that passes `tx` gives the
 * guarantee of its own transaction: open it IMMEDIATE when the write checks a rule under concurrency.
 */
export function transact<T extends object, P extends Problem>(tx: Tx | undefined, write: (tx: Tx) => Result<T, P>): Result<T, P> {
  try {
    return tx ? tx.transaction(write) : db.transaction(write, { behavior: "immediate" });
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, problems: e.problems as P[] };
    throw e;
  }
}
