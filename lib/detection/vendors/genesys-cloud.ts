/**
 * Genesys Cloud Embeddable Framework, when the customer's framework.js forwards its subscription:
 * `JSON.stringify({type: 'interactionSubscription', data: {category, interaction}})` or the same as an object.
 * Field names assumed from Genesys's framework examples.
 */
import type { CallPhase } from '../../calls/types';
import { isPlainRecord, ownField, ownRecord, ownString } from '../guard';
import { defineVendor, type CallUpdate, type ParseOutcome, type VendorCallBook } from './define-vendor';
import { directionOf, dropped, lookUp, MAX_ID_CHARS, MAX_REMOTE_CHARS, MAX_TYPE_CHARS } from './shared';

const PHASES: Readonly<Record<string, CallPhase>> = {
  ALERTING: 'ringing',
  DIALING: 'dialing',
  CONTACTING: 'dialing',
  CONNECTED: 'connected',
  HELD: 'held',
  DISCONNECTED: 'ended',
  TERMINATED: 'ended',
};

function parse(data: unknown, book: VendorCallBook): ParseOutcome {
  if (!isPlainRecord(data)) return dropped('bad-shape', '$');
  const type = ownString(data, 'type', MAX_TYPE_CHARS);
  if (type === undefined) return dropped('bad-shape', 'type');
  if (type !== 'interactionSubscription') return dropped('unknown-type');
  const body = ownRecord(data, 'data');
  if (!body) return dropped('bad-shape', 'data');
  const category = ownString(body, 'category', 32);
  if (category === undefined) return dropped('bad-shape', 'data.category');
  let interaction = ownRecord(body, 'interaction');
  // A "change" carries {old, new}; the new state is what counts.
  if (interaction && category === 'change') interaction = ownRecord(interaction, 'new');
  if (!interaction) return dropped('bad-shape', 'data.interaction');
  const key = ownString(interaction, 'id', MAX_ID_CHARS);
  if (!key) return dropped('bad-shape', 'data.interaction.id');
  for (const flag of ['isChat', 'isEmail', 'isMessage', 'isVoicemail']) {
    if (ownField(interaction, flag) === true) return dropped('not-voice');
  }

  const direction = directionOf(ownField(interaction, 'direction'));
  const state = ownString(interaction, 'state', 32)?.toUpperCase();
  let phase: CallPhase | undefined = state === undefined ? undefined : lookUp(PHASES, state);
  if (ownField(interaction, 'isDisconnected') === true || category === 'disconnect' || category === 'acw' || category === 'deallocate') {
    phase = 'ended';
  } else if (ownField(interaction, 'isHeld') === true) {
    phase = 'held';
  } else if (!phase && ownField(interaction, 'isConnected') === true) {
    phase = 'connected';
  }
  if (!phase) {
    // An "add" without a state we know is a new interaction being offered.
    if (category !== 'add') return dropped('bad-shape', 'data.interaction.state');
    phase = direction === 'outbound' ? 'dialing' : 'ringing';
  }
  if (phase === 'ended' && !book.has(key)) return { updates: [] };

  const update: CallUpdate = { key, phase };
  if (direction) update.direction = direction;
  const remote =
    ownString(interaction, 'phone', MAX_REMOTE_CHARS) ??
    ownString(interaction, direction === 'outbound' ? 'calledNumber' : 'ani', MAX_REMOTE_CHARS) ??
    ownString(interaction, 'displayAddress', MAX_REMOTE_CHARS);
  if (remote) update.remote = remote;
  return { updates: [update] };
}

/** Genesys Cloud regions on pure.cloud (US West, Canada, São Paulo, London, Zurich, UAE, Mumbai, Seoul, Osaka). */
const PURE_CLOUD_REGIONS = ['usw2', 'cac1', 'sae1', 'euw2', 'euc2', 'mec1', 'aps1', 'apne2', 'apne3'] as const;

/** Genesys Cloud's embeddable client (the framework CRMs embed), per region. */
export default defineVendor({
  id: 'genesys-cloud',
  name: 'Genesys Cloud Embeddable Framework',
  layer: 'cti',
  origins: [
    'https://apps.mypurecloud.com',
    'https://apps.mypurecloud.ie',
    'https://apps.mypurecloud.de',
    'https://apps.mypurecloud.jp',
    'https://apps.mypurecloud.com.au',
    // The pure.cloud regions, each by its exact host (Genesys Cloud's region list): a wildcard would take any
    // pure.cloud subdomain, login and API hosts included.
    ...PURE_CLOUD_REGIONS.map((region) => `https://apps.${region}.pure.cloud`),
  ],
  // One entry per region: an organization lives in one, and the browser asks for access to what the agent enables.
  dialers: [
    { id: 'genesys-cloud', name: 'Genesys Cloud (mypurecloud.com)', matches: ['https://apps.mypurecloud.com/*'] },
    { id: 'genesys-cloud-ie', name: 'Genesys Cloud (mypurecloud.ie)', matches: ['https://apps.mypurecloud.ie/*'] },
    { id: 'genesys-cloud-de', name: 'Genesys Cloud (mypurecloud.de)', matches: ['https://apps.mypurecloud.de/*'] },
    { id: 'genesys-cloud-jp', name: 'Genesys Cloud (mypurecloud.jp)', matches: ['https://apps.mypurecloud.jp/*'] },
    { id: 'genesys-cloud-au', name: 'Genesys Cloud (mypurecloud.com.au)', matches: ['https://apps.mypurecloud.com.au/*'] },
    ...PURE_CLOUD_REGIONS.map((region) => ({
      id: `genesys-cloud-${region}`,
      name: `Genesys Cloud (${region}.pure.cloud)`,
      matches: [`https://apps.${region}.pure.cloud/*`],
    })),
  ],
  // Forwarded subscriptions are often JSON text; the other vendors post objects.
  postsJsonText: true,
  parse,
});

/**
 * Test pages
 *
 * - Targets: a CRM page embedding `https://apps.mypurecloud.com/crm/index.html` (or its region's
 *   `apps.<region>.pure.cloud`) with a `framework.js` that forwards `interactionSubscription`.
 * - Fixture: `JSON.stringify({type:'interactionSubscription', data:{category:'add'|'update'|'disconnect',
 *   interaction:{id, state, direction, phone}}})`.
 */
