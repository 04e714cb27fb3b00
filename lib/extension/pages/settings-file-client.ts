import {
  parseSettingsFile,
  planSettingsImport,
  serializeSettingsFile,
  type PortableSettingKey,
  type PortableSettings,
  type SettingsFileProblem,
} from '../../settings/settings-file';
import { readLockedSettings } from '../shared/locked-settings';
import {
  companyNameSetting,
  complianceProfileSetting,
  complianceTighteningSetting,
  defaultRegionSetting,
  retentionDaysSetting,
  scriptPackSetting,
  uiLanguageSetting,
} from '../shared/settings';

/** What importing a settings file did. */
export interface SettingsImportReport {
  /** Settings written. */
  applied: PortableSettingKey[];
  /** Settings in the file that the administrator's policy locks: not written. */
  locked: PortableSettingKey[];
  /** Why the file, or a setting of it, was refused. */
  problems: SettingsFileProblem[];
}

/** Exports and imports the settings file (lib/settings/settings-file.ts) from the options page. */
export interface SettingsFileClient {
  /** The file's text for this browser's current settings. */
  exportSettings(): Promise<string>;
  /** Checks the file, writes every good setting the policy does not lock, and says what it did. */
  importSettings(text: string): Promise<SettingsImportReport>;
}

/** The settings file client backed by extension storage (settings.ts items) and the managed policy's locks. */
export function createSettingsFileClient(now: () => number = Date.now): SettingsFileClient {
  return {
    async exportSettings() {
      const [companyName, uiLanguage, defaultCountry, retentionDays, scriptPack, complianceProfile, complianceTightening] = await Promise.all([
        companyNameSetting.getValue(),
        uiLanguageSetting.getValue(),
        defaultRegionSetting.getValue(),
        retentionDaysSetting.getValue(),
        scriptPackSetting.getValue(),
        complianceProfileSetting.getValue(),
        complianceTighteningSetting.getValue(),
      ]);
      const settings: PortableSettings = { companyName, uiLanguage, scriptPack, complianceProfile, complianceTightening };
      if (defaultCountry) settings.defaultCountry = defaultCountry;
      // Unset means "the team's default applies": the file then leaves it unset too.
      if (retentionDays !== null) settings.retentionDays = retentionDays;
      return serializeSettingsFile(settings, now());
    },
    async importSettings(text) {
      const { settings, problems } = parseSettingsFile(text);
      const { apply, locked } = planSettingsImport(settings, (await readLockedSettings()).locked);
      const writes: Promise<void>[] = [];
      if (apply.companyName !== undefined) writes.push(companyNameSetting.setValue(apply.companyName));
      if (apply.uiLanguage !== undefined) writes.push(uiLanguageSetting.setValue(apply.uiLanguage));
      if (apply.defaultCountry !== undefined) writes.push(defaultRegionSetting.setValue(apply.defaultCountry));
      if (apply.retentionDays !== undefined) writes.push(retentionDaysSetting.setValue(apply.retentionDays));
      if (apply.scriptPack !== undefined) writes.push(scriptPackSetting.setValue(apply.scriptPack));
      if (apply.complianceProfile !== undefined) writes.push(complianceProfileSetting.setValue(apply.complianceProfile));
      if (apply.complianceTightening !== undefined) writes.push(complianceTighteningSetting.setValue(apply.complianceTightening));
      await Promise.all(writes);
      return { applied: Object.keys(apply) as PortableSettingKey[], locked, problems };
    },
  };
}
