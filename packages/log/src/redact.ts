/**
 * Keys whose values never reach a log line, however they got into a logged object: the second
 * line of defence behind the rule that call sites log ids, never people (docs/logs.md). Matched
 * at the top level and two levels down (`{ signer: { email } }`, `{ rows: [{ email }] }`).
 */
export const REDACTED_KEYS = [
  // people
  'email',
  'canonicalEmail',
  'canonical_email',
  'to',
  'name',
  'givenName',
  'given_name',
  'firstName',
  'first_name',
  'familyName',
  'family_name',
  'lastName',
  'last_name',
  'address',
  'address_lines',
  'addressLines',
  'street',
  'phone',
  'ip',
  'remoteAddress',
  'x-forwarded-for',
  'x-real-ip',
  // secrets
  'token',
  'password',
  'secret',
  'apiKey',
  'authorization',
  'cookie',
  'set-cookie',
  'osdi-api-token',
  // whole payloads
  'body',
  'input',
] as const;

export const REDACT_CENSOR = '[redacted]';

/** pino `redact.paths` for REDACTED_KEYS (bracket notation for keys that are not identifiers). */
export function redactPaths(keys: readonly string[] = REDACTED_KEYS): string[] {
  return keys.flatMap((key) => {
    const part = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`;
    const dotted = part.startsWith('[') ? part : `.${part}`;
    return [part, `*${dotted}`, `*.*${dotted}`];
  });
}
