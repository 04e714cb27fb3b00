import { browser, type Browser } from 'wxt/browser';
import type { MessageType, ProtocolMap } from '../../protocol/messages';
import { readEnvelope, senderMayPost, validatePayload } from '../../protocol/validate';
import { isFromBackground } from '../shared/messaging';
import { createPanelPortListener, PANEL_PORT_NAME, type PanelChannelOffer } from '../shared/ports';
import type { BulkWorkerContainer } from './bulk-channel';

/** A message the background tells extension pages, by type. */
type Told<T extends MessageType> = ProtocolMap[T]['request'];

/**
 * How an extension page hears the background: one subscription per message type, fed from the page's port
 * (the fast path) and from `runtime.sendMessage` broadcasts (what a page hears while its port is down, e.g.
 * after the worker was stopped; hearing one reopens the port). Only the background is listened to: a message
 * from a content script (it has a tab) or from another extension is dropped, and so is anything that is not one
 * of the background's own messages in the shape the protocol gives it (lib/protocol: `tab/state-changed`,
 * `script/changed`, `script/command`, `packs/changed`), which subscribers get as the validator rebuilt it.
 */
export interface BackgroundChannel {
  on<T extends MessageType>(type: T, callback: (payload: Told<T>) => void): () => void;
  /** Calls back when the port is reopened after it was down: what was told meanwhile may have been missed. */
  onReconnected(callback: () => void): () => void;
  close(): void;
}

/**
 * The channel backed by the extension: one per page, created by the page's entry point. In Chrome the page also
 * offers the service worker (`container`'s registration) a direct channel each time its port opens, and hears
 * the background there once the worker has paired it with the port (see `PanelChannelOffer` in shared/ports.ts).
 */
export function createBackgroundChannel(
  container: BulkWorkerContainer | undefined = (globalThis.navigator as { serviceWorker?: BulkWorkerContainer } | undefined)?.serviceWorker,
): BackgroundChannel {
  const subscribers = new Map<MessageType, Set<(payload: never) => void>>();
  const reconnected = new Set<() => void>();
  const origin = browser.runtime.getURL('/');

  function deliver(message: unknown): boolean {
    const frame = readEnvelope(message);
    if (!frame.ok || !senderMayPost(frame.value.type, 'background')) return false;
    const checked = validatePayload(frame.value.type, frame.value.payload);
    if (!checked.ok) {
      console.warn(`OnScript ignored a malformed ${frame.value.type}:`, checked.error);
      return false;
    }
    for (const callback of subscribers.get(frame.value.type) ?? []) callback(checked.value as never);
    return true;
  }

  /** This connection's direct channel, and whether the worker has spoken on it. */
  let direct: { port: MessagePort; heard: boolean } | undefined;

  function closeDirect(): void {
    direct?.port.close();
    direct = undefined;
  }

  /** Offers the worker a direct channel for this port (nothing where there is no worker registration: Firefox). */
  function offerDirect(runtimePort: Browser.runtime.Port): void {
    if (!container) return;
    const token = crypto.randomUUID();
    void container
      .getRegistration()
      .then((registration) => {
        const worker = registration?.active;
        if (!worker || current !== runtimePort) return;
        const channel = new MessageChannel();
        const entry = { port: channel.port1, heard: false };
        channel.port1.onmessage = (event: MessageEvent) => {
          if (direct !== entry) return;
          entry.heard = true;
          deliver(event.data);
        };
        direct = entry;
        const offer: PanelChannelOffer = { panelChannel: token };
        worker.postMessage(offer, [channel.port2]);
        runtimePort.postMessage(offer);
      })
      .catch(() => undefined);
  }

  let opened = false;
  let current: Browser.runtime.Port | undefined;
  const port = createPanelPortListener(
    () => {
      const fresh = browser.runtime.connect({ name: PANEL_PORT_NAME });
      closeDirect();
      current = fresh;
      offerDirect(fresh);
      if (opened) for (const callback of reconnected) callback();
      opened = true;
      return fresh;
    },
    // Once the worker speaks on the direct channel it no longer posts on the port: what still arrives there
    // was sent before, and is older than what the panel has heard.
    (message) => void (direct?.heard ? undefined : deliver(message)),
  );
  const listener = (message: unknown, sender: Browser.runtime.MessageSender) => {
    if (!isFromBackground(sender, origin, browser.runtime.id)) return undefined;
    if (deliver(message)) port.reconnect();
    return undefined;
  };
  browser.runtime.onMessage.addListener(listener);

  return {
    on(type, callback) {
      const set = subscribers.get(type) ?? new Set();
      subscribers.set(type, set);
      set.add(callback as (payload: never) => void);
      return () => set.delete(callback as (payload: never) => void);
    },
    onReconnected(callback) {
      reconnected.add(callback);
      return () => reconnected.delete(callback);
    },
    close() {
      port.stop();
      closeDirect();
      browser.runtime.onMessage.removeListener(listener);
      subscribers.clear();
      reconnected.clear();
    },
  };
}
