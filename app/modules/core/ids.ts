// Ids appear in URLs, so they are random (not guessable): 120 bits, base32, 24 characters.
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";

export function newId(): string {
  const bytes = new Uint8Array(15);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}
