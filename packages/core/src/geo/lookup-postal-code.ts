import { zipcodesData } from './zipcodes-data';

export interface Locality {
  locality: string;
  region: string;
  country: string;
}

/**
 * City and state for a US ZIP code from the offline `zipcodes` data set (no network, no I/O).
 * Returns null for unknown codes and for other countries.
 */
export function lookupPostalCode(postalCode: string, country = 'US'): Locality | null {
  if (country.toUpperCase() !== 'US') return null;
  const zip = postalCode.trim().slice(0, 5);
  if (!/^\d{5}$/.test(zip)) return null;
  const hit = zipcodesData().lookup(zip);
  if (!hit) return null;
  return { locality: hit.city, region: hit.state, country: 'US' };
}
