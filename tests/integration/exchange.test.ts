import { and, eq } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { db } from "~db/client.server";
import { auditLog, exchanges, memberships, persons, timeMovements } from "~db/schema";
import {
  actOnExchange,
  agreeExchange,
  cancelExchange,
  confirmExchange,
  disputeExchange,
  getExchange,
  getExchangeHome,
  listMyExchanges,
  openExchange,
  settleExchange,
  thankExchange,
} from "~/modules/exchange/exchanges.server";
import { approveCarer, updateSettings } from "~/modules/exchange/settings.server";
import { balances, history } from "~/modules/exchange/time-bank.server";
import { createPost, getPost, listPosts, updatePostStatus } from "~/modules/exchange/posts.server";
import { exchangeFigures } from "~/modules/exchange/figures.server";
import { ExchangeActionSchema, PostSchema, type PostInput } from "~/modules/exchange/schemas";
import { ctxFor, makeGroup, makeHousehold, makeMember, thrownResponse } from "../fixtures";
import { scopeForJob } from "~/modules/access/scope.server";

const NOW = Date.parse("2027-03-01T08:00:00Z");
const DAY = 24 * 60 * 60 * 1000;

const group = makeGroup("Les Tilleuls");
const other = makeGroup("Villa Passerelle");
const marchand = makeHousehold(group.id, "Foyer Marchand");
const benali = makeHousehold(group.id, "Foyer Benali");
const petit = makeHousehold(group.id, "Foyer Petit");
const stoica = makeHousehold(other.id, "Foyer Stoica");
const facilitator = makeMember({ groupId: group.id, role: "facilitator" });
const claire = makeMember({ groupId: group.id, householdId: marchand.id });
const karim = makeMember({ groupId: group.id, householdId: benali.id });
const lea = makeMember({ groupId: group.id, householdId: petit.id });
const outsider = makeMember({ groupId: other.id, householdId: stoica.id, role: "facilitator" });

const personOf = (userId: string, groupId = group.id) =>
  db
    .select({ personId: memberships.personId })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.groupId, groupId)))
    .get()!.personId!;
const setBirthYear = (userId: string, birthYear: number | null) =>
  db
    .update(persons)
    .set({ birthYear })
    .where(eq(persons.id, personOf(userId)))
    .run();
setBirthYear(claire.id, 1950); // 77 in 2027: 65+
setBirthYear(karim.id, 1985); // 42: 25–64
setBirthYear(lea.id, 2010); // 17: under 25, a minor

const asFacilitator = () => ctxFor(facilitator.id, group.id);
const asClaire = () => ctxFor(claire.id, group.id);
const asKarim = () => ctxFor(karim.id, group.id);
const asLea = () => ctxFor(lea.id, group.id);
const asOutsider = () => ctxFor(outsider.id, other.id);

const post = (input: Partial<PostInput> & { title: string }): PostInput => PostSchema.parse({ kind: "offer", category: "diy_repairs", ...input });
function mustOk<T extends { ok: boolean }>(r: T): Extract<T, { ok: true }> {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r)}`);
  return r as Extract<T, { ok: true }>;
}
const movementsOf = (exchangeId: string) => db.select().from(timeMovements).where(eq(timeMovements.exchangeId, exchangeId)).all();

describe("posts", () => {
  it("posts an offer and a request, lists and filters them by kind, category and words", () => {
    const shelves = mustOk(
      createPost({ ctx: asKarim(), input: post({ title: "Je pose vos étagères", description: "Perceuse fournie" }), now: NOW - 10 * DAY }),
    );
    const papers = mustOk(
      createPost({ ctx: asClaire(), input: post({ kind: "request", category: "paperwork", title: "Aide pour ma déclaration" }), now: NOW - DAY }),
    );
    const all = listPosts({ ctx: asLea() });
    expect(all.map((p) => p.id)).toEqual(expect.arrayContaining([shelves.id, papers.id]));
    expect(listPosts({ ctx: asLea(), kind: "request" }).map((p) => p.id)).toContain(papers.id);
    expect(listPosts({ ctx: asLea(), kind: "request" }).map((p) => p.id)).not.toContain(shelves.id);
    expect(listPosts({ ctx: asLea(), category: "paperwork" }).map((p) => p.id)).toEqual([papers.id]);
    expect(listPosts({ ctx: asLea(), q: "PERCEUSE" }).map((p) => p.id)).toEqual([shelves.id]);
    expect(listPosts({ ctx: asLea(), q: "100%" })).toEqual([]);
    // "New this week" on Home: the request of yesterday, not the offer of 10 days ago.
    const home = getExchangeHome({ ctx: asLea(), now: NOW });
    expect(home.newThisWeek.map((p) => p.id)).toContain(papers.id);
    expect(home.newThisWeek.map((p) => p.id)).not.toContain(shelves.id);
    // A paused post leaves the list; only its household or a facilitator may pause it.
    expect(thrownResponse(() => updatePostStatus({ ctx: asLea(), postId: papers.id, input: { status: "paused" } })).status).toBe(403);
    updatePostStatus({ ctx: asClaire(), postId: papers.id, input: { status: "paused" } });
    expect(listPosts({ ctx: asLea() }).map((p) => p.id)).not.toContain(papers.id);
    expect(openExchange({ ctx: asKarim(), postId: papers.id, now: NOW })).toMatchObject({ ok: false, problems: [{ code: "post_not_active" }] });
    updatePostStatus({ ctx: asFacilitator(), postId: papers.id, input: { status: "active" } });
  });

  it("refuses a care offer from a minor, and a post from a member without a household", () => {
    expect(createPost({ ctx: asLea(), input: post({ title: "Je garde vos enfants", category: "childcare" }), now: NOW })).toMatchObject({
      ok: false,
      problems: [{ code: "care_adult_only" }],
    });
    expect(createPost({ ctx: asFacilitator(), input: post({ title: "Atelier" }), now: NOW })).toMatchObject({
      ok: false,
      problems: [{ code: "no_household" }],
    });
  });

  it("another group's post is 404, never 403", () => {
    const p = mustOk(createPost({ ctx: asOutsider(), input: post({ title: "Cours de roumain", category: "languages" }) }));
    expect(thrownResponse(() => getPost({ ctx: asClaire(), postId: p.id })).status).toBe(404);
    expect(thrownResponse(() => openExchange({ ctx: asClaire(), postId: p.id })).status).toBe(404);
    expect(thrownResponse(() => updatePostStatus({ ctx: asFacilitator(), postId: p.id, input: { status: "closed" } })).status).toBe(404);
    expect(listPosts({ ctx: asClaire() }).map((x) => x.id)).not.toContain(p.id);
  });
});

describe("an exchange, from offer to time bank", () => {
  it("offer → interested → agreed → confirmed by the receiver → two movements", () => {
    const offer = mustOk(createPost({ ctx: asKarim(), input: post({ title: "Je répare les vélos" }), now: NOW }));
    // Not with one's own household.
    expect(openExchange({ ctx: asKarim(), postId: offer.id, now: NOW })).toMatchObject({ ok: false, problems: [{ code: "own_household" }] });
    const opened = mustOk(openExchange({ ctx: asClaire(), postId: offer.id, input: { message: "Mon vélo crève souvent" }, now: NOW }));
    expect(openExchange({ ctx: asClaire(), postId: offer.id, now: NOW })).toMatchObject({ ok: false, problems: [{ code: "already_open" }] });
    expect(getPost({ ctx: asClaire(), postId: offer.id })).toMatchObject({ canAnswer: false, myOpenExchangeId: opened.id });
    const ex = getExchange({ ctx: asClaire(), exchangeId: opened.id });
    expect(ex).toMatchObject({ status: "proposed", giverHouseholdId: benali.id, receiverHouseholdId: marchand.id, side: "receiver" });
    expect(ex.actions).toEqual(["agree", "cancel"]);

    // The giver agrees on a date; the giver may not confirm the hours.
    expect(agreeExchange({ ctx: asKarim(), exchangeId: opened.id, agreedDate: "2027-03-03", now: NOW })).toEqual({ ok: true, status: "agreed" });
    expect(confirmExchange({ ctx: asKarim(), exchangeId: opened.id, minutes: 90, now: NOW })).toMatchObject({ ok: false, problems: [{ code: "not_allowed" }] });
    // Bad hours: refused, nothing written.
    expect(confirmExchange({ ctx: asClaire(), exchangeId: opened.id, minutes: 0 })).toMatchObject({ ok: false, problems: [{ code: "minutes_invalid" }] });
    expect(confirmExchange({ ctx: asClaire(), exchangeId: opened.id, minutes: 24 * 60 + 1 })).toMatchObject({
      ok: false,
      problems: [{ code: "minutes_invalid" }],
    });
    expect(movementsOf(opened.id)).toEqual([]);
    // A neighbour who is not a party: 403.
    expect(thrownResponse(() => getExchange({ ctx: asLea(), exchangeId: opened.id })).status).toBe(403);
    expect(thrownResponse(() => cancelExchange({ ctx: asLea(), exchangeId: opened.id })).status).toBe(403);

    // The receiver confirms: done, and the two movements are written with it.
    expect(confirmExchange({ ctx: asClaire(), exchangeId: opened.id, minutes: 90, thanks: "Merci Karim !", now: NOW })).toEqual({ ok: true, status: "done" });
    const moves = movementsOf(opened.id);
    expect(moves.map((m) => [m.householdId, m.minutes]).sort()).toEqual(
      [
        [benali.id, 90],
        [marchand.id, -90],
      ].sort(),
    );
    expect(cancelExchange({ ctx: asClaire(), exchangeId: opened.id })).toMatchObject({ ok: false, problems: [{ code: "not_allowed" }] });
    expect(confirmExchange({ ctx: asClaire(), exchangeId: opened.id, minutes: 60 })).toMatchObject({ ok: false });
    expect(movementsOf(opened.id)).toHaveLength(2);
    expect(thankExchange({ ctx: asClaire(), exchangeId: opened.id, thanks: "Encore merci" })).toEqual({ ok: true, status: "done" });

    const b = balances({ ctx: asLea() }).balances;
    expect(b.find((x) => x.householdId === benali.id)?.minutes).toBe(90);
    expect(b.find((x) => x.householdId === marchand.id)?.minutes).toBe(-90);
    expect(history({ ctx: asClaire(), householdId: marchand.id }).lines).toEqual([
      expect.objectContaining({ exchangeId: opened.id, minutes: -90, otherHouseholdName: "Foyer Benali", agreedDate: "2027-03-03" }),
    ]);
    expect(thrownResponse(() => history({ ctx: asLea(), householdId: marchand.id })).status).toBe(403);
    expect(history({ ctx: asFacilitator(), householdId: marchand.id }).balance).toBe(-90);
    expect(thrownResponse(() => history({ ctx: asOutsider(), householdId: marchand.id })).status).toBe(404);
    expect(listMyExchanges({ ctx: asKarim() }).map((e) => e.id)).toContain(opened.id);
    const audit = db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "exchange"), eq(auditLog.entityId, opened.id)))
      .all();
    expect(audit.map((a) => a.action)).toEqual(["create", "agree", "confirm", "thank"]);
  });

  it('"I can help" on a request makes the answering household the giver; either side cancels before done', () => {
    const request = mustOk(createPost({ ctx: asClaire(), input: post({ kind: "request", category: "gardening", title: "Tailler la haie" }), now: NOW }));
    const opened = mustOk(openExchange({ ctx: asLea(), postId: request.id, now: NOW }));
    expect(getExchange({ ctx: asLea(), exchangeId: opened.id })).toMatchObject({ giverHouseholdId: petit.id, receiverHouseholdId: marchand.id, side: "giver" });
    expect(cancelExchange({ ctx: asClaire(), exchangeId: opened.id })).toEqual({ ok: true, status: "cancelled" });
    expect(agreeExchange({ ctx: asLea(), exchangeId: opened.id, agreedDate: "2027-03-05" })).toMatchObject({ ok: false, problems: [{ code: "not_allowed" }] });
    // A new exchange can be opened once the first is cancelled.
    mustOk(openExchange({ ctx: asLea(), postId: request.id, now: NOW }));
  });

  it("a facilitator settles a disagreement; residents cannot", () => {
    const offer = mustOk(createPost({ ctx: asLea(), input: post({ title: "Aide numérique", category: "digital_help" }), now: NOW }));
    const opened = mustOk(openExchange({ ctx: asKarim(), postId: offer.id, now: NOW }));
    mustOk(agreeExchange({ ctx: asKarim(), exchangeId: opened.id, agreedDate: "2027-03-04" }));
    expect(disputeExchange({ ctx: asLea(), exchangeId: opened.id, reason: "Karim ne confirme pas" })).toEqual({ ok: true, status: "disputed" });
    expect(thrownResponse(() => settleExchange({ ctx: asKarim(), exchangeId: opened.id, outcome: "done", minutes: 60 })).status).toBe(403);
    expect(confirmExchange({ ctx: asKarim(), exchangeId: opened.id, minutes: 60 })).toMatchObject({ ok: false, problems: [{ code: "not_allowed" }] });
    expect(settleExchange({ ctx: asFacilitator(), exchangeId: opened.id, outcome: "done", minutes: 0 })).toMatchObject({
      ok: false,
      problems: [{ code: "minutes_invalid" }],
    });
    expect(settleExchange({ ctx: asFacilitator(), exchangeId: opened.id, outcome: "done", minutes: 60 })).toEqual({ ok: true, status: "done" });
    expect(movementsOf(opened.id).reduce((s, m) => s + m.minutes, 0)).toBe(0);
  });

  it("the exchange page's forms go through one schema and one function", () => {
    const offer = mustOk(createPost({ ctx: asKarim(), input: post({ title: "Cuisine libanaise", category: "cooking" }), now: NOW }));
    const opened = mustOk(openExchange({ ctx: asLea(), postId: offer.id, now: NOW }));
    const agree = ExchangeActionSchema.parse({ intent: "agree", agreedDate: "2027-03-06" });
    expect(actOnExchange({ ctx: asLea(), exchangeId: opened.id, input: agree })).toEqual({ ok: true, status: "agreed" });
    expect(ExchangeActionSchema.safeParse({ intent: "confirm", hours: "25" }).success).toBe(false);
    const confirm = ExchangeActionSchema.parse({ intent: "confirm", hours: "2h30" });
    expect(actOnExchange({ ctx: asLea(), exchangeId: opened.id, input: confirm })).toEqual({ ok: true, status: "done" });
    expect(db.select().from(exchanges).where(eq(exchanges.id, opened.id)).get()?.minutes).toBe(150);
  });

  it("care: an adult giver, and approved carers when the group restricts care", () => {
    const request = mustOk(
      createPost({ ctx: asClaire(), input: post({ kind: "request", category: "company_visits", title: "Une visite le dimanche" }), now: NOW }),
    );
    // Léa is 17: she may not give care.
    expect(openExchange({ ctx: asLea(), postId: request.id, now: NOW })).toMatchObject({ ok: false, problems: [{ code: "care_adult_only" }] });
    updateSettings({ ctx: asFacilitator(), input: { minBalanceHours: -10, careRestricted: true } });
    expect(openExchange({ ctx: asKarim(), postId: request.id, now: NOW })).toMatchObject({ ok: false, problems: [{ code: "care_not_approved" }] });
    expect(thrownResponse(() => approveCarer({ ctx: asClaire(), personId: personOf(karim.id) })).status).toBe(403);
    approveCarer({ ctx: asFacilitator(), personId: personOf(karim.id) });
    mustOk(openExchange({ ctx: asKarim(), postId: request.id, now: NOW }));
    expect(thrownResponse(() => approveCarer({ ctx: asOutsider(), personId: personOf(karim.id) })).status).toBe(404);
    updateSettings({ ctx: asFacilitator(), input: { minBalanceHours: -10, careRestricted: false } });
  });

  it("another group's exchange is 404 for every action", () => {
    const offer = mustOk(createPost({ ctx: asKarim(), input: post({ title: "Montage de meubles" }), now: NOW }));
    const opened = mustOk(openExchange({ ctx: asClaire(), postId: offer.id, now: NOW }));
    for (const fn of [
      () => getExchange({ ctx: asOutsider(), exchangeId: opened.id }),
      () => agreeExchange({ ctx: asOutsider(), exchangeId: opened.id, agreedDate: "2027-03-03" }),
      () => cancelExchange({ ctx: asOutsider(), exchangeId: opened.id }),
      () => settleExchange({ ctx: asOutsider(), exchangeId: opened.id, outcome: "cancelled" }),
    ]) {
      expect(thrownResponse(fn).status).toBe(404);
    }
    expect(db.select().from(exchanges).where(eq(exchanges.id, opened.id)).get()?.status).toBe("proposed");
  });
});

describe("time bank", () => {
  it("balances always sum to zero, whatever exchanges are done (property)", () => {
    const g = makeGroup("Banque");
    const hs = [0, 1, 2, 3].map((i) => makeHousehold(g.id, `Foyer ${i}`));
    const users = hs.map((h) => makeMember({ groupId: g.id, householdId: h.id }));
    const fac = makeMember({ groupId: g.id, role: "facilitator" });
    const ctxs = users.map((u) => ctxFor(u.id, g.id));
    const offers = ctxs.map((ctx, i) => mustOk(createPost({ ctx, input: post({ title: `Offre ${i}` }), now: NOW })).id);
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            giver: fc.nat(3),
            receiver: fc.nat(3),
            minutes: fc.integer({ min: -60, max: 1500 }),
            path: fc.constantFrom("confirm", "settle", "cancel"),
          }),
          { maxLength: 8 },
        ),
        (steps) => {
          for (const s of steps) {
            const opened = openExchange({ ctx: ctxs[s.receiver], postId: offers[s.giver], now: NOW });
            if (s.giver === s.receiver) {
              expect(opened).toMatchObject({ ok: false, problems: [{ code: "own_household" }] });
              continue;
            }
            if (!opened.ok) throw new Error(JSON.stringify(opened));
            agreeExchange({ ctx: ctxs[s.giver], exchangeId: opened.id, agreedDate: "2027-03-10" });
            const valid = s.minutes > 0 && s.minutes <= 1440;
            if (s.path === "cancel") cancelExchange({ ctx: ctxs[s.giver], exchangeId: opened.id });
            else if (s.path === "confirm") {
              const r = confirmExchange({ ctx: ctxs[s.receiver], exchangeId: opened.id, minutes: s.minutes });
              expect(r.ok).toBe(valid);
              if (!r.ok) cancelExchange({ ctx: ctxs[s.receiver], exchangeId: opened.id });
            } else {
              disputeExchange({ ctx: ctxs[s.giver], exchangeId: opened.id });
              const r = settleExchange({ ctx: ctxFor(fac.id, g.id), exchangeId: opened.id, outcome: "done", minutes: s.minutes });
              expect(r.ok).toBe(valid);
              if (!r.ok) settleExchange({ ctx: ctxFor(fac.id, g.id), exchangeId: opened.id, outcome: "cancelled" });
            }
          }
          const b = balances({ ctx: ctxs[0] }).balances;
          expect(b.reduce((sum, x) => sum + x.minutes, 0)).toBe(0);
          const moves = db.select().from(timeMovements).where(eq(timeMovements.groupId, g.id)).all();
          const done = db
            .select()
            .from(exchanges)
            .where(and(eq(exchanges.groupId, g.id), eq(exchanges.status, "done")))
            .all();
          expect(moves).toHaveLength(done.length * 2);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("flags a household below the group's minimum (not blocked)", () => {
    const g = makeGroup("Seuil");
    const [a, b] = [makeHousehold(g.id, "A"), makeHousehold(g.id, "B")];
    const [ua, ub] = [makeMember({ groupId: g.id, householdId: a.id }), makeMember({ groupId: g.id, householdId: b.id })];
    const fac = makeMember({ groupId: g.id, role: "group_admin" });
    updateSettings({ ctx: ctxFor(fac.id, g.id), input: { minBalanceHours: -1, careRestricted: false } });
    const offer = mustOk(createPost({ ctx: ctxFor(ua.id, g.id), input: post({ title: "Courses" }), now: NOW }));
    for (let i = 0; i < 2; i++) {
      const opened = mustOk(openExchange({ ctx: ctxFor(ub.id, g.id), postId: offer.id, now: NOW }));
      mustOk(agreeExchange({ ctx: ctxFor(ua.id, g.id), exchangeId: opened.id, agreedDate: "2027-03-02" }));
      mustOk(confirmExchange({ ctx: ctxFor(ub.id, g.id), exchangeId: opened.id, minutes: 45 }));
    }
    const result = balances({ ctx: ctxFor(ua.id, g.id) });
    expect(result.minBalanceMinutes).toBe(-60);
    expect(result.balances).toEqual([
      { householdId: a.id, householdName: "A", minutes: 90, belowMinimum: false },
      { householdId: b.id, householdName: "B", minutes: -90, belowMinimum: true },
    ]);
  });
});

describe("figures", () => {
  it("per month: exchanges done, hours, households giving and receiving, hours by age band", () => {
    const g = makeGroup("Chiffres");
    const [h1, h2, h3] = [makeHousehold(g.id, "Un"), makeHousehold(g.id, "Deux"), makeHousehold(g.id, "Trois")];
    const [senior, adult, young] = [h1, h2, h3].map((h) => makeMember({ groupId: g.id, householdId: h.id }));
    const years: [string, number][] = [
      [senior.id, 1945],
      [adult.id, 1980],
      [young.id, 2006],
    ];
    for (const [u, y] of years)
      db.update(persons)
        .set({ birthYear: y })
        .where(eq(persons.id, personOf(u, g.id)))
        .run();
    const c = (u: { id: string }) => ctxFor(u.id, g.id);
    const done = (giver: { id: string }, receiver: { id: string }, date: string, minutes: number) => {
      const offer = mustOk(createPost({ ctx: c(giver), input: post({ title: `Aide ${date}` }), now: NOW }));
      const opened = mustOk(openExchange({ ctx: c(receiver), postId: offer.id, now: NOW }));
      mustOk(agreeExchange({ ctx: c(giver), exchangeId: opened.id, agreedDate: date }));
      mustOk(confirmExchange({ ctx: c(receiver), exchangeId: opened.id, minutes }));
    };
    done(young, senior, "2027-01-10", 60); // under 25 → 65+
    done(young, senior, "2027-01-20", 30); // under 25 → 65+
    done(adult, senior, "2027-01-25", 120); // 25–64 → 65+
    done(senior, young, "2027-02-02", 90); // 65+ → under 25
    // Not done: does not count.
    const offer = mustOk(createPost({ ctx: c(adult), input: post({ title: "Pas fini" }), now: NOW }));
    const open = mustOk(openExchange({ ctx: c(young), postId: offer.id, now: NOW }));
    mustOk(agreeExchange({ ctx: c(adult), exchangeId: open.id, agreedDate: "2027-01-15" }));

    const figures = exchangeFigures({ scope: scopeForJob(g.id), from: "2027-01-01", to: "2027-03-31" });
    expect(figures.months).toEqual([
      {
        month: "2027-01",
        exchangesDone: 3,
        minutes: 210,
        givingHouseholds: 2,
        receivingHouseholds: 1,
        intergenerationalShare: 1,
        byAgeBand: [
          { giver: "under_25", receiver: "65_plus", minutes: 90, exchanges: 2 },
          { giver: "25_64", receiver: "65_plus", minutes: 120, exchanges: 1 },
        ],
      },
      {
        month: "2027-02",
        exchangesDone: 1,
        minutes: 90,
        givingHouseholds: 1,
        receivingHouseholds: 1,
        intergenerationalShare: 1,
        byAgeBand: [{ giver: "65_plus", receiver: "under_25", minutes: 90, exchanges: 1 }],
      },
      { month: "2027-03", exchangesDone: 0, minutes: 0, givingHouseholds: 0, receivingHouseholds: 0, intergenerationalShare: null, byAgeBand: [] },
    ]);
    expect(thrownResponse(() => exchangeFigures({ scope: scopeForJob("nope"), from: "2027-01-01", to: "2027-01-31" })).status).toBe(404);
  });
});
