import { describe, expect, it } from 'vitest';
import {
  MAX_SETTINGS_FILE_CHARS,
  PORTABLE_SETTING_KEYS,
  parseSettingsFile,
  planSettingsImport,
  serializeSettingsFile,
  type PortableSettings,
} from '../../../lib/settings/settings-file';
import { LOCKABLE_SETTINGS } from '../../../lib/compliance/locked-settings';

const ALL: PortableSettings = {
  companyName: '某某资产管理有限公司',
  uiLanguage: 'zh-CN',
  defaultCountry: 'CN',
  retentionDays: 30,
  scriptPack: 'cn-card-basic',
  complianceProfile: 'CN-CBA-2026',
  complianceTightening: { earliestLocalTime: '09:00', latestLocalTime: '20:00' },
};

const file = (settings: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ format: 'onscript-settings', version: 1, settings, ...extra });

describe('the settings file', () => {
  it('round-trips every setting it carries', () => {
    const text = serializeSettingsFile(ALL, Date.UTC(2026, 11, 2));
    expect(JSON.parse(text)).toMatchObject({ format: 'onscript-settings', version: 1, exportedAt: '2026-12-02T00:00:00.000Z' });
    expect(parseSettingsFile(text)).toEqual({ settings: ALL, problems: [] });
    expect(Object.keys(JSON.parse(text).settings)).toEqual(PORTABLE_SETTING_KEYS);
  });

  it('keeps the good settings and names each bad or unknown one with what was expected', () => {
    const parsed = parseSettingsFile(
      file({ uiLanguage: 'fr', retentionDays: 0, defaultCountry: 'us', complianceProfile: 'XX-NONE', complianceTightening: { latestLocalTime: '25:00' }, agentName: 'Wang' }),
    );
    expect(parsed.settings).toEqual({ defaultCountry: 'US' });
    expect(parsed.problems).toEqual([
      { kind: 'bad-value', key: 'uiLanguage', expected: '"auto", "en" or "zh-CN"' },
      { kind: 'bad-value', key: 'retentionDays', expected: 'a whole number of days from 1 to 3650' },
      { kind: 'bad-value', key: 'complianceProfile', expected: expect.stringMatching(/profile id/) },
      { kind: 'bad-value', key: 'complianceTightening', expected: expect.stringMatching(/HH:MM/) },
      { kind: 'unknown-setting', key: 'agentName' },
    ]);
  });

  it('refuses what is not a settings file as a whole', () => {
    expect(parseSettingsFile('{not json').problems).toEqual([{ kind: 'not-json' }]);
    expect(parseSettingsFile(JSON.stringify({ packUrl: 'x' })).problems).toEqual([{ kind: 'not-settings-file' }]);
    expect(parseSettingsFile(file({}, { version: 2 })).problems).toEqual([{ kind: 'newer-version', version: 2 }]);
    expect(parseSettingsFile(' '.repeat(MAX_SETTINGS_FILE_CHARS + 1)).problems).toEqual([{ kind: 'too-large' }]);
    expect(parseSettingsFile(`\uFEFF${file({ uiLanguage: 'en' })}`).settings).toEqual({ uiLanguage: 'en' });
  });

  it('never plans to overwrite a setting the policy locks', () => {
    expect(planSettingsImport(ALL, ['defaultCountry', 'complianceTightening'])).toEqual({
      apply: { companyName: ALL.companyName, uiLanguage: 'zh-CN', retentionDays: 30, scriptPack: 'cn-card-basic', complianceProfile: 'CN-CBA-2026' },
      locked: ['defaultCountry', 'complianceTightening'],
    });
    expect(planSettingsImport(ALL, [...LOCKABLE_SETTINGS]).apply).toEqual({});
  });
});
