import type { MessageType, ProtocolMap } from './messages';

/*
 * The wire envelope on its own, without the sender rules and validators of every feature: content scripts
 * import this, and they run in someone else's page on every load.
 */

/** Tags OnScript's messages so that anything else on the runtime channel is ignored. */
export const PROTOCOL_ID = 'onscript/1';

/** The envelope on the wire. */
export interface Envelope<T extends MessageType = MessageType> {
  protocol: typeof PROTOCOL_ID;
  type: T;
  payload: ProtocolMap[T]['request'];
}

/** Builds an envelope. */
export function envelope<T extends MessageType>(type: T, payload: ProtocolMap[T]['request']): Envelope<T> {
  return { protocol: PROTOCOL_ID, type, payload };
}
