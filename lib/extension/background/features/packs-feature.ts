import { browser } from 'wxt/browser';
import { diffPacks } from '../../../packs/diff';
import { readPublicKey } from '../../../packs/signing';
import {
  applyPendingPack,
  channelFor,
  MAX_PACK_RESPONSE_CHARS,
  processPollOutcome,
  rollbackPack,
  type PackChannelState,
  type PackEvent,
  type PollOutcome,
} from '../../../packs/subscription';
import { PACKS_MESSAGES, type PackStatus } from '../../../protocol/packs-messages';
import { appendToComplianceLog } from '../compliance-log';
import { broadcastToExtensionPages } from '../messaging';
import { effectivePackSubscription, loadPackChannel, readTrustedChannel } from '../../shared/pack-channel';
import { packChannelItem, packSubscriptionItem } from '../../shared/settings';
import { anyLiveCall } from '../tab-state-store';
import { defineBackgroundFeature, type BackgroundContext, type BackgroundFeature } from '../feature';

/** The alarm that polls the lead's pack URL. */
export const PACK_POLL_ALARM = 'onscript:packs:poll';
const FETCH_TIMEOUT_MS = 20_000;

/**
 * Pack distribution in the background: polls the subscribed URL on an alarm (never a timer: the worker may be
 * stopped between polls), verifies and judges each pack (lib/packs/subscription.ts), applies a deferred pack when
 * the last live call ends, and announces changes to open panels. All state lives in storage.local.
 */
export const packsFeature = defineBackgroundFeature({
  id: 'packs',
  messages: PACKS_MESSAGES,
  create: createPacksFeature,
});

function createPacksFeature(context: BackgroundContext): BackgroundFeature {
  return {
    start: () => registerPacksBackground(context),
    handlers: {
      'packs/get-status': async () => packStatus(context.now()),
      'packs/get-active': async () => (await loadPackChannel(context.now())).active,
      'packs/subscribe': async ({ url, publicKey, intervalMinutes, pinnedVersion }) => {
        const { managed } = await effectivePackSubscription();
        if (managed) return { ok: false, error: 'Your administrator manages the pack subscription; it cannot be changed here.' };
        const key = await readPublicKey(publicKey);
        if (!key.ok) return { ok: false, error: `The public key is not valid: ${key.errors.map((e) => e.message).join('; ')}` };
        await packSubscriptionItem.setValue({
          url,
          publicKeys: [key.key],
          intervalMinutes: intervalMinutes ?? 15,
          source: 'agent',
          ...(pinnedVersion ? { pinnedVersion } : {}),
        });
        await pollNow(context);
        return { ok: true, status: await packStatus(context.now()) };
      },
      'packs/unsubscribe': async () => {
        await packSubscriptionItem.setValue(null);
        await browser.alarms.clear(PACK_POLL_ALARM);
        return packStatus(context.now());
      },
      'packs/check-now': async () => {
        await pollNow(context);
        return packStatus(context.now());
      },
      'packs/rollback': async () => {
        const { subscription, managed } = await effectivePackSubscription();
        const current = await loadPackChannel(context.now());
        // The administrator's or the lead's pin decides the version: an agent's rollback would undo it.
        const refusal = managed
          ? 'Your administrator manages the team pack; only they can roll it back (a pinned version).'
          : subscription?.pinnedVersion
            ? `The team is pinned to version ${subscription.pinnedVersion}; a rollback would leave it.`
            : undefined;
        if (refusal) {
          await packChannelItem.setValue({ ...current, lastError: refusal });
          return packStatus(context.now());
        }
        const { state, event } = rollbackPack(current, context.now());
        await packChannelItem.setValue(state);
        await announce(event, context);
        return packStatus(context.now());
      },
    },
    async afterCallChange({ call }) {
      if (call.phase !== 'ended' || (await anyLiveCall())) return;
      const channel = await loadPackChannel(context.now());
      if (!channel.pending) return;
      const { state, event } = applyPendingPack(channel, context.now());
      await packChannelItem.setValue(state);
      await announce(event, context);
    },
  };
}

/**
 * Wires the poll alarm. Called synchronously when the worker starts so the alarm that woke it is not missed;
 * also makes sure a subscribed browser has its alarm.
 */
function registerPacksBackground(context: BackgroundContext): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === PACK_POLL_ALARM) void pollNow(context).catch((error: unknown) => console.error('OnScript pack poll failed', error));
  });
  const redownloadWithheld = createWithheldPackRedownload(context);
  // A stored pack changed behind OnScript's back is withheld (and calls block) from the next verdict: get it again now.
  packChannelItem.watch(() => void redownloadWithheld().catch(() => undefined));
  void (async () => {
    const { subscription } = await effectivePackSubscription();
    if (subscription && !(await browser.alarms.get(PACK_POLL_ALARM))) await pollNow(context);
    else await redownloadWithheld();
  })().catch(() => undefined);
}

/** The shortest time between two downloads for a withheld pack, so a hub that keeps failing is not hammered. */
export const WITHHELD_REDOWNLOAD_MS = 5 * 60_000;

/**
 * Polls at once, rather than at the next scheduled poll, when the channel's active pack no longer verifies: until a
 * verified pack is back, every verdict blocks (lib/compliance/routing.ts, `packWithheld`). At most once per
 * {@link WITHHELD_REDOWNLOAD_MS} per worker life: the poll's own write to the channel calls this again.
 */
function createWithheldPackRedownload(context: BackgroundContext): () => Promise<void> {
  let lastAt: number | undefined;
  let running: Promise<void> | undefined;
  const run = async () => {
    const now = context.now();
    if (lastAt !== undefined && now - lastAt < WITHHELD_REDOWNLOAD_MS) return;
    if (!(await readTrustedChannel(now)).withheld) return;
    lastAt = now;
    await pollNow(context);
  };
  return () => (running ??= run().finally(() => (running = undefined)));
}

/** Polls once, persists the outcome and schedules the next poll. */
export async function pollNow(context: BackgroundContext): Promise<PackEvent | undefined> {
  await context.ready();
  const { subscription } = await effectivePackSubscription();
  if (!subscription) return undefined;
  // A channel belongs to one URL and key: a new subscription (the agent's or the administrator's) starts over.
  const before = channelFor(await loadPackChannel(context.now()), subscription, context.now());
  const outcome = await fetchPack(subscription.url, before.etag);
  const { state, event } = await processPollOutcome(before, subscription, outcome, {
    now: context.now(),
    inCall: await anyLiveCall(),
    random: Math.random(),
  });
  await packChannelItem.setValue(state);
  await browser.alarms.create(PACK_POLL_ALARM, { when: Math.max(state.nextCheckAt, context.now() + 60_000) });
  await announce(event, context);
  return event;
}

async function announce(event: PackEvent | undefined, context?: BackgroundContext): Promise<void> {
  if (event?.kind !== 'applied') return;
  // The compliance log records which signed pack version is in use from now on.
  if (context) {
    const { change } = event;
    void context
      .db()
      .then((db) => appendToComplianceLog(db, [{ at: change.at, kind: 'pack', code: change.reason, packId: change.packId, packVersion: change.toVersion }]))
      .catch((error: unknown) => console.error('OnScript compliance log append failed', error));
  }
  await broadcastToExtensionPages('packs/changed', event.change);
}

/** One conditional GET, reading at most a little over the size limit so a huge file costs nothing. */
async function fetchPack(url: string, etag: string | undefined): Promise<PollOutcome> {
  let response: Response;
  try {
    response = await fetch(url, {
      headers: etag ? { 'If-None-Match': etag } : {},
      cache: 'no-store',
      credentials: 'omit',
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
  } catch (error) {
    return { kind: 'network-error', message: error instanceof Error ? error.message : String(error) };
  }
  if (response.status === 304) return { kind: 'not-modified' };
  if (!response.ok) return { kind: 'http-error', status: response.status };
  const body = await readCapped(response, MAX_PACK_RESPONSE_CHARS + 1);
  const newEtag = response.headers.get('etag');
  return newEtag ? { kind: 'ok', body, etag: newEtag } : { kind: 'ok', body };
}

async function readCapped(response: Response, maxChars: number): Promise<string> {
  if (!response.body) return (await response.text()).slice(0, maxChars);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
    if (text.length >= maxChars) {
      await reader.cancel();
      return text.slice(0, maxChars);
    }
  }
  return text + decoder.decode();
}

async function packStatus(now: number): Promise<PackStatus> {
  const [{ subscription, managed }, channel] = await Promise.all([effectivePackSubscription(), loadPackChannel(now)]);
  const status: PackStatus = { subscription, managed, channel: summarize(channel) };
  const { active, previous, lastChange } = channel;
  if (active && previous && lastChange?.toVersion === active.version && previous.id === active.id) {
    status.lastChangeDiff = diffPacks(previous, active);
  }
  return status;
}

function summarize(channel: PackChannelState): PackStatus['channel'] {
  const { active, previous, pending, ...rest } = channel;
  return {
    ...rest,
    ...(active ? { active: { id: active.id, version: active.version, title: active.title.en ?? active.id } } : {}),
    ...(previous ? { previous: { id: previous.id, version: previous.version } } : {}),
    ...(pending ? { pending: { id: pending.id, version: pending.version } } : {}),
  };
}
