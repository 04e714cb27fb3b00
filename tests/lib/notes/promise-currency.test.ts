import { describe, expect, it } from 'vitest';
import { cnCardLoanPack, usCollectionsPack } from '../../../lib/packs/defaults';
import { promiseCurrencyFor } from '../../../lib/notes/promise-currency';

describe('promiseCurrencyFor', () => {
  it("follows the debtor's number: a US number gets USD and a UK one GBP, whatever the pack says", () => {
    expect(promiseCurrencyFor({ phoneE164: '+12125550143', pack: cnCardLoanPack })).toBe('USD');
    expect(promiseCurrencyFor({ phoneE164: '+447400123456', pack: cnCardLoanPack })).toBe('GBP');
    expect(promiseCurrencyFor({ phoneE164: '+8613800138000' })).toBe('CNY');
  });

  it('takes the location the agent entered over the number', () => {
    expect(promiseCurrencyFor({ country: 'de', phoneE164: '+12125550143' })).toBe('EUR');
  });

  it("falls back to the pack's money currency when the country is unknown, and to nothing without either", () => {
    expect(promiseCurrencyFor({ pack: usCollectionsPack })).toBe('USD');
    expect(promiseCurrencyFor({ phoneE164: '13800138000', pack: cnCardLoanPack })).toBe('CNY');
    expect(promiseCurrencyFor({ country: 'ZZ' })).toBeUndefined();
    expect(promiseCurrencyFor({})).toBeUndefined();
  });
});
