/**
 * Semantic versions of packs and the update policy: agents never move to an older or silently re-issued pack,
 * and never switch packs in the middle of a call.
 */
import { canonicalJson } from './canonical-json.ts';
import type { ScriptPack } from './types.ts';

// Semantic Versioning 2.0.0, section 11 grammar (numeric identifiers without leading zeros).
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/** Longest version string accepted. */
export const MAX_VERSION_LENGTH = 64;

/** True when `text` is a semantic version 2.0.0 such as `1.4.0` or `2.0.0-rc.1`. */
export function isSemver(text: string): boolean {
  return text.length <= MAX_VERSION_LENGTH && SEMVER.test(text);
}

/**
 * Orders two pack versions by semver precedence (build metadata ignored).
 * @returns -1 when `a` is older, 0 when they rank the same, 1 when `a` is newer.
 * @throws RangeError when either is not a semantic version.
 */
export function comparePackVersions(a: string, b: string): -1 | 0 | 1 {
  const left = splitVersion(a);
  const right = splitVersion(b);
  for (let i = 0; i < 3; i++) {
    const diff = compareNumeric(left.core[i] ?? '0', right.core[i] ?? '0');
    if (diff !== 0) return diff;
  }
  // A pre-release ranks below its release; otherwise compare identifiers one by one.
  if (left.pre.length === 0 || right.pre.length === 0) {
    if (left.pre.length === right.pre.length) return 0;
    return left.pre.length === 0 ? 1 : -1;
  }
  const length = Math.max(left.pre.length, right.pre.length);
  for (let i = 0; i < length; i++) {
    const x = left.pre[i];
    const y = right.pre[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const xNumeric = /^\d+$/.test(x);
    const yNumeric = /^\d+$/.test(y);
    let diff: -1 | 0 | 1;
    if (xNumeric && yNumeric) diff = compareNumeric(x, y);
    else if (xNumeric !== yNumeric) diff = xNumeric ? -1 : 1;
    else diff = x < y ? -1 : x > y ? 1 : 0;
    if (diff !== 0) return diff;
  }
  return 0;
}

function splitVersion(version: string): { core: string[]; pre: string[] } {
  const match = version.length <= MAX_VERSION_LENGTH ? SEMVER.exec(version) : null;
  if (!match) throw new RangeError(`not a semantic version: ${JSON.stringify(version.slice(0, 80))}`);
  return { core: [match[1] ?? '0', match[2] ?? '0', match[3] ?? '0'], pre: match[4] ? match[4].split('.') : [] };
}

// Digit strings compared without Number(): versions such as 1.99999999999999999.0 stay exact.
function compareNumeric(a: string, b: string): -1 | 0 | 1 {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Inputs to {@link decidePackUpdate}. Both packs have already passed signature and schema checks. */
export interface PackUpdateInput {
  /** The pack agents use now; null before the first pack arrives. */
  active: ScriptPack | null;
  /** The pack just downloaded. */
  candidate: ScriptPack;
  /** Set by the lead to hold the team on one version, including an older one (a rollback). */
  pinnedVersion?: string;
  /** True while the agent is on a live call. */
  inCall: boolean;
}

/** Why {@link decidePackUpdate} decided as it did; stable codes for the UI and logs. */
export type PackUpdateReason =
  | 'first-pack'
  | 'newer-version'
  | 'different-pack'
  | 'pinned-version'
  | 'same-pack'
  | 'not-pinned-version'
  | 'downgrade'
  | 'version-reused';

/**
 * The update decision: `apply` now, `defer` until the call ends (then ask again), `ignore` (nothing new), or
 * `refuse` (keep the active pack and tell the lead why).
 */
export interface PackUpdateDecision {
  action: 'apply' | 'defer' | 'ignore' | 'refuse';
  reason: PackUpdateReason;
  /** English explanation for logs and the lead's options page. */
  message: string;
}

/**
 * Decides whether a downloaded pack replaces the active one.
 * Rules: a pinned version is the only acceptable one; otherwise only a newer version of the same pack is taken;
 * the same version with different content is refused (versions are never reused); a different pack id replaces
 * the active pack (the subscription changed); nothing is applied during a call, it is deferred.
 */
export function decidePackUpdate(input: PackUpdateInput): PackUpdateDecision {
  const { active, candidate, pinnedVersion, inCall } = input;
  const label = `${candidate.id} ${candidate.version}`;
  let apply: PackUpdateDecision;
  if (pinnedVersion !== undefined) {
    if (candidate.version !== pinnedVersion) {
      return {
        action: 'refuse',
        reason: 'not-pinned-version',
        message: `${label} refused: the team is pinned to version ${pinnedVersion}`,
      };
    }
    if (active && active.id === candidate.id && active.version === candidate.version) {
      return sameVersionDecision(active, candidate, label);
    }
    apply = { action: 'apply', reason: 'pinned-version', message: `${label} is the pinned version` };
  } else if (!active) {
    apply = { action: 'apply', reason: 'first-pack', message: `${label} is the first pack` };
  } else if (active.id !== candidate.id) {
    apply = { action: 'apply', reason: 'different-pack', message: `${label} replaces pack ${active.id}` };
  } else {
    const order = comparePackVersions(candidate.version, active.version);
    if (order < 0) {
      return {
        action: 'refuse',
        reason: 'downgrade',
        message: `${label} refused: it is older than the active version ${active.version}`,
      };
    }
    if (order === 0) return sameVersionDecision(active, candidate, label);
    apply = { action: 'apply', reason: 'newer-version', message: `${label} is newer than ${active.version}` };
  }
  if (inCall) return { ...apply, action: 'defer', message: `${apply.message}; it applies when the call ends` };
  return apply;
}

function sameVersionDecision(active: ScriptPack, candidate: ScriptPack, label: string): PackUpdateDecision {
  if (canonicalJson(active) === canonicalJson(candidate)) {
    return { action: 'ignore', reason: 'same-pack', message: `${label} is already active` };
  }
  return {
    action: 'refuse',
    reason: 'version-reused',
    message: `${label} refused: its content differs from the active ${active.version}; publish it as a new version`,
  };
}
