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
