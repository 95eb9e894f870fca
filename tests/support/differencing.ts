// An attacker's solver for differencing (issue 16 § 3, decision 011): every published person count becomes an
// interval of what it may truly be, every relation an officer knows between counts becomes a linear equation
// (parts = total, stock now = stock before − departures before + arrivals now, a quarter = its months, the
// programme = its groups), and interval propagation narrows every interval until nothing moves. A count the
// solver pins to one value from 1 to 4 has been given away.
//
// Propagation is what an auditor (τ-ARGUS) or a careful officer with a spreadsheet does; it finds every pin
// a single equation gives and most that chains of them give.

export type Interval = { lo: number; hi: number };
type Term = { v: string; c: number };

export class DifferencingSolver {
  readonly bounds = new Map<string, Interval>();
  private readonly equations: Term[][] = [];
  /** The true value of each variable when the test knows it (for the report). */
  readonly truth = new Map<string, number>();

  /** A count (never negative); `known` narrows it to what the officer read. */
  count(name: string, known?: Interval, truth?: number): string {
    const b = this.bounds.get(name) ?? { lo: 0, hi: Infinity };
    const k = known ?? { lo: 0, hi: Infinity };
    this.bounds.set(name, { lo: Math.max(b.lo, k.lo), hi: Math.min(b.hi, k.hi) });
    if (truth !== undefined) this.truth.set(name, truth);
    return name;
  }

  /** A difference (may be negative): d = a − b, for "stock now − stock before". */
  difference(name: string, a: string, b: string, truth?: number): string {
    this.bounds.set(name, { lo: -Infinity, hi: Infinity });
    if (truth !== undefined) this.truth.set(name, truth);
    this.equal([a], [b, name]);
    return name;
  }

  /** Σ left = Σ right. */
  equal(left: string[], right: string[]) {
    for (const v of [...left, ...right]) if (!this.bounds.has(v)) this.count(v);
    this.equations.push([...left.map((v) => ({ v, c: 1 })), ...right.map((v) => ({ v, c: -1 }))]);
  }

  /** Narrows every interval to a fixed point. Throws when the published figures contradict each other. */
  solve(maxRounds = 500) {
    for (let round = 0, changed = true; changed && round < maxRounds; round++) {
      changed = false;
      for (const eq of this.equations) {
        for (const t of eq) {
          // c_t·x_t = −Σ others: bounds of the others' sum.
          let lo = 0;
          let hi = 0;
          for (const o of eq) {
            if (o === t) continue;
            const b = this.bounds.get(o.v)!;
            const a1 = -o.c * b.lo;
            const a2 = -o.c * b.hi;
            lo += Math.min(a1, a2);
            hi += Math.max(a1, a2);
          }
          const cur = this.bounds.get(t.v)!;
          const nlo = Math.ceil(t.c > 0 ? lo / t.c : hi / t.c);
          const nhi = Math.floor(t.c > 0 ? hi / t.c : lo / t.c);
          const next = { lo: Math.max(cur.lo, Number.isNaN(nlo) ? -Infinity : nlo), hi: Math.min(cur.hi, Number.isNaN(nhi) ? Infinity : nhi) };
          if (next.lo > next.hi) throw new Error(`contradiction at ${t.v}: [${next.lo}, ${next.hi}]`);
          if (next.lo !== cur.lo || next.hi !== cur.hi) {
            this.bounds.set(t.v, next);
            changed = true;
          }
        }
      }
    }
    return this;
  }

  /** Every variable pinned to a single value from 1 to 4 (or −4 to −1 for a difference): what was given away. */
  pinnedSmall(): string[] {
    const out: string[] = [];
    for (const [v, b] of this.bounds) {
      if (b.lo === b.hi && Math.abs(b.lo) >= 1 && Math.abs(b.lo) <= 4) out.push(`${v} = ${b.lo}${this.truth.has(v) ? ` (true ${this.truth.get(v)})` : ""}`);
    }
    return out;
  }
}

/** What an officer reads in a published cell, as an interval (decision 011 says what each mark means). */
export function intervalOfText(text: string): Interval | undefined {
  const s = text.replace(/\u202f|\u00a0/g, " ").trim();
  if (s === "< 5") return { lo: 0, hi: 4 };
  const range = /^(\d[\d ]*)\s*(?:à|–|-)\s*(\d[\d ]*)$/.exec(s);
  if (range) return { lo: Number(range[1].replace(/ /g, "")), hi: Number(range[2].replace(/ /g, "")) };
  if (/^\d[\d ]*$/.test(s)) {
    const n = Number(s.replace(/ /g, ""));
    return { lo: n, hi: n };
  }
  return undefined; // "×", "—", "": anything
}

/** The same from a loader's `Shown`. */
export function intervalOfShown(shown: { kind: string; value?: number; from?: number; to?: number } | undefined): Interval | undefined {
  if (!shown) return undefined;
  if (shown.kind === "value") return { lo: shown.value!, hi: shown.value! };
  if (shown.kind === "band") return { lo: shown.from!, hi: shown.to! };
  if (shown.kind === "small") return { lo: 0, hi: 4 };
  return undefined;
}
