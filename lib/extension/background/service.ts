import type { Browser } from 'wxt/browser';
import { browser } from 'wxt/browser';
import type { LiveCall } from '../../calls/types';
import { openOnScriptDb, type OnScriptDb } from '../../db/schema';
import { envelope } from '../../protocol/envelope';
import type { MessageType } from '../../protocol/messages';
import { readEnvelope, senderMayPost, validatePayload } from '../../protocol/validate';
import { defineCallFeature } from './features/call-feature';
import { defineComplianceFeature } from './features/compliance-feature';
import { defineDetectionFeature } from './features/detection-feature';
import type { BackgroundContext, BackgroundFeature, MessageHandler } from './features/feature';
import { defineNotesFeature } from './features/notes-feature';
import { definePacksFeature } from './features/packs-feature';
import { defineScriptFeature } from './features/script-feature';
import { broadcastToExtensionPages, classifySender } from './messaging';
import { PANEL_PORT_NAME, readSequencedMessage, SIGNAL_PORT_NAME, type PortAck } from '../shared/ports';
import { createTabCallStore } from './tab-state-store';

/** Inputs the service takes instead of reaching for globals, so tests can drive it. */
export interface BackgroundServiceOptions {
  now?: () => number;
  newId?: () => string;
  openDb?: () => Promise<OnScriptDb>;
}

type Reply = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * The background's message handling, assembled from one feature module per area (lib/extension/features/).
 * It holds no call state only in memory: every feature persists what it needs (storage.session, IndexedDB), so a
 * worker stopped between two messages loses nothing. Memory holds a per-tab queue, so that two messages about
 * one tab are handled in order, and write-through caches (tab call state, the region setting) that a restarted
 * worker refills from storage.
 */
export function createBackgroundService(options: BackgroundServiceOptions = {}) {
  const openDb = options.openDb ?? (() => openOnScriptDb());
  let dbPromise: Promise<OnScriptDb> | undefined;
  const tabQueues = new Map<number, Promise<unknown>>();
  /** Open side panels' ports: live connections, not state; they close when the worker stops. */
  const panelPorts = new Set<Browser.runtime.Port>();

  const context: BackgroundContext = {
    now: options.now ?? Date.now,
    newId: options.newId ?? (() => crypto.randomUUID()),
    db: () =>
      (dbPromise ??= openDb().catch((error: unknown) => {
        dbPromise = undefined;
        throw error;
      })),
    inTabOrder<T>(tabId: number, work: () => Promise<T>): Promise<T> {
      const previous = tabQueues.get(tabId) ?? Promise.resolve();
      const result = previous.then(work, work);
      const settled = result.catch(() => undefined);
      tabQueues.set(tabId, settled);
      void settled.then(() => {
        if (tabQueues.get(tabId) === settled) tabQueues.delete(tabId);
      });
      return result;
    },
    tabCalls: createTabCallStore(),
    pushToPanels(type, payload) {
      const message = envelope(type, payload);
      for (const port of panelPorts) {
        try {
          port.postMessage(message);
        } catch {
          // A panel closing right now; its disconnect removes it.
          panelPorts.delete(port);
        }
      }
      // Broadcast as well: a panel whose port died with an earlier worker has no port here, and hearing the
      // background again is what makes it reopen one. Panels drop what they already had (TabCallState.revision).
      return broadcastToExtensionPages(type, payload);
    },
  };

  const others: BackgroundFeature[] = [
    defineScriptFeature(context),
    defineComplianceFeature(context),
    defineNotesFeature(context),
    defineDetectionFeature(context),
    definePacksFeature(context),
  ];
  const calls = defineCallFeature(context, async (call: LiveCall) => {
    for (const feature of others) {
      // One feature's failure must not stop the call record or the other features.
      await feature.onCallChanged?.(call).catch((error: unknown) => console.error('OnScript feature hook failed', error));
    }
  });
  const handlers = Object.assign({}, calls.feature.handlers, ...others.map((feature) => feature.handlers)) as {
    [T in MessageType]?: MessageHandler<T>;
  };

  async function dispatch(message: unknown, sender: Browser.runtime.MessageSender): Promise<Reply> {
    const frame = readEnvelope(message);
    if (!frame.ok) return frame;
    const { type } = frame.value;
    const kind = classifySender(sender, browser.runtime.getURL('/'));
    if (kind === 'unknown' || !senderMayPost(type, kind)) return { ok: false, error: `${type} is not accepted from this sender` };
    const checked = validatePayload(type, frame.value.payload);
    if (!checked.ok) return checked;
    const handler = handlers[type] as MessageHandler<typeof type> | undefined;
    if (!handler) return { ok: false, error: `${type} has no handler` };
    return { ok: true, value: await handler(checked.value as never, sender) };
  }

  return {
    /** The shared context, for background listeners other than messages (alarms, commands). */
    context,
    /**
     * The `runtime.onMessage` listener. Returns a promise for OnScript's requests (the polyfill sends its
     * value as the response) and `undefined` for anything else, leaving it to other listeners. Broadcasts
     * meant for extension pages are not the background's to answer.
     */
    onMessage(message: unknown, sender: Browser.runtime.MessageSender): Promise<Reply> | undefined {
      const frame = readEnvelope(message);
      if (!frame.ok || senderMayPost(frame.value.type, 'background')) return undefined;
      return dispatch(message, sender).catch(
        (error: unknown): Reply => ({ ok: false, error: error instanceof Error ? error.message : String(error) }),
      );
    },
    /**
     * The `runtime.onConnect` listener. The signal port carries dialer frames' call signals (nothing else),
     * checked like any message and acknowledged once handled, so the frame re-posts what a stopped worker
     * never handled; the panel port is only accepted from extension pages.
     */
    onConnect(port: Browser.runtime.Port): void {
      const sender = port.sender;
      if (!sender) return port.disconnect();
      if (port.name === PANEL_PORT_NAME) {
        if (classifySender(sender, browser.runtime.getURL('/')) !== 'extension') return port.disconnect();
        panelPorts.add(port);
        port.onDisconnect.addListener(() => panelPorts.delete(port));
        return;
      }
      if (port.name !== SIGNAL_PORT_NAME) return;
      port.onMessage.addListener((data: unknown) => {
        const sequenced = readSequencedMessage(data);
        if (!sequenced) return;
        const frame = readEnvelope(sequenced.message);
        const handled =
          frame.ok && frame.value.type === 'call/signal'
            ? dispatch(sequenced.message, sender).catch((error: unknown) => console.error('OnScript signal failed', error))
            : Promise.resolve();
        // Acknowledged when handled, refused or failed alike: only a worker that stopped first leaves it pending.
        void handled.then(() => {
          try {
            port.postMessage({ ack: sequenced.seq } satisfies PortAck);
          } catch {
            // The frame went away; nothing to acknowledge to.
          }
        });
      });
    },
    /** The `tabs.onRemoved` listener. */
    onTabRemoved: calls.onTabRemoved,
  };
}
