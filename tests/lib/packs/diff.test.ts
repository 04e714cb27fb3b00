import { describe, expect, it } from 'vitest';
import { cnCardLoanPack } from '../../../lib/packs/defaults';
import { diffPacks, isEmptyDiff } from '../../../lib/packs/diff';
import type { ScriptPack } from '../../../lib/packs/types';

const clone = (pack: ScriptPack): ScriptPack => JSON.parse(JSON.stringify(pack)) as ScriptPack;

describe('diffPacks', () => {
  it('finds nothing between a pack and its copy', () => {
    expect(isEmptyDiff(diffPacks(cnCardLoanPack, clone(cnCardLoanPack)))).toBe(true);
  });

  it('names added, removed and changed steps, dispositions and other fields', () => {
    const next = clone(cnCardLoanPack);
    next.version = '9.9.9';
    const [first, second] = next.steps;
    first!.title = { 'zh-CN': '新的问候', en: 'New greeting' };
    next.steps = next.steps.filter((step) => step.id !== second!.id);
    next.steps.push({ ...clone(cnCardLoanPack).steps[0]!, id: 'brand-new-step' });
    next.dispositions = next.dispositions.slice(1);
    next.title = { 'zh-CN': '新标题', en: 'New title' };
    const diff = diffPacks(cnCardLoanPack, next);
    expect(diff.steps).toEqual({ added: ['brand-new-step'], removed: [second!.id], changed: [first!.id] });
    expect(diff.dispositions.removed).toEqual([cnCardLoanPack.dispositions[0]!.code]);
    expect(diff.otherFields).toEqual(['title']);
    expect([diff.fromVersion, diff.toVersion]).toEqual([cnCardLoanPack.version, '9.9.9']);
    expect(isEmptyDiff(diff)).toBe(false);
  });
});
