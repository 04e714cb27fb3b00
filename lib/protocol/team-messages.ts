import type { HubRole } from '../../hub/api/types';
import type { EnrollFailure } from '../team/enrollment';
import type { HubUnreachablePolicy } from '../team/merge';
import type { OutboxCounts, OutboxKind } from '../team/outbox';
import type { SyncState } from '../team/sync-policy';
import { accept, isBoundedString, isRecord, refuse, unexpectedKey, type Validator } from './checks';
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
  'team/status-changed': { senders: ['background'], validate: () => refuse('only the background tells the team status') },
});
