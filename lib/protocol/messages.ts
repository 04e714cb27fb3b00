import { CALL_MESSAGES, type CallMessages } from './call-messages';
import { COMPLIANCE_MESSAGES, type ComplianceMessages } from './compliance-messages';
import { DEBTOR_MESSAGES, type DebtorMessages } from './debtor-messages';
import { NOTES_MESSAGES, type NotesMessages } from './notes-messages';
import { PACKS_MESSAGES, type PacksMessages } from './packs-messages';
import { SCRIPT_MESSAGES, type ScriptMessages } from './script-messages';
import { TEAM_MESSAGES, type TeamMessages } from './team-messages';
import type { MessageTable } from './sender-rules';

/**
 * Every message OnScript's parts exchange: the request each type carries and the response it gets. Each
 * feature declares its own part (lib/protocol/<feature>-messages.ts: types, and one table of allowed senders and
 * validators); this is the one map they form. No message-name string appears outside lib/protocol.
 *
 * Senders: `content` = the ISOLATED content script in a dialer page (untrusted data); `extension` = OnScript's
 * own pages (side panel, options); `background` = the worker, telling extension pages.
 */
export interface ProtocolMap extends CallMessages, ScriptMessages, ComplianceMessages, DebtorMessages, NotesMessages, PacksMessages, TeamMessages {}

/** A message type. */
export type MessageType = keyof ProtocolMap;

/** Who may send each type and how its payload is checked; the background refuses anything else. */
export const MESSAGES: MessageTable<ProtocolMap> = {
  ...CALL_MESSAGES,
  ...SCRIPT_MESSAGES,
  ...COMPLIANCE_MESSAGES,
  ...DEBTOR_MESSAGES,
  ...NOTES_MESSAGES,
  ...PACKS_MESSAGES,
  ...TEAM_MESSAGES,
};
