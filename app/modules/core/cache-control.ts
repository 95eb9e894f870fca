// Pages whose every byte is special-category or personal data (support follow-up, a person's data download) are
// never stored by the browser or a proxy: a shared family phone or an office computer keeps no copy (issue 16).
const NO_STORE = [/^\/g\/[^/]+\/support(?:[/.]|$)/, /^\/g\/[^/]+\/households\/[^/]+\/support(?:[/.]|$)/, /^\/account\/data(?:[/.]|$)/];

/** The Cache-Control a response to this path must carry whatever the route says, or null to leave it be. */
export function forcedCacheControl(pathname: string): string | null {
  return NO_STORE.some((re) => re.test(pathname)) ? "no-store" : null;
}
