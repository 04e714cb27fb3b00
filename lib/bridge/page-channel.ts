import type { HookedFrame } from '../hooks/websocket-hook';

/*
 * The private channel between the MAIN-world hook and the ISOLATED bridge: a MessagePort the bridge creates and
 * hands the hook at document_start, before any page script runs. Handing it over is synchronous (a MessageEvent
 * carrying the port, dispatched on the window; the hook takes it by cancelling the event), so it is over before a
 * page script could listen, whichever of the two scripts the browser runs first: the first one waits for the
 * other. After that neither listens: a page can neither get the port nor hand the bridge one of its own, and no
 * window event carries frames. Only arrays of strings and numbers travel on the port, structured-cloned (no
 * `JSON` or `toJSON` a page could have replaced), and the bridge checks each as if forged.
 */

/** bridge → hook: a MessageEvent with the port in `ports`; the hook cancels it to say it took the port. */
export const CHANNEL_OFFER_EVENT = 'onscript:channel-offer';
/** hook → bridge: "I am here": a bridge already waiting answers with the offer at once. */
export const CHANNEL_REQUEST_EVENT = 'onscript:channel-request';

/** The largest frame accepted across the channel. */
export const MAX_PAGE_FRAME_CHARS = 64 * 1024;
/** Frames the hook keeps while it waits for the port (none are expected: page scripts have not run yet). */
const MAX_QUEUED_FRAMES = 64;

/** A frame as it travels on the channel: `[wire, at, data]` or `[wire, at, data, kind]`. */
export type PageFrameMessage = [HookedFrame['wire'], number, string] | [HookedFrame['wire'], number, string, 'twilio' | 'media'];

/** The channel message for a frame (read back by {@link decodePageFrame}). */
export function encodePageFrame(frame: HookedFrame): PageFrameMessage {
  return frame.kind ? [frame.wire, frame.at, frame.data, frame.kind] : [frame.wire, frame.at, frame.data];
}

/**
 * The hook's end: call at document_start, before anything else of the hook. Returns the reporter the socket and
 * peer-connection hooks use. Everything it calls later is captured now, while the page's globals are the
 * browser's own.
 */
export function openHookChannel(win: Window): (frame: HookedFrame) => void {
  const remove = win.removeEventListener.bind(win);
  const post = MessagePort.prototype.postMessage;
  const apply = Reflect.apply;
  let port: MessagePort | undefined;
  let queued: PageFrameMessage[] = [];
  const onOffer = (event: Event) => {
    const offered = (event as MessageEvent).ports?.[0];
    if (port || !offered) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    port = offered;
    remove(CHANNEL_OFFER_EVENT, onOffer, true);
    for (const message of queued) apply(post, port, [message]);
    queued = [];
  };
  win.addEventListener(CHANNEL_OFFER_EVENT, onOffer, true);
  // A bridge that ran first is waiting for this and offers the port within this call.
  win.dispatchEvent(new Event(CHANNEL_REQUEST_EVENT));
  return (frame) => {
    const message = encodePageFrame(frame);
    if (port) apply(post, port, [message]);
    else if (queued.length < MAX_QUEUED_FRAMES) queued.push(message);
  };
}

/**
 * The bridge's end: creates the channel and offers it to the hook, now if the hook ran first, else as soon as
 * the hook asks. Frames read off the port go to `onFrame` as they come (unchecked: see {@link decodePageFrame}).
 */
export function openBridgeChannel(win: Window, onFrame: (data: unknown) => void): { close(): void; readonly handedOver: boolean } {
  const channel = new MessageChannel();
  channel.port1.onmessage = (event) => onFrame(event.data);
  let handedOver = false;
  const offer = () => {
    handedOver = !win.dispatchEvent(new MessageEvent(CHANNEL_OFFER_EVENT, { ports: [channel.port2], cancelable: true }));
    if (handedOver) win.removeEventListener(CHANNEL_REQUEST_EVENT, onRequest, true);
  };
  const onRequest = (event: Event) => {
    event.stopImmediatePropagation();
    if (!handedOver) offer();
  };
  win.addEventListener(CHANNEL_REQUEST_EVENT, onRequest, true);
  offer();
  return {
    close() {
      win.removeEventListener(CHANNEL_REQUEST_EVENT, onRequest, true);
      channel.port1.close();
    },
    get handedOver() {
      return handedOver;
    },
  };
}

/** Reads a frame off the channel, or `undefined` for anything malformed or oversized. */
export function decodePageFrame(data: unknown): HookedFrame | undefined {
  if (!Array.isArray(data) || data.length < 3 || data.length > 4) return undefined;
  const [wire, at, text, kind] = data as unknown[];
  if (data.length === 4 && kind !== 'twilio' && kind !== 'media') return undefined;
  if (wire !== 'sent' && wire !== 'received') return undefined;
  if (typeof at !== 'number' || !Number.isFinite(at)) return undefined;
  if (typeof text !== 'string' || text.length > MAX_PAGE_FRAME_CHARS) return undefined;
  if (kind === 'media') return /^\d{1,6}:connected$/.test(text) ? { wire, at, data: text, kind } : undefined;
  return kind === 'twilio' ? { wire, at, data: text, kind } : { wire, at, data: text };
}
