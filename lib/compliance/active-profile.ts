/**
 * Which profile is in force: the one the lead's policy names (locked), else the one chosen in the options, else a
 * default from the browser's language; then the policy's tightening on top. The agent can pick a profile only
 * when the policy names none, and nothing the agent picks can undo the policy's tightening.
 */
import { getProfile, PROFILES, tightenProfile } from './profiles';
import type { ComplianceProfile, ProfileOverrides } from './profiles';

/** What a team lead (or a script pack on the lead's behalf) fixes; agents see it read-only. */
export interface CompliancePolicy {
  /** The profile every call is judged by; the agent cannot choose another. */
  profileId?: string;
  /** Tightening applied on top of the profile (later start, earlier end, fewer days, stricter caps, block). */
  overrides?: ProfileOverrides;
  /** Who set the policy, shown next to the locked fields. */
  setBy?: string;
}

/** The profile in force and where it came from. */
export interface ActiveProfile {
  profile: ComplianceProfile;
  /** Why this base profile: the lead's policy, the options page, or the browser language default. */
  chosenBy: 'policy' | 'setting' | 'default';
  /** Tightenings applied from the policy. */
  applied: string[];
  /** Loosening attempts in the policy that were refused. */
  ignored: string[];
}

/** The default profile for a browser: China's guideline for a Chinese-language browser, else US federal. */
export function defaultProfileId(languages: readonly string[]): string {
  return languages[0]?.toLowerCase().startsWith('zh') ? 'CN-CBA-2026' : 'US-FDCPA';
}

/** Resolves the profile in force; an unknown id falls back to the next source rather than to no rules. */
export function resolveActiveProfile(
  chosenId: string | null | undefined,
  policy: CompliancePolicy | null | undefined,
  languages: readonly string[],
): ActiveProfile {
  let chosenBy: ActiveProfile['chosenBy'] = 'default';
  let base = getProfile(defaultProfileId(languages)) ?? PROFILES['US-FDCPA'];
  const fromSetting = chosenId ? getProfile(chosenId) : undefined;
  if (fromSetting) {
    base = fromSetting;
    chosenBy = 'setting';
  }
  const fromPolicy = policy?.profileId ? getProfile(policy.profileId) : undefined;
  if (fromPolicy) {
    base = fromPolicy;
    chosenBy = 'policy';
  }
  if (!policy?.overrides) return { profile: base, chosenBy, applied: [], ignored: [] };
  const { profile, applied, ignored } = tightenProfile(base, policy.overrides);
  return { profile, chosenBy, applied, ignored };
}
