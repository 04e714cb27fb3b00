/**
 * The settings file (`onscript-settings.json`): how a team without enterprise policy copies one browser's set-up to
 * the others. It holds the team-level settings an agent can change in Options, never an agent's identity (name,
 * staff number), records, keys, pack subscription or Team Hub enrollment (those go through their own flows, which ask
 * for the permissions they need). Pure: the options page reads and writes storage, this module builds and checks
 * the file.
 */
import type { LockableSetting } from '../compliance/locked-settings';
import { getProfile } from '../compliance/profiles';
import { MAX_RETENTION_DAYS, MIN_RETENTION_DAYS } from '../notes/retention';

/** The file's `format` marker. */
export const SETTINGS_FILE_FORMAT = 'onscript-settings';
/** The file's version; a newer one is refused rather than half read. */
export const SETTINGS_FILE_VERSION = 1;
/** Larger files are refused before parsing: the real one is well under 2 KB. */
export const MAX_SETTINGS_FILE_CHARS = 64 * 1024;

/** The settings the file carries, each optional. */
export interface PortableSettings {
  companyName?: string;
  uiLanguage?: 'auto' | 'en' | 'zh-CN';
  /** Region national numbers are read in (two letters). */
  defaultCountry?: string;
  retentionDays?: number;
  /** `auto` or a pack id. */
  scriptPack?: string;
  /** A shipped profile added to every call, or null for none. */
  complianceProfile?: string | null;
  /** The agent's own tightening, or null for none. */
  complianceTightening?: { earliestLocalTime?: string; latestLocalTime?: string } | null;
}

/** A setting the file can carry. */
export type PortableSettingKey = keyof PortableSettings;

/** Every key, in the order the file and the report list them. */
export const PORTABLE_SETTING_KEYS: readonly PortableSettingKey[] = [
  'companyName',
  'uiLanguage',
  'defaultCountry',
  'retentionDays',
  'scriptPack',
  'complianceProfile',
  'complianceTightening',
];

/** The lock that guards each key (every portable setting is lockable by policy). */
export const LOCK_OF: Readonly<Record<PortableSettingKey, LockableSetting>> = {
  companyName: 'companyName',
  uiLanguage: 'uiLanguage',
  defaultCountry: 'defaultCountry',
  retentionDays: 'retentionDays',
  scriptPack: 'scriptPack',
  complianceProfile: 'complianceProfile',
  complianceTightening: 'complianceTightening',
};

/** Why a file or one of its settings was refused; the options page words each in the UI language. */
export type SettingsFileProblem =
  | { kind: 'not-json' }
  | { kind: 'too-large' }
  | { kind: 'not-settings-file' }
  | { kind: 'newer-version'; version: number }
  | { kind: 'unknown-setting'; key: string }
  | { kind: 'bad-value'; key: PortableSettingKey; expected: string };

/** What a file holds: the settings that passed, and a problem per one that did not. */
export interface ParsedSettingsFile {
  settings: PortableSettings;
  problems: SettingsFileProblem[];
}

/** The file's text for `settings`, stamped with `now`. */
export function serializeSettingsFile(settings: PortableSettings, now: number): string {
  const ordered: Record<string, unknown> = {};
  for (const key of PORTABLE_SETTING_KEYS) if (settings[key] !== undefined) ordered[key] = settings[key];
  return `${JSON.stringify({ format: SETTINGS_FILE_FORMAT, version: SETTINGS_FILE_VERSION, exportedAt: new Date(now).toISOString(), settings: ordered }, null, 2)}\n`;
}

const TIME = /^([01]?\d|2[0-4]):[0-5]\d$/;
const PACK_ID = /^[a-z0-9][a-z0-9._-]{0,63}$/i;

/**
 * Reads a settings file. The whole file is refused when it is not one (not JSON, too large, no marker, a newer
 * version); otherwise each setting is checked on its own, the good ones kept and each bad or unknown one reported.
 */
export function parseSettingsFile(text: string): ParsedSettingsFile {
  if (text.length > MAX_SETTINGS_FILE_CHARS) return { settings: {}, problems: [{ kind: 'too-large' }] };
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { settings: {}, problems: [{ kind: 'not-json' }] };
  }
  if (!isRecord(data) || data['format'] !== SETTINGS_FILE_FORMAT || !isRecord(data['settings'])) {
    return { settings: {}, problems: [{ kind: 'not-settings-file' }] };
  }
  const version = data['version'];
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return { settings: {}, problems: [{ kind: 'not-settings-file' }] };
  if (version > SETTINGS_FILE_VERSION) return { settings: {}, problems: [{ kind: 'newer-version', version }] };

  const settings: PortableSettings = {};
  const problems: SettingsFileProblem[] = [];
  const bad = (key: PortableSettingKey, expected: string) => problems.push({ kind: 'bad-value', key, expected });
  for (const [key, value] of Object.entries(data['settings'])) {
    switch (key) {
      case 'companyName':
        if (typeof value === 'string' && value.trim().length <= 120) settings.companyName = value.trim();
        else bad(key, 'text of at most 120 characters');
        break;
      case 'uiLanguage':
        if (value === 'auto' || value === 'en' || value === 'zh-CN') settings.uiLanguage = value;
        else bad(key, '"auto", "en" or "zh-CN"');
        break;
      case 'defaultCountry':
        if (typeof value === 'string' && /^[A-Za-z]{2}$/.test(value)) settings.defaultCountry = value.toUpperCase();
        else bad(key, 'a two-letter country code such as CN or US');
        break;
      case 'retentionDays':
        if (typeof value === 'number' && Number.isInteger(value) && value >= MIN_RETENTION_DAYS && value <= MAX_RETENTION_DAYS) settings.retentionDays = value;
        else bad(key, `a whole number of days from ${MIN_RETENTION_DAYS} to ${MAX_RETENTION_DAYS}`);
        break;
      case 'scriptPack':
        if (typeof value === 'string' && PACK_ID.test(value)) settings.scriptPack = value;
        else bad(key, '"auto" or a script pack id');
        break;
      case 'complianceProfile':
        if (value === null || (typeof value === 'string' && getProfile(value) !== undefined)) settings.complianceProfile = value;
        else bad(key, 'a compliance profile id OnScript ships (e.g. CN-CBA-2026) or null');
        break;
      case 'complianceTightening': {
        const tightening = readTightening(value);
        if (tightening !== undefined) settings.complianceTightening = tightening;
        else bad(key, 'null or { "earliestLocalTime": "HH:MM", "latestLocalTime": "HH:MM" }');
        break;
      }
      default:
        problems.push({ kind: 'unknown-setting', key: key.slice(0, 60) });
    }
  }
  return { settings, problems };
}

function readTightening(value: unknown): PortableSettings['complianceTightening'] | undefined {
  if (value === null) return null;
  if (!isRecord(value)) return undefined;
  const result: { earliestLocalTime?: string; latestLocalTime?: string } = {};
  for (const [key, time] of Object.entries(value)) {
    if ((key !== 'earliestLocalTime' && key !== 'latestLocalTime') || typeof time !== 'string' || !TIME.test(time)) return undefined;
    result[key] = time;
  }
  return Object.keys(result).length > 0 ? result : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What an import did with each setting of the file. */
export interface SettingsImportPlan {
  /** Settings to write. */
  apply: PortableSettings;
  /** Settings the file sets but the administrator's policy locks: left as they are. */
  locked: PortableSettingKey[];
}

/** Splits parsed settings into what may be written and what the policy locks (never overwritten). */
export function planSettingsImport(settings: PortableSettings, locked: readonly LockableSetting[]): SettingsImportPlan {
  const apply: PortableSettings = {};
  const skipped: PortableSettingKey[] = [];
  for (const key of PORTABLE_SETTING_KEYS) {
    if (settings[key] === undefined) continue;
    if (locked.includes(LOCK_OF[key])) skipped.push(key);
    else (apply as Record<string, unknown>)[key] = settings[key];
  }
  return { apply, locked: skipped };
}
