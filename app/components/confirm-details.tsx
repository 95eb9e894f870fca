// An action that cannot be undone (a deletion) behind a first tap (issue 17): the summary opens the question
// and the button that does it. A disclosure, so it asks without JavaScript too.
import type { ReactNode } from "react";

export function ConfirmDetails({ summary, question, children }: { summary: ReactNode; question: string; children: ReactNode }) {
  return (
    <details className="confirm-details">
      <summary className="button secondary">{summary}</summary>
      <p>{question}</p>
      {children}
    </details>
  );
}
