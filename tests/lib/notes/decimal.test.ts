import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { sumDecimalStrings } from '../../../lib/notes/decimal.ts';

describe('sumDecimalStrings', () => {
  it('adds without floating-point error', () => {
    expect(sumDecimalStrings(['0.10', '0.20'])).toBe('0.30');
    expect(sumDecimalStrings(['0.1', '0.2'])).toBe('0.3');
    expect(sumDecimalStrings(['1250.5', '99.99', '3'])).toBe('1353.49');
    expect(sumDecimalStrings(['99999999999999999999.99', '0.01'])).toBe('100000000000000000000.00');
    expect(sumDecimalStrings(['-5.25', '1'])).toBe('-4.25');
    expect(sumDecimalStrings([])).toBe('0');
  });

  it('rejects anything but plain decimals', () => {
    expect(sumDecimalStrings(['1e3'])).toBeUndefined();
    expect(sumDecimalStrings(['1,000'])).toBeUndefined();
    expect(sumDecimalStrings(['.5'])).toBeUndefined();
  });

  it('matches integer arithmetic on cents', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 0n, max: 10n ** 15n }), { maxLength: 20 }), (cents) => {
        const asText = cents.map((c) => `${c / 100n}.${String(c % 100n).padStart(2, '0')}`);
        const total = cents.reduce((a, b) => a + b, 0n);
        const expected = cents.length === 0 ? '0' : `${total / 100n}.${String(total % 100n).padStart(2, '0')}`;
        expect(sumDecimalStrings(asText)).toBe(expected);
      }),
    );
  });
});
