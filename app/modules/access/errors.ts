// Typed errors thrown by modules, mapped to HTTP statuses in one place (toResponse).
export class NotFoundError extends Error {
  constructor(what = "not found") {
    super(what);
  }
}
export class ForbiddenError extends Error {
  constructor(what = "forbidden") {
    super(what);
  }
}

export function notFound(): Response {
  return new Response("Not Found", { status: 404, statusText: "Not Found" });
}

export function forbidden(): Response {
  return new Response("Forbidden", { status: 403, statusText: "Forbidden" });
}
