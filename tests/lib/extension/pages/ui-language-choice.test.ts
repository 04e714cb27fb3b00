import { describe, expect, it } from 'vitest';
import { readUiLanguageChoice } from '../../../../lib/extension/pages/ui-language-choice';
import type { CompliancePolicyView } from '../../../../lib/extension/pages/compliance-client';
import { uiLanguageSetting } from '../../../../lib/extension/shared/settings';
import type { LockedSettings } from '../../../../lib/compliance/locked-settings';

const policyWith = (locks: Partial<LockedSettings>) => async () => ({ policy: {}, ignored: [], locks: { locked: [], values: {}, ignored: [], ...locks } }) as unknown as CompliancePolicyView;

describe('the interface language a page renders with first', () => {
  it("is the agent's setting, or auto", async () => {
    expect(await readUiLanguageChoice(policyWith({}))).toBe('auto');
    await uiLanguageSetting.setValue('zh-CN');
    expect(await readUiLanguageChoice(policyWith({}))).toBe('zh-CN');
  });

  it("is the policy's where the policy locks it, whatever the agent chose", async () => {
    await uiLanguageSetting.setValue('en');
    expect(await readUiLanguageChoice(policyWith({ locked: ['uiLanguage'], values: { uiLanguage: 'zh-CN' } }))).toBe('zh-CN');
  });

  it("is the agent's when the policy cannot be read", async () => {
    await uiLanguageSetting.setValue('zh-CN');
    expect(await readUiLanguageChoice(async () => Promise.reject(new Error('no managed storage')))).toBe('zh-CN');
  });
});
