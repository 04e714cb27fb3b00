import { describe, expect, it } from 'vitest';
import { cnCardLoanPack, usCollectionsPack } from '../../../lib/packs/defaults/index.ts';
import { searchObjections } from '../../../lib/script/search.ts';

describe('searchObjections', () => {
  it('finds Chinese entries by a word inside the question', () => {
    const hits = searchObjections(cnCardLoanPack, '合同', 'zh-CN');
    expect(hits[0]?.objection.id).toBe('proof-of-debt');
  });

  it('ranks tag matches first and needs every word to match', () => {
    expect(searchObjections(usCollectionsPack, 'stop', 'en')[0]?.objection.id).toBe('stop-calling');
    expect(searchObjections(usCollectionsPack, 'stop zebra', 'en')).toEqual([]);
  });

  it('matches the other language too, ranked lower, and folds full-width letters', () => {
    expect(searchObjections(cnCardLoanPack, 'ＳＣＡＭ', 'zh-CN')[0]?.objection.id).toBe('who-are-you');
    expect(searchObjections(usCollectionsPack, '诈骗', 'en')[0]?.objection.id).toBe('who-are-you');
  });

  it('lists everything in pack order for an empty query', () => {
    expect(searchObjections(cnCardLoanPack, '  ', 'zh-CN').map((hit) => hit.objection.id)).toEqual(cnCardLoanPack.objections.map((o) => o.id));
  });
});
