/**
 * The agent side of pack distribution as a pure state machine: what to do with each poll of the lead's pack
 * URL, when to poll next, and how a verified pack becomes active (never during a call, never older than the
 * active one unless pinned, always with the previous version kept for a one-click rollback). The background
 * feeds it fetch outcomes and persists the state it returns; nothing here touches the network or storage.
 */
import { verifySignedPack } from './signing';
import type { PackChannelStamp, PackPublicKey, ScriptPack } from './types';
import { decidePackUpdate, type PackUpdateReason } from './versions';

/** Where the agent's packs come from: set by the agent, or by the administrator through enterprise policy. */
export interface PackSubscription {
  url: string;
  publicKeys: PackPublicKey[];
  /** Hold the team on one version (also how a lead rolls everyone back). */
  pinnedVersion?: string;
  /** Minutes between polls when all is well. */
  intervalMinutes: number;
  source: 'agent' | 'policy';
}

/** The result of one HTTP poll, as the background's fetch reports it. */
export type PollOutcome =
  | { kind: 'not-modified' }
  | { kind: 'ok'; body: string; etag?: string }
  | { kind: 'http-error'; status: number }
  | { kind: 'network-error'; message: string };

/** A change the panel and options page announce ("Pack updated to 1.4: what changed"). */
export interface PackChange {
  at: number;
  packId: string;
  fromVersion?: string;
  toVersion: string;
  reason: PackUpdateReason | 'rollback';
}

/** A refused update, kept for the lead to read on the options page. */
export interface PackRefusal {
  at: number;
  version?: string;
  /** Plain messages with paths, e.g. `/signature/keyId: signed with key "x", which is not trusted`. */
  errors: string[];
}

/** Everything the agent's browser remembers about its pack channel; plain JSON, persisted by the background. */
export interface PackChannelState {
  active: ScriptPack | null;
  /** The version replaced last, for rollback. */
  previous: ScriptPack | null;
  /** A verified pack waiting for the live call to end. */
  pending: ScriptPack | null;
  etag?: string;
  lastCheckAt?: number;
  lastSuccessAt?: number;
  consecutiveFailures: number;
  nextCheckAt: number;
  lastError?: string;
  lastRefusal?: PackRefusal;
  lastChange?: PackChange;
  /**
   * The subscription this channel belongs to ({@link channelBinding}: its URL and keys). A channel is never carried
   * over to another URL or key, so a pack signed for one subscription cannot outlive it or block the next one.
   */
  boundTo?: string;
  /**
   * The channel stamp of the newest file accepted (signed with it, see PackChannelStamp): files with an older
   * sequence, another channel id, an expired stamp or no stamp at all are refused from then on.
   */
  seal?: PackSeal;
  /**
   * The signed files `active`, `previous` and `pending` were read from, exactly as served. They are verified again
   * whenever the channel is read (verifyStoredChannel): a pack changed in storage is not used.
   */
  files?: PackFiles;
}

/** The signed file behind each pack of the channel. */
export interface PackFiles {
  active?: string;
  previous?: string;
  pending?: string;
}

/** A channel stamp as the channel remembers it. */
export interface PackSeal {
  id: string;
  sequence: number;
  /** Epoch ms. */
  expiresAt: number;
}

/** What one step did, for the UI and logs. */
export type PackEvent =
  | { kind: 'applied'; change: PackChange }
  | { kind: 'deferred'; version: string }
  | { kind: 'refused'; refusal: PackRefusal }
  | { kind: 'unchanged' }
  | { kind: 'error'; message: string };

/** Polling never waits longer than this, however many failures in a row. */
export const MAX_BACKOFF_MS = 6 * 60 * 60 * 1000;
/** A response body above this is refused before parsing (the pack limit plus room for the signature). */
export const MAX_PACK_RESPONSE_CHARS = 1_100_000;

/** A fresh channel: nothing active yet, poll at once. */
export function createPackChannelState(now: number): PackChannelState {
  return { active: null, previous: null, pending: null, consecutiveFailures: 0, nextCheckAt: now };
}

/**
 * When to poll next: the subscription's interval when all is well; after failures, the interval doubled per
 * failure up to {@link MAX_BACKOFF_MS}; ±10 % jitter (from `random`, in [0, 1)) so a team does not poll in step.
 */
export function nextCheckDelayMs(intervalMinutes: number, consecutiveFailures: number, random: number): number {
  const base = Math.max(1, intervalMinutes) * 60_000;
  const backedOff = Math.min(base * 2 ** Math.min(consecutiveFailures, 20), MAX_BACKOFF_MS);
  return Math.round(backedOff * (0.9 + 0.2 * random));
}

/** Inputs every step needs. */
export interface StepContext {
  now: number;
  inCall: boolean;
  /** In [0, 1): jitter source, a parameter so tests are exact. */
  random: number;
}

/**
 * Folds one poll outcome into the channel. Offline or failing servers keep the last good pack and back off;
 * a 200 body is verified (signature, then schema) and then judged by {@link decidePackUpdate}. The active pack
 * changes only on `apply`; a failed update never touches it.
 */
export async function processPollOutcome(
  state: PackChannelState,
  subscription: PackSubscription,
  outcome: PollOutcome,
  context: StepContext,
): Promise<{ state: PackChannelState; event: PackEvent }> {
  const { now } = context;
  const scheduled = (failures: number) => now + nextCheckDelayMs(subscription.intervalMinutes, failures, context.random);

  if (outcome.kind === 'network-error' || outcome.kind === 'http-error') {
    const failures = state.consecutiveFailures + 1;
    const message =
      outcome.kind === 'network-error'
        ? `could not reach the pack server (${outcome.message}); keeping the current pack`
        : `the pack server answered HTTP ${outcome.status}; keeping the current pack`;
    return {
      state: { ...state, lastCheckAt: now, consecutiveFailures: failures, nextCheckAt: scheduled(failures), lastError: message },
      event: { kind: 'error', message },
    };
  }

  const healthy: PackChannelState = {
    ...state,
    lastCheckAt: now,
    lastSuccessAt: now,
    consecutiveFailures: 0,
    nextCheckAt: scheduled(0),
  };
  delete healthy.lastError;
  if (outcome.kind === 'not-modified') return { state: noteExpiry(healthy, now), event: { kind: 'unchanged' } };

  if (outcome.body.length > MAX_PACK_RESPONSE_CHARS) {
    return refuse(healthy, now, undefined, [`the pack file is ${outcome.body.length} characters; the limit is ${MAX_PACK_RESPONSE_CHARS}`]);
  }
  const verified = await verifySignedPack(outcome.body, subscription.publicKeys);
  if (!verified.ok) {
    return refuse(healthy, now, undefined, verified.errors.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)));
  }
  const candidate = verified.pack;
  const sealing = judgeSeal(state.seal, verified.channel, now);
  if (typeof sealing === 'string') return refuse(healthy, now, candidate.version, [sealing]);
  // The ETag is remembered only for a body that was accepted, so a refused file is looked at again next time.
  const etagged = outcome.etag ? { ...healthy, etag: outcome.etag } : healthy;
  const withEtag = noteExpiry(sealing ? { ...etagged, seal: sealing } : etagged, now);
  const decision = decidePackUpdate({
    active: state.active,
    candidate,
    inCall: context.inCall,
    ...(subscription.pinnedVersion !== undefined ? { pinnedVersion: subscription.pinnedVersion } : {}),
  });
  switch (decision.action) {
    case 'ignore':
      return { state: { ...withEtag, pending: null }, event: { kind: 'unchanged' } };
    case 'refuse':
      return refuse(healthy, now, candidate.version, [decision.message]);
    case 'defer':
      return {
        state: { ...withEtag, pending: candidate, files: { ...withEtag.files, pending: outcome.body } },
        event: { kind: 'deferred', version: candidate.version },
      };
    case 'apply':
      return activate(withEtag, candidate, now, decision.reason, outcome.body);
  }
}

/**
 * Judges a verified file's channel stamp against the newest one accepted: the seal to keep when it may go on, or
 * why it is refused. Files without a stamp are read as before until the channel has seen a stamped one.
 */
export function judgeSeal(previous: PackSeal | undefined, stamp: PackChannelStamp | undefined, now: number): PackSeal | undefined | string {
  if (!stamp) {
    return previous
      ? `the file carries no channel stamp, but this channel's files are stamped (channel "${previous.id}"): refused, a stamp cannot be dropped`
      : undefined;
  }
  const expiresAt = Date.parse(stamp.expiresAt);
  if (expiresAt <= now) return `the file's stamp expired at ${stamp.expiresAt}: the pack server is serving an old file; ask your lead to publish a fresh one`;
  if (previous && stamp.id !== previous.id) return `the file is signed for channel "${stamp.id}", but this channel is "${previous.id}"`;
  if (previous && stamp.sequence < previous.sequence) {
    return `the file's sequence ${stamp.sequence} is older than ${previous.sequence}, already accepted: a replayed file is refused`;
  }
  return { id: stamp.id, sequence: stamp.sequence, expiresAt };
}

/** Says so when the newest accepted stamp has expired: updates may be held back by the pack server. */
function noteExpiry(state: PackChannelState, now: number): PackChannelState {
  if (!state.seal || state.seal.expiresAt > now) return state;
  return {
    ...state,
    lastError: `the team pack's stamp expired at ${new Date(state.seal.expiresAt).toISOString()} and no fresh file was published: updates may be held back; tell your lead`,
  };
}

/** After a call ends: a pack that waited for it becomes active (it was verified and judged when it arrived). */
export function applyPendingPack(state: PackChannelState, now: number): { state: PackChannelState; event?: PackEvent } {
  if (!state.pending) return { state };
  const reason: PackUpdateReason = state.active ? (state.active.id === state.pending.id ? 'newer-version' : 'different-pack') : 'first-pack';
  return activate(state, state.pending, now, reason, state.files?.pending);
}

/** What binds a channel to its subscription: the URL and the ids and keys it trusts. */
export function channelBinding(subscription: PackSubscription): string {
  const keys = subscription.publicKeys.map((key) => `${key.keyId}=${key.publicKey}`).sort();
  return JSON.stringify([subscription.url, keys]);
}

/**
 * The channel for a subscription: the stored one when it belongs to that subscription, else a fresh one bound to it
 * (changing the URL or the key starts over: no active pack, no version floor, no ETag carried over).
 */
export function channelFor(state: PackChannelState, subscription: PackSubscription, now: number): PackChannelState {
  const binding = channelBinding(subscription);
  return state.boundTo === binding ? state : { ...createPackChannelState(now), boundTo: binding };
}

/**
 * One click back to the version before the last change; the rolled-back version becomes the "previous". The ETag is
 * dropped: a server's 304 must not keep the rolled-back pack, the next poll asks for the published one again.
 */
export function rollbackPack(state: PackChannelState, now: number): { state: PackChannelState; event?: PackEvent } {
  if (!state.previous || !state.active) return { state };
  const change: PackChange = {
    at: now,
    packId: state.previous.id,
    fromVersion: state.active.version,
    toVersion: state.previous.version,
    reason: 'rollback',
  };
  const { etag: _dropped, ...rest } = state;
  const files = fileSet({ active: state.files?.previous, previous: state.files?.active });
  return {
    state: { ...rest, active: state.previous, previous: state.active, pending: null, lastChange: change, ...(files ? { files } : {}) },
    event: { kind: 'applied', change },
  };
}

function activate(
  state: PackChannelState,
  pack: ScriptPack,
  now: number,
  reason: PackUpdateReason,
  file: string | undefined,
): { state: PackChannelState; event: PackEvent } {
  const change: PackChange = { at: now, packId: pack.id, toVersion: pack.version, reason };
  if (state.active) change.fromVersion = state.active.version;
  const files = fileSet({ active: file, previous: state.active ? state.files?.active : state.files?.previous });
  const { files: _old, ...rest } = state;
  return {
    state: { ...rest, active: pack, previous: state.active ?? state.previous, pending: null, lastChange: change, ...(files ? { files } : {}) },
    event: { kind: 'applied', change },
  };
}

function refuse(
  state: PackChannelState,
  now: number,
  version: string | undefined,
  errors: string[],
): { state: PackChannelState; event: PackEvent } {
  const refusal: PackRefusal = { at: now, errors: errors.slice(0, 20) };
  if (version !== undefined) refusal.version = version;
  return { state: { ...state, lastRefusal: refusal }, event: { kind: 'refused', refusal } };
}

/** The files that are there, or nothing when none is. */
function fileSet(files: PackFiles): PackFiles | undefined {
  const kept: PackFiles = {};
  if (files.active !== undefined) kept.active = files.active;
  if (files.previous !== undefined) kept.previous = files.previous;
  if (files.pending !== undefined) kept.pending = files.pending;
  return Object.keys(kept).length > 0 ? kept : undefined;
}

const verifiedFiles = new Map<string, ScriptPack>();
/** Verified files remembered per worker life (a file is up to a megabyte: a few are kept, not all). */
const VERIFIED_KEPT = 8;

/**
 * The channel as it may be used: each of its packs re-read from its signed file and verified against the
 * subscription's keys; a pack without a file, or whose file no longer verifies (changed in storage, or signed by a
 * key the subscription no longer trusts), is dropped, the reason kept in `lastError`, and a fresh download is due
 * at once. Files verified before are not verified again.
 */
export async function verifyStoredChannel(state: PackChannelState, publicKeys: readonly PackPublicKey[], now: number): Promise<PackChannelState> {
  const binding = JSON.stringify(publicKeys.map((key) => `${key.keyId}=${key.publicKey}`).sort());
  const problems: string[] = [];
  const read = async (slot: keyof PackFiles, pack: ScriptPack | null): Promise<ScriptPack | null> => {
    if (!pack) return null;
    const file = state.files?.[slot];
    if (file === undefined) {
      problems.push(`the ${slot} team pack ${pack.id} ${pack.version} has no signed file in storage`);
      return null;
    }
    const memo = `${binding}\n${file}`;
    const known = verifiedFiles.get(memo);
    if (known) return known;
    const verified = await verifySignedPack(file, publicKeys);
    if (!verified.ok) {
      problems.push(`the stored ${slot} team pack no longer verifies (${verified.errors[0]?.message ?? 'invalid'})`);
      return null;
    }
    verifiedFiles.set(memo, verified.pack);
    if (verifiedFiles.size > VERIFIED_KEPT) verifiedFiles.delete(verifiedFiles.keys().next().value as string);
    return verified.pack;
  };
  const [active, previous, pending] = await Promise.all([read('active', state.active), read('previous', state.previous), read('pending', state.pending)]);
  if (problems.length === 0) return { ...state, active, previous, pending };
  const { etag: _stale, ...rest } = state;
  return {
    ...rest,
    active,
    previous,
    pending,
    nextCheckAt: Math.min(state.nextCheckAt, now),
    lastError: `${problems.join('; ')}: not used; downloading the team pack again`,
  };
}
