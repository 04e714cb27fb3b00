import { describe, expect, it } from 'vitest';
import { cnCardLoanPack, usCollectionsPack } from '../../../lib/packs/defaults/index.ts';
import type { ForbiddenPhrase } from '../../../lib/packs/types.ts';
import { findForbiddenPhrases, normalizeForMatch, searchForbiddenPhrases } from '../../../lib/script/forbidden-phrases.ts';
import { both } from '../packs/fixtures.ts';

const PHRASES: ForbiddenPhrase[] = [
  { id: 'prison', phrase: both('“You will go to prison.”', '“不还就坐牢。”'), reason: both('Threat'), terms: ['坐牢', 'prison', 'sue'] },
  { id: 'employer', phrase: both('“We will tell your boss.”'), reason: both('Third party'), terms: ['your boss', '通知单位'] },
];
const ids = (text: string) => findForbiddenPhrases(text, PHRASES).map((match) => `${match.phrase.id}:${match.term}`);

describe('findForbiddenPhrases', () => {
  it('finds Chinese terms anywhere and Latin terms as whole words, case-insensitively', () => {
    expect(ids('客户说再不还就让他坐牢')).toEqual(['prison:坐牢']);
    expect(ids('Told him PRISON was possible.')).toEqual(['prison:prison']);
    expect(ids('We may sue.')).toEqual(['prison:sue']);
    // "sue" inside "issue" or "pursue" is not the word.
    expect(ids('There was an issue; we will pursue it.')).toEqual([]);
    expect(ids('said we would call your boss tomorrow, 通知单位')).toEqual(['employer:your boss']);
  });

  it('normalizes with NFKC first: full-width letters, compatibility forms and stray invisible characters match', () => {
    expect(ids('ＰＲＩＳＯＮ')).toEqual(['prison:prison']);
    expect(ids('坐\u200b牢')).toEqual(['prison:坐牢']);
    expect(ids('call   your\nboss')).toEqual(['employer:your boss']);
    expect(normalizeForMatch('Don’t ＳＵＥ\u00a0me')).toBe("don't sue me");
  });

  it('reports each phrase once, in pack order, and nothing for clean or empty text', () => {
    expect(ids('坐牢 prison 坐牢 your boss')).toEqual(['prison:坐牢', 'employer:your boss']);
    expect(ids('客户承诺下周五还款')).toEqual([]);
    expect(ids('   ')).toEqual([]);
    expect(findForbiddenPhrases('坐牢', [])).toEqual([]);
  });

  it('catches the default packs’ examples in notes an agent might write', () => {
    const cn = cnCardLoanPack.forbiddenPhrases ?? [];
    expect(findForbiddenPhrases('告诉客户不还就要被拘留', cn).map((m) => m.phrase.id)).toEqual(['criminal-threat']);
    expect(findForbiddenPhrases('说了会通知你单位', cn).map((m) => m.phrase.id)).toEqual(['tell-others']);
    const us = usCollectionsPack.forbiddenPhrases ?? [];
    expect(findForbiddenPhrases('Said he could be arrested', us).map((m) => m.phrase.id)).toEqual(['arrest']);
    expect(findForbiddenPhrases('Consumer promised to pay Friday, no issues.', us)).toEqual([]);
  });
});

describe('searchForbiddenPhrases', () => {
  it('brings up the entries whose terms or example sentence hold every word, best first', () => {
    expect(searchForbiddenPhrases({ forbiddenPhrases: PHRASES }, 'prison', 'en').map((p) => p.id)).toEqual(['prison']);
    expect(searchForbiddenPhrases({ forbiddenPhrases: PHRASES }, 'boss', 'en').map((p) => p.id)).toEqual(['employer']);
    expect(searchForbiddenPhrases({ forbiddenPhrases: PHRASES }, '坐牢', 'zh-CN').map((p) => p.id)).toEqual(['prison']);
    expect(searchForbiddenPhrases({ forbiddenPhrases: PHRASES }, 'prison boss', 'en')).toEqual([]);
    expect(searchForbiddenPhrases({ forbiddenPhrases: PHRASES }, '  ', 'en')).toEqual([]);
    expect(searchForbiddenPhrases({}, 'prison', 'en')).toEqual([]);
  });
});
