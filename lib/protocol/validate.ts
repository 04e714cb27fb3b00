import { refuse, type Checked, type Validator } from './checks';
import { PROTOCOL_ID, type Envelope } from './envelope';
import { MESSAGES, type MessageType, type ProtocolMap } from './messages';
import type { SenderKind } from './sender-rules';

export type { Checked } from './checks';
export { MAX_CALL_KEY_CHARS, MAX_REMOTE_CHARS, validateCallSignal } from './call-messages';

/** Checks an envelope's frame: protocol tag, known type. The payload is checked by {@link validatePayload}. */
export function readEnvelope(message: unknown): Checked<Envelope> {
  if (typeof message !== 'object' || message === null || (message as Record<string, unknown>)['protocol'] !== PROTOCOL_ID) {
    return refuse('not an OnScript message');
  }
  const { type, payload } = message as Record<string, unknown>;
  if (typeof type !== 'string' || !Object.hasOwn(MESSAGES, type)) {
    return refuse(`unknown message type ${JSON.stringify(String(type).slice(0, 40))}`);
  }
  return { ok: true, value: { protocol: PROTOCOL_ID, type: type as MessageType, payload: payload as never } };
}

/** Whether a sender of the given kind may send the type. */
export function senderMayPost(type: MessageType, sender: SenderKind): boolean {
  return MESSAGES[type].senders.includes(sender);
}

/** Checks a payload for its type with that type's validator. */
export function validatePayload<T extends MessageType>(type: T, payload: unknown): Checked<ProtocolMap[T]['request']> {
  const validator = MESSAGES[type]?.validate as Validator<ProtocolMap[T]['request']> | undefined;
  return validator ? validator(payload) : refuse('unknown type');
}
