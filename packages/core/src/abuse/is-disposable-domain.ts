let exact: ReadonlySet<string> | undefined;
let wildcard: ReadonlySet<string> | undefined;

function lists(): { exact: ReadonlySet<string>; wildcard: ReadonlySet<string> } {
  if (!exact || !wildcard) {
    // Lazy on purpose, like the ZIP data: ~120,000 domains (a few MB) that processes which never
    // judge a signature (the worker) should not load. The list is the maintained
    // `disposable-email-domains` package (index: exact domains; wildcard: every subdomain too).
    exact = new Set(require('disposable-email-domains') as string[]);
    wildcard = new Set(require('disposable-email-domains/wildcard.json') as string[]);
  }
  return { exact, wildcard };
}

/**
 * Whether an email domain belongs to a throwaway-mail service, from the `disposable-email-domains`
 * package: the domain itself is listed, or one of its parent domains is listed as a wildcard
 * (every subdomain of it hands out addresses). Case-insensitive; a leading '@' is ignored.
 */
export function isDisposableDomain(domain: string): boolean {
  const d = domain.trim().toLowerCase().replace(/^@/, '');
  if (!d) return false;
  const { exact, wildcard } = lists();
  if (exact.has(d)) return true;
  for (let i = d.indexOf('.'); i !== -1; i = d.indexOf('.', i + 1)) {
    const parent = d.slice(i + 1);
    if (!parent.includes('.')) break;
    if (wildcard.has(parent) || exact.has(parent)) return true;
  }
  return wildcard.has(d);
}
