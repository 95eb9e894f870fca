// What a page's HTML carries of the translations: the union of its routes' handle.i18n, "common" always,
// a whole namespace wins over its sections, and the JSON can never close its <script> element.
import i18next from "i18next";
import { describe, expect, test } from "vitest";
import { routeTranslationEntries } from "~/modules/i18n/config";
import { getInstance } from "~/modules/i18n/i18n.server";
import { serializeTranslations } from "~/modules/i18n/inline";

describe("routeTranslationEntries", () => {
  test("joins the matched routes' entries, common first, whole namespaces over sections", () => {
    const entries = routeTranslationEntries([
      { handle: undefined },
      { handle: { pageCache: true } },
      { handle: { i18n: ["events:home", "bookings", "charter:home"] } },
      { handle: { i18n: ["events", "bookings:home", "common"] } },
    ]);
    expect(entries).toEqual(["common", "bookings", "charter:home", "events"]);
  });
});

describe("serializeTranslations", () => {
  test("sends whole namespaces and only the declared sections of the others", () => {
    const data = JSON.parse(serializeTranslations(getInstance("fr"), "fr", ["common", "charter:home", "evaluation:survey"]));
    expect(data.lang).toBe("fr");
    expect(Object.keys(data.resources).sort()).toEqual(["charter", "common", "evaluation"]);
    expect(data.resources.common.nav).toBeTruthy();
    expect(Object.keys(data.resources.charter)).toEqual(["home"]);
    expect(Object.keys(data.resources.evaluation)).toEqual(["survey"]);
    expect(data.resources.charter.home.title).toBe(getInstance("fr").t("charter:home.title"));
  });

  test("is far smaller for Home's sections than the namespaces whole", () => {
    const sections = serializeTranslations(getInstance("fr"), "fr", ["common", "evaluation:survey"]);
    const whole = serializeTranslations(getInstance("fr"), "fr", ["common", "evaluation"]);
    expect(sections.length).toBeLessThan(whole.length / 2);
  });

  test("never lets a translation close the <script> element", () => {
    const instance = i18next.createInstance();
    void instance.init({ lng: "en", initImmediate: false, resources: { en: { common: { x: "</script><script>alert(1)</script>" } } } });
    const json = serializeTranslations(instance, "en", ["common", "auth"]);
    expect(json).not.toMatch(/</);
    expect(JSON.parse(json).resources.common.x).toBe("</script><script>alert(1)</script>");
  });
});
