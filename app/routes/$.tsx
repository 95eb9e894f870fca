import type { AccessPolicy } from "~/modules/access/policy";
import { NotFoundError } from "~/modules/access/errors";

export const access: AccessPolicy = "public";

// Unknown addresses render the friendly 404 of the root error boundary.
export function loader() {
  throw new NotFoundError();
}

export default function NotFound() {
  return null;
}
