// Decision 017: a module's NotFoundError / ForbiddenError reach the person as a 404 / 403 — the friendly page
// for a document request, the status for a single-fetch data request or a fetcher's post — through Remix's
// own request handler, never as a 500. The build here is Remix's, made by hand around the real household
// page's loader and action (their module throws the typed errors) and the app's ErrorContent.
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { Outlet, RemixServer } from "@remix-run/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ErrorContent } from "~/components/error-page";
import { ForbiddenError, NotFoundError } from "~/modules/access/errors";
import { SESSION_COOKIE, createSession } from "~/modules/auth/session.server";
import { getInstance } from "~/modules/i18n/i18n.server";
import * as householdPage from "~/routes/g.$groupId.households.$householdId._index";
import { makeGroup, makeHousehold, makeMember } from "../fixtures";

const group = makeGroup("Les Tilleuls");
const other = makeGroup("Villa Passerelle");
const household = makeHousehold(group.id, "Foyer Marchand");
const resident = makeMember({ groupId: group.id, householdId: household.id });
const outsider = makeMember({ groupId: other.id, householdId: makeHousehold(other.id).id, role: "facilitator" });

const handleError = vi.fn();
afterEach(() => handleError.mockClear());

const routeAsset = (id: string, parentId?: string) => ({
  id,
  parentId,
  path: id === "root" ? "" : id.replace(/^routes\//, ""),
  module: `/${id}.js`,
  imports: [],
  hasAction: true,
  hasLoader: true,
  hasClientAction: false,
  hasClientLoader: false,
  hasErrorBoundary: id === "root",
});

const build = {
  mode: "production",
  entry: {
    module: {
      // The page as the app renders it: the route's ErrorBoundary (here the root's: ErrorContent) in French.
      default: (request: Request, status: number, headers: Headers, context: Parameters<typeof RemixServer>[0]["context"]) =>
        new Response(
          `<!DOCTYPE html>${renderToString(createElement(I18nextProvider, { i18n: getInstance("fr") }, createElement(RemixServer, { context, url: request.url })))}`,
          {
            status,
            headers: { ...Object.fromEntries(headers), "Content-Type": "text/html; charset=utf-8" },
          },
        ),
      handleError,
    },
  },
  routes: {
    root: { id: "root", path: "", module: { default: () => createElement(Outlet), ErrorBoundary: () => createElement(ErrorContent) } },
    "routes/g/:groupId/households/:householdId": {
      id: "routes/g/:groupId/households/:householdId",
      parentId: "root",
      path: "g/:groupId/households/:householdId",
      module: { default: () => null, loader: householdPage.loader, action: householdPage.action },
    },
    "routes/boom": {
      id: "routes/boom",
      parentId: "root",
      path: "boom",
      module: {
        default: () => null,
        loader: () => {
          throw new Error("a plain Error");
        },
      },
    },
  },
  assets: {
    entry: { imports: [], module: "/entry.js" },
    routes: {
      root: routeAsset("root"),
      "routes/g/:groupId/households/:householdId": routeAsset("routes/g/:groupId/households/:householdId", "root"),
      "routes/boom": routeAsset("routes/boom", "root"),
    },
    url: "/manifest.js",
    version: "test",
  },
  publicPath: "/",
  assetsBuildDirectory: "build/client",
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_singleFetch: true,
    v3_lazyRouteDiscovery: true,
    v3_routeConfig: false,
    unstable_optimizeDeps: false,
  },
  isSpaMode: false,
} as unknown as ServerBuild;

const handle = createRequestHandler(build, "production");

function as(userId: string, path: string, init: RequestInit = {}) {
  const { token } = createSession(userId);
  return new Request(`http://localhost${path}`, { ...init, headers: { Cookie: `${SESSION_COOKIE}=${token}`, ...(init.headers ?? {}) } });
}
const post = (userId: string, path: string, fields: Record<string, string>) =>
  as(userId, path, { method: "POST", body: new URLSearchParams(fields), headers: { "Content-Type": "application/x-www-form-urlencoded" } });

describe("typed errors are answered once, by status", () => {
  const page = (householdId: string, groupId = group.id) => `/g/${groupId}/households/${householdId}`;

  it("are Responses (what Remix tells apart from an Error), and instances of their own class", () => {
    const nf = new NotFoundError("household");
    const fb = new ForbiddenError();
    expect(nf).toBeInstanceOf(Response);
    expect([nf.status, nf.statusText, fb.status, fb.statusText]).toEqual([404, "Not Found", 403, "Forbidden"]);
    expect(nf).toBeInstanceOf(NotFoundError);
    expect(nf).not.toBeInstanceOf(ForbiddenError);
  });

  it("NotFoundError from a module: the 404 page for a document, 404 for its data", async () => {
    const doc = await handle(as(resident.id, page("nexistepas")));
    expect(doc.status).toBe(404);
    expect(await doc.text()).toContain("Page introuvable");
    const dataRequest = await handle(as(resident.id, `${page("nexistepas")}.data`));
    expect(dataRequest.status).toBe(404);
    expect(handleError).not.toHaveBeenCalled();
  });

  it("another group's household stays a 404, never a 403, for the page, its data and its action", async () => {
    expect((await handle(as(outsider.id, page(household.id)))).status).toBe(404);
    expect((await handle(as(outsider.id, page(household.id, other.id)))).status).toBe(404);
    expect((await handle(as(outsider.id, `${page(household.id)}.data`))).status).toBe(404);
    expect((await handle(post(outsider.id, `${page(household.id, other.id)}.data`, { intent: "cancel_departure" }))).status).toBe(404);
    expect(handleError).not.toHaveBeenCalled();
  });

  it("ForbiddenError from a module: the 403 page for a form post, 403 for a fetcher's post", async () => {
    // A resident may read their household's page (the ids are real) but not undo a departure.
    expect((await handle(as(resident.id, page(household.id)))).status).toBe(200);
    const doc = await handle(post(resident.id, page(household.id), { intent: "cancel_departure" }));
    expect(doc.status).toBe(403);
    expect(await doc.text()).toContain("Accès refusé");
    const fetcher = await handle(post(resident.id, `${page(household.id)}.data`, { intent: "cancel_departure" }));
    expect(fetcher.status).toBe(403);
    expect(handleError).not.toHaveBeenCalled();
  });

  it("what they avoid: a plain Error thrown by a loader is a 500, logged", async () => {
    const doc = await handle(as(resident.id, "/boom"));
    expect(doc.status).toBe(500);
    expect(await doc.text()).toContain("Un problème est survenu");
    expect(handleError).toHaveBeenCalled();
  });
});
