import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { isValidChineseId, isValidSsn, passesLuhn, redactSensitive } from '../../../lib/notes/redact.ts';

/** Appends the Luhn check digit to `body`, computed independently of the code under test. */
function withLuhnDigit(body: string): string {
  for (let check = 0; check <= 9; check += 1) {
    const candidate = body + String(check);
    let sum = 0;
    [...candidate].reverse().forEach((char, i) => {
      const digit = Number(char) * (i % 2 === 1 ? 2 : 1);
      sum += digit > 9 ? digit - 9 : digit;
    });
    if (sum % 10 === 0) return candidate;
  }
  throw new Error('unreachable');
}

/** Flips the last digit so the Luhn check fails. */
function breakLastDigit(number: string): string {
  const last = Number(number.at(-1));
  return number.slice(0, -1) + String((last + 1) % 10);
}

/** Completes 17 characters of a Chinese ID with its GB 11643 check character. */
function withCnCheck(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((acc, char, i) => acc + Number(char) * weights[i]!, 0);
  return first17 + '10X98765432'[sum % 11]!;
}

describe('checks', () => {
  it('accepts well-known test card numbers and rejects a flipped digit', () => {
    for (const card of ['4111111111111111', '5555555555554444', '378282246310005', '6011111111111117', '3530111333300000']) {
      expect(passesLuhn(card)).toBe(true);
      expect(passesLuhn(breakLastDigit(card))).toBe(false);
    }
  });

  it('validates the Chinese ID check digit, including X', () => {
    expect(isValidChineseId('11010519491231002X')).toBe(true);
    expect(isValidChineseId('11010519491231002x')).toBe(true);
    expect(isValidChineseId('110105194912310021')).toBe(false);
    const id = withCnCheck('44030419900307123');
    expect(isValidChineseId(id)).toBe(true);
  });

  it('rejects a Chinese ID with an impossible birth date even when the check digit matches', () => {
    expect(isValidChineseId(withCnCheck('44030419901307123'))).toBe(false); // month 13
    expect(isValidChineseId(withCnCheck('44030419900230123'))).toBe(false); // 30 February
    expect(isValidChineseId(withCnCheck('44030418500307123'))).toBe(false); // 1850
    expect(isValidChineseId(withCnCheck('44030420000229123'))).toBe(true); // leap day
  });

  it('excludes the SSN ranges that are never issued', () => {
    expect(isValidSsn('123-45-6789')).toBe(true);
    expect(isValidSsn('000-45-6789')).toBe(false);
    expect(isValidSsn('666-45-6789')).toBe(false);
    expect(isValidSsn('900-45-6789')).toBe(false);
    expect(isValidSsn('987-65-4321')).toBe(false);
    expect(isValidSsn('123-00-6789')).toBe(false);
    expect(isValidSsn('123-45-0000')).toBe(false);
    expect(isValidSsn('665-01-0001')).toBe(true);
  });
});

describe('redactSensitive: cards', () => {
  it.each([
    ['4111111111111111', '••••••••••••1111'],
    ['4111 1111 1111 1111', '••••••••••••1111'],
    ['4111-1111-1111-1111', '••••••••••••1111'],
    ['3782 822463 10005', '•••••••••••0005'],
  ])('masks %s as %s', (card, masked) => {
    const result = redactSensitive(`card ${card}, thanks`);
    expect(result.text).toBe(`card ${masked}, thanks`);
    expect(result.findings).toEqual([{ kind: 'card', masked }]);
  });

  it('masks 13- and 19-digit numbers and keeps the digit count visible', () => {
    const short = withLuhnDigit('422222222222');
    const long = withLuhnDigit('622202123456789012');
    expect(short).toHaveLength(13);
    expect(long).toHaveLength(19);
    expect(redactSensitive(short).text).toBe('•'.repeat(9) + short.slice(-4));
    expect(redactSensitive(`卡号${long}。`).text).toBe(`卡号${'•'.repeat(15)}${long.slice(-4)}。`);
  });

  it('leaves numbers that fail Luhn alone', () => {
    const text = 'card 4111 1111 1111 1112 and 5555555555554445';
    expect(redactSensitive(text)).toEqual({ text, findings: [] });
  });

  it('finds a card followed by another number, but not inside a dashed reference', () => {
    expect(redactSensitive('paid 4111 1111 1111 1111 2 times').text).toBe('paid ••••••••••••1111 2 times');
    expect(redactSensitive('ref 4111-1111-1111-1111-2').findings).toEqual([]);
    expect(redactSensitive('ref 9-4111-1111-1111-1111').findings).toEqual([]);
  });

  it('does not mask phone numbers, amounts, dates or account references', () => {
    const cases = [
      '13800138000',
      '+8613800138000',
      '+86 138 0013 8000',
      '0086 138 0013 8000',
      '010-6552-9988',
      '(415) 555-0100',
      '+1 415 555 0100',
      '¥1,234,567.89',
      '1234567890123.45',
      'amount 12345.00 CNY',
      '2026-11-28',
      '20261128 09:05',
      'ACC4111111111111111',
      'LN-2026-000000123456',
      '0000 0000 0000 0000',
      '1234 5678 9012 3456',
    ];
    for (const text of cases) expect(redactSensitive(text), text).toEqual({ text, findings: [] });
  });

  it('masks a 13–19 digit number, bare or dashed, exactly when it passes Luhn', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9]\d{12,18}$/), fc.constantFrom('', '-'), (digits, separator) => {
        fc.pre(!isValidChineseId(digits));
        const written = digits.replace(/(\d{4})(?=\d)/g, `$1${separator}`);
        const result = redactSensitive(`no. ${written} due`);
        expect(result.findings.length).toBe(passesLuhn(digits) ? 1 : 0);
        if (passesLuhn(digits)) expect(result.text).toBe(`no. ${'•'.repeat(digits.length - 4)}${digits.slice(-4)} due`);
      }),
      { numRuns: 1000 },
    );
  });

  it('masks a Luhn-valid number written in groups of four whole', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9]\d{11,17}$/), (body) => {
        const digits = withLuhnDigit(body);
        const result = redactSensitive(`no. ${digits.replace(/(\d{4})(?=\d)/g, '$1 ')} due`);
        expect(result.text).toBe(`no. ${'•'.repeat(digits.length - 4)}${digits.slice(-4)} due`);
      }),
    );
  });

  it('masks every Luhn-valid 16-digit number not starting with 0', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9]\d{14}$/), (body) => {
        const card = withLuhnDigit(body);
        const result = redactSensitive(`note: ${card} end`);
        expect(result.text).toBe(`note: ${'•'.repeat(12)}${card.slice(-4)} end`);
        expect(result.findings).toHaveLength(1);
      }),
    );
  });
});

describe('redactSensitive: Chinese resident ID', () => {
  it('masks a valid ID except its last four characters', () => {
    expect(redactSensitive('身份证11010519491231002X，已核实').text).toBe('身份证••••••••••••••002X，已核实');
    const id = withCnCheck('44030419900307123');
    const result = redactSensitive(`ID: ${id}`);
    expect(result.text).toBe(`ID: ${'•'.repeat(14)}${id.slice(-4)}`);
    expect(result.findings).toEqual([{ kind: 'cn-id', masked: '•'.repeat(14) + id.slice(-4) }]);
  });

  it('reports an 18-digit ID as an ID even if it also passes Luhn', () => {
    const ids = Array.from({ length: 300 }, (_, i) => withCnCheck(`3201021985${String(1 + (i % 12)).padStart(2, '0')}15${String(i).padStart(3, '0')}`));
    const digitOnly = ids.filter((id) => /^\d+$/.test(id) && passesLuhn(id));
    expect(digitOnly.length).toBeGreaterThan(0);
    for (const id of digitOnly) expect(redactSensitive(id).findings).toEqual([{ kind: 'cn-id', masked: '•'.repeat(14) + id.slice(-4) }]);
  });

  it('leaves an 18-character ID with a wrong check digit alone (unless it is a card)', () => {
    const valid = withCnCheck('44030419900307123');
    const wrong = valid.slice(0, 17) + (valid.endsWith('1') ? '2' : '1');
    expect(isValidChineseId(wrong)).toBe(false);
    const result = redactSensitive(`ID ${wrong}`);
    expect(result.findings.some((finding) => finding.kind === 'cn-id')).toBe(false);
    if (!passesLuhn(wrong)) expect(result.text).toBe(`ID ${wrong}`);
  });
});

describe('redactSensitive: US SSN', () => {
  it('masks a dashed SSN keeping its dashes', () => {
    expect(redactSensitive('SSN 123-45-6789 verified')).toEqual({
      text: 'SSN •••-••-6789 verified',
      findings: [{ kind: 'us-ssn', masked: '•••-••-6789' }],
    });
    expect(redactSensitive('ssn:078-05-1120').text).toBe('ssn:•••-••-1120');
  });

  it.each(['000-12-3456', '666-12-3456', '912-34-5678', '123-00-4567', '123-45-0000'])('leaves the invalid %s alone', (ssn) => {
    expect(redactSensitive(`SSN ${ssn}`).findings).toEqual([]);
  });

  it('masks nine bare digits only when labelled SSN nearby', () => {
    expect(redactSensitive('SSN: 123456789').text).toBe('SSN: •••••6789');
    expect(redactSensitive('social security number is 123456789').text).toBe('social security number is •••••6789');
    expect(redactSensitive('ref 123456789').findings).toEqual([]);
    expect(redactSensitive('SSN 666456789').findings).toEqual([]);
    expect(redactSensitive('SSN unknown, the account number we discussed at length is 123456789').findings).toEqual([]);
  });
});

describe('redactSensitive: several at once', () => {
  it('masks each kind and reports them in text order', () => {
    const text = 'SSN 123-45-6789; card 5555 5555 5555 4444; 身份证 11010519491231002X';
    const result = redactSensitive(text);
    expect(result.text).toBe('SSN •••-••-6789; card ••••••••••••4444; 身份证 ••••••••••••••002X');
    expect(result.findings.map((finding) => finding.kind)).toEqual(['us-ssn', 'card', 'cn-id']);
  });
});

describe('redactSensitive: idempotence and size', () => {
  const cards = ['4111111111111111', '4111 1111 1111 1111', '5555-5555-5555-4444', '378282246310005'];
  const pieces = fc.oneof(
    fc.constantFrom(...cards, '11010519491231002X', '123-45-6789', 'SSN ', 'SSN 123456789', '•', '-', ' ', '.', ',', 'X', 'a', '卡号'),
    fc.stringMatching(/^[0-9 -]{0,25}$/),
    fc.string({ maxLength: 8 }),
  );
  const texts = fc.array(pieces, { maxLength: 30 }).map((parts) => parts.join(''));

  it('redacting twice changes nothing', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const once = redactSensitive(text);
        const twice = redactSensitive(once.text);
        expect(twice.text).toBe(once.text);
        expect(twice.findings).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it('never leaves a known card number readable', () => {
    fc.assert(
      fc.property(fc.constantFrom(...cards), fc.constantFrom(' ', '，', '\n', ': '), (card, gap) => {
        const out = redactSensitive(`before${gap}${card}${gap}after`).text;
        expect(out.replace(/[ -]/g, '')).not.toContain(card.replace(/[ -]/g, ''));
      }),
    );
  });

  it('redacts 100 KB of digit-heavy text completely, leaving the phone numbers, amounts and short digits', () => {
    // The speed figure for this text is in `npm run bench` (scripts/bench-notes.ts); here only the result counts.
    const chunk = 'call 138 0013 8000 about 4111 1111 1111 1111, amount 1234.56, ID 11010519491231002X, 1 2 3 4 5 6 7 8 9 0 ';
    const copies = Math.ceil(100_000 / chunk.length);
    const result = redactSensitive(chunk.repeat(copies));
    expect(result.findings.length).toBe(2 * copies);
    expect(result.text).toBe(
      'call 138 0013 8000 about ••••••••••••1111, amount 1234.56, ID ••••••••••••••002X, 1 2 3 4 5 6 7 8 9 0 '.repeat(copies),
    );
  });
});

describe('redactSensitive: numbers as agents actually type them (issue 14, item 1)', () => {
  const card = '••••••••••••1111';
  it.each([
    ['full-width digits (a Chinese IME in full-width mode)', '４１１１ １１１１ １１１１ １１１１'],
    ['full-width digits and ideographic spaces', '４１１１　１１１１　１１１１　１１１１'],
    ['dots between the groups', '4111.1111.1111.1111'],
    ['double spaces', '4111  1111  1111  1111'],
    ['no-break spaces', '4111\u00a01111\u00a01111\u00a01111'],
    ['narrow no-break spaces', '4111\u202f1111\u202f1111\u202f1111'],
    ['groups split across lines', '4111 1111\n1111 1111'],
    ['groups split across Windows lines', '4111 1111\r\n1111 1111'],
    ['a space-dash-space between groups', '4111 - 1111 - 1111 - 1111'],
    ['an en dash between groups', '4111–1111–1111–1111'],
    ['full-width hyphens', '４１１１－１１１１－１１１１－１１１１'],
  ])('masks a card written with %s', (_what, written) => {
    const result = redactSensitive(`card ${written} ok`);
    expect(result.text).toBe(`card ${card} ok`);
    expect(result.findings).toEqual([{ kind: 'card', masked: card }]);
  });

  it.each(['visa4111111111111111', 'VISA4111 1111 1111 1111', 'mastercard5555555555554444', 'amex378282246310005', 'card4111111111111111'])(
    'masks a card glued to its brand: %s',
    (written) => {
      const result = redactSensitive(`paid with ${written}.`);
      expect(result.findings.map((finding) => finding.kind)).toEqual(['card']);
      expect(result.text).not.toMatch(/\d{5}/);
    },
  );

  it('still leaves a card-shaped number glued to another word alone (an account reference)', () => {
    for (const text of ['ACC4111111111111111', 'ref4111111111111111', 'LN-4111.1111.1111.1111.2']) {
      expect(redactSensitive(text), text).toEqual({ text, findings: [] });
    }
  });

  it.each([
    ['spaces', '110105 19491231 002X'],
    ['dashes', '110105-19491231-002X'],
    ['full-width digits', '１１０１０５１９４９１２３１００２Ｘ'],
    ['full-width digits and spaces', '１１０１０５　１９４９１２３１　００２Ｘ'],
    ['a lower-case x', '110105 19491231 002x'],
  ])('masks a resident ID written with %s', (_what, written) => {
    const result = redactSensitive(`身份证 ${written}，已核实`);
    expect(result.findings.map((finding) => finding.kind)).toEqual(['cn-id']);
    expect(result.text).toMatch(/^身份证 •{14}002[Xx]，已核实$/);
  });

  it.each([
    ['spaces', '123 45 6789', '••• •• 6789'],
    ['dots', '123.45.6789', '•••.••.6789'],
    ['full-width digits', '１２３－４５－６７８９', '•••-••-6789'],
  ])('masks an SSN written with %s', (_what, written, masked) => {
    expect(redactSensitive(`SSN ${written} verified`)).toEqual({
      text: `SSN ${masked} verified`,
      findings: [{ kind: 'us-ssn', masked }],
    });
  });

  it.each(['社保号 123456789', '社保号：123456789', '社会保障号123456789', 'SSN　１２３４５６７８９'])('masks a labelled bare SSN: %s', (text) => {
    const result = redactSensitive(text);
    expect(result.findings).toEqual([{ kind: 'us-ssn', masked: '•••••6789' }]);
    expect(result.text.endsWith('•••••6789')).toBe(true);
  });

  it('keeps the rest of the text as written: full-width punctuation and spaces are not normalised', () => {
    const text = '客户说：卡号４１１１ １１１１ １１１１ １１１１，明天（周五）再打。电话１３８００１３８０００。';
    expect(redactSensitive(text).text).toBe(`客户说：卡号${card}，明天（周五）再打。电话１３８００１３８０００。`);
  });

  it('leaves phone numbers, amounts and dates alone however they are spaced', () => {
    const cases = [
      '+86 138 0013 8000',
      '+86\u00a0138\u00a00013\u00a08000',
      '１３８ ００１３ ８０００',
      '0086.138.0013.8000',
      '1234567890123.45',
      '¥1,234,567.89',
      '2026.11.28',
      '192.168.100.200',
      '138 0013 8000\n139 0013 9000',
    ];
    for (const text of cases) expect(redactSensitive(text), JSON.stringify(text)).toEqual({ text, findings: [] });
  });

  it('is idempotent on the new shapes too', () => {
    for (const text of ['４１１１ １１１１ １１１１ １１１１', '110105 19491231 002X', '123 45 6789', 'visa4111111111111111', '社保号 123456789']) {
      const once = redactSensitive(text).text;
      expect(redactSensitive(once)).toEqual({ text: once, findings: [] });
    }
  });
});

describe('redactSensitive: any spacing, any width (properties)', () => {
  const toFullWidth = (text: string) => text.replace(/\d/g, (digit) => String.fromCharCode(0xff10 + Number(digit)));
  const separators = fc.constantFrom(' ', '  ', '.', '-', '\n', '\r\n', '\u00a0', '\u3000', ' - ', '\uff0d');

  it('masks every Luhn-valid 16-digit card in groups of four, whatever the separator and digit width', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9]\d{14}$/), separators, fc.boolean(), (body, separator, fullWidth) => {
        const card = withLuhnDigit(body);
        fc.pre(!isValidChineseId(card));
        const grouped = card.replace(/(\d{4})(?=\d)/g, `$1${separator}`);
        const written = fullWidth ? toFullWidth(grouped) : grouped;
        const result = redactSensitive(`卡号 ${written} 已记录`);
        expect(result.text).toBe(`卡号 ${'•'.repeat(12)}${card.slice(-4)} 已记录`);
      }),
      { numRuns: 500 },
    );
  });

  it('redacting twice changes nothing, full-width and oddly spaced input included', () => {
    const pieces = fc.oneof(
      fc.constantFrom('４１１１ １１１１ １１１１ １１１１', '4111.1111.1111.1111', '110105 19491231 002X', '123 45 6789', 'visa', '社保号 ', '\u00a0', '\n', '．', '－'),
      fc.stringMatching(/^[0-9 .\n-]{0,25}$/),
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 20 }), (parts) => {
        const once = redactSensitive(parts.join(''));
        expect(redactSensitive(once.text)).toEqual({ text: once.text, findings: [] });
      }),
      { numRuns: 1000 },
    );
  });
});
