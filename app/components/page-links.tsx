// Remix's <Links />, except that on a page's first load its small stylesheets are inlined in the HTML: the
// first paint waits for no request after the document (Lighthouse's render-blocking requests on a slow
// phone network, issue 9). Later navigations link the stylesheets they add, which Remix has preloaded
// before rendering them. The browser renders back the very same <style> text so hydration keeps it.
import { Links, UNSAFE_RemixContext, useMatches } from "@remix-run/react";
import { Fragment, useContext } from "react";

type Descriptor = { rel?: string; href?: string; [key: string]: unknown };
type Reader = (href: string) => string | null;

const inlined = new Map<string, string>();
let clientMode: boolean | null = null;
// `disabled` is a valid attribute of <link> (not fetched, not applied) that React's types do not list.
const DISABLED = { disabled: true } as object;

function serverReader(): Reader | undefined {
  return (globalThis as { __maisonneeReadCss?: Reader }).__maisonneeReadCss;
}

export function PageLinks() {
  const remix = useContext(UNSAFE_RemixContext);
  const matches = useMatches();
  const onServer = typeof document === "undefined";
  const read = onServer ? serverReader() : undefined;
  if (!onServer && clientMode === null) {
    // Hydrating: the server inlined if it left <style data-href> elements; remember their text.
    document.querySelectorAll<HTMLStyleElement>("style[data-href]").forEach((el) => inlined.set(el.dataset.href!, el.textContent ?? ""));
    // Deliberate: read once per page load, at hydration, before the server's <style> elements can go.
    // eslint-disable-next-line react-hooks/globals
    clientMode = inlined.size > 0;
  }
  if (!remix || (onServer ? !read : !clientMode)) return <Links />;

  const seen = new Set<string>();
  const descriptors: Descriptor[] = [];
  for (const match of matches) {
    const css = remix.manifest.routes[match.id]?.css ?? [];
    const module = remix.routeModules[match.id] as { links?: () => Descriptor[] } | undefined;
    for (const d of [...css.map((href) => ({ rel: "stylesheet", href }) as Descriptor), ...(module?.links?.() ?? [])]) {
      if (!d.href || "page" in d) continue;
      const key = `${d.rel}|${d.href}`;
      if (seen.has(key)) continue;
      seen.add(key);
      descriptors.push(d);
    }
  }
  return (
    <>
      {descriptors.map((d) => {
        const key = `${d.rel}|${d.href}`;
        if (d.rel === "stylesheet") {
          const text = onServer ? read!(d.href!) : inlined.get(d.href!);
          // The disabled link is never fetched; it tells Remix the stylesheet is already on the page, or it
          // would preload it again before each navigation (and that wait broke a redirect after logging in).
          if (text != null)
            return (
              <Fragment key={key}>
                <style data-href={d.href} dangerouslySetInnerHTML={{ __html: text }} />
                <link rel="stylesheet" href={d.href} {...DISABLED} />
              </Fragment>
            );
        }
        return <link key={key} {...d} />;
      })}
    </>
  );
}
