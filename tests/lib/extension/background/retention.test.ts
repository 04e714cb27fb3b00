import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openOnScriptDb, type StoredCallRecord } from '../../../../lib/db/schema';
import { purgeExpiredRecords } from '../../../../lib/extension/background/features/notes-feature';
import { appendToComplianceLog } from '../../../../lib/extension/background/compliance-log';
import { createBackgroundService } from '../../../../lib/extension/background/service';
import { retentionDaysSetting } from '../../../../lib/extension/shared/settings';

/**
 * Issue 14, item 3: retention purges every store, not only call records, and the evidence of compliance (records
 * with compliance events, the compliance log, lifted do-not-call flags) is kept at least as long as the lead's
 * floor, which the agent cannot lower by choosing one day.
 */
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 28, 2);
const call = (id: string, age: number, extra: Partial<StoredCallRecord> = {}): StoredCallRecord => ({
  id, origin: 'http://x', source: 'sip-ws', direction: 'outbound', remoteNumber: '13800138000', phase: 'ended',
  startedAt: NOW - age * DAY, updatedAt: NOW - age * DAY, ...extra,
});
const override = [{ at: 1, kind: 'override' as const, code: 'pre-dial-guard', detail: 'x', reason: 'asked' }];

let counter = 0;
async function setup() {
  const name = `retention-${++counter}`;
  const db = await openOnScriptDb(undefined, name);
  const bg = createBackgroundService({ now: () => NOW, openDb: () => openOnScriptDb(undefined, name) });
  await db.put('calls', call('plain-20', 20, { debtorRef: 'D-live' }));
  await db.put('calls', call('override-20', 20, { complianceEvents: override }));
  await db.put('calls', call('override-100', 100, { complianceEvents: override }));
  await db.put('calls', call('plain-5', 5, { debtorRef: 'D-recent' }));
  await db.put('importedAttempts', { id: 'a-20', at: NOW - 20 * DAY, phoneE164: '+8613800138000', outcome: 'unanswered', importedAt: NOW, source: 'crm' });
  await db.put('importedAttempts', { id: 'a-5', at: NOW - 5 * DAY, phoneE164: '+8613800138000', outcome: 'unanswered', importedAt: NOW, source: 'crm' });
  await db.put('doNotCall', { id: 'lifted-100', reason: 'wrong-number', scope: 'number', phoneE164: '+1', setAt: NOW - 200 * DAY, clearedAt: NOW - 100 * DAY });
  await db.put('doNotCall', { id: 'active-200', reason: 'cease-request', scope: 'number', phoneE164: '+2', setAt: NOW - 200 * DAY });
  await db.put('debtorTimes', { key: 'D-gone', times: [{ label: 'not before 10:00', toMinute: 600 }], updatedAt: NOW - 100 * DAY });
  await db.put('debtorTimes', { key: 'D-recent', times: [{ label: 'not before 10:00', toMinute: 600 }], updatedAt: NOW - 100 * DAY });
  await appendToComplianceLog(db, [{ at: NOW - 100 * DAY, kind: 'gate', code: 'block' }, { at: NOW - 20 * DAY, kind: 'gate', code: 'none' }]);
  return { db, bg };
}
const ids = async (db: Awaited<ReturnType<typeof openOnScriptDb>>, store: 'calls' | 'importedAttempts' | 'doNotCall' | 'debtorTimes') =>
  (await db.getAllKeys(store)).map(String).sort();

describe('retention of every store (issue 14, item 3)', () => {
  it('with the agent\'s one day: purges what is past, keeps the compliance evidence for the default floor and caps\' attempts', async () => {
    const { db, bg } = await setup();
    await retentionDaysSetting.setValue(1);
    await purgeExpiredRecords(bg.context);
    // Calls of the last 15 days stay for the contact caps; evidence stays for 90 days.
    expect(await ids(db, 'calls')).toEqual(['override-20', 'plain-5']);
    expect(await ids(db, 'importedAttempts')).toEqual(['a-5']);
    expect(await ids(db, 'doNotCall')).toEqual(['active-200']);
    // A debtor's stated times go when they are old and no call of that debtor is kept.
    expect(await ids(db, 'debtorTimes')).toEqual(['D-recent']);
    expect((await db.getAll('complianceLog')).map((entry) => entry.at)).toEqual([NOW - 20 * DAY]);
  });

  it('keeps compliance evidence for the lead\'s floor, which the agent cannot lower', async () => {
    const { db, bg } = await setup();
    await fakeBrowser.storage.managed.set({ complianceRetentionDays: 365 });
    await retentionDaysSetting.setValue(1);
    await purgeExpiredRecords(bg.context);
    expect(await ids(db, 'calls')).toEqual(['override-100', 'override-20', 'plain-5']);
    expect(await ids(db, 'doNotCall')).toEqual(['active-200', 'lifted-100']);
    expect(await db.count('complianceLog')).toBe(2);
  });
});
