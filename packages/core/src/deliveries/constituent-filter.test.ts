import { isConstituent, jurisdictionCodes, normalizePostalCode } from './constituent-filter';

const sanJose = { constituentsOnly: true, postalCodes: ['95112', '95116', '95110'] };

describe('constituent filter', () => {
  it('counts signers whose ZIP is in the jurisdiction, including ZIP+4', () => {
    expect(isConstituent('95112', sanJose)).toBe(true);
    expect(isConstituent('95116-1234', sanJose)).toBe(true);
    expect(isConstituent(' 95110 ', sanJose)).toBe(true);
  });

  it('leaves out signers elsewhere or without a postal code', () => {
    expect(isConstituent('94110', sanJose)).toBe(false);
    expect(isConstituent(null, sanJose)).toBe(false);
    expect(isConstituent('9511', sanJose)).toBe(false);
  });

  it('counts everyone when the target does not filter', () => {
    expect(isConstituent('10001', { constituentsOnly: false, postalCodes: [] })).toBe(true);
    expect(isConstituent(null, { constituentsOnly: false, postalCodes: [] })).toBe(true);
  });

  it('normalizes codes the way the SQL does', () => {
    expect(normalizePostalCode('95112-1234')).toBe('95112');
    expect(normalizePostalCode('951121234')).toBe('95112');
    expect(normalizePostalCode('sw1a 1aa')).toBe('SW1A 1AA');
    expect(jurisdictionCodes({ constituentsOnly: true, postalCodes: ['95112', '95112-0001'] })).toEqual(['95112']);
  });
});
