// The two typed errors a module throws when a request is not a user's mistake (decision 017): the thing does
// not exist for this person (another group's row, an unknown id: 404, never 403, so nothing leaks), or the
// person is a member who may not do this (403).
//
// They are answered in one place — Remix's own handling of a thrown Response — because they ARE Responses:
// Remix tells a Response from an Error by its shape (status, statusText, headers, body), so a thrown
// NotFoundError renders the route's ErrorBoundary with a 404 for a document request, and answers 404 to a
// single-fetch data request or a fetcher, where a thrown plain Error would be a 500. Nothing catches them
// by hand; `instanceof NotFoundError` still tells them apart where a caller needs to.
export class NotFoundError extends Response {
  /** What was not found, for a reader of the code or a debugger; never sent to the browser. */
  readonly what: string;
  constructor(what = "not found") {
    super("Not Found", { status: 404, statusText: "Not Found" });
    this.what = what;
  }
}

export class ForbiddenError extends Response {
  /** What was refused, for a reader of the code or a debugger; never sent to the browser. */
  readonly what: string;
  constructor(what = "forbidden") {
    super("Forbidden", { status: 403, statusText: "Forbidden" });
    this.what = what;
  }
}
