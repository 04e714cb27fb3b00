import { CALL_MESSAGE_SENDERS, type CallMessages } from './call-messages';
import { COMPLIANCE_MESSAGE_SENDERS, type ComplianceMessages } from './compliance-messages';
import { DETECTION_MESSAGE_SENDERS, type DetectionMessages } from './detection-messages';
import { NOTES_MESSAGE_SENDERS, type NotesMessages } from './notes-messages';
import { PACKS_MESSAGE_SENDERS, type PacksMessages } from './packs-messages';
import { SCRIPT_MESSAGE_SENDERS, type ScriptMessages } from './script-messages';
import type { SenderRule } from './sender-rules';

/**
 * Every message OnScript's parts exchange: the request each type carries and the response it gets. Each
 * feature declares its own part (lib/protocol/*-messages.ts: types, allowed senders, validators); this is the
 * one map they form. No message-name string appears outside lib/protocol.
 *
 * Senders: `content` = the ISOLATED content script in a dialer page (untrusted data); `extension` = OnScript's
 * own pages (side panel, options); `background` = the worker, broadcasting to extension pages.
 */
export interface ProtocolMap
  extends CallMessages,
    ScriptMessages,
    ComplianceMessages,
    NotesMessages,
    DetectionMessages,
    PacksMessages {}

/** A message type. */
export type MessageType = keyof ProtocolMap;

/** Who may send each type; the background refuses anything else. */
export const MESSAGE_SENDERS: { readonly [T in MessageType]: SenderRule } = {
  ...CALL_MESSAGE_SENDERS,
  ...SCRIPT_MESSAGE_SENDERS,
  ...COMPLIANCE_MESSAGE_SENDERS,
  ...NOTES_MESSAGE_SENDERS,
  ...DETECTION_MESSAGE_SENDERS,
  ...PACKS_MESSAGE_SENDERS,
};

export { envelope, PROTOCOL_ID, type Envelope } from './envelope';
