import { beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair, signPack, type PackPrivateKey, type PackPublicKey, type ScriptPack } from '../../../lib/packs';
import {
  applyPendingPack,
  createPackChannelState,
  MAX_BACKOFF_MS,
  MAX_PACK_RESPONSE_CHARS,
  nextCheckDelayMs,
  processPollOutcome,
  rollbackPack,
  type PackSubscription,
} from '../../../lib/packs/subscription';
import { minimalPack } from './fixtures';

let lead: { publicKey: PackPublicKey; privateKey: PackPrivateKey };
let stranger: { publicKey: PackPublicKey; privateKey: PackPrivateKey };
beforeAll(async () => {
  lead = await generateKeyPair('lead');
  stranger = await generateKeyPair('lead');
});

const version = (v: string): ScriptPack => ({ ...minimalPack(), version: v });
async function signedBody(pack: ScriptPack, key = lead.privateKey): Promise<string> {
  const result = await signPack(pack, key);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return JSON.stringify(result.signed);
}
const subscription = (extra: Partial<PackSubscription> = {}): PackSubscription => ({
  url: 'http://127.0.0.1/pack.json',
  publicKeys: [lead.publicKey],
  intervalMinutes: 15,
  source: 'agent',
  ...extra,
});
const at = (now: number, inCall = false) => ({ now, inCall, random: 0.5 });

describe('processPollOutcome', () => {
  it('activates a first signed pack, then a newer one, keeping the previous for rollback', async () => {
    let { state, event } = await processPollOutcome(createPackChannelState(0), subscription(), { kind: 'ok', body: await signedBody(version('1.0.0')), etag: '"v1"' }, at(1));
    expect(event).toMatchObject({ kind: 'applied', change: { toVersion: '1.0.0', reason: 'first-pack' } });
    expect(state.etag).toBe('"v1"');
    ({ state, event } = await processPollOutcome(state, subscription(), { kind: 'ok', body: await signedBody(version('1.4.0')) }, at(2)));
    expect(event).toMatchObject({ kind: 'applied', change: { fromVersion: '1.0.0', toVersion: '1.4.0' } });
    expect([state.active?.version, state.previous?.version]).toEqual(['1.4.0', '1.0.0']);
    const back = rollbackPack(state, 3);
    expect([back.state.active?.version, back.state.previous?.version]).toEqual(['1.0.0', '1.4.0']);
    expect(back.event).toMatchObject({ kind: 'applied', change: { reason: 'rollback' } });
  });

  it('never switches during a call: defers, then applies when the call ends', async () => {
    let { state } = await processPollOutcome(createPackChannelState(0), subscription(), { kind: 'ok', body: await signedBody(version('1.0.0')) }, at(1));
    let event;
    ({ state, event } = await processPollOutcome(state, subscription(), { kind: 'ok', body: await signedBody(version('2.0.0')) }, at(2, true)));
    expect(event).toEqual({ kind: 'deferred', version: '2.0.0' });
    expect(state.active?.version).toBe('1.0.0');
    const after = applyPendingPack(state, 3);
    expect(after.state.active?.version).toBe('2.0.0');
    expect(after.state.pending).toBeNull();
  });

  it.each([
    ['a pack signed by another key', async () => signedBody(version('9.0.0'), stranger.privateKey), /not trusted|signature/],
    ['malformed JSON', async () => '{"pack": ', /JSON/i],
    ['a tampered pack', async () => (await signedBody(version('3.0.0'))).replace('"3.0.0"', '"3.0.1"'), /signature/i],
    ['an unsigned pack', async () => JSON.stringify({ pack: version('3.0.0') }), /not signed/],
    ['a response over the size limit', async () => 'x'.repeat(MAX_PACK_RESPONSE_CHARS + 1), /limit/],
  ])('refuses %s and keeps the active pack', async (_name, body, message) => {
    const { state: start } = await processPollOutcome(createPackChannelState(0), subscription(), { kind: 'ok', body: await signedBody(version('1.0.0')) }, at(1));
    const { state, event } = await processPollOutcome(start, subscription(), { kind: 'ok', body: await body() }, at(2));
    expect(event.kind).toBe('refused');
    expect(state.active?.version).toBe('1.0.0');
    expect(state.lastRefusal?.errors.join('\n')).toMatch(message);
  });

  it('refuses a downgrade unless the lead pins that version', async () => {
    const { state: start } = await processPollOutcome(createPackChannelState(0), subscription(), { kind: 'ok', body: await signedBody(version('2.0.0')) }, at(1));
    const older = await signedBody(version('1.5.0'));
    const refused = await processPollOutcome(start, subscription(), { kind: 'ok', body: older }, at(2));
    expect(refused.event).toMatchObject({ kind: 'refused' });
    expect(refused.state.active?.version).toBe('2.0.0');
    const pinned = await processPollOutcome(start, subscription({ pinnedVersion: '1.5.0' }), { kind: 'ok', body: older }, at(3));
    expect(pinned.state.active?.version).toBe('1.5.0');
  });

  it('keeps the last good pack offline and backs off, then recovers', async () => {
    const { state: start } = await processPollOutcome(createPackChannelState(0), subscription(), { kind: 'ok', body: await signedBody(version('1.0.0')) }, at(0));
    let state = start;
    for (let i = 1; i <= 3; i++) ({ state } = await processPollOutcome(state, subscription(), { kind: 'network-error', message: 'offline' }, at(i)));
    expect(state.active?.version).toBe('1.0.0');
    expect(state.consecutiveFailures).toBe(3);
    expect(state.nextCheckAt - 3).toBe(nextCheckDelayMs(15, 3, 0.5));
    ({ state } = await processPollOutcome(state, subscription(), { kind: 'not-modified' }, at(10)));
    expect(state.consecutiveFailures).toBe(0);
    expect(state.lastError).toBeUndefined();
  });
});

describe('nextCheckDelayMs', () => {
  it('doubles per failure, caps, and jitters within ±10 %', () => {
    expect(nextCheckDelayMs(15, 0, 0.5)).toBe(15 * 60_000);
    expect(nextCheckDelayMs(15, 2, 0.5)).toBe(60 * 60_000);
    expect(nextCheckDelayMs(15, 50, 0.5)).toBe(MAX_BACKOFF_MS);
    expect(nextCheckDelayMs(15, 0, 0)).toBe(0.9 * 15 * 60_000);
    expect(nextCheckDelayMs(15, 0, 0.999999)).toBeLessThanOrEqual(1.1 * 15 * 60_000);
  });
});

describe('channel stamps: no replay, no freeze (issue 14, item 5)', () => {
  const DAY = 86_400_000;
  const T = Date.parse('2026-12-01T00:00:00Z');
  const stamp = (sequence: number, expiresInDays = 30, id = 'agency') => ({ id, sequence, expiresAt: new Date(T + expiresInDays * DAY).toISOString() });
  async function stamped(pack: ScriptPack, channel: ReturnType<typeof stamp>): Promise<string> {
    const result = await signPack(pack, lead.privateKey, channel);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return JSON.stringify(result.signed);
  }
  async function channelAt(sequence: number, v = '1.0.0') {
    return (await processPollOutcome(createPackChannelState(0), subscription(), { kind: 'ok', body: await stamped(version(v), stamp(sequence)) }, at(T))).state;
  }

  it('refuses an older sequence, even for another pack id signed by the same key', async () => {
    const state = await channelAt(5, '2.0.0');
    expect(state.seal).toEqual({ id: 'agency', sequence: 5, expiresAt: T + 30 * DAY });
    const other = { ...version('9.0.0'), id: 'another.pack' };
    const { state: after, event } = await processPollOutcome(state, subscription(), { kind: 'ok', body: await stamped(other, stamp(4)) }, at(T + 1));
    expect(event).toMatchObject({ kind: 'refused', refusal: { errors: [expect.stringMatching(/sequence 4 is older than 5/)] } });
    expect(after.active?.id).toBe(minimalPack().id);
  });

  it('refuses a file signed for another channel, an expired file, and a file whose stamp was dropped', async () => {
    const state = await channelAt(5);
    const other = await processPollOutcome(state, subscription(), { kind: 'ok', body: await stamped(version('1.1.0'), stamp(6, 30, 'elsewhere')) }, at(T + 1));
    expect(other.event).toMatchObject({ kind: 'refused', refusal: { errors: [expect.stringMatching(/signed for channel "elsewhere"/)] } });
    const expired = await processPollOutcome(state, subscription(), { kind: 'ok', body: await stamped(version('1.1.0'), stamp(6, 1)) }, at(T + 2 * DAY));
    expect(expired.event).toMatchObject({ kind: 'refused', refusal: { errors: [expect.stringMatching(/expired/)] } });
    const bare = await processPollOutcome(state, subscription(), { kind: 'ok', body: await signedBody(version('1.1.0')) }, at(T + 1));
    expect(bare.event).toMatchObject({ kind: 'refused', refusal: { errors: [expect.stringMatching(/no channel stamp/)] } });
    expect(bare.state.active?.version).toBe('1.0.0');
  });

  it('takes a re-signed file of the same version as a renewal, and says so when no fresh file came before the stamp expired', async () => {
    const state = await channelAt(5);
    const renewed = await processPollOutcome(state, subscription(), { kind: 'ok', body: await stamped(version('1.0.0'), stamp(6, 60)) }, at(T + DAY));
    expect(renewed.event).toEqual({ kind: 'unchanged' });
    expect(renewed.state.seal).toMatchObject({ sequence: 6, expiresAt: T + 60 * DAY });
    expect(renewed.state.lastError).toBeUndefined();
    const frozen = await processPollOutcome(renewed.state, subscription(), { kind: 'not-modified' }, at(T + 61 * DAY));
    expect(frozen.state.lastError).toMatch(/stamp expired .* no fresh file was published/);
    expect(frozen.state.active?.version).toBe('1.0.0');
  });
});
