// The nonce of the page being rendered: our inline scripts (Remix's context and module loader, scroll restoration,
// streamed data) carry it, and the Content-Security-Policy allows only scripts from our origin or with it.
import { createContext, useContext } from "react";

export const NonceContext = createContext<string>("");

/** On the client the browser hides the nonce ("" here); only the server's render needs its value. */
export function useNonce(): string {
  return useContext(NonceContext);
}
