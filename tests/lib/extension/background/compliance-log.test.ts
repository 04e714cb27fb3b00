import { describe, expect, it } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readComplianceLog, verifyComplianceLog } from '../../../../lib/audit/compliance-log';
import { openOnScriptDb } from '../../../../lib/db/schema';
import { appendInTransaction, appendToComplianceLog, COMPLIANCE_LOG_STORES, purgeComplianceLogBefore, readComplianceLogFile } from '../../../../lib/extension/background/compliance-log';
import { defineBackgroundFeature } from '../../../../lib/extension/background/feature';
import { callsFeature } from '../../../../lib/extension/background/features/calls-feature';
import { complianceFeature } from '../../../../lib/extension/background/features/compliance-feature';
import { createBackgroundService } from '../../../../lib/extension/background/service';
import { complianceProfileSetting } from '../../../../lib/extension/shared/settings';
import { envelope } from '../../../../lib/protocol/envelope';
import type { MessageType, ProtocolMap } from '../../../../lib/protocol/messages';

const CLOSED = Date.parse('2026-03-10T15:00:00Z'); // 23:00 in Shanghai
const panel = (): Browser.runtime.MessageSender => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/sidepanel.html') });
const dialer = (): Browser.runtime.MessageSender => ({ id: fakeBrowser.runtime.id, tab: { id: 7 } as Browser.tabs.Tab, frameId: 0, url: 'http://127.0.0.1:5173/dialer.html' });

let counter = 0;
describe('the compliance log in the background (issue 14, item 13)', () => {
  it('appends the gate result, the block, the override with its reason, a ticked disclosure and the disposition; the export verifies', async () => {
    await complianceProfileSetting.setValue('CN-CBA-2026');
    const name = `log-${++counter}`;
    let n = 0;
    const bg = createBackgroundService({ now: () => CLOSED, newId: () => `id-${++n}`, openDb: () => openOnScriptDb(undefined, name) });
    async function ask<T extends MessageType>(type: T, payload: ProtocolMap[T]['request'], sender = panel()) {
      const reply = await bg.onMessage(envelope(type, payload), sender);
      if (!reply?.ok) throw new Error(`refused: ${reply ? reply.error : 'no reply'}`);
      return reply.value as ProtocolMap[T]['response'];
    }
    await ask('call/signal', { callKey: 'late', source: 'sip-ws', phase: 'dialing', direction: 'outbound', remote: '13800138000', at: CLOSED }, dialer());
    await ask('compliance/override', { callKey: 'late', reason: 'debtor asked for a call now' }, dialer());
    const view = await ask('script/get', { callId: 'id-1' });
    const { DEFAULT_PACKS } = await import('../../../../lib/packs/defaults');
    const pack = DEFAULT_PACKS.find((candidate) => candidate.id === view?.packId)!;
    const check = pack.steps.find((step) => step.id === pack.start)!.checks![0]!.id;
    await ask('script/act', { callId: 'id-1', action: { type: 'toggleCheck', checkId: check } });
    await ask('script/act', { callId: 'id-1', action: { type: 'finish', disposition: 'no-answer' } }).catch(() => undefined);
    expect(view?.packId).toBeDefined();

    const text = await ask('notes/export-log', {});
    const read = readComplianceLog(text);
    if (!read.ok) throw new Error(read.error);
    const kinds = read.file.entries.map((entry) => [entry.kind, entry.code, entry.reason]);
    expect(kinds.slice(0, 3)).toEqual([
      ['gate', 'block', undefined],
      ['block', 'outside-window', undefined],
      ['override', 'pre-dial-guard', 'debtor asked for a call now'],
    ]);
    expect(read.file.entries.every((entry) => entry.callId === 'id-1')).toBe(true);
    expect(read.file.entries.find((entry) => entry.kind === 'disclosure')).toMatchObject({ code: check, packId: pack.id, packVersion: pack.version });
    await expect(verifyComplianceLog(read.file)).resolves.toMatchObject({ ok: true });
  });

  it("writes a call's gate result in the record's own transaction: a change that fails keeps neither", async () => {
    await complianceProfileSetting.setValue('CN-CBA-2026');
    const name = `log-${++counter}`;
    // A feature whose contribution to the record fails, as a bad value would make the write fail.
    const failing = defineBackgroundFeature({
      id: 'failing-writer',
      messages: {},
      create: () => ({
        handlers: {},
        onCallChange: async () => ({
          record: () => {
            throw new Error('the write failed');
          },
        }),
      }),
    });
    const bg = createBackgroundService({ now: () => CLOSED, newId: () => 'id-1', openDb: () => openOnScriptDb(undefined, name), features: [callsFeature, complianceFeature, failing] });
    const reply = await bg.onMessage(envelope('call/signal', { callKey: 'k', source: 'sip-ws', phase: 'dialing', direction: 'outbound', remote: '13800138000', at: CLOSED }), dialer());
    expect(reply?.ok).toBe(false);
    const db = await openOnScriptDb(undefined, name);
    expect(await db.get('calls', 'id-1')).toBeUndefined();
    expect((await readComplianceLogFile(db)).entries).toEqual([]);
  });

  it("writes the gate result with the record when the change succeeds, chained after what was appended before", async () => {
    await complianceProfileSetting.setValue('CN-CBA-2026');
    const name = `log-${++counter}`;
    const db = await openOnScriptDb(undefined, name);
    await appendToComplianceLog(db, [{ at: 1, kind: 'pack', code: 'in-use', packId: 'p', packVersion: '1.0.0' }]);
    const bg = createBackgroundService({ now: () => CLOSED, newId: () => 'id-1', openDb: () => openOnScriptDb(undefined, name), features: [callsFeature, complianceFeature] });
    const reply = await bg.onMessage(envelope('call/signal', { callKey: 'k', source: 'sip-ws', phase: 'dialing', direction: 'outbound', remote: '13800138000', at: CLOSED }), dialer());
    expect(reply?.ok).toBe(true);
    expect(await db.get('calls', 'id-1')).toBeDefined();
    const file = await readComplianceLogFile(db);
    expect(file.entries.map((entry) => [entry.kind, entry.callId])).toEqual([['pack', undefined], ['gate', 'id-1'], ['block', 'id-1']]);
    await expect(verifyComplianceLog(file)).resolves.toEqual({ ok: true, count: 3 });
  });

  it('chains inside the writing transaction, so two writers that start together never chain after the same entry', async () => {
    const db = await openOnScriptDb(undefined, `log-${++counter}`);
    const first = db.transaction(COMPLIANCE_LOG_STORES, 'readwrite');
    const second = db.transaction(COMPLIANCE_LOG_STORES, 'readwrite');
    await Promise.all([
      appendInTransaction(first, [{ at: 1, kind: 'gate', code: 'none', callId: 'a' }]).then(() => first.done),
      appendInTransaction(second, [{ at: 2, kind: 'gate', code: 'none', callId: 'b' }]).then(() => second.done),
    ]);
    const file = await readComplianceLogFile(db);
    expect(file.entries.map((entry) => [entry.seq, entry.callId])).toEqual([[1, 'a'], [2, 'b']]);
    await expect(verifyComplianceLog(file)).resolves.toEqual({ ok: true, count: 2 });
  });

  it('keeps appends in order when many come at once, and stays verifiable after the head is purged', async () => {
    const db = await openOnScriptDb(undefined, `log-${++counter}`);
    await Promise.all(Array.from({ length: 40 }, (_, i) => appendToComplianceLog(db, [{ at: i, kind: 'gate', code: 'none', callId: `c${i}` }])));
    const all = await readComplianceLogFile(db);
    expect(all.entries.map((entry) => entry.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    await expect(verifyComplianceLog(all)).resolves.toEqual({ ok: true, count: 40 });
    await expect(purgeComplianceLogBefore(db, 10)).resolves.toBe(10);
    const kept = await readComplianceLogFile(db);
    expect(kept.anchor.seq).toBe(10);
    await expect(verifyComplianceLog(kept)).resolves.toEqual({ ok: true, count: 30 });
    // An entry deleted in the middle is detected.
    await db.delete('complianceLog', 20);
    await expect(verifyComplianceLog(await readComplianceLogFile(db))).resolves.toMatchObject({ ok: false, seq: 21 });
  });
});

