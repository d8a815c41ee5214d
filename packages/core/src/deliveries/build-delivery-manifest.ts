import { createHash } from 'node:crypto';

export interface DeliveryManifest {
  /** Number of CSV data rows. */
  count: number;
  /** SHA-256 (hex) over the bytes of the CSV's data rows, i.e. everything after the header line. */
  sha256: string;
}

/**
 * The manifest of a delivery: the count and a SHA-256 over the CSV rows. Each row is the exact
 * text written to the file, including its line ending, so a reader recomputes the hash with
 * `tail -n +2 signatures.csv | sha256sum` (the first line is the BOM and the header).
 * Pure: rows in, manifest out.
 */
export function buildDeliveryManifest(rows: Iterable<string | Uint8Array>): DeliveryManifest {
  const hasher = createManifestHasher();
  for (const row of rows) hasher.addRow(row);
  return hasher.finish();
}

/** The incremental form, for rows that stream by. `addBytes` hashes without counting. */
export function createManifestHasher() {
  const hash = createHash('sha256');
  let count = 0;
  return {
    addRow(row: string | Uint8Array) {
      hash.update(row);
      count += 1;
    },
    addBytes(bytes: Uint8Array) {
      hash.update(bytes);
    },
    finish(rowCount: number = count): DeliveryManifest {
      return { count: rowCount, sha256: hash.digest('hex') };
    },
  };
}
