// Evaluation, group side, on a phone (360×740): Jeanne answers the open survey from Home (anonymously: one
// answer row with nothing of her, one "has answered" row), the card leaves Home; the facilitator reads the
// indicators, starts a period report, submits it (figures frozen) and sends a correction (both versions
// kept). Without JavaScript, a survey with a missing answer is refused, the comment kept. axe finds nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO, db, demoIds, expectHttpErrors, expectNoA11yViolations, login, newPhonePage, useBrowser, visit } from "./helpers";

const chrome = useBrowser();
let groupId = "";

function count(sql: string, ...args: unknown[]): number {
  const handle = db();
  try {
    return (handle.prepare(sql).get(...args) as { n: number }).n;
  } finally {
    handle.close();
  }
}

beforeAll(() => {
  groupId = demoIds(db()).tilleuls;
});

describe("resident survey and period report", () => {
  it("without JavaScript, a missing answer is refused with the comment kept, nothing written", async () => {
    const page = await newPhonePage(chrome.browser, { javaScriptEnabled: false });
    expectHttpErrors(page, 400);
    await login(page, DEMO.resident);
    await visit(page, `/g/${groupId}/survey`);
    const before = count("select count(*) as n from survey_answers where group_id = ?", groupId);
    // The browser's own check would stop the form: the server is what is tested here.
    await page.evaluate(() => document.querySelectorAll("input[required]").forEach((i) => i.removeAttribute("required")));
    await page.getByRole("group", { name: "Êtes-vous satisfait·e de vivre ici ?" }).getByLabel("Satisfait·e", { exact: true }).check();
    await page.getByLabel("Un commentaire (facultatif)").fill("Le jardin est très agréable.");
    await page.getByRole("button", { name: "Envoyer mes réponses" }).click();
    await page.getByText("Choisissez une réponse.").first().waitFor();
    expect(await page.getByLabel("Un commentaire (facultatif)").inputValue()).toBe("Le jardin est très agréable.");
    await expectNoA11yViolations(page);
    expect(count("select count(*) as n from survey_answers where group_id = ?", groupId)).toBe(before);
  });

  it("Jeanne answers the open survey from Home, once, anonymously", async () => {
    const page = await newPhonePage(chrome.browser);
    await login(page, DEMO.resident);
    await visit(page, `/g/${groupId}`);
    await page.getByRole("heading", { name: "Votre avis compte" }).waitFor();
    await page.getByRole("link", { name: "Répondre à l'enquête" }).click();
    await page.getByRole("heading", { level: 1, name: "Enquête auprès des habitants" }).waitFor();
    await expectNoA11yViolations(page);
    const survey = (await db().prepare("select id from surveys where group_id = ? and closes_on >= date('now') and closed_early_on is null").get(groupId)) as {
      id: string;
    };
    const answers = count("select count(*) as n from survey_answers where survey_id = ?", survey.id);
    const choose = (question: string, answer: string) => page.getByRole("group", { name: question }).getByLabel(answer, { exact: true }).check();
    await choose("Êtes-vous satisfait·e de vivre ici ?", "Très satisfait·e");
    await choose("Vous sentez-vous membre de ce collectif ?", "Beaucoup");
    await choose("À quelle fréquence avez-vous le sentiment de manquer de compagnie ?", "Parfois");
    await choose("À quelle fréquence vous sentez-vous tenu·e à l'écart ?", "Rarement ou jamais");
    await choose("À quelle fréquence vous sentez-vous isolé·e des autres ?", "Rarement ou jamais");
    await choose("Ces derniers mois, avez-vous aidé d'autres habitant·es ?", "Souvent");
    await choose("Ces derniers mois, d'autres habitant·es vous ont-ils aidé·e ?", "De temps en temps");
    await page.getByLabel("Un commentaire (facultatif)").fill("Merci pour les repas du jeudi.");
    await page.getByRole("button", { name: "Envoyer mes réponses" }).click();
    await page
      .getByRole("status")
      .getByText(/vos réponses sont enregistrées/i)
      .waitFor();
    await expectNoA11yViolations(page);
    expect(await page.getByRole("heading", { name: "Votre avis compte" }).count()).toBe(0);
    expect(count("select count(*) as n from survey_answers where survey_id = ?", survey.id)).toBe(answers + 1);
    const jeanne = demoIds(db()).jeanne;
    expect(
      count(
        "select count(*) as n from survey_respondents r join memberships m on m.id = r.membership_id where r.survey_id = ? and m.user_id = ?",
        survey.id,
        jeanne.userId,
      ),
    ).toBe(1);
    await visit(page, `/g/${groupId}/survey`);
    await page.getByText("Merci, vous avez déjà répondu à cette enquête.").waitFor();
  });

  it("the facilitator reads the indicators, submits a period report, then corrects it", async () => {
    const page = await newPhonePage(chrome.browser);
    await login(page, DEMO.facilitator);
    await visit(page, `/g/${groupId}/evaluation`);
    await page.getByRole("heading", { level: 1, name: "Évaluation" }).waitFor();
    await page.getByRole("rowheader", { name: "Foyers présents" }).waitFor();
    await expectNoA11yViolations(page);
    // A monthly report: the demo's reports are quarterly.
    const month = `${new Date().getUTCFullYear()}-01`;
    await page.getByLabel("Type de période").selectOption("month");
    await page.getByLabel("Période du rapport").selectOption(month);
    await page.getByRole("button", { name: "Commencer" }).click();
    await page.getByRole("heading", { level: 1, name: `Rapport janvier ${new Date().getUTCFullYear()}` }).waitFor();
    await expectNoA11yViolations(page);
    await page.getByLabel("Temps forts").fill("Un mois de janvier chaleureux : galette des rois partagée par vingt foyers.");
    await page.getByLabel("Une histoire (facultatif)").fill("Deux voisines ont lancé un atelier tricot.");
    await page.getByLabel("Les personnes concernées ont donné leur accord pour que cette histoire soit transmise.").check();
    await page.getByRole("button", { name: "Envoyer le rapport" }).click();
    await page.getByRole("status").getByText("Rapport envoyé : les chiffres sont gelés.").waitFor();
    await page.getByRole("heading", { name: /^Version 1 — chiffres gelés/ }).waitFor();
    await expectNoA11yViolations(page);
    await page.getByLabel("Ce que corrige cette version").fill("Vingt-deux foyers, pas vingt.");
    await page.getByLabel("Temps forts").fill("Un mois de janvier chaleureux : galette des rois partagée par vingt-deux foyers.");
    await page.getByRole("button", { name: "Envoyer la correction" }).click();
    await page
      .getByRole("status")
      .getByText(/Correction envoyée/)
      .waitFor();
    await page.getByRole("heading", { name: /^Version 2 — chiffres gelés/ }).waitFor();
    await page.getByRole("link", { name: /^Version 1, envoyée le/ }).waitFor();
    await expectNoA11yViolations(page);
    expect(
      count("select count(*) as n from report_revisions v join reports r on r.id = v.report_id where r.group_id = ? and r.period_key = ?", groupId, month),
    ).toBe(2);
  });
});
