import { createHash } from 'node:crypto';
import { buildDeliveryManifest, createManifestHasher } from './build-delivery-manifest';

const rows = ['2026-11-01,Ana,García,San Jose,95112,\n', '2026-11-02,José,"Núñez, Jr.",San Jose,95116,"Sí, por favor"\n'];

describe('buildDeliveryManifest', () => {
  it('hashes exactly the bytes a reader gets after the header line', () => {
    const file = '\uFEFFSigned date,Given name,Family name,City,Postal code,Comment\n' + rows.join('');
    const afterHeader = file.slice(file.indexOf('\n') + 1);
    const expected = createHash('sha256').update(afterHeader, 'utf8').digest('hex');
    expect(buildDeliveryManifest(rows)).toEqual({ count: 2, sha256: expected });
  });

  it('changes when any row changes, is dropped, or the order changes', () => {
    const base = buildDeliveryManifest(rows).sha256;
    expect(buildDeliveryManifest([rows[0]!, rows[1]!.replace('José', 'Jose')]).sha256).not.toBe(base);
    expect(buildDeliveryManifest([rows[0]!]).sha256).not.toBe(base);
    expect(buildDeliveryManifest([rows[1]!, rows[0]!]).sha256).not.toBe(base);
  });

  it('gives the SHA-256 of nothing for an empty delivery', () => {
    expect(buildDeliveryManifest([])).toEqual({
      count: 0,
      sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    });
  });

  it('agrees between the streaming and the one-shot forms, however bytes are chunked', () => {
    const hasher = createManifestHasher();
    const bytes = Buffer.from(rows.join(''), 'utf8');
    hasher.addBytes(bytes.subarray(0, 7));
    hasher.addBytes(bytes.subarray(7));
    expect(hasher.finish(2)).toEqual(buildDeliveryManifest(rows));
  });
});
