import { describe, expect, it } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openOnScriptDb } from '../../../../../lib/db/schema';
import { createBackgroundService } from '../../../../../lib/extension/background/service';
import { complianceProfileSetting } from '../../../../../lib/extension/shared/settings';
import type { CallSignalReply } from '../../../../../lib/protocol/call-messages';
import { envelope } from '../../../../../lib/protocol/envelope';

// 23:00 in Shanghai on Tuesday 10 March 2026: outside CN-CBA-2026's hours.
const CLOSED = Date.parse('2026-03-10T15:00:00Z');
const dialer = (): Browser.runtime.MessageSender => ({
  id: fakeBrowser.runtime.id,
  tab: { id: 7 } as Browser.tabs.Tab,
  frameId: 0,
  url: 'http://127.0.0.1:5173/dialer.html',
});

describe('the reply to a call signal, which a dialer frame (someone else\'s page) receives (issue 14, item 8)', () => {
  it('tells the guard what to do, until when and the class of each broken rule, and no more', async () => {
    await complianceProfileSetting.setValue('CN-CBA-2026');
    const bg = createBackgroundService({ now: () => CLOSED, openDb: () => openOnScriptDb(undefined, 'calls-feature-reply') });
    const reply = await bg.onMessage(
      envelope('call/signal', { callKey: 'late', source: 'sip-ws', phase: 'dialing', direction: 'outbound', remote: '13800138000', at: CLOSED }),
      dialer(),
    );
    expect(reply?.ok).toBe(true);
    const { verdict } = (reply as { value: CallSignalReply }).value;
    expect(verdict).toMatchObject({ action: 'block', opensAt: Date.parse('2026-03-11T00:00:00Z'), timeZones: ['Asia/Shanghai'] });
    expect(verdict?.violations).toEqual([{ code: 'outside-window', reasons: [] }]);
    expect(verdict?.profileName).toBe('');
    // The details (hours, zones, counts) stay with the call the side panel shows.
    const state = await bg.onMessage(envelope('tab/get-state', { tabId: 7 }), { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/sidepanel.html') });
    const call = Object.values((state as { value: { calls: Record<string, { verdict?: { assessment: { violations: { reasons: string[] }[] } } }> } }).value.calls)[0];
    expect(call?.verdict?.assessment.violations[0]?.reasons.length).toBeGreaterThan(0);
  });
});
