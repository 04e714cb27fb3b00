import { describe, expect, it } from 'vitest';
import { extractDialString, normalizeNumber } from '../../../lib/detection/numbers';

describe('normalizeNumber', () => {
  const table: Array<[string, string | undefined, string | undefined, string | undefined, boolean]> = [
    // raw, default region, e164, country, valid
    ['(415) 555-2671', 'US', '+14155552671', 'US', true],
    ['+1 415.555.2671', 'CN', '+14155552671', 'US', true],
    ['011 86 138 0013 8000', 'US', '+8613800138000', 'CN', true],
    ['138 0013 8000', 'CN', '+8613800138000', 'CN', true],
    ['138-0013-8000', 'CN', '+8613800138000', 'CN', true],
    ['+86 138 0013 8000', 'US', '+8613800138000', 'CN', true],
    ['0086 138 0013 8000', 'US', '+8613800138000', 'CN', true],
    ['0086-10-1234-5678', 'GB', '+861012345678', 'CN', true],
    ['010-12345678', 'CN', '+861012345678', 'CN', true],
    ['(0755) 1234 5678', 'CN', '+8675512345678', 'CN', true],
    ['+86 (0)10 1234 5678', 'US', '+861012345678', 'CN', true],
    ['１３８００１３８０００', 'CN', '+8613800138000', 'CN', true],
    ['＋８６ １３８ ００１３ ８０００', 'US', '+8613800138000', 'CN', true],
    ['020 7946 0018', 'GB', '+442079460018', 'GB', true],
    ['+44 (0)20 7946 0018', 'US', '+442079460018', 'GB', true],
    ['07400 123456', 'GB', '+447400123456', 'GB', true],
    ['07700 900123', 'GB', '+447700900123', 'GB', false], // Ofcom drama range: not assigned
    ['tel:+1-415-555-2671', 'CN', '+14155552671', 'US', true],
    ['tel:+86-10-1234-5678;phone-context=example.com', undefined, '+861012345678', 'CN', true],
    ['sip:+14155552671@sbc.example.com;user=phone', 'CN', '+14155552671', 'US', true],
    ['sips:13800138000@pbx.example.cn;transport=wss', 'CN', '+8613800138000', 'CN', true],
    ['"Wang" <sip:+8613800138000@10.0.0.5>;tag=abc', 'US', '+8613800138000', 'CN', true],
    ['sip:%2B14155552671@sbc.example.com', 'US', '+14155552671', 'US', true],
    ['+1 555 000 0000', 'US', '+15550000000', undefined, false],
    ['12345', 'CN', '+8612345', 'CN', false],
  ];

  it.each(table)('%s (region %s) → %s', (raw, region, e164, country, valid) => {
    const result = normalizeNumber(raw, region);
    expect(result.raw).toBe(raw);
    expect(result.e164).toBe(e164);
    expect(result.country).toBe(country);
    expect(result.valid).toBe(valid);
  });

  it.each([
    'sip:alice@pbx.example.com',
    'client:agent7',
    'anonymous',
    '',
    '<img src=x onerror=alert(1)>',
    '12',
    'sip:@host',
  ])('keeps %j raw and marks it invalid', (raw) => {
    const result = normalizeNumber(raw, 'US');
    expect(result).toEqual({ raw, valid: false });
  });

  it('needs a region for national forms and ignores a malformed region', () => {
    expect(normalizeNumber('13800138000').valid).toBe(false);
    expect(normalizeNumber('13800138000', 'cn').e164).toBe('+8613800138000');
    expect(normalizeNumber('13800138000', 'China').valid).toBe(false);
  });

  it('caps the raw string and refuses oversize input', () => {
    const result = normalizeNumber(`+1 415 555 2671${' '.repeat(400)}`, 'US');
    expect(result.valid).toBe(false);
    expect(result.raw.length).toBe(256);
  });
});

describe('extractDialString', () => {
  it.each([
    ['sip:+14155552671@h;user=phone', '+14155552671'],
    ['tel:+1-415-555-2671', '+14155552671'],
    ['00 44 20 7946 0018', '+442079460018'],
    ['+44 (0)20 7946 0018', '+442079460018'],
    ['1001', '1001'],
    ['sip:bob@h', undefined],
    ['+1 415 555 2671 ext. 9', undefined],
  ])('%s → %s', (raw, expected) => {
    expect(extractDialString(raw)).toBe(expected);
  });
});
