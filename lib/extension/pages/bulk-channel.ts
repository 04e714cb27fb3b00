import type { MessageType, ProtocolMap } from '../../protocol/messages';
import { envelope } from '../../protocol/envelope';
import { sendToBackground } from '../shared/messaging';

/**
 * How long a bulk answer may take before the page asks again over runtime messaging (a page of 2,000 calls takes
 * well under 1 s). A worker stopped mid-request never answers on the port, where `runtime.sendMessage` would fail at
 * once; the request is a read, so asking again is safe.
 */
const BULK_TIMEOUT_MS = 10_000;

/** The parts of `navigator.serviceWorker` the bulk channel uses. */
export interface BulkWorkerContainer {
  getRegistration(): Promise<{ active: { postMessage(message: unknown, transfer: Transferable[]): void } | null } | undefined>;
}

/**
 * Sends a request whose reply is a large text (see BULK_REPLY_TYPES in background/bulk-replies.ts) to the
 * extension's service worker over its own `message` event, and gets the text back as transferred UTF-8 bytes.
 * Where the background is no service worker (Firefox's event page) or the channel is not there, it is an ordinary
 * `runtime.sendMessage`, which answers the same.
 */
export async function requestInBulk<T extends MessageType>(
  type: T,
  payload: ProtocolMap[T]['request'],
  container: BulkWorkerContainer | undefined = (globalThis.navigator as { serviceWorker?: BulkWorkerContainer } | undefined)?.serviceWorker,
  timeoutMs = BULK_TIMEOUT_MS,
): Promise<ProtocolMap[T]['response']> {
  let worker: { postMessage(message: unknown, transfer: Transferable[]): void } | null | undefined;
  try {
    worker = (await container?.getRegistration())?.active;
  } catch {
    worker = undefined;
  }
  if (!worker) return sendToBackground(type, payload);
  const channel = new MessageChannel();
  const timedOut = Symbol('timed out');
  const reply = new Promise<unknown>((resolve) => {
    const timer = setTimeout(() => {
      channel.port1.close();
      resolve(timedOut);
    }, timeoutMs);
    channel.port1.onmessage = (event: MessageEvent) => {
      clearTimeout(timer);
      channel.port1.close();
      resolve(event.data);
    };
  });
  worker.postMessage(envelope(type, payload), [channel.port2]);
  const data = await reply;
  if (data === timedOut) return sendToBackground(type, payload);
  return readBulkReply(type, data) as ProtocolMap[T]['response'];
}

/** The value of a bulk reply, its text decoded (a byte order mark kept), or the error it carries. */
export function readBulkReply(type: string, data: unknown): unknown {
  if (typeof data !== 'object' || data === null || typeof (data as { ok?: unknown }).ok !== 'boolean') {
    throw new Error(`OnScript background sent a malformed reply to ${type}`);
  }
  const reply = data as { ok: boolean; value?: unknown; error?: unknown; text?: unknown };
  if (!reply.ok) throw new Error(`OnScript background refused ${type}: ${String(reply.error)}`);
  if (reply.text === undefined) return reply.value;
  if (!(reply.text instanceof Uint8Array) || typeof reply.value !== 'object' || reply.value === null) {
    throw new Error(`OnScript background sent a malformed reply to ${type}`);
  }
  return { ...reply.value, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(reply.text) };
}
