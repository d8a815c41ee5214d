/**
 * Providers whose mailboxes ignore a `+tag` suffix, and (gmail) dots in the local part.
 * Only these are rewritten: on other domains `+` and `.` may be significant.
 */
const GMAIL = new Set(['gmail.com', 'googlemail.com']);
const PLUS_TAG_PROVIDERS = new Set([
  ...GMAIL,
  'outlook.com',
  'hotmail.com',
  'live.com',
  'msn.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'fastmail.com',
  'proton.me',
  'protonmail.com',
  'pm.me',
]);

/**
 * Canonical form of an email address, the dedupe key of docs/DESIGN.md invariant 2: trimmed and
 * lowercased, and for known providers `+tag` removed (and for Gmail, dots in the local part
 * removed, googlemail.com → gmail.com). Returns null for something that is not an address.
 */
export function canonicalizeEmail(raw: string): string | null {
  const email = raw.trim().toLowerCase();
  const at = email.lastIndexOf('@');
  if (at <= 0 || at === email.length - 1) return null;
  let local = email.slice(0, at);
  let domain = email.slice(at + 1);
  if (domain.endsWith('.')) domain = domain.slice(0, -1);
  if (PLUS_TAG_PROVIDERS.has(domain)) {
    const plus = local.indexOf('+');
    if (plus >= 0) local = local.slice(0, plus);
  }
  if (GMAIL.has(domain)) {
    local = local.replaceAll('.', '');
    domain = 'gmail.com';
  }
  if (!local) return null;
  return `${local}@${domain}`;
}
