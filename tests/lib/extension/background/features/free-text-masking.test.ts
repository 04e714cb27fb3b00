import { describe, expect, it } from 'vitest';
import { openOnScriptDb, type StoredCallRecord } from '../../../../../lib/db/schema';
import { createBackgroundService } from '../../../../../lib/extension/background/service';
import { complianceProfileSetting, guardOverridesItem } from '../../../../../lib/extension/shared/settings';
import { envelope } from '../../../../../lib/protocol/envelope';
import { readCsvRows } from '../../../../../lib/compliance/csv-rows';
import type { MessageType, ProtocolMap } from '../../../../../lib/protocol/messages';
import { dialerSender as dialer, panelSender as panel } from '../../../../fixtures/senders';

/**
 * Issue 14, item 2: every free-text field is masked in the background before it is stored, not only the notes:
 * script variables, the debtor reference, do-not-call notes, override reasons and imported attempts.
 */
const CARD = '4111 1111 1111 1111';
const MASKED = '••••••••••••1111';
const CLOSED = Date.parse('2026-03-10T15:00:00Z'); // 23:00 in Shanghai

let counter = 0;
async function setup() {
  const name = `masking-${++counter}`;
  let n = 0;
  const bg = createBackgroundService({ now: () => CLOSED, newId: () => `id-${++n}`, openDb: () => openOnScriptDb(undefined, name) });
  const db = await openOnScriptDb(undefined, name);
  async function ask<T extends MessageType>(type: T, payload: ProtocolMap[T]['request'], sender = panel()) {
    const reply = await bg.onMessage(envelope(type, payload), sender);
    if (!reply?.ok) throw new Error(`refused: ${reply ? reply.error : 'no reply'}`);
    return reply.value as ProtocolMap[T]['response'];
  }
  return { db, ask };
}

const stored = (value: unknown) => JSON.stringify(value);

describe('free text is masked before it is stored (issue 14, item 2)', () => {
  it('in the per-call form and the debtor reference', async () => {
    const { db, ask } = await setup();
    await db.put('calls', { id: 'c1', origin: 'http://x', source: 'sip-ws', direction: 'outbound', remoteNumber: '13800138000', phase: 'connected', startedAt: 1, updatedAt: 1 } as StoredCallRecord);
    await ask('script/set-variables', { callId: 'c1', variables: { 'customer.name': `Li, card ${CARD}` }, debtorRef: '4111111111111111' });
    const record = await db.get('calls', 'c1');
    expect(record?.variables?.['customer.name']).toBe(`Li, card ${MASKED}`);
    expect(record?.debtorRef).toBe(MASKED);
    expect(stored(record)).not.toContain('4111 1111');
  });

  it('in what a CRM page shows beside the call (its DOM rule fields), on the live call and the record', async () => {
    const { db, ask } = await setup();
    await ask('call/signal', { callKey: 'k1', source: 'sip-ws', phase: 'dialing', direction: 'outbound', remote: '+447400123456', at: CLOSED }, dialer());
    await ask('call/page-fields', { callKey: 'k1', fields: { 'debt.product': `card ${CARD}`, 'customer.name': 'Jane Doe' } }, dialer());
    const [record] = await db.getAll('calls');
    expect(record?.pageFields).toEqual({ 'debt.product': `card ${MASKED}`, 'customer.name': 'Jane Doe' });
    const tab = await ask('tab/get-state', { tabId: 7 });
    expect(stored(tab)).not.toContain('4111 1111');
    expect(stored(tab)).toContain(`card ${MASKED}`);
  });

  it('in a do-not-call flag\'s note and debtor reference', async () => {
    const { db, ask } = await setup();
    await ask('compliance/add-flag', { reason: 'cease-request', scope: 'debtor', debtorRef: '4111111111111111', note: `letter quotes card ${CARD}` });
    const [flag] = await db.getAll('doNotCall');
    expect(flag).toMatchObject({ debtorRef: MASKED, note: `letter quotes card ${MASKED}` });
  });

  it('in imported attempts', async () => {
    const { db, ask } = await setup();
    await ask('compliance/import-attempts', { ...readCsvRows(`at,debtor_ref,number,outcome\n2026-03-09T10:00:00Z,4111111111111111,+8613800138000,unanswered\n`), source: 'crm' });
    const attempts = await db.getAll('importedAttempts');
    expect(attempts).toHaveLength(1);
    expect(attempts[0]?.debtorRef).toBe(MASKED);
  });

  it('in an override reason, on the record and in the override kept for the redial', async () => {
    const { db, ask } = await setup();
    await complianceProfileSetting.setValue('CN-CBA-2026');
    await ask('call/signal', { callKey: 'late', source: 'sip-ws', phase: 'dialing', direction: 'outbound', remote: '13800138000', at: CLOSED }, dialer());
    await ask('compliance/override', { callKey: 'late', reason: `debtor read out ${CARD} to pay now` }, dialer());
    const [record] = await db.getAll('calls');
    const override = record?.complianceEvents?.find((event) => event.kind === 'override');
    expect(override?.reason).toBe(`debtor read out ${MASKED} to pay now`);
    expect(stored(await guardOverridesItem.getValue())).not.toContain('4111 1111');
  });
});
