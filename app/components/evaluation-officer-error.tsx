// The error page of programme pages: 404 for anyone who is not an officer of the programme, in the plain frame.
import { OfficerShell } from "./evaluation-officer-shell";
import { ErrorContent } from "./error-page";

export function ErrorBoundary() {
  return (
    <OfficerShell programme={null}>
      <ErrorContent />
    </OfficerShell>
  );
}
