// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- zipcodes ships no types; this pulls in our ambient declaration wherever the file is compiled
/// <reference path="./zipcodes.d.ts" />
import zipcodes from 'zipcodes';

/** US ZIP codes of a city (offline data), e.g. to seed a target's jurisdiction. */
export function listCityPostalCodes(city: string, state: string): string[] {
  return zipcodes.lookupByName(city, state).map((z) => z.zip);
}
