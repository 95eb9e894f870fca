// Number formatters, made once per locale and options: building an Intl.NumberFormat costs ~20 µs, and a
// programme table formats a thousand figures (it was an eighth of the overview's render, bench/run.ts).
const formatters = new Map<string, Intl.NumberFormat>();

export function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.NumberFormat(locale, options)));
  return f;
}
