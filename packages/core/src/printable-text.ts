// Control characters and lone surrogates never belong in a name or a URL typed by staff: NUL is
// refused by Postgres text columns (a 500 instead of a field error), the others cannot be shown.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when `s` has no control character and no lone surrogate (zod: `.refine(isPrintableText, 'invalid_characters')`). */
export function isPrintableText(s: string): boolean {
  return !CONTROL.test(s) && !LONE_SURROGATE.test(s);
}
