import type { PackDiff } from '../packs/diff';
import type { ScriptPack } from '../packs/types';
import type { PackChange, PackChannelState, PackSubscription } from '../packs/subscription';
import { isSemver } from '../packs/versions';
import { accept, isBoundedString, isFiniteNumber, isRecord, refuse, unexpectedKey, type Checked, type Validator } from './checks';
import { defineMessages } from './sender-rules';

/** What the options page shows about the pack channel. */
export interface PackStatus {
  subscription: PackSubscription | null;
  /** Whether the subscription comes from enterprise policy (then the agent cannot change it). */
  managed: boolean;
  channel: Omit<PackChannelState, 'active' | 'previous' | 'pending'> & {
    active?: { id: string; version: string; title: string };
    previous?: { id: string; version: string };
    pending?: { id: string; version: string };
  };
  /** What the last change changed, when the version it replaced is still kept. */
  lastChangeDiff?: PackDiff;
}

/** Messages of pack distribution (issue 7). */
export interface PacksMessages {
  /** extension → background: the subscription and the channel's state. */
  'packs/get-status': { request: Record<string, never>; response: PackStatus };
  /** extension → background: subscribe to a lead's pack URL with their public key file (JSON text). */
  'packs/subscribe': {
    request: { url: string; publicKey: string; intervalMinutes?: number; pinnedVersion?: string };
    response: { ok: true; status: PackStatus } | { ok: false; error: string };
  };
  /** extension → background: stop following the lead's packs (the built-in packs stay). */
  'packs/unsubscribe': { request: Record<string, never>; response: PackStatus };
  /** extension → background: poll now instead of waiting for the alarm. */
  'packs/check-now': { request: Record<string, never>; response: PackStatus };
  /** extension → background: back to the version before the last change. */
  'packs/rollback': { request: Record<string, never>; response: PackStatus };
  /** extension → background: the team pack in use, whole (the lead's editor diffs against it). */
  'packs/get-active': { request: Record<string, never>; response: ScriptPack | null };
  /** background → extension pages: the active pack changed ("Pack updated to 1.4"). */
  'packs/changed': { request: PackChange; response: void };
}

const empty: Validator<Record<string, never>> = () => accept({});

/** Why a pack changed, as the packs feature says it (lib/packs/versions.ts, subscription.ts). */
const CHANGE_REASONS = new Set<string>([
  'first-pack',
  'newer-version',
  'different-pack',
  'pinned-version',
  'same-pack',
  'not-pinned-version',
  'downgrade',
  'version-reused',
  'rollback',
] satisfies PackChange['reason'][]);

/** Checks a pack change as the background announces it to pages (`packs/changed`). */
export function validatePackChange(value: unknown): Checked<PackChange> {
  if (!isRecord(value) || unexpectedKey(value, new Set(['at', 'packId', 'fromVersion', 'toVersion', 'reason'])) !== undefined) {
    return refuse('bad pack change');
  }
  const { at, packId, fromVersion, toVersion, reason } = value;
  if (!isFiniteNumber(at) || !isBoundedString(packId, 64) || packId === '') return refuse('bad pack change');
  if (typeof toVersion !== 'string' || !isSemver(toVersion)) return refuse('bad toVersion');
  if (fromVersion !== undefined && (typeof fromVersion !== 'string' || !isSemver(fromVersion))) return refuse('bad fromVersion');
  if (typeof reason !== 'string' || !CHANGE_REASONS.has(reason)) return refuse('bad reason');
  const change: PackChange = { at, packId, toVersion, reason: reason as PackChange['reason'] };
  if (fromVersion !== undefined) change.fromVersion = fromVersion;
  return accept(change);
}

/** Each packs message: who may send it and how its payload is checked. */
export const PACKS_MESSAGES = defineMessages<PacksMessages>({
  'packs/get-status': { senders: ['extension'], validate: empty },
  'packs/subscribe': { senders: ['extension'], validate: (payload) => {
    if (!isRecord(payload)) return refuse('expected { url, publicKey }');
    const { url, publicKey, intervalMinutes, pinnedVersion } = payload;
    if (!isBoundedString(url, 2048) || !/^https?:\/\//i.test(url)) return refuse('the pack URL must start with https:// or http://');
    if (!isBoundedString(publicKey, 4096) || publicKey.trim() === '') return refuse('paste the lead’s public key file');
    if (intervalMinutes !== undefined && (typeof intervalMinutes !== 'number' || !Number.isInteger(intervalMinutes) || intervalMinutes < 1 || intervalMinutes > 1440)) {
      return refuse('the polling interval is 1 to 1440 minutes');
    }
    if (pinnedVersion !== undefined && !isBoundedString(pinnedVersion, 64)) return refuse('bad pinned version');
    return accept({
      url,
      publicKey,
      ...(intervalMinutes !== undefined ? { intervalMinutes } : {}),
      ...(pinnedVersion ? { pinnedVersion } : {}),
    });
  } },
  'packs/unsubscribe': { senders: ['extension'], validate: empty },
  'packs/check-now': { senders: ['extension'], validate: empty },
  'packs/rollback': { senders: ['extension'], validate: empty },
  'packs/get-active': { senders: ['extension'], validate: empty },
  // Told by the background only (the service never takes it); checked by the pages that hear it.
  'packs/changed': { senders: ['background'], validate: validatePackChange },
});

