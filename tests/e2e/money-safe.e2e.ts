// Money safe and irreversible actions (issue 17), as the facilitator meets them: the same cost form sent
// twice records one cost; closing a meal or a meeting asks first, without JavaScript too; the meal balances
// are reachable from the calendar and from a meal's costs.
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO, HttpClient, db, demoIds, expectNoA11yViolations, login, newPhonePage, useBrowser, visit } from "./helpers";

const chrome = useBrowser();
let groupId = "";
let mealId = "";
let meetingId = "";

function read<T>(sql: string, ...params: unknown[]): T {
  const handle = db();
  try {
    return handle.prepare(sql).get(...params) as T;
  } finally {
    handle.close();
  }
}
const costsOf = (id: string) =>
  read<{ n: number; cents: number }>("select count(*) as n, coalesce(sum(amount_cents), 0) as cents from meal_costs where occurrence_id = ?", id);
const closedAt = (id: string) => read<{ at: number | null }>("select closed_at as at from event_occurrences where id = ?", id).at;

beforeAll(() => {
  const handle = db();
  try {
    groupId = demoIds(handle).tilleuls;
  } finally {
    handle.close();
  }
  // A demo meal that has started and is still open (so that it may be closed), and a meeting not yet closed.
  mealId = read<{ id: string }>(
    `select o.id from event_occurrences o join event_series s on s.id = o.series_id
      where o.group_id = ? and s.kind = 'shared_meal' and o.status = 'scheduled' and o.closed_at is null and o.starts_at < ?
      order by o.starts_at desc limit 1`,
    groupId,
    Date.now(),
  ).id;
  meetingId = read<{ id: string }>("select id from meetings where group_id = ? and run_status != 'closed' limit 1", groupId).id;
});

describe("money safe", () => {
  it("the same cost form sent twice (a second tap, a resent page) records one cost", async () => {
    const page = await newPhonePage(chrome.browser, { javaScriptEnabled: false });
    await login(page, DEMO.facilitator);
    await visit(page, `/g/${groupId}/events/${mealId}`);
    const token = await page.locator('#cost-form input[name="submissionId"]').getAttribute("value");
    expect(token).toBeTruthy();
    const before = costsOf(mealId);

    // The form as the browser sends it, twice.
    const http = new HttpClient();
    await http.login(DEMO.facilitator);
    const form = { intent: "cost", amount: "4,20", note: "Citrons", submissionId: token! };
    const first = await http.post(`/g/${groupId}/events/${mealId}`, form);
    const second = await http.post(`/g/${groupId}/events/${mealId}`, form);
    expect([first.status, second.status]).toEqual([302, 302]);
    expect(costsOf(mealId)).toEqual({ n: before.n + 1, cents: before.cents + 420 });

    // The page after it: the cost is there once, and the form is empty with a new token.
    await visit(page, `/g/${groupId}/events/${mealId}`);
    expect(await page.locator("#costs").getByText("Citrons").count()).toBe(1);
    expect(await page.locator("#cost-form").getByLabel("Montant (€)").inputValue()).toBe("");
    expect(await page.locator('#cost-form input[name="submissionId"]').getAttribute("value")).not.toBe(token);

    // Removing a cost asks first, without JavaScript too: the button that removes shows once the question is open.
    const line = page.locator("#costs li", { hasText: "Citrons" });
    const remove = line.getByRole("button", { name: /^Oui, supprimer la dépense/ });
    expect(await remove.isVisible()).toBe(false);
    await line.locator("summary").click();
    await line.getByText("Supprimer cette dépense ?").waitFor();
    await expectNoA11yViolations(page);
    await remove.click();
    await page.getByRole("status").getByText("Dépense supprimée.").waitFor();
    expect(costsOf(mealId)).toEqual(before);
  });

  it("without JavaScript, « Clôturer le repas » asks « Clôturer ce repas ? », and « Annuler » closes nothing", async () => {
    const page = await newPhonePage(chrome.browser, { javaScriptEnabled: false });
    await login(page, DEMO.facilitator);
    await visit(page, `/g/${groupId}/events/${mealId}`);
    // Apart from the cost form: its own section.
    const close = page.getByRole("region", { name: "Clôturer le repas" });
    expect(await close.locator("#cost-form").count()).toBe(0);
    await close.getByRole("button", { name: "Clôturer le repas", exact: true }).click();
    await page.getByRole("heading", { level: 2, name: "Clôturer ce repas ?" }).waitFor();
    await page.getByRole("button", { name: "Oui, clôturer le repas" }).waitFor();
    await expectNoA11yViolations(page);
    await page.getByRole("link", { name: "Annuler", exact: true }).click();
    await page.getByRole("heading", { level: 2, name: "Clôturer le repas", exact: true }).waitFor();
    expect(closedAt(mealId)).toBeNull();
  });

  it("without JavaScript, « Clore la réunion » asks « Clore cette réunion ? » first", async () => {
    const page = await newPhonePage(chrome.browser, { javaScriptEnabled: false });
    await login(page, DEMO.facilitator);
    await visit(page, `/g/${groupId}/meetings/${meetingId}/run`);
    await page.getByRole("button", { name: "Clore la réunion", exact: true }).click();
    await page.getByRole("heading", { level: 2, name: "Clore cette réunion ?" }).waitFor();
    await page.getByRole("button", { name: "Oui, clore la réunion" }).waitFor();
    await expectNoA11yViolations(page);
    await page.getByRole("link", { name: "Annuler", exact: true }).click();
    await page.getByRole("button", { name: "Clore la réunion", exact: true }).waitFor();
    expect(read<{ s: string }>("select run_status as s from meetings where id = ?", meetingId).s).not.toBe("closed");
  });

  it("the meal balances are one tap from the calendar", async () => {
    const page = await newPhonePage(chrome.browser);
    await login(page, DEMO.facilitator);
    await visit(page, `/g/${groupId}/calendar`);
    await page.getByRole("link", { name: "Soldes des repas" }).click();
    await page.waitForURL(`**/g/${groupId}/events/balances`);
    await page.getByRole("heading", { level: 1 }).waitFor();
  });
});
