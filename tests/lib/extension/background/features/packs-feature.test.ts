import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { CallSignal } from '../../../../../lib/calls/types';
import { openOnScriptDb } from '../../../../../lib/db/schema';
import { callsFeature } from '../../../../../lib/extension/background/features/calls-feature';
import { packsFeature } from '../../../../../lib/extension/background/features/packs-feature';
import { createBackgroundService } from '../../../../../lib/extension/background/service';
import { generateKeyPair, signPack, type ScriptPack } from '../../../../../lib/packs';
import { cnCardLoanPack } from '../../../../../lib/packs/defaults';
import { readTrustedChannel } from '../../../../../lib/extension/shared/pack-channel';
import { packChannelItem } from '../../../../../lib/extension/shared/settings';
import { envelope } from '../../../../../lib/protocol/envelope';
import { type MessageType, type ProtocolMap } from '../../../../../lib/protocol/messages';

const panel = (): Browser.runtime.MessageSender => ({ id: fakeBrowser.runtime.id, url: `${fakeBrowser.runtime.getURL('/')}options.html` });
const dialer = (): Browser.runtime.MessageSender => ({
  id: fakeBrowser.runtime.id,
  tab: { id: 5 } as Browser.tabs.Tab,
  frameId: 0,
  url: 'http://127.0.0.1:9000/dialer.html',
});

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A lead's signing key and the pack server; `publish` signs the default pack at a version and serves it. */
async function lead(): Promise<{ url: string; publicKey: string; publish(version: string): Promise<void> }> {
  const keys = await generateKeyPair('lead');
  const packs = await serve();
  return {
    url: packs.url,
    publicKey: JSON.stringify(keys.publicKey),
    async publish(version) {
      const result = await signPack({ ...(cnCardLoanPack as ScriptPack), version }, keys.privateKey);
      if (!result.ok) throw new Error('sign failed');
      packs.publish(JSON.stringify(result.signed));
    },
  };
}

async function serve(): Promise<{ url: string; publish(body: string): void }> {
  let body = '';
  server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', () => resolve()));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}/pack.json`, publish: (next) => (body = next) };
}

let dbCount = 0;
/** A background (one worker life); `restart` builds the next life over the same database and storage. */
function background(name = `packs-${++dbCount}`) {
  const service = createBackgroundService({ openDb: () => openOnScriptDb(undefined, name), askFrame: async () => 'gone' });
  const send = async <T extends MessageType>(type: T, payload: ProtocolMap[T]['request'], sender = panel()) => {
    const reply = (await service.onMessage(envelope(type, payload), sender)) as { ok: boolean; value?: ProtocolMap[T]['response']; error?: string };
    if (!reply.ok) throw new Error(reply.error);
    return reply.value as ProtocolMap[T]['response'];
  };
  return Object.assign(send, { service, restart: () => background(name) });
}

const call = (phase: CallSignal['phase']): CallSignal => ({ callKey: 'c', source: 'sip-ws', phase, direction: 'outbound', remote: '1', at: Date.now() });

describe('packs feature', () => {
  it('subscribes, defers an update during a call and applies it when the call ends', async () => {
    const packs = await lead();
    await packs.publish('1.0.0');
    const send = background();

    const subscribed = await send('packs/subscribe', { url: packs.url, publicKey: packs.publicKey });
    expect(subscribed).toMatchObject({ ok: true, status: { channel: { active: { version: '1.0.0' } } } });
    expect(await fakeBrowser.alarms.get('onscript:packs:poll')).toBeDefined();

    await send('call/signal', call('connected'), dialer());
    await packs.publish('1.1.0');
    const during = await send('packs/check-now', {});
    expect(during.channel).toMatchObject({ active: { version: '1.0.0' }, pending: { version: '1.1.0' } });

    await send('call/signal', call('ended'), dialer());
    const after = await send('packs/get-status', {});
    expect(after.channel.active?.version).toBe('1.1.0');
    expect(after.channel.pending).toBeUndefined();
    expect(after.lastChangeDiff).toMatchObject({ fromVersion: '1.0.0', toVersion: '1.1.0' });

    const rolledBack = await send('packs/rollback', {});
    expect(rolledBack.channel.active?.version).toBe('1.0.0');
  });

  it('downloads the team pack again at once when the stored one stops verifying, not at the next scheduled poll', async () => {
    const packs = await lead();
    await packs.publish('1.0.0');
    // The features this test meets, started as the worker starts them (the others need browser APIs the fake lacks).
    const service = createBackgroundService({ openDb: () => openOnScriptDb(undefined, `packs-${++dbCount}`), features: [callsFeature, packsFeature] });
    service.start();
    const send = async <T extends MessageType>(type: T, payload: ProtocolMap[T]['request']) => {
      const reply = (await service.onMessage(envelope(type, payload), panel())) as { ok: boolean; value?: ProtocolMap[T]['response']; error?: string };
      if (!reply.ok) throw new Error(reply.error);
      return reply.value as ProtocolMap[T]['response'];
    };
    await send('packs/subscribe', { url: packs.url, publicKey: packs.publicKey });
    const polls = (await fakeBrowser.alarms.get('onscript:packs:poll'))!;
    expect(polls.scheduledTime).toBeGreaterThan(Date.now() + 60_000);

    // Something with access to storage.local swaps the stored pack (and its file's pack) for its own.
    const stored = (await packChannelItem.getValue())!;
    const forged = { ...stored.active!, title: { en: 'Forged', 'zh-CN': '伪造' } };
    const file = JSON.parse(stored.files!.active!) as { pack: unknown };
    await packChannelItem.setValue({ ...stored, active: forged, files: { active: JSON.stringify({ ...file, pack: forged }) } });

    // The lead's own signed pack is back well before the next poll would have run.
    await vi.waitFor(async () => expect((await packChannelItem.getValue())?.active?.title).toEqual(cnCardLoanPack.title), { timeout: 5_000 });
    expect((await readTrustedChannel()).withheld).toBeUndefined();
    expect((await readTrustedChannel()).channel?.active?.version).toBe('1.0.0');
  });

  it('applies a deferred update once a call whose page crashed is found ended after a worker restart', async () => {
    const packs = await lead();
    await packs.publish('1.0.0');
    const send = background();
    await send('packs/subscribe', { url: packs.url, publicKey: packs.publicKey });
    await send('call/signal', call('connected'), dialer());
    await packs.publish('1.1.0');
    expect((await send('packs/check-now', {})).channel.pending).toMatchObject({ version: '1.1.0' });

    // The dialer's renderer crashed (no pagehide) while the worker was stopped: the next worker's question
    // reaches no bridge, the call ends, and the update waits no longer.
    const next = send.restart();
    await next.service.recoverUnfinishedCalls();
    const after = await next('packs/get-status', {});
    expect(after.channel.active?.version).toBe('1.1.0');
    expect(after.channel.pending).toBeUndefined();
  });

  it('refuses a key that is not a key, and keeps pages from subscribing', async () => {
    const send = background();
    await expect(send('packs/subscribe', { url: 'http://127.0.0.1/p.json', publicKey: '{"alg":"RSA"}' })).resolves.toMatchObject({
      ok: false,
      error: expect.stringMatching(/public key is not valid/),
    });
    await expect(send('packs/subscribe', { url: 'http://127.0.0.1/p.json', publicKey: 'x' }, dialer())).rejects.toThrow(/not accepted/);
    await expect(send('packs/subscribe', { url: 'javascript:alert(1)', publicKey: 'x' })).rejects.toThrow(/https:\/\//);
  });
});

describe('packs that cannot be replayed (issue 14, item 5)', () => {
  const signer = async (keyId: string) => {
    const lead = await generateKeyPair(keyId);
    return {
      publicKey: JSON.stringify(lead.publicKey),
      sign: async (version: string) => {
        const result = await signPack({ ...(cnCardLoanPack as ScriptPack), version }, lead.privateKey);
        if (!result.ok) throw new Error('sign failed');
        return JSON.stringify(result.signed);
      },
    };
  };

  it('clears the ETag on rollback, so the next poll asks the server again', async () => {
    const lead = await signer('lead');
    const packs = await serve();
    const send = background();
    packs.publish(await lead.sign('1.0.0'));
    await send('packs/subscribe', { url: packs.url, publicKey: lead.publicKey });
    packs.publish(await lead.sign('1.1.0'));
    await send('packs/check-now', {});
    await fakeBrowser.storage.local.set({ 'packs.channel': { ...((await fakeBrowser.storage.local.get('packs.channel'))['packs.channel'] as object), etag: '"v1.1"' } });
    const rolledBack = await send('packs/rollback', {});
    expect(rolledBack.channel.active?.version).toBe('1.0.0');
    expect(rolledBack.channel.etag).toBeUndefined();
  });

  it('refuses a rollback when the administrator manages the subscription, or the team is pinned', async () => {
    const lead = await signer('lead');
    const packs = await serve();
    const send = background();
    packs.publish(await lead.sign('1.0.0'));
    await send('packs/subscribe', { url: packs.url, publicKey: lead.publicKey, pinnedVersion: '1.0.0' });
    await fakeBrowser.storage.local.set({
      'packs.channel': { ...((await fakeBrowser.storage.local.get('packs.channel'))['packs.channel'] as object), previous: { ...(cnCardLoanPack as ScriptPack), version: '0.9.0' } },
    });
    const pinned = await send('packs/rollback', {});
    expect(pinned.channel.active?.version).toBe('1.0.0');
    expect(pinned.channel.lastError).toMatch(/pinned/);

    await fakeBrowser.storage.managed.set({ packUrl: packs.url, packPublicKey: lead.publicKey });
    const managed = await send('packs/rollback', {});
    expect(managed.channel.active?.version).toBe('1.0.0');
    expect(managed.channel.lastError).toMatch(/administrator/);
  });

  it("starts a fresh channel when the URL or the key changes: the agent's own 99.0.0 does not outlive the administrator's policy", async () => {
    const agent = await signer('agent');
    const lead = await signer('lead');
    const own = await serve();
    const send = background();
    own.publish(await agent.sign('99.0.0'));
    await send('packs/subscribe', { url: own.url, publicKey: agent.publicKey });
    expect((await send('packs/get-status', {})).channel.active?.version).toBe('99.0.0');

    // The administrator's policy names the lead's channel (here served at the same URL with another key).
    own.publish(await lead.sign('1.4.0'));
    await fakeBrowser.storage.managed.set({ packUrl: own.url, packPublicKey: lead.publicKey });
    const status = await send('packs/check-now', {});
    expect(status.channel.active?.version).toBe('1.4.0');
    expect(status.channel.previous).toBeUndefined();
  });
});
