import { zipcodesData } from './zipcodes-data';

/** US ZIP codes of a city (offline data), e.g. to seed a target's jurisdiction. */
export function listCityPostalCodes(city: string, state: string): string[] {
  return zipcodesData()
    .lookupByName(city, state)
    .map((z) => z.zip);
}
