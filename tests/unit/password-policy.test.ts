import { describe, expect, it } from "vitest";
import { passwordProblem } from "~/modules/auth/password-policy";

describe("password policy", () => {
  it("refuses fewer than 10 characters", () => {
    expect(passwordProblem("court1234")).toBe("errors.password_too_short");
    expect(passwordProblem("assez long")).toBeNull();
  });
  it("refuses the email itself and its local part", () => {
    expect(passwordProblem("Jeanne.Marchand@exemple.fr", "jeanne.marchand@exemple.fr")).toBe("errors.password_is_email");
    expect(passwordProblem("jeanne.marchand", "jeanne.marchand@exemple.fr")).toBe("errors.password_is_email");
  });
  it("refuses very common passwords, whatever the case", () => {
    expect(passwordProblem("AZERTYUIOP")).toBe("errors.password_too_common");
    expect(passwordProblem("1234567890")).toBe("errors.password_too_common");
    expect(passwordProblem("aaaaaaaaaaaa")).toBe("errors.password_too_common");
  });
  it("accepts a plain sentence", () => {
    expect(passwordProblem("le jardin fleurit en mai", "jeanne@exemple.fr")).toBeNull();
  });
});
