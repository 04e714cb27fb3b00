import { CALL_MESSAGE_VALIDATORS } from './call-messages';
import { refuse, type Checked, type Validator } from './checks';
import { COMPLIANCE_MESSAGE_VALIDATORS } from './compliance-messages';
import { DETECTION_MESSAGE_VALIDATORS } from './detection-messages';
import { MESSAGE_SENDERS, PROTOCOL_ID, type Envelope, type MessageType, type ProtocolMap } from './messages';
import { NOTES_MESSAGE_VALIDATORS } from './notes-messages';
import { PACKS_MESSAGE_VALIDATORS } from './packs-messages';
import { SCRIPT_MESSAGE_VALIDATORS } from './script-messages';
import type { SenderKind } from './sender-rules';

export type { Checked } from './checks';
export { MAX_CALL_KEY_CHARS, MAX_REMOTE_CHARS, validateCallSignal } from './call-messages';

const VALIDATORS: { readonly [T in MessageType]: Validator<ProtocolMap[T]['request']> } = {
  ...CALL_MESSAGE_VALIDATORS,
  ...SCRIPT_MESSAGE_VALIDATORS,
  ...COMPLIANCE_MESSAGE_VALIDATORS,
  ...NOTES_MESSAGE_VALIDATORS,
  ...DETECTION_MESSAGE_VALIDATORS,
  ...PACKS_MESSAGE_VALIDATORS,
};

/** Checks an envelope's frame: protocol tag, known type. The payload is checked by {@link validatePayload}. */
export function readEnvelope(message: unknown): Checked<Envelope> {
  if (typeof message !== 'object' || message === null || (message as Record<string, unknown>)['protocol'] !== PROTOCOL_ID) {
    return refuse('not an OnScript message');
  }
  const { type, payload } = message as Record<string, unknown>;
  if (typeof type !== 'string' || !Object.hasOwn(MESSAGE_SENDERS, type)) {
    return refuse(`unknown message type ${JSON.stringify(String(type).slice(0, 40))}`);
  }
  return { ok: true, value: { protocol: PROTOCOL_ID, type: type as MessageType, payload: payload as never } };
}

/** Whether a sender of the given kind may send the type. */
export function senderMayPost(type: MessageType, sender: SenderKind): boolean {
  return MESSAGE_SENDERS[type].includes(sender);
}

/** Checks a payload for its type with that type's validator. */
export function validatePayload<T extends MessageType>(type: T, payload: unknown): Checked<ProtocolMap[T]['request']> {
  const validator = VALIDATORS[type] as Validator<ProtocolMap[T]['request']> | undefined;
  return validator ? validator(payload) : refuse('unknown type');
}
