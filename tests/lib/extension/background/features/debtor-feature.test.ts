import { describe, expect, it } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { notBefore } from '../../../../../lib/compliance/restrictions';
import { openOnScriptDb } from '../../../../../lib/db/schema';
import { createBackgroundService } from '../../../../../lib/extension/background/service';
import { complianceProfileSetting, inconvenientTimesSetting } from '../../../../../lib/extension/shared/settings';
import { envelope } from '../../../../../lib/protocol/envelope';
import type { MessageType, ProtocolMap } from '../../../../../lib/protocol/messages';

/**
 * Issue 14, item 3: debtor-stated inconvenient times name debtors; they lived in storage.local, which every content
 * script can read. They move to the background's IndexedDB (the old value migrated on first use, then removed).
 */
const OPEN = Date.parse('2026-03-10T03:00:00Z'); // 11:00 in Shanghai
const options = (): Browser.runtime.MessageSender => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/options.html') });
let counter = 0;
function setup() {
  const name = `debtor-${++counter}`;
  const bg = createBackgroundService({ now: () => OPEN, openDb: () => openOnScriptDb(undefined, name) });
  async function ask<T extends MessageType>(type: T, payload: ProtocolMap[T]['request']) {
    const reply = await bg.onMessage(envelope(type, payload), options());
    if (!reply?.ok) throw new Error(`refused: ${reply ? reply.error : 'no reply'}`);
    return reply.value as ProtocolMap[T]['response'];
  }
  return { ask, db: () => openOnScriptDb(undefined, name) };
}

describe('debtor-stated times, kept where content scripts cannot read them', () => {
  it('moves what storage.local held into IndexedDB on first use, and takes it out of storage.local', async () => {
    await inconvenientTimesSetting.setValue({ 'D-42': [notBefore('12:00')] });
    const { ask, db } = setup();
    await expect(ask('debtor/list-times', {})).resolves.toEqual({ 'D-42': [notBefore('12:00')] });
    expect(await fakeBrowser.storage.local.get(null)).not.toHaveProperty('compliance.inconvenientTimes');
    const stored = await (await db()).getAll('debtorTimes');
    expect(stored).toMatchObject([{ key: 'D-42', times: [notBefore('12:00')] }]);
  });

  it('saves and removes a debtor\'s times through the background; the verdict honours them', async () => {
    await complianceProfileSetting.setValue('CN-CBA-2026');
    const { ask } = setup();
    await ask('debtor/set-times', { key: '+8613800138000', times: [notBefore('12:00')] });
    const verdict = await ask('compliance/evaluate', { phone: '13800138000' });
    expect(verdict.window.allowed).toBe(false);
    await ask('debtor/set-times', { key: '+8613800138000', times: [] });
    await expect(ask('debtor/list-times', {})).resolves.toEqual({});
    expect((await ask('compliance/evaluate', { phone: '13800138000' })).window.allowed).toBe(true);
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain('8613800138000');
  });
});
