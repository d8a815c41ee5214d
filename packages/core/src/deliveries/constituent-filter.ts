/**
 * The constituent filter: when a target counts only constituents, a signature counts for it only
 * if its postal code is in the target's jurisdiction. US ZIP+4 codes match on their first five
 * digits. The SQL in this folder mirrors `isConstituent` (see `CONSTITUENT_SQL_EXPRESSION`).
 */
export interface ConstituentPolicy {
  constituentsOnly: boolean;
  /** The target's jurisdiction (Target.postalCodes). */
  postalCodes: string[];
}

export function normalizePostalCode(code: string): string {
  const upper = code.trim().toUpperCase();
  return /^\d{5}-?\d{4}$/.test(upper) ? upper.slice(0, 5) : upper;
}

export function isConstituent(postalCode: string | null | undefined, policy: ConstituentPolicy): boolean {
  if (!policy.constituentsOnly) return true;
  if (!postalCode) return false;
  const jurisdiction = new Set(policy.postalCodes.map(normalizePostalCode));
  return jurisdiction.has(normalizePostalCode(postalCode));
}

/** The jurisdiction as passed to SQL: normalized, deduplicated. */
export function jurisdictionCodes(policy: ConstituentPolicy): string[] {
  return [...new Set(policy.postalCodes.map(normalizePostalCode))];
}

/**
 * SQL predicate over a signature alias `s` with the normalized codes as parameter: mirrors
 * normalizePostalCode (ZIP+4 → 5 digits). Use with a `text[]` parameter.
 */
export const CONSTITUENT_SQL_EXPRESSION = `(CASE WHEN s.postal_code ~ '^[0-9]{5}-?[0-9]{4}$' THEN left(s.postal_code, 5) ELSE upper(btrim(s.postal_code)) END)`;
