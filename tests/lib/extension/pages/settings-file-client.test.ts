import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createSettingsFileClient } from '../../../../lib/extension/pages/settings-file-client';
import {
  agentNameSetting,
  companyNameSetting,
  complianceTighteningSetting,
  defaultRegionSetting,
  retentionDaysSetting,
  uiLanguageSetting,
} from '../../../../lib/extension/shared/settings';

describe('the settings file client', () => {
  it('exports this browser\'s settings and imports them into another, leaving the agent\'s name alone', async () => {
    await Promise.all([
      companyNameSetting.setValue('Agency Example'),
      uiLanguageSetting.setValue('zh-CN'),
      defaultRegionSetting.setValue('US'),
      retentionDaysSetting.setValue(45),
      complianceTighteningSetting.setValue({ latestLocalTime: '20:00' }),
      agentNameSetting.setValue('Wang Fang'),
    ]);
    const text = await createSettingsFileClient(() => Date.UTC(2026, 11, 2)).exportSettings();
    expect(text).not.toContain('Wang Fang');

    fakeBrowser.reset();
    await agentNameSetting.setValue('Li Lei');
    const report = await createSettingsFileClient().importSettings(text);
    expect(report.problems).toEqual([]);
    expect(report.locked).toEqual([]);
    expect(report.applied).toEqual(['companyName', 'uiLanguage', 'defaultCountry', 'retentionDays', 'scriptPack', 'complianceProfile', 'complianceTightening']);
    expect(await companyNameSetting.getValue()).toBe('Agency Example');
    expect(await uiLanguageSetting.getValue()).toBe('zh-CN');
    expect(await defaultRegionSetting.getValue()).toBe('US');
    expect(await retentionDaysSetting.getValue()).toBe(45);
    expect(await complianceTighteningSetting.getValue()).toEqual({ latestLocalTime: '20:00' });
    expect(await agentNameSetting.getValue()).toBe('Li Lei');
  });

  it('does not overwrite a setting the administrator locks, and says so', async () => {
    await fakeBrowser.storage.managed.set({ lockedSettings: ['defaultCountry', 'retentionDays'], defaultCountry: 'CN' });
    await defaultRegionSetting.setValue('CN');
    const file = JSON.stringify({ format: 'onscript-settings', version: 1, settings: { defaultCountry: 'US', retentionDays: 10, companyName: 'X' } });
    const report = await createSettingsFileClient().importSettings(file);
    expect(report).toEqual({ applied: ['companyName'], locked: ['defaultCountry', 'retentionDays'], problems: [] });
    expect(await defaultRegionSetting.getValue()).toBe('CN');
    expect(await retentionDaysSetting.getValue()).toBeNull();
    expect(await companyNameSetting.getValue()).toBe('X');
  });

  it('writes nothing from a file that is not a settings file', async () => {
    await companyNameSetting.setValue('Kept');
    const report = await createSettingsFileClient().importSettings('{"companyName":"Other"}');
    expect(report).toEqual({ applied: [], locked: [], problems: [{ kind: 'not-settings-file' }] });
    expect(await companyNameSetting.getValue()).toBe('Kept');
  });
});
