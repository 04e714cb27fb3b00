/**
 * Amazon Connect Streams conduit: `{event: 'agent::update', data: {snapshot: {contacts: [...]}}}`, the whole agent
 * snapshot re-sent on every change, diffed here into one update per contact. Shapes as amazon-connect-streams
 * defines them; that the CCP posts them to the host window is assumed.
 */
import type { CallDirection, HangupParty } from '../../calls/types';
import { isPlainRecord, ownField, ownRecord, ownString } from '../guard';
import { defineVendor, type CallUpdate, type ParseOutcome, type VendorCallBook } from './define-vendor';
import { dropped, MAX_ID_CHARS, MAX_REMOTE_CHARS, MAX_TYPE_CHARS } from './shared';

const MAX_SNAPSHOT_CONTACTS = 20;
const VOICE_TYPES = new Set(['voice', 'queue_callback']);

function stateType(value: unknown): string | undefined {
  if (typeof value === 'string') return value.length <= 32 ? value.toLowerCase() : undefined;
  if (!isPlainRecord(value)) return undefined;
  return ownString(value, 'type', 32)?.toLowerCase();
}

function parse(data: unknown, book: VendorCallBook): ParseOutcome {
  if (!isPlainRecord(data)) return dropped('bad-shape', '$');
  const event = ownString(data, 'event', MAX_TYPE_CHARS);
  if (event === undefined) return dropped('bad-shape', 'event');
  if (event !== 'agent::update') return dropped('unknown-type');
  const snapshot = ownRecord(ownRecord(data, 'data') ?? {}, 'snapshot');
  if (!snapshot) return dropped('bad-shape', 'data.snapshot');
  const contacts = ownField(snapshot, 'contacts');
  if (!Array.isArray(contacts)) return dropped('bad-shape', 'data.snapshot.contacts');
  if (contacts.length > MAX_SNAPSHOT_CONTACTS) return dropped('too-large', 'data.snapshot.contacts');

  const updates: CallUpdate[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < contacts.length; i += 1) {
    const contact: unknown = contacts[i];
    const path = `data.snapshot.contacts[${i}]`;
    if (!isPlainRecord(contact)) return dropped('bad-shape', path);
    const key = ownString(contact, 'contactId', MAX_ID_CHARS);
    if (!key) return dropped('bad-shape', `${path}.contactId`);
    const type = ownString(contact, 'type', 32);
    if (type !== undefined && !VOICE_TYPES.has(type)) continue;
    const connections = ownField(contact, 'connections');
    if (connections !== undefined && !Array.isArray(connections)) return dropped('bad-shape', `${path}.connections`);
    const update = contactUpdate(key, type, stateType(ownField(contact, 'state')), connections ?? []);
    if (!update) return dropped('bad-shape', path);
    seen.add(key);
    updates.push(update);
  }
  // A contact that vanished from the snapshot is over, even if we missed its last state.
  for (const key of book.keys()) {
    if (!seen.has(key)) updates.push({ key, phase: 'ended' });
  }
  return { updates };
}

function contactUpdate(
  key: string,
  type: string | undefined,
  contactState: string | undefined,
  connections: unknown[],
): CallUpdate | undefined {
  let agent: Record<string, unknown> | undefined;
  const parties: Array<Record<string, unknown>> = [];
  for (const c of connections) {
    if (!isPlainRecord(c)) return undefined;
    const ctype = ownString(c, 'type', 32);
    if (ctype === 'agent') agent ??= c;
    else if (ctype === 'inbound' || ctype === 'outbound') parties.push(c);
  }
  const customer = parties.find((c) => ownField(c, 'initial') === true) ?? parties[0];
  const direction: CallDirection =
    type === 'queue_callback' || (customer && ownString(customer, 'type', 32) === 'outbound') ? 'outbound' : 'inbound';
  const customerState = customer ? stateType(ownField(customer, 'state')) : undefined;
  const agentState = agent ? stateType(ownField(agent, 'state')) : undefined;
  const endpoint = customer ? ownRecord(customer, 'endpoint') : undefined;
  const remote = endpoint ? ownString(endpoint, 'phoneNumber', MAX_REMOTE_CHARS) : undefined;

  const update: CallUpdate = { key, direction, phase: 'ringing' };
  if (remote) update.remote = remote;

  if (contactState === 'missed') return { ...update, phase: 'ended', endReason: 'cancelled' };
  if (contactState === 'rejected') return { ...update, phase: 'ended', endedBy: 'local', endReason: 'rejected' };
  if (contactState === 'error') return { ...update, phase: 'ended', endReason: 'failed' };
  const customerGone = customerState === 'disconnected';
  const agentGone = agentState === 'disconnected';
  if (contactState === 'ended' || customerGone || agentGone) {
    const endedBy: HangupParty = customerGone && !agentGone ? 'remote' : agentGone && !customerGone ? 'local' : 'unknown';
    return { ...update, phase: 'ended', endedBy };
  }
  if (contactState === 'incoming' || contactState === 'pending') return { ...update, phase: 'ringing' };
  if (customerState === 'hold' || agentState === 'hold') return { ...update, phase: 'held' };
  // Inbound: the customer leg is connected to Connect from the IVR on; the call is the agent's only
  // once the agent leg is connected too.
  if (customerState === 'connected' && (agentState === undefined || agentState === 'connected')) {
    return { ...update, phase: 'connected' };
  }
  if (customerState === 'connecting') return update;
  if (customerState === 'init' || contactState === 'init' || contactState === 'connecting') {
    return { ...update, phase: direction === 'outbound' ? 'dialing' : 'ringing' };
  }
  if (contactState === 'connected') return { ...update, phase: 'connected' };
  return direction === 'outbound' ? { ...update, phase: 'dialing' } : update;
}

/** Amazon Connect's Contact Control Panel, on its own instance site or embedded in an agent desktop. */
export default defineVendor({
  id: 'amazon-connect',
  name: 'Amazon Connect (Streams / CCP)',
  layer: 'cti',
  // Every my.connect.aws subdomain is a Connect instance (an alias per company). The legacy <alias>.awsapps.com
  // domain also serves every company's AWS sign-in portal (and is a public suffix): an enterprise on it names its
  // exact instance host in the vendor-origins setting or policy instead.
  origins: ['https://*.my.connect.aws'],
  dialers: [{ id: 'amazon-connect', name: 'Amazon Connect CCP', matches: ['https://*.my.connect.aws/*'] }],
  parse,
});

/**
 * Test pages
 *
 * - Targets: a custom agent desktop embedding the CCP from `https://<alias>.my.connect.aws/ccp-v2/`
 *   (legacy `https://<alias>.awsapps.com/connect/ccp-v2/`: named exactly in the vendor-origins setting).
 * - Fixture: repeated `{event:'agent::update', data:{snapshot:{contacts:[…]}}}` with one voice contact going
 *   incoming → connected → hold → connected → ended, each state posted several times, then an empty contacts
 *   list.
 */
