import type { HookedFrame } from '../hooks/websocket-hook';

/*
 * The private channel between the MAIN-world hook and the ISOLATED bridge: a detached element the bridge creates
 * and hands the hook at document_start, before any page script runs. Handing it over is synchronous (a MouseEvent
 * whose `relatedTarget` is the element, dispatched on the window; the hook takes it by cancelling the event), so it
 * is over before a page script could listen, whichever of the two scripts the browser runs first: the first one
 * waits for the other. After that neither listens on the window: a page can neither get the element nor hand the
 * bridge one of its own, and no window event carries frames. The element is never inserted in the document, so
 * no page script can reach it or hear what is dispatched on it.
 *
 * Each frame is a CustomEvent dispatched on that element, which is synchronous: the bridge reads a SIP response
 * within the page's own dispatch of the socket's message, before the dialer's handler works on it (a 200 OK
 * starts the call's media, which on a busy machine held a queued message back by several milliseconds). Only
 * arrays of strings and numbers travel, and the browser copies an event's `detail` from one world to the other
 * (no `JSON` or `toJSON` a page could have replaced); the bridge checks each as if forged.
 */

/** bridge → hook: a MouseEvent with the element in `relatedTarget`; the hook cancels it to say it took it. */
export const CHANNEL_OFFER_EVENT = 'onscript:channel-offer';
/** hook → bridge: "I am here": a bridge already waiting answers with the offer at once. */
export const CHANNEL_REQUEST_EVENT = 'onscript:channel-request';
/** hook → bridge, on the private element only: one frame in `detail`. */
export const CHANNEL_FRAME_EVENT = 'onscript:channel-frame';

/** The largest frame accepted across the channel. */
export const MAX_PAGE_FRAME_CHARS = 64 * 1024;
/** Frames the hook keeps while it waits for the element (none are expected: page scripts have not run yet). */
const MAX_QUEUED_FRAMES = 64;

/** A frame as it travels on the channel: `[wire, at, data]` or `[wire, at, data, kind]`. */
export type PageFrameMessage = [HookedFrame['wire'], number, string] | [HookedFrame['wire'], number, string, 'twilio' | 'media'];

/** The channel message for a frame (read back by {@link decodePageFrame}). */
export function encodePageFrame(frame: HookedFrame): PageFrameMessage {
  return frame.kind ? [frame.wire, frame.at, frame.data, frame.kind] : [frame.wire, frame.at, frame.data];
}

/**
 * The hook's end: call at document_start, before anything else of the hook. Returns the reporter the socket and
 * peer-connection hooks use; it hands each frame to the bridge before it returns. Everything it calls later is
 * captured now, while the page's globals are the browser's own.
 */
export function openHookChannel(win: Window): (frame: HookedFrame) => void {
  const remove = win.removeEventListener.bind(win);
  const dispatch = EventTarget.prototype.dispatchEvent;
  const FrameEvent = (win as Window & typeof globalThis).CustomEvent;
  const apply = Reflect.apply;
  const construct = Reflect.construct;
  let element: EventTarget | undefined;
  let queued: PageFrameMessage[] = [];
  const send = (target: EventTarget, message: PageFrameMessage) =>
    apply(dispatch, target, [construct(FrameEvent, [CHANNEL_FRAME_EVENT, { detail: message }])]);
  const onOffer = (event: Event) => {
    const offered = (event as MouseEvent).relatedTarget;
    if (element || !offered) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    element = offered;
    remove(CHANNEL_OFFER_EVENT, onOffer, true);
    for (const message of queued) send(offered, message);
    queued = [];
  };
  win.addEventListener(CHANNEL_OFFER_EVENT, onOffer, true);
  // A bridge that ran first is waiting for this and offers the element within this call.
  win.dispatchEvent(new Event(CHANNEL_REQUEST_EVENT));
  return (frame) => {
    const message = encodePageFrame(frame);
    if (element) send(element, message);
    else if (queued.length < MAX_QUEUED_FRAMES) queued.push(message);
  };
}

/**
 * The bridge's end: creates the channel and offers it to the hook, now if the hook ran first, else as soon as
 * the hook asks. Frames go to `onFrame` as the hook reports them, within its call (unchecked: see
 * {@link decodePageFrame}).
 */
export function openBridgeChannel(win: Window, onFrame: (data: unknown) => void): { close(): void; readonly handedOver: boolean } {
  const element = win.document.createElement('span');
  const onMessage = (event: Event) => onFrame((event as CustomEvent<unknown>).detail);
  element.addEventListener(CHANNEL_FRAME_EVENT, onMessage);
  let handedOver = false;
  const offer = () => {
    handedOver = !win.dispatchEvent(new MouseEvent(CHANNEL_OFFER_EVENT, { relatedTarget: element, cancelable: true }));
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
      element.removeEventListener(CHANNEL_FRAME_EVENT, onMessage);
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
