// The pure rules of account deletion: the typed word, and what is scrubbed from free texts (decision 009).
import { describe, expect, it } from "vitest";
import { ANONYMOUS_NAME, deletedEmail, isConfirmation, isPersonalColumn } from "~/modules/account/plan";
import { makeScrubber, scrubTerms } from "~/modules/account/scrub";

describe("account deletion rules", () => {
  it("accepts SUPPRIMER or DELETE in any case, nothing else", () => {
    for (const ok of ["SUPPRIMER", "supprimer", " Supprimer ", "delete"]) expect(isConfirmation(ok), ok).toBe(true);
    for (const no of ["", "oui", "SUPPRIME", "supprimer mon compte", "effacer"]) expect(isConfirmation(no), no).toBe(false);
  });

  it("scrubs her email, display name and full names in any case and accents; her first and last name alone as names", () => {
    const scrub = makeScrubber({ email: "J.Marchand@exemple.fr", userName: "Jeanne M.", persons: [{ firstName: "Jeanne", lastName: "Marchand" }] });
    const inHerGroup = (text: string) => scrub(text, { herGroup: true }) ?? text;
    // The texts: a support note and an agenda title.
    expect(inHerGroup("Entretien avec Mme MARCHAND ; jeanne marchand a signé. Écrire à J.MARCHAND@EXEMPLE.FR.")).toBe(
      `Entretien avec Mme ${ANONYMOUS_NAME} ; ${ANONYMOUS_NAME} a signé. Écrire à deleted@invalid.`,
    );
    expect(inHerGroup("Anniversaire de Jeanne")).toBe(`Anniversaire de ${ANONYMOUS_NAME}`);
    expect(inHerGroup("MARCHAND Jeanne, jeanne m. et JEANNE-MARCHAND")).toBe(`${ANONYMOUS_NAME}, ${ANONYMOUS_NAME} et ${ANONYMOUS_NAME}`);
    // A whole word only, and a name only when written as one: in lower case "marchand" is the merchant.
    expect(scrub("Jeannette et les Marchandises ; le marchand de légumes passe jeudi", { herGroup: true })).toBeNull();
  });

  it("matches with or without accents, composed or decomposed, and keeps the rest of the text as it was", () => {
    const scrub = makeScrubber({ email: "helene@exemple.fr", userName: "Hélène Lefèvre", persons: [{ firstName: "Hélène", lastName: "Lefèvre" }] });
    // "Hélène" stored decomposed (e + U+0301…), as some phones send it.
    const decomposed = "Vu He\u0301le\u0300ne ; HELENE LEFEVRE ; Mme Lefevre ; D’où Hélène ?";
    expect(scrub(decomposed, { herGroup: true })).toBe(`Vu ${ANONYMOUS_NAME} ; ${ANONYMOUS_NAME} ; Mme ${ANONYMOUS_NAME} ; D’où ${ANONYMOUS_NAME} ?`);
  });

  it("outside her groups, only what names her alone: her email and full names, not a first or last name", () => {
    const scrub = makeScrubber({ email: "j.marchand@exemple.fr", userName: "Jeanne Marchand", persons: [{ firstName: "Jeanne", lastName: "Marchand" }] });
    expect(scrub("Jeanne Dubois et Mme Marchand (une autre)", { herGroup: false })).toBeNull();
    expect(scrub("Signalé par JEANNE MARCHAND, j.marchand@exemple.fr", { herGroup: false })).toBe(`Signalé par ${ANONYMOUS_NAME}, deleted@invalid`);
  });

  it("leaves alone a name of fewer than 3 letters, and the anonymous name itself", () => {
    expect(scrubTerms({ email: "a@b.fr", userName: "Lê Vy", persons: [{ firstName: "Vy", lastName: "Lê" }] })).toEqual({
      emails: ["a@b.fr"],
      names: ["Lê Vy", "Vy Lê"],
      words: [],
    });
    expect(scrubTerms({ email: "x@y.fr", userName: ANONYMOUS_NAME, persons: [] })).toEqual({ emails: ["x@y.fr"], names: [], words: [] });
    const scrub = makeScrubber({ email: "a@b.fr", userName: "Lê Vy", persons: [{ firstName: "Vy", lastName: "Lê" }] });
    expect(scrub("Le repas de Lê Vy ; Le vin", { herGroup: true })).toBe(`Le repas de ${ANONYMOUS_NAME} ; Le vin`);
  });

  it("gives each deleted account its own invalid address and recognises personal columns", () => {
    expect(deletedEmail("abc")).toBe("deleted-abc@invalid");
    expect(["user_id", "person_id", "household_id", "giver_person_id", "paid_by_household_id"].every(isPersonalColumn)).toBe(true);
    expect(["created_by", "group_id", "personal_id", "household_idx"].some(isPersonalColumn)).toBe(false);
  });
});
