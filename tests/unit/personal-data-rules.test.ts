// The pure rules of account deletion: the typed word, and what is scrubbed from free texts.
import { describe, expect, it } from "vitest";
import { ANONYMOUS_NAME, deletedEmail, isConfirmation, isPersonalColumn, scrubTerms } from "~/modules/account/plan";

describe("account deletion rules", () => {
  it("accepts SUPPRIMER or DELETE in any case, nothing else", () => {
    for (const ok of ["SUPPRIMER", "supprimer", " Supprimer ", "delete"]) expect(isConfirmation(ok), ok).toBe(true);
    for (const no of ["", "oui", "SUPPRIME", "supprimer mon compte", "effacer"]) expect(isConfirmation(no), no).toBe(false);
  });

  it("scrubs the email, display name, full name and a last name of 3 letters or more, longest first", () => {
    expect(scrubTerms({ email: "j.marchand@exemple.fr", userName: "Jeanne M.", firstName: "Jeanne", lastName: "Marchand" })).toEqual([
      "j.marchand@exemple.fr",
      "Jeanne Marchand",
      "Jeanne M.",
      "Marchand",
    ]);
    // A two-letter last name would hit inside unrelated words; a first name alone is too common.
    expect(scrubTerms({ email: "a@b.fr", userName: "Lê Vy", firstName: "Vy", lastName: "Lê" })).toEqual(["a@b.fr", "Lê Vy", "Vy Lê"]);
    expect(scrubTerms({ email: "x@y.fr", userName: ANONYMOUS_NAME })).toEqual(["x@y.fr"]);
  });

  it("gives each deleted account its own invalid address and recognises personal columns", () => {
    expect(deletedEmail("abc")).toBe("deleted-abc@invalid");
    expect(["user_id", "person_id", "household_id", "giver_person_id", "paid_by_household_id"].every(isPersonalColumn)).toBe(true);
    expect(["created_by", "group_id", "personal_id", "household_idx"].some(isPersonalColumn)).toBe(false);
  });
});
