import { describe, expect, it } from 'vitest';
import { cnCardLoanPack, usCollectionsPack } from '../../../lib/packs/defaults';
import { DEBTOR_REF_FIELD, pageValueOffers, readPageValue } from '../../../lib/script/page-values';

describe('readPageValue', () => {
  it.each([
    ['¥12,345.60', '12345.60'],
    ['$1,234.5', '1234.50'],
    ['1.234,56 €', '1234.56'],
    ['12,345.60元', '12345.60'],
    ['人民币 8000', '8000'],
    ['USD 2,000', '2000'],
    ['1,234', '1234'],
    ['0.99', '0.99'],
    ['￥３', undefined],
    ['-50.00', undefined],
    ['12,34,5', undefined],
    ['1.2.3', undefined],
    ['about 500', undefined],
    ['1.234.567,1', '1234567.10'],
  ])('reads money %j as %j', (text, expected) => {
    expect(readPageValue('money', text)).toBe(expected);
  });

  it.each([
    ['2026-03-04', '2026-03-04'],
    ['2026/3/4', '2026-03-04'],
    ['2026年3月4日', '2026-03-04'],
    ['March 4, 2026', '2026-03-04'],
    ['4 Mar 2026', '2026-03-04'],
    ['25/03/2026', '2026-03-25'],
    ['03/25/2026', '2026-03-25'],
    // Whether this is March 4 or 3 April depends on the page's country: the agent decides.
    ['03/04/2026', undefined],
    ['2026-02-30', undefined],
    ['Smarch 4, 2026', undefined],
    ['Sept 4, 2026', '2026-09-04'],
    ['Marc 4, 2026', '2026-03-04'],
    ['Marchy 4, 2026', undefined],
    ['next Friday', undefined],
  ])('reads date %j as %j', (text, expected) => {
    expect(readPageValue('date', text)).toBe(expected);
  });

  it('reads whole numbers, with a unit of days, and text as shown', () => {
    expect(readPageValue('number', '1,024')).toBe('1024');
    expect(readPageValue('number', '37天')).toBe('37');
    expect(readPageValue('number', '37 days')).toBe('37');
    expect(readPageValue('number', '3.5')).toBeUndefined();
    expect(readPageValue('text', ' 张先生 ')).toBe('张先生');
  });
});

describe('pageValueOffers', () => {
  const fields = {
    'customer.name': '  Jane   Doe ',
    'debt.amount': '$1,234.56',
    'debt.dueDate': '03/04/2026',
    'debt.interest': '$12.00',
    'location.region': 'CA',
    'not.inPack': 'x',
    [DEBTOR_REF_FIELD]: 'ACC-42',
  };

  it('offers each pack variable the page shows, in the form’s format, and the debtor reference', () => {
    const offers = pageValueOffers({ variables: usCollectionsPack.variables, fields, values: {}, debtorRef: '' });
    expect(offers).toEqual([
      { key: DEBTOR_REF_FIELD, value: 'ACC-42', shown: 'ACC-42' },
      { key: 'customer.name', value: 'Jane Doe', shown: 'Jane Doe' },
      { key: 'debt.amount', value: '1234.56', shown: '$1,234.56' },
      { key: 'debt.interest', value: '12.00', shown: '$12.00' },
    ]);
  });

  it('offers nothing the form already holds, nothing for locations, and nothing without fields', () => {
    const offers = pageValueOffers({
      variables: usCollectionsPack.variables,
      fields,
      values: { 'customer.name': 'Jane Doe', 'debt.amount': '1234.56' },
      debtorRef: 'ACC-42',
    });
    expect(offers.map((offer) => offer.key)).toEqual(['debt.interest']);
    expect(pageValueOffers({ variables: usCollectionsPack.variables, fields: undefined, values: {}, debtorRef: '' })).toEqual([]);
    expect(pageValueOffers({ variables: cnCardLoanPack.variables, fields: { 'location.region': 'CA' }, values: {}, debtorRef: '' })).toEqual([]);
  });

  it('offers a value that differs from what the agent typed, so the agent sees the page disagrees', () => {
    const offers = pageValueOffers({ variables: usCollectionsPack.variables, fields: { 'debt.amount': '$900' }, values: { 'debt.amount': '1000' }, debtorRef: '' });
    expect(offers).toEqual([{ key: 'debt.amount', value: '900', shown: '$900' }]);
  });

  it('ignores page text too long for a form value and inherited keys', () => {
    const long = { 'customer.name': 'x'.repeat(201) };
    expect(pageValueOffers({ variables: usCollectionsPack.variables, fields: long, values: {}, debtorRef: '' })).toEqual([]);
    const inherited = Object.create({ 'customer.name': 'Mallory' }) as Record<string, string>;
    expect(pageValueOffers({ variables: usCollectionsPack.variables, fields: inherited, values: {}, debtorRef: '' })).toEqual([]);
  });
});
