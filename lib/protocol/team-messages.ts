import type { HubRole } from '../../hub/api/types';
import type { EnrollFailure } from '../team/enrollment';
import type { HubUnreachablePolicy } from '../team/merge';
import type { OutboxCounts, OutboxKind } from '../team/outbox';
import type { SyncState } from '../team/sync-policy';
import { accept, isBoundedString, isFiniteNumber, isIntegerIn, isRecord, refuse, unexpectedKey, type Checked, type Validator } from './checks';
import { defineMessages } from './sender-rules';

/** An item the hub (or the browser) refused, as the options page lists it. */
export interface RefusedItem {
  id: string;
  kind: OutboxKind;
  at: number;
  code: string;
  message: string;
}

/**
 * What the pages are told about the team ledger: whether and where this browser is enrolled (never the token),
 * what waits in the outbox, and how the last contact with the hub went.
 */
export interface TeamStatus {
  enrolled?: { hubUrl: string; agent: string; team: string; role: HubRole; enrolledAt: number };
  /** The hub's address when the administrator's policy fixes it. */
  policyHubUrl?: string;
  /** What a verdict does while the hub cannot be asked (the policy's `hubUnreachable`, default warn). */
  onHubUnreachable: HubUnreachablePolicy;
  outbox: OutboxCounts;
  /** The first refused items (the count is in `outbox.refused`). */
  refusedItems: RefusedItem[];
  sync: Pick<SyncState, 'hub' | 'lastSyncAt' | 'lastAttemptAt' | 'nextAttemptAt' | 'stopped' | 'lastError'>;
}

/** The reply to enrolling: the status, or why not (the options page says each reason in the agent's language). */
export type EnrollReply = { ok: true; status: TeamStatus } | { ok: false; failure: EnrollFailure; message?: string };

/** Messages of the team ledger (issue 15). */
export interface TeamMessages {
  /** extension → background: enrollment, outbox and sync state. */
  'team/get-status': { request: Record<string, never>; response: TeamStatus };
  /** extension → background: exchange a one-time code for a token at the hub (the token stays in the background). */
  'team/enroll': { request: { hubUrl: string; code: string }; response: EnrollReply };
  /** extension → background: forget the token and stop sending (what waits in the outbox stays). */
  'team/leave': { request: Record<string, never>; response: TeamStatus };
  /** extension → background: send what waits now instead of at the next alarm. */
  'team/sync-now': { request: Record<string, never>; response: TeamStatus };
  /** background → extension pages: the status changed (a push, a call queued, the hub unreachable). */
  'team/status-changed': { request: TeamStatus; response: void };
}

const empty: Validator<Record<string, never>> = () => accept({});
const ENROLL_KEYS = new Set(['hubUrl', 'code']);

/** Each team message: who may send it and how its payload is checked. */
export const TEAM_MESSAGES = defineMessages<TeamMessages>({
  'team/get-status': { senders: ['extension'], validate: empty },
  'team/enroll': {
    senders: ['extension'],
    validate: (payload) => {
      if (!isRecord(payload) || unexpectedKey(payload, ENROLL_KEYS) !== undefined) return refuse('expected { hubUrl, code }');
      const { hubUrl, code } = payload;
      if (!isBoundedString(hubUrl, 2048)) return refuse('bad hub address');
      if (!isBoundedString(code, 200)) return refuse('bad code');
      return accept({ hubUrl, code });
    },
  },
  'team/leave': { senders: ['extension'], validate: empty },
  'team/sync-now': { senders: ['extension'], validate: empty },
  // Told by the background only; the pages that hear it check it (lib/extension/pages/background-channel.ts).
  'team/status-changed': { senders: ['background'], validate: validateTeamStatus },
});

const STATUS_KEYS = new Set(['enrolled', 'policyHubUrl', 'onHubUnreachable', 'outbox', 'refusedItems', 'sync']);
const ENROLLED_KEYS = new Set(['hubUrl', 'agent', 'team', 'role', 'enrolledAt']);
const OUTBOX_KEYS = ['calls', 'attempts', 'callChanges', 'flags', 'refused'] as const;
const SYNC_KEYS = new Set(['hub', 'lastSyncAt', 'lastAttemptAt', 'nextAttemptAt', 'stopped', 'lastError']);
const REFUSED_KEYS = new Set(['id', 'kind', 'at', 'code', 'message']);
/** The most refused items a status lists (the background lists the first few; the count is in `outbox.refused`). */
const MAX_REFUSED_LISTED = 50;
const count = (value: unknown) => isIntegerIn(value, 0, Number.MAX_SAFE_INTEGER);
const optionalTime = (value: unknown) => value === undefined || isFiniteNumber(value);

function isRefusedItem(value: unknown): boolean {
  return (
    isRecord(value) &&
    unexpectedKey(value, REFUSED_KEYS) === undefined &&
    isBoundedString(value['id'], 256) &&
    (value['kind'] === 'attempt' || value['kind'] === 'call' || value['kind'] === 'flag') &&
    isFiniteNumber(value['at']) &&
    isBoundedString(value['code'], 64) &&
    isBoundedString(value['message'], 1_000)
  );
}

function isSync(value: unknown): boolean {
  if (!isRecord(value) || unexpectedKey(value, SYNC_KEYS) !== undefined) return false;
  if (value['hub'] !== 'unknown' && value['hub'] !== 'ok' && value['hub'] !== 'unreachable') return false;
  if (!optionalTime(value['lastSyncAt']) || !optionalTime(value['lastAttemptAt']) || !optionalTime(value['nextAttemptAt'])) return false;
  const stopped = value['stopped'];
  if (stopped !== undefined && stopped !== 'revoked' && stopped !== 'unauthorized' && stopped !== 'forbidden') return false;
  const error = value['lastError'];
  return (
    error === undefined ||
    (isRecord(error) && isFiniteNumber(error['at']) && isBoundedString(error['code'], 64) && isBoundedString(error['message'], 1_000))
  );
}

/**
 * Checks the team status as the background tells it to extension pages (`team/status-changed`): a page acts only
 * on a status in the shape the background makes, so a forged or corrupt one never reaches the panel.
 */
export function validateTeamStatus(value: unknown): Checked<TeamStatus> {
  if (!isRecord(value) || unexpectedKey(value, STATUS_KEYS) !== undefined) return refuse('bad team status');
  const { enrolled, policyHubUrl, onHubUnreachable, outbox, refusedItems, sync } = value;
  if (
    enrolled !== undefined &&
    !(
      isRecord(enrolled) &&
      unexpectedKey(enrolled, ENROLLED_KEYS) === undefined &&
      isBoundedString(enrolled['hubUrl'], 2_048) &&
      isBoundedString(enrolled['agent'], 128) &&
      isBoundedString(enrolled['team'], 128) &&
      (enrolled['role'] === 'agent' || enrolled['role'] === 'lead') &&
      isFiniteNumber(enrolled['enrolledAt'])
    )
  ) {
    return refuse('bad enrollment');
  }
  if (policyHubUrl !== undefined && !isBoundedString(policyHubUrl, 2_048)) return refuse('bad policyHubUrl');
  if (onHubUnreachable !== 'warn' && onHubUnreachable !== 'block') return refuse('bad onHubUnreachable');
  if (!isRecord(outbox) || unexpectedKey(outbox, new Set(OUTBOX_KEYS)) !== undefined || !OUTBOX_KEYS.every((key) => count(outbox[key]))) {
    return refuse('bad outbox counts');
  }
  if (!Array.isArray(refusedItems) || refusedItems.length > MAX_REFUSED_LISTED || !refusedItems.every(isRefusedItem)) return refuse('bad refused items');
  if (!isSync(sync)) return refuse('bad sync state');
  return accept(value as unknown as TeamStatus);
}
