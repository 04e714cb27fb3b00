/**
 * The screenshot gallery: the real side panel (components, stylesheets, catalogs, the shipped default packs and
 * the real compliance engine) over in-memory clients that play one scene each. `?scene=live&lang=zh-CN` picks
 * what to show; scripts/screenshots.ts drives it in Chromium. Nothing here ships in the extension.
 */
import { render } from 'preact';
import '../../components/theme.css';
import { SidePanelApp } from '../../components/side-panel-app';
import { createSidePanelModel } from '../../components/side-panel-model';
import type { LiveCall, TabCallState, CallRecord } from '../../lib/calls/types';
import { assessNumber } from '../../lib/compliance/assessment';
import { resolveJurisdiction } from '../../lib/compliance/jurisdiction';
import { resolveEffectiveRules } from '../../lib/compliance/routing';
import { PROFILES } from '../../lib/compliance/profiles';
import type { SidePanelClients } from '../../lib/extension/pages/clients';
import { useBundledPhoneData } from '../../lib/phone/bundled-phone-data';
import { defaultPackFor } from '../../lib/packs/defaults';
import type { UiLanguage } from '../../lib/i18n/ui-messages';
import type { ScriptCallView } from '../../lib/protocol/script-messages';
import { applyScriptAction, createScriptProgress } from '../../lib/script/engine';
import { GALLERY_CLOSED, GALLERY_NOW, SCENES, type Scene, type SceneName } from './scenes';

// The gallery assesses numbers in the page, as the worker does with the tables it fetches.
useBundledPhoneData();

const params = new URLSearchParams(location.search);
const scene = (params.get('scene') ?? 'live') as SceneName;
const language = (params.get('lang') === 'zh-CN' ? 'zh-CN' : 'en') as UiLanguage;
const setup: Scene = SCENES[scene];
const now = setup.closed ? GALLERY_CLOSED[language] : GALLERY_NOW;
const pack = defaultPackFor(language);
const number = language === 'zh-CN' ? '13800138000' : '+12125550143';
const profile = language === 'zh-CN' ? PROFILES['CN-CBA-2026'] : PROFILES['US-FDCPA'];

const never = <T,>(): Promise<T> => new Promise<T>(() => undefined);

function assessment(phone: string, at: number) {
  // Flags hold numbers in E.164; the Chinese scene dials the national form.
  const phoneE164 = phone.startsWith('+') ? phone : `+86${phone}`;
  const flags = setup.doNotCall ? [{ reason: 'cease-request' as const, scope: 'number' as const, phoneE164, setAt: at - 86_400_000 }] : [];
  if (!('packWithheld' in setup)) return assessNumber({ phone, at, profile, log: [], flags });
  // As the worker judges it: the debtor's rules, with the team pack withheld on top.
  const jurisdiction = resolveJurisdiction({ phone, defaultCountry: language === 'zh-CN' ? 'CN' : 'US' });
  const rules = resolveEffectiveRules(jurisdiction, {
    packWithheld: 'the stored active team pack no longer verifies (signature does not match): not used; downloading the team pack again',
  });
  return assessNumber({ phone, at, profile: rules.profile, log: [], flags, rules, jurisdiction });
}

const call: LiveCall | undefined = setup.phase
  ? {
      id: 'c1',
      tabId: 3,
      frameId: 0,
      origin: 'https://dialer.example',
      callKey: 'k1',
      source: 'sip-ws',
      direction: 'outbound',
      remoteNumber: number,
      phase: setup.phase,
      startedAt: now - 200_000,
      ...(setup.phase === 'ringing' || setup.phase === 'dialing' ? {} : { connectedAt: now - 194_000 }),
      ...(setup.phase === 'ended' ? { endedAt: now - 20_000, endedBy: 'remote' as const, endReason: 'hangup' as const } : {}),
      updatedAt: now - 20_000,
      verdict: { assessment: assessment(number, now - 200_000) },
      ...(setup.pageFields ? { pageFields: pageFieldsFor(language) } : {}),
    }
  : undefined;

/** What a CRM page beside the phone shows for the call, as the DOM rule reads it. */
function pageFieldsFor(lang: UiLanguage): Record<string, string> {
  return lang === 'zh-CN'
    ? { 'customer.name': '张先生', 'debt.amount': '¥12,345.60', 'debt.dueDate': '2026年3月4日', 'debtor.ref': 'CC-2026-0042' }
    : { 'customer.name': 'Jane Doe', 'debt.amount': '$1,234.56', 'debt.dueDate': 'March 4, 2026', 'debtor.ref': 'ACC-2291' };
}
const tab: TabCallState = { tabId: 3, calls: call ? { c1: call } : {} };

function scriptView(): ScriptCallView {
  let progress = createScriptProgress(pack, now - 190_000);
  // A step or two in, as a real call would be.
  for (let i = 0; i < (setup.stepsIn ?? 0); i++) {
    const step = pack.steps.find((candidate) => candidate.id === progress.currentStepId);
    for (const check of step?.checks ?? []) {
      const ticked = applyScriptAction(pack, progress, { type: 'toggleCheck', checkId: check.id }, now - 150_000);
      if (ticked.ok) progress = ticked.progress;
    }
    const next = step?.choices?.length ? applyScriptAction(pack, progress, { type: 'choose', index: 0 }, now - 120_000) : applyScriptAction(pack, progress, { type: 'next' }, now - 120_000);
    if (next.ok) progress = next.progress;
  }
  return { callId: 'c1', packId: pack.id, packVersion: pack.version, progress, variables: {}, debtorRef: '', disposition: null };
}

const recent: CallRecord[] = [0, 1, 2].map((index) => ({
  id: `r${index}`,
  tabId: 3,
  frameId: 0,
  origin: 'https://dialer.example',
  callKey: `r${index}`,
  source: 'sip-ws',
  direction: 'outbound',
  remoteNumber: language === 'zh-CN' ? `1390013900${index}` : `+1212555017${index}`,
  phase: 'ended',
  startedAt: now - (index + 1) * 3_600_000,
  connectedAt: now - (index + 1) * 3_600_000 + 5_000,
  endedAt: now - (index + 1) * 3_600_000 + 185_000,
  updatedAt: now - (index + 1) * 3_600_000 + 185_000,
})) as unknown as CallRecord[];

const clients: SidePanelClients = {
  panel: {
    resolveTabId: async () => 3,
    getTabState: async () => tab,
    listRecentCalls: async () => recent,
    onTabStateChanged: () => () => undefined,
    onReconnected: () => () => undefined,
    onActiveTabChanged: () => () => undefined,
    loadLanguageSetting: async () => language,
  },
  script: {
    getScript: async () => scriptView(),
    act: never,
    setVariables: async () => null,
    switchPack: never,
    listPacks: async () => [pack],
    loadPackSetting: async () => 'auto',
    savePackSetting: async () => undefined,
    loadVariableDefaults: async () => ({ 'agent.name': language === 'zh-CN' ? '李雷' : 'Sam Lee', 'company.name': language === 'zh-CN' ? '示例银行' : 'Example Bank' }),
    onScriptChanged: () => () => undefined,
    onCommand: () => () => undefined,
  },
  notes: {
    save: async () => ({ saved: true, notes: '', findings: [], savedAt: now }),
    get: async (id) => ({
      id,
      remoteNumber: number,
      startedAt: now - 200_000,
      notes: language === 'zh-CN' ? '客户确认身份，称月底发工资后还款。' : 'Confirmed identity. Says payday is on the 28th; will pay then.',
    }),
    history: async () => ({
      entries: [{ id: 'h1', startedAt: now - 3 * 86_400_000, remoteNumber: number, disposition: 'NO_ANSWER', flags: [], notes: '' }],
      flags: [],
    }),
    today: async () => [
      { recordId: 'r0', kind: 'callback', dueAt: now + 3_600_000, remoteNumber: recent[0]!.remoteNumber },
      { recordId: 'r1', kind: 'promise', dueAt: now + 7_200_000, remoteNumber: recent[1]!.remoteNumber, debtorRef: 'ACC-2291' },
    ],
    summary: async (day, timeZone) => ({
      day,
      timeZone,
      startMs: now - 10 * 3_600_000,
      endMs: now + 14 * 3_600_000,
      calls: 23,
      connects: 11,
      talkTimeS: 2_460,
      outcomes: { PTP: 4, CALLBACK: 3, NO_ANSWER: 12, '': 4 },
      promises: [{ currency: language === 'zh-CN' ? 'CNY' : 'USD', total: '1850.00', count: 4 }],
      invalidPromises: 0,
      hourly: Array.from({ length: 24 }, (_, hour) => ({ hour, calls: hour >= 9 && hour <= 17 ? (hour * 7) % 5 : 0, connects: hour >= 9 && hour <= 17 ? (hour * 3) % 3 : 0 })),
    }),
    exportPage: never,
    exportLog: never,
  },
  packs: { getStatus: never, onChanged: () => () => undefined, dismissedAt: async () => 0, dismiss: async () => undefined },
  compliance: {
    evaluate: async (phone) => assessment(phone, now),
    setLocation: async () => ({ updated: false }),
    setNumberKind: never,
  },
  team: { getStatus: never, onChanged: () => () => undefined, onReconnected: () => () => undefined },
  dialerAccess: {
    list: async () => [],
    policy: async () => [],
    enable: async () => false,
    disable: async () => false,
    onChanged: () => () => undefined,
    declared: () => [],
    tabUrl: async () => 'https://dialer.example/',
    reloadTab: async () => undefined,
  },
};

const model = createSidePanelModel({ clients, now: () => now, browserLanguages: [language] });
if (setup.view === 'day') model.panel.view.value = 'day';
render(<SidePanelApp model={model} />, document.getElementById('app')!);
