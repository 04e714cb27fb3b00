import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ComplianceAssessment } from '../../../../lib/compliance/assessment';
import { openOnScriptDb } from '../../../../lib/db/schema';
import { BACKGROUND_FEATURES } from '../../../../lib/extension/background/features';
import { PACK_POLL_ALARM } from '../../../../lib/extension/background/features/packs-feature';
import { NEXT_FOLLOW_UP_ALARM, RETENTION_ALARM } from '../../../../lib/extension/background/features/notes-feature';
import { setPhoneDataSource } from '../../../../lib/extension/background/phone-data-loader';
import { createBackgroundService } from '../../../../lib/extension/background/service';
import { TEAM_SYNC_ALARM } from '../../../../lib/extension/background/team-sync';
import { complianceProfileSetting } from '../../../../lib/extension/shared/settings';
import { bundledPhoneData, useBundledPhoneData } from '../../../../lib/phone/bundled-phone-data';
import { hasPhoneData, installPhoneData, setPhoneDataFallback } from '../../../../lib/phone/phone-data';
import { envelope } from '../../../../lib/protocol/envelope';
import { dialerSender as dialer, panelSender as panel } from '../../../fixtures/senders';

/**
 * The worker does not bundle the phone tables: it fetches them (background/phone-data-loader.ts), and the service
 * holds every event until they are in (service.ts). Here no bundled copy exists, as in the worker, so any path that
 * reads a number before the gate opens throws PhoneDataMissingError, which the features log.
 */
const OPEN = Date.parse('2026-03-10T03:00:00Z');
const asPackaged = () => JSON.parse(JSON.stringify(bundledPhoneData()));
let dbCounter = 0;
const missingDataLogged = (logged: readonly unknown[][]) =>
  logged.flat().filter((value) => value instanceof Error && value.name === 'PhoneDataMissingError');

beforeEach(async () => {
  setPhoneDataFallback(undefined);
  await complianceProfileSetting.setValue('CN-CBA-2026');
});
afterEach(() => {
  useBundledPhoneData();
  setPhoneDataSource(async () => asPackaged());
});

describe("the worker's gate for the phone tables", () => {
  it('holds messages, signals, tab closes and alarms until the tables are in; then every one is handled', async () => {
    const errors = vi.spyOn(console, 'error');
    let release!: () => void;
    const opened = new Promise<void>((resolve) => (release = resolve));
    let asked = 0;
    const bg = createBackgroundService({
      now: () => OPEN,
      openDb: () => openOnScriptDb(undefined, `gate-${++dbCounter}`),
      // Every feature the fake browser can start (script, shell and detection need commands, the side panel and permission events).
      features: BACKGROUND_FEATURES.filter((feature) => !['script', 'shell', 'detection'].includes(feature.id)),
      ready: async () => {
        asked += 1;
        await opened;
        if (!hasPhoneData()) installPhoneData(asPackaged());
      },
    });
    bg.start();
    let verdict: ComplianceAssessment | undefined;
    const evaluated = bg.onMessage(envelope('compliance/evaluate', { phone: '13800138000' }), panel())!.then((reply) => {
      if (!reply.ok) throw new Error(reply.error);
      verdict = reply.value as ComplianceAssessment;
    });
    const signal = (phase: 'dialing' | 'connected' | 'ended', at: number) =>
      bg.onMessage(envelope('call/signal', { callKey: 'k1', source: 'sip-ws', phase, direction: 'outbound', remote: '13800138000', at }), dialer())!;
    const signals = [signal('dialing', OPEN - 9_000), signal('connected', OPEN - 8_000)];
    const alarms = [RETENTION_ALARM, NEXT_FOLLOW_UP_ALARM, PACK_POLL_ALARM, TEAM_SYNC_ALARM].map((name) =>
      fakeBrowser.alarms.onAlarm.trigger({ name, scheduledTime: OPEN }),
    );
    const closed = bg.onTabRemoved(99);

    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(verdict).toBeUndefined();
    expect(hasPhoneData()).toBe(false);
    // The start, the message, both signals, the tab and the team-sync and notes alarms each waited.
    expect(asked).toBeGreaterThanOrEqual(7);

    release();
    await Promise.all([evaluated, ...signals, ...alarms, closed]);
    expect(verdict).toMatchObject({ profileId: 'CN-CBA-2026', action: 'none', window: { allowed: true, timeZones: ['Asia/Shanghai'] } });
    const replies = await Promise.all(signals);
    expect(replies.every((reply) => reply.ok)).toBe(true);
    const tab = await bg.context.tabCalls.load(7);
    const call = Object.values(tab.calls)[0];
    expect(call).toMatchObject({ phase: 'connected', remoteE164: '+8613800138000' });
    expect(call?.verdict?.assessment).toMatchObject({ phone: '+8613800138000', action: 'none', window: { timeZones: ['Asia/Shanghai'] } });
    expect(missingDataLogged(errors.mock.calls)).toEqual([]);
  });

  it('by default loads the tables the worker fetches (phone-data-loader.ts)', async () => {
    let reads = 0;
    setPhoneDataSource(async () => ((reads += 1), asPackaged()));
    const bg = createBackgroundService({ now: () => OPEN, openDb: () => openOnScriptDb(undefined, `gate-${++dbCounter}`) });
    const reply = await bg.onMessage(envelope('compliance/evaluate', { phone: '13800138000' }), panel());
    expect(reply).toMatchObject({ ok: true, value: { window: { allowed: true } } });
    expect(reads).toBe(1);
  });

  it('is what stands between an event and a missing table: without it the same message fails loudly', async () => {
    const bg = createBackgroundService({ now: () => OPEN, openDb: () => openOnScriptDb(undefined, `gate-${++dbCounter}`), ready: async () => {} });
    const reply = await bg.onMessage(envelope('compliance/evaluate', { phone: '13800138000' }), panel());
    expect(reply).toMatchObject({ ok: false, error: expect.stringContaining('before its phone tables were loaded') });
  });
});
