import type { CallRecord, CallSignal, TabCallState } from '../calls/types';

/**
 * Every message OnScript's parts exchange, in one map: the request each type carries and the response it gets.
 * No message-name string appears anywhere else.
 *
 * Senders: `content` = the ISOLATED content script in a dialer page (untrusted data); `extension` = OnScript's
 * own pages (side panel, options); `background` = the worker, broadcasting to extension pages.
 */
export interface ProtocolMap {
  /** content → background: a detector saw a call change phase. */
  'call/signal': { request: CallSignal; response: { accepted: boolean } };
  /** extension → background: the calls the background tracks for a tab. */
  'tab/get-state': { request: { tabId: number }; response: TabCallState };
  /** extension → background: the most recent call records, newest first. */
  'calls/list-recent': { request: { limit: number }; response: CallRecord[] };
  /** background → extension pages: a tab's calls changed. */
  'tab/state-changed': { request: TabCallState; response: void };
  /** extension or content → background: a no-op round trip, for latency baselines. */
  'ping': { request: { sentAt: number }; response: { sentAt: number } };
}

/** A message type. */
export type MessageType = keyof ProtocolMap;

/** Who may send each type; the background refuses anything else. */
export const MESSAGE_SENDERS: { readonly [T in MessageType]: readonly ('content' | 'extension' | 'background')[] } = {
  'call/signal': ['content'],
  'tab/get-state': ['extension'],
  'calls/list-recent': ['extension'],
  'tab/state-changed': ['background'],
  'ping': ['content', 'extension'],
};

/** The envelope on the wire. */
export interface Envelope<T extends MessageType = MessageType> {
  protocol: typeof PROTOCOL_ID;
  type: T;
  payload: ProtocolMap[T]['request'];
}

/** Tags OnScript's messages so that anything else on the runtime channel is ignored. */
export const PROTOCOL_ID = 'onscript/1';

/** Builds an envelope. */
export function envelope<T extends MessageType>(type: T, payload: ProtocolMap[T]['request']): Envelope<T> {
  return { protocol: PROTOCOL_ID, type, payload };
}
