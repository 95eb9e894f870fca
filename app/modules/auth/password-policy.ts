// Client-safe password rules, shared by the account forms' schemas.
// The list holds the most used passwords of 10+ characters (international and French lists).
const COMMON = new Set([
  "1234567890",
  "0123456789",
  "12345678910",
  "123456789a",
  "a123456789",
  "1234567890a",
  "qwertyuiop",
  "azertyuiop",
  "motdepasse",
  "motdepasse1",
  "motdepasse123",
  "password12",
  "password123",
  "password1234",
  "passw0rd123",
  "iloveyou12",
  "qwerty1234",
  "qwerty12345",
  "azerty1234",
  "azerty12345",
  "azertyuiop1",
  "1q2w3e4r5t",
  "1q2w3e4r5t6y",
  "q1w2e3r4t5",
  "zaq12wsxcde",
  "1qaz2wsx3edc",
  "abcdefghij",
  "abcdef1234",
  "abc1234567",
  "aaaaaaaaaa",
  "0000000000",
  "1111111111",
  "2222222222",
  "9876543210",
  "soleil1234",
  "bonjour123",
  "bonjour1234",
  "jetaime123",
  "marseille13",
  "doudou1234",
  "chouchou12",
  "loulou1234",
  "nicolas123",
  "football12",
  "football123",
  "princesse1",
  "liverpool1",
  "starwars12",
  "dragon1234",
  "monkey1234",
  "letmein123",
  "welcome123",
  "sunshine12",
  "trustno1234",
  "administrator",
  "admin12345",
  "maisonnee1",
  "maisonnee123",
  "changeme123",
  "bienvenue1",
  "bienvenue123",
]);

const PASSWORD_MIN_LENGTH = 10;

/** Why a password is refused (a code under the common namespace's `errors.`), or null. */
export type PasswordProblemCode = "password_too_short" | "too_long" | "password_is_email" | "password_too_common";

/** The rule itself, as a code: the modules make it a problem (auth, invitations), the schemas a message. */
export function passwordCode(password: string, email?: string): PasswordProblemCode | null {
  if (password.length < PASSWORD_MIN_LENGTH) return "password_too_short";
  if (password.length > 200) return "too_long";
  const lower = password.toLowerCase();
  if (email) {
    const e = email.trim().toLowerCase();
    if (lower === e || lower === e.split("@")[0]) return "password_is_email";
  }
  if (COMMON.has(lower) || /^(.)\1+$/.test(password)) return "password_too_common";
  return null;
}

/** The rule as a schema's message: an i18n key, or null. */
export function passwordProblem(password: string, email?: string): string | null {
  const code = passwordCode(password, email);
  return code && `errors.${code}`;
}
