import { describe, expect, it } from 'vitest';
import {
  draftCheckIds,
  freshStepId,
  moveItem,
  readDraft,
  removeItem,
  stringAt,
  updateDraft,
  withLanguage,
} from '../../../components/options/pack-editor/draft';

describe('pack editor drafts', () => {
  it('reads only JSON objects', () => {
    expect(readDraft('{"id":"a"}')).toEqual({ id: 'a' });
    expect(readDraft('[1]')).toBeUndefined();
    expect(readDraft('{"id":')).toBeUndefined();
    expect(readDraft('  ')).toBeUndefined();
  });

  it('changes one path, keeps every other field and creates missing containers', () => {
    const draft = { id: 'p', extra: { kept: true }, steps: [{ id: 'a', custom: 1 }] };
    const next = updateDraft(draft, ['steps', 0, 'title', 'en'], () => 'Hi');
    expect(next).toEqual({ id: 'p', extra: { kept: true }, steps: [{ id: 'a', custom: 1, title: { en: 'Hi' } }] });
    expect(draft.steps[0]).toEqual({ id: 'a', custom: 1 });
    expect(updateDraft(next, ['steps', 0, 'custom'], () => undefined).steps).toEqual([{ id: 'a', title: { en: 'Hi' } }]);
  });

  it('reads wrongly shaped values as empty instead of failing', () => {
    expect(stringAt({ steps: 'nope' }, ['steps', 0, 'id'])).toBe('');
    expect(stringAt({ title: { en: 5 } }, ['title', 'en'])).toBe('');
  });

  it('drops emptied languages, and optional texts with none left', () => {
    expect(withLanguage({ en: 'a', 'zh-CN': 'b' }, 'en', '', true)).toEqual({ 'zh-CN': 'b' });
    expect(withLanguage({ en: 'a' }, 'en', '', true)).toBeUndefined();
    expect(withLanguage({ en: 'a' }, 'en', '', false)).toEqual({});
  });

  it('moves and removes list items', () => {
    expect(moveItem(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(moveItem(['a', 'b'], 0, 5)).toEqual(['b', 'a']);
    expect(removeItem(['a', 'b'], 0)).toEqual(['b']);
    expect(removeItem(['a'], 0)).toBeUndefined();
  });

  it('names new steps and lists check ids', () => {
    const draft = { steps: [{ id: 'step-2', checks: [{ id: 'x' }, { id: 'y' }] }, { id: 'b', checks: [{ id: 'x' }] }] };
    expect(freshStepId(draft)).toBe('step-3');
    expect(freshStepId({ steps: [{ id: 'step-1' }, { id: 'step-3' }] })).toBe('step-4');
    expect(draftCheckIds(draft)).toEqual(['x', 'y']);
  });
});
