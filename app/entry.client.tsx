import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { initClientI18n } from "~/modules/i18n/client";

function hydrate() {
  // The page's translations are inlined in its HTML (app/modules/i18n/inline.tsx): nothing to fetch first.
  void initClientI18n().then((i18n) => {
    startTransition(() => {
      hydrateRoot(
        document,
        <I18nextProvider i18n={i18n}>
          <StrictMode>
            <RemixBrowser />
          </StrictMode>
        </I18nextProvider>,
      );
    });
  });
}

// The server's HTML is the page: let the browser paint it before hydration takes the main thread (on a slow
// phone that is the difference between text now and text after the scripts ran). A hidden tab gets no
// animation frame: the timeout hydrates it anyway.
let started = false;
const start = () => {
  if (started) return;
  started = true;
  hydrate();
};
requestAnimationFrame(() => setTimeout(start, 0));
setTimeout(start, 200);
