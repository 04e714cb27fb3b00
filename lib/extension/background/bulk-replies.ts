import type { Browser } from 'wxt/browser';

/**
 * Requests whose replies are large texts (an export page: up to 2,000 calls, about half a megabyte of CSV). Only
 * these are answered on the bulk channel; everything else keeps to `runtime.sendMessage`.
 */
export const BULK_REPLY_TYPES: ReadonlySet<string> = new Set(['notes/export-page']);

/** The parts of a service worker's `message` event (an `ExtendableMessageEvent`) the bulk channel reads. */
export interface BulkMessageEvent {
  data: unknown;
  source: { url: string; type?: string } | null;
  ports: readonly BulkReplyPort[];
  waitUntil(promise: Promise<unknown>): void;
}

/** The reply end of the `MessageChannel` the page sent with its request. */
export interface BulkReplyPort {
  postMessage(message: unknown, transfer: Transferable[]): void;
}

/** What the bulk channel answers: the protocol's reply, with a reply's `text` moved into UTF-8 bytes. */
export type BulkReply = { ok: true; value: unknown; text?: Uint8Array } | { ok: false; error: string };

/** Options of {@link createBulkReplyListener}. */
export interface BulkReplyOptions {
  /** `runtime.getURL('/')`: only the extension's own pages may ask. */
  extensionOrigin: string;
  extensionId: string;
  /** The background's `runtime.onMessage` listener, which checks the envelope, the sender and the payload. */
  answer(message: unknown, sender: Browser.runtime.MessageSender): Promise<{ ok: true; value: unknown } | { ok: false; error: string }> | undefined;
}

/**
 * The service worker's `message` listener for the bulk channel: an extension page posts a protocol envelope with a
 * `MessagePort`, and gets the reply on that port by structured clone, its text as UTF-8 bytes whose buffer is
 * transferred. `runtime.sendMessage` serialises replies as JSON, which costs about 60 ms per megabyte each way
 * (measured in Chromium); this is the transport the export's pages take in Chrome. Requests go through the same
 * checks as any message: the envelope, the sender's kind ('extension', from the page's URL) and the payload.
 */
export function createBulkReplyListener(options: BulkReplyOptions): (event: BulkMessageEvent) => void {
  return (event) => {
    const port = event.ports[0];
    const source = event.source;
    if (!port || !source || (source.type !== undefined && source.type !== 'window') || !source.url.startsWith(options.extensionOrigin)) return;
    const refuse = (error: string) => port.postMessage({ ok: false, error } satisfies BulkReply, []);
    const type = typeof event.data === 'object' && event.data !== null ? (event.data as { type?: unknown }).type : undefined;
    if (typeof type !== 'string' || !BULK_REPLY_TYPES.has(type)) return refuse('not a bulk request');
    const pending = options.answer(event.data, { id: options.extensionId, url: source.url });
    if (!pending) return refuse('not an OnScript request');
    event.waitUntil(
      pending.then(
        (reply) => {
          if (!reply.ok) return refuse(reply.error);
          const value = reply.value as { text?: unknown } | null;
          if (!value || typeof value !== 'object' || typeof value.text !== 'string') return port.postMessage({ ok: true, value: reply.value } satisfies BulkReply, []);
          const text = new TextEncoder().encode(value.text);
          port.postMessage({ ok: true, value: { ...value, text: '' }, text } satisfies BulkReply, [text.buffer]);
        },
        (error: unknown) => refuse(error instanceof Error ? error.message : String(error)),
      ),
    );
  };
}
