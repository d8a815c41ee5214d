// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- zipcodes ships no types; this pulls in our ambient declaration wherever the file is compiled
/// <reference path="./zipcodes.d.ts" />
import type zipcodesModule from 'zipcodes';

type Zipcodes = typeof zipcodesModule;
let data: Zipcodes | undefined;

/**
 * The `zipcodes` data set, loaded on first use: it costs ~100 MB of memory, which processes that
 * import core but never look up a ZIP (the worker) should not pay.
 */
export function zipcodesData(): Zipcodes {
  if (!data) {
    // Lazy on purpose (see above); a static import would load the data at startup.
    const loaded = require('zipcodes') as Zipcodes | { default: Zipcodes };
    data = 'default' in loaded ? loaded.default : loaded;
  }
  return data;
}
