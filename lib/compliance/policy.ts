/**
 * The lead's compliance policy as an administrator writes it in the browser's managed storage
 * (public/managed-schema.json; Firefox: policies.json → 3rdparty), read and checked. Whatever is malformed is
 * reported and skipped entry by entry, never the whole policy: one typo must not switch a team's rules off.
 */
import { parseClockTime, WEEKDAYS } from '../time/calendar';
import { defineCustomProfile, getProfile, type CustomProfileInput, type ProfileOverrides } from './profiles';
import type { CompliancePolicy } from './routing';

/** The managed keys the compliance policy is read from. */
export const COMPLIANCE_POLICY_KEYS = [
  'complianceProfile',
  'jurisdictionProfiles',
  'complianceFallback',
  'customProfiles',
  'complianceTightening',
] as const;

/** The policy, and one line per entry that was skipped. */
export interface ParsedCompliancePolicy {
  policy: CompliancePolicy;
  ignored: string[];
}

const JURISDICTION_KEY = /^(?:[A-Z]{2}|US-[A-Z]{2}|CA-[A-Z]{2}|US-NYC)$/;
const MAX_ENTRIES = 200;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads the managed values (any shape) into a policy. */
export function parseCompliancePolicy(raw: Readonly<Record<string, unknown>>): ParsedCompliancePolicy {
  const ignored: string[] = [];
  const policy: CompliancePolicy = {};
  const custom: CustomProfileInput[] = [];

  if (raw['customProfiles'] !== undefined) {
    if (!Array.isArray(raw['customProfiles'])) ignored.push('customProfiles is not an array');
    else {
      raw['customProfiles'].slice(0, MAX_ENTRIES).forEach((entry: unknown, index) => {
        try {
          if (!isRecord(entry)) throw new Error('not an object');
          const input = entry as unknown as CustomProfileInput;
          defineCustomProfile(input);
          if (getProfile(input.id)) throw new Error(`${input.id} is a shipped profile's id`);
          custom.push(input);
        } catch (error) {
          ignored.push(`customProfiles[${index}]: ${error instanceof Error ? error.message : String(error)}`);
        }
      });
    }
  }
  if (custom.length > 0) policy.customProfiles = custom;
  const known = (id: unknown): id is string => typeof id === 'string' && (getProfile(id) !== undefined || custom.some((profile) => profile.id === id));

  const profile = raw['complianceProfile'];
  if (profile !== undefined) {
    if (known(profile)) policy.profileId = profile;
    else ignored.push(`complianceProfile: ${JSON.stringify(profile)} is not a known profile`);
  }

  const mapping = raw['jurisdictionProfiles'];
  if (mapping !== undefined) {
    if (!isRecord(mapping)) ignored.push('jurisdictionProfiles is not an object');
    else {
      const out: Record<string, string[]> = {};
      for (const [key, value] of Object.entries(mapping).slice(0, MAX_ENTRIES)) {
        const ids = typeof value === 'string' ? [value] : value;
        if (!JURISDICTION_KEY.test(key)) ignored.push(`jurisdictionProfiles: "${key}" is not a country (CN), a US state (US-WA) or US-NYC`);
        else if (!Array.isArray(ids) || ids.length === 0 || !ids.every(known)) ignored.push(`jurisdictionProfiles.${key}: not a list of known profiles`);
        else out[key] = [...ids];
      }
      if (Object.keys(out).length > 0) policy.jurisdictionProfiles = out;
    }
  }

  const fallback = raw['complianceFallback'];
  if (fallback !== undefined) {
    if (fallback === 'block' || known(fallback)) policy.fallbackProfile = fallback;
    else ignored.push(`complianceFallback: ${JSON.stringify(fallback)} is neither "block" nor a known profile`);
  }

  const tightening = raw['complianceTightening'];
  if (tightening !== undefined) {
    const parsed = parseTightening(tightening, 'complianceTightening', ignored);
    if (parsed) policy.overrides = parsed;
  }
  return { policy, ignored };
}

/**
 * A tightening as written in a policy or an agent's settings: `earliestLocalTime`/`latestLocalTime` (`HH:MM`) and
 * `days` (`mon`…`sun`), as profile overrides. Malformed fields are reported and skipped.
 */
export function parseTightening(value: unknown, where: string, ignored: string[]): ProfileOverrides | undefined {
  if (!isRecord(value)) {
    ignored.push(`${where} is not an object`);
    return undefined;
  }
  const overrides: { hours?: { startMinute?: number; endMinute?: number }; days?: ProfileOverrides['days'] } = {};
  const clock = (field: string): number | undefined => {
    const text = value[field];
    if (text === undefined) return undefined;
    try {
      if (typeof text !== 'string') throw new Error('not HH:MM');
      return parseClockTime(text);
    } catch {
      ignored.push(`${where}.${field}: ${JSON.stringify(text)} is not a time of day (HH:MM)`);
      return undefined;
    }
  };
  const start = clock('earliestLocalTime');
  const end = clock('latestLocalTime');
  if (start !== undefined || end !== undefined) overrides.hours = { ...(start !== undefined ? { startMinute: start } : {}), ...(end !== undefined ? { endMinute: end } : {}) };
  const days = value['days'];
  if (days !== undefined) {
    if (Array.isArray(days) && days.every((day) => typeof day === 'string' && (WEEKDAYS as readonly string[]).includes(day))) {
      overrides.days = days as ProfileOverrides['days'];
    } else ignored.push(`${where}.days: expected weekdays such as ["mon", "tue"]`);
  }
  return Object.keys(overrides).length > 0 ? overrides : undefined;
}
