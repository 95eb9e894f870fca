import type { ValidatedSession } from "~/modules/auth/session.server";

export type Auth = (ValidatedSession & { setCookie?: string }) | null;

declare module "@remix-run/node" {
  interface AppLoadContext {
    auth?: Auth;
    ip?: string | null;
  }
}
