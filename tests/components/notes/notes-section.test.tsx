// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NotesHistory } from '../../../components/notes/notes-history';
import { NotesDayView, NotesFollowUp, NotesSection } from '../../../components/notes/notes-section';
import type { LiveCall } from '../../../lib/calls/types';
import type { NotesClient } from '../../../lib/extension/pages/notes-client';
import { redactSensitive } from '../../../lib/notes/redact';
import type { ExportPageRequest, NotesDraft, NotesRecordView, NotesSaveResult } from '../../../lib/protocol/notes-messages';
import { liveCallFixture } from '../../fixtures/live-call';
import { fakeSidePanelModel, renderInPanel } from '../../fixtures/side-panel';

// Called through, and counted: choosing the currency parses the number with libphonenumber.
vi.mock('../../../lib/notes/promise-currency', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../lib/notes/promise-currency')>();
  return { ...real, promiseCurrencyFor: vi.fn(real.promiseCurrencyFor) };
});

const START = Date.UTC(2026, 10, 28, 2, 0);

const call = (extra: Partial<LiveCall> = {}): LiveCall => liveCallFixture({ startedAt: START, connectedAt: START + 1_000, updatedAt: START + 1_000, ...extra });

/** A background stand-in that masks like the real one and can be told to fail with a full disk. */
function fakeNotesClient(stored: Record<string, NotesRecordView> = {}) {
  const saves: { at: number; draft: NotesDraft }[] = [];
  const exportRequests: ExportPageRequest[] = [];
  let quotaFailures = 0;
  const client: NotesClient = {
    async save(draft): Promise<NotesSaveResult> {
      saves.push({ at: Date.now(), draft });
      if (quotaFailures > 0) {
        quotaFailures -= 1;
        return { saved: false, reason: 'quota' };
      }
      const { text, findings } = redactSensitive(draft.notes);
      return { saved: true, notes: text, findings, savedAt: Date.now() };
    },
    get: async (id) => stored[id] ?? null,
    history: async () => ({
      entries: [{ id: 'old', startedAt: START - 86_400_000, remoteNumber: '13800138000', disposition: 'no-answer', flags: [], notes: 'left a message' }],
      flags: [],
    }),
    today: async () => [],
    summary: async (day, timeZone) => ({
      day,
      timeZone,
      startMs: 0,
      endMs: 1,
      calls: 3,
      connects: 2,
      talkTimeS: 125,
      outcomes: { 'promise-to-pay': 2, 'no-answer': 1 },
      promises: [{ currency: 'CNY', total: '300.00', count: 2 }],
      invalidPromises: 0,
      hourly: [],
    }),
    async exportPage(request) {
      exportRequests.push(request);
      const page = exportRequests.length;
      // Like the background: the first page carries the BOM, the header and the first records.
      return page === 1
        ? { text: '\uFEFFcall_id,notes\r\nc1,客户\r\n', written: 1, after: { startedAt: 1, id: 'c1' }, finished: false }
        : { text: 'c2,ok\r\n', written: 2, after: { startedAt: 2, id: 'c2' }, finished: true };
    },
    exportLog: async () => '{"format":"onscript-compliance-log/1","anchor":{"seq":0,"hash":"0"},"entries":[]}\n',
  };
  return { client, saves, exportRequests, failWithQuota: (times: number) => (quotaFailures = times) };
}

async function renderNotes(client: NotesClient, { languages = ['en-US'], focus = call() as LiveCall | null } = {}) {
  const downloads: { blob: Blob; fileName: string }[] = [];
  const model = fakeSidePanelModel({
    now: Date.now,
    browserLanguages: languages,
    clients: { notes: client },
    notes: { timeZone: 'Asia/Shanghai', download: (blob, fileName) => downloads.push({ blob, fileName }) },
  });
  const { panel, notes } = model;
  panel.tabId.value = 3;
  panel.tabState.value = { tabId: 3, calls: focus ? { [focus.id]: focus } : {} };
  // The panel shows these in two views and a collapsed block; the notes state they share is the same.
  renderInPanel(
    model,
    <>
      <NotesSection />
      <NotesFollowUp />
      <NotesHistory />
      <NotesDayView />
    </>,
  );
  await settle();
  return { panel, notes, downloads };
}

async function settle(ms = 0) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

const textarea = () => screen.getByRole('textbox', { name: 'Call notes' }) as HTMLTextAreaElement;
async function type(value: string) {
  await act(async () => {
    fireEvent.input(textarea(), { target: { value } });
  });
}

beforeEach(() => {
  vi.useFakeTimers({ now: START + 60_000 });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('the promise currency', () => {
  const currency = () => screen.getByRole('textbox', { name: 'Currency' }) as HTMLInputElement;

  it("follows the debtor's number (a US number gets USD, not CNY), and a stored or typed currency stays", async () => {
    const { client } = fakeNotesClient();
    await renderNotes(client, { focus: call({ remoteNumber: '+12125550143', remoteE164: '+12125550143' }) });
    expect(currency().value).toBe('USD');
    cleanup();

    const stored = fakeNotesClient({ c1: { id: 'c1', remoteNumber: '+12125550143', startedAt: START, notes: '', promiseToPay: { amount: '10.00', currency: 'CNY', date: '2026-03-12' } } });
    await renderNotes(stored.client, { focus: call({ remoteNumber: '+12125550143', remoteE164: '+12125550143' }) });
    expect(currency().value).toBe('CNY');
  });
});

describe('what a call changing costs the notes', () => {
  it("chooses the currency once per number, not with every message about the call (it reads the number's country)", async () => {
    const { client } = fakeNotesClient();
    const parsed = vi.mocked((await import('../../../lib/notes/promise-currency')).promiseCurrencyFor);
    const ringing = call({ phase: 'ringing', remoteNumber: '+12125550143', remoteE164: '+12125550143' });
    const { panel } = await renderNotes(client, { focus: ringing });
    const before = parsed.mock.calls.length;
    expect(before).toBeGreaterThan(0);
    await act(async () => {
      panel.tabState.value = { tabId: 3, calls: { [ringing.id]: { ...ringing, phase: 'connected', updatedAt: ringing.updatedAt + 1 } } };
    });
    await settle();
    expect(parsed.mock.calls.length).toBe(before);
  });
});

describe('notes editor', () => {
  it('loads the stored draft of the call in focus into a labelled textarea', async () => {
    const { client } = fakeNotesClient({ c1: { id: 'c1', remoteNumber: '13800138000', startedAt: START, notes: 'from before the restart' } });
    await renderNotes(client);
    expect(textarea().id).toBe('onscript-notes');
    expect(textarea().value).toBe('from before the restart');
  });

  it('autosaves after a pause, and at least every 800 ms while the agent keeps typing', async () => {
    const { client, saves } = fakeNotesClient();
    await renderNotes(client);
    await type('h');
    await settle(299);
    expect(saves).toHaveLength(0);
    await settle(1);
    expect(saves.map((s) => s.draft.notes)).toEqual(['h']);

    // Steady typing, a key every 100 ms for 3 s: no change waits more than 1 s for its save.
    const typedAt: number[] = [];
    let text = 'h';
    for (let i = 0; i < 30; i += 1) {
      text += 'x';
      typedAt.push(Date.now());
      await type(text);
      await settle(100);
    }
    await settle(1_000);
    const later = saves.slice(1);
    expect(later.at(-1)?.draft.notes).toBe(text);
    for (const at of typedAt) {
      const firstSaveAfter = later.find((s) => s.at >= at);
      expect(firstSaveAfter, `a save after the change at ${at}`).toBeDefined();
      expect(firstSaveAfter!.at - at).toBeLessThanOrEqual(1_000);
    }
    expect(screen.getByTestId('notes-save-status').textContent).toMatch(/^Saved at/);
  });

  it('sends the promise and callback fields with the notes', async () => {
    const { client, saves } = fakeNotesClient();
    await renderNotes(client);
    await act(async () => {
      fireEvent.input(screen.getByRole('textbox', { name: 'Promised amount' }), { target: { value: '1250.50' } });
      fireEvent.input(screen.getByLabelText('Promised payment date'), { target: { value: '2026-12-01' } });
      fireEvent.input(screen.getByLabelText('Callback time'), { target: { value: '2026-11-29T15:30' } });
    });
    await settle(1_000);
    expect(saves.at(-1)?.draft).toMatchObject({
      promiseToPay: { amount: '1250.50', currency: 'CNY', date: '2026-12-01' },
      callbackAt: new Date('2026-11-29T15:30').getTime(),
    });
  });

  it('warns, without blocking, when the notes mention a phrase the script pack says never to say', async () => {
    const { client, saves } = fakeNotesClient();
    await renderNotes(client);
    const warning = () => screen.getByTestId('notes-forbidden');
    expect(warning().getAttribute('aria-live')).toBe('polite');
    expect(warning().textContent).toBe('');
    await type('Consumer upset; told him he could be ARRESTED.');
    // The English UI previews the US pack, whose list names arrest threats (FDCPA 1692e(4)).
    expect(warning().textContent).toContain('must never say');
    expect(warning().textContent).toContain('“arrested”');
    expect(warning().textContent).toContain('1692e(4)');
    await settle(1_000);
    expect(saves.at(-1)?.draft.notes).toBe('Consumer upset; told him he could be ARRESTED.');
    await type('Consumer will pay on Friday.');
    expect(warning().textContent).toBe('');
  });

  it('checks Chinese notes against the Chinese pack, after NFKC normalisation', async () => {
    const { client } = fakeNotesClient();
    await renderNotes(client, { languages: ['zh-CN'] });
    await act(async () => {
      // Full-width punctuation and a stray zero-width space, as input methods and pastes leave them.
      fireEvent.input(screen.getByRole('textbox', { name: '通话备注' }), { target: { value: '跟客户说：不还就通知你\u200b单位！' } });
    });
    expect(screen.getByTestId('notes-forbidden').textContent).toContain('“通知你单位”');
  });

  it('shows the masked text and tells the agent what was masked', async () => {
    const { client } = fakeNotesClient();
    await renderNotes(client);
    await type('card 4111111111111111 and ID 11010519491231002X');
    await settle(1_000);
    expect(textarea().value).toBe('card ••••••••••••1111 and ID ••••••••••••••002X');
    const notice = screen.getByTestId('notes-masked');
    expect(notice.getAttribute('aria-live')).toBe('polite');
    expect(notice.textContent).toContain('card number ••••••••••••1111');
    expect(notice.textContent).toContain('Chinese ID number ••••••••••••••002X');
  });

  it('keeps the text and says storage is full on a quota error, then saves on the retry', async () => {
    const { client, saves, failWithQuota } = fakeNotesClient();
    failWithQuota(1);
    await renderNotes(client);
    await type('promised 500 on Friday');
    await settle(300);
    expect(screen.getByRole('alert').textContent).toMatch(/Storage is full/);
    expect(textarea().value).toBe('promised 500 on Friday');
    await settle(1_000);
    expect(saves).toHaveLength(2);
    expect(saves[1]?.draft.notes).toBe('promised 500 on Friday');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('does not leave an unsaved draft when a new call starts during a quota error, and moves on once it is saved', async () => {
    const { client, saves, failWithQuota } = fakeNotesClient();
    failWithQuota(2);
    const { panel } = await renderNotes(client);
    await type('must not be lost');
    await settle(300);
    await act(async () => {
      panel.tabState.value = { tabId: 3, calls: { c2: call({ id: 'c2', startedAt: START + 120_000 }) } };
    });
    await settle();
    expect(textarea().value).toBe('must not be lost');
    expect(screen.getByRole('alert').textContent).toMatch(/Storage is full/);
    await settle(2_000);
    expect(saves.filter((s) => s.draft.callId === 'c1').at(-1)?.draft.notes).toBe('must not be lost');
    expect(textarea().value).toBe('');
    await type('second call');
    await settle(1_000);
    expect(saves.at(-1)?.draft).toMatchObject({ callId: 'c2', notes: 'second call' });
  });

  it('shows the history of the number with a button to open an earlier call', async () => {
    const { client } = fakeNotesClient({ old: { id: 'old', remoteNumber: '13800138000', startedAt: START - 86_400_000, notes: 'left a message' } });
    await renderNotes(client);
    const entry = screen.getByTestId('notes-history-entry');
    expect(entry.textContent).toContain('no-answer');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /^Open call of/ }));
    });
    await settle();
    expect(textarea().value).toBe('left a message');
    expect(screen.getByTestId('notes-editing').textContent).toContain('13800138000');
  });
});

describe('export and summary', () => {
  it('exports through paged requests into one download named after the day', async () => {
    const { client, exportRequests } = fakeNotesClient();
    const { downloads } = await renderNotes(client);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Export' }));
    });
    await settle();
    expect(exportRequests.map((r) => [r.written, r.after?.id])).toEqual([
      [0, undefined],
      [1, 'c1'],
    ]);
    expect(exportRequests[0]).toMatchObject({ format: 'csv', timeZone: 'Asia/Shanghai' });
    // The calls, then the hash-chained compliance log beside them (issue 14, item 13).
    expect(downloads.map((download) => download.fileName)).toEqual(['onscript-calls-2026-11-28.csv', 'onscript-compliance-log-2026-11-28.json']);
    expect(await downloads[1]!.blob.text()).toContain('onscript-compliance-log/1');
    const bytes = new Uint8Array(await downloads[0]!.blob.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toBe('call_id,notes\r\nc1,客户\r\nc2,ok\r\n');
  });

  it('cancels a running export: no further pages are read and no file is downloaded', async () => {
    const fake = fakeNotesClient();
    let release: (() => void) | undefined;
    const exportPage = fake.client.exportPage.bind(fake.client);
    // The second page is slow to come, as on 10,000 calls; the agent cancels meanwhile.
    fake.client.exportPage = async (request) => {
      if (request.written > 0) await new Promise<void>((resolve) => (release = resolve));
      return exportPage(request);
    };
    const { downloads } = await renderNotes(fake.client);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Export' }));
    });
    await settle();
    // The background tells no total for a range larger than a page: the bar runs without a value, the text counts.
    const bar = screen.getByRole('progressbar');
    expect(bar.hasAttribute('value')).toBe(false);
    expect(bar.getAttribute('aria-label')).toBe('Exporting: 1 calls so far');
    expect(screen.getByRole('status').textContent).toBe('Exporting: 1 calls so far');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Cancel export' }));
    });
    await act(async () => {
      release?.();
    });
    await settle();
    expect(fake.exportRequests).toHaveLength(2);
    expect(downloads).toEqual([]);
    expect(screen.getByTestId('notes-export-cancelled').textContent).toBe('Export cancelled. No file was saved.');
    expect(screen.queryByRole('button', { name: 'Cancel export' })).toBeNull();
    expect((screen.getByRole('button', { name: 'Export' }) as HTMLButtonElement).disabled).toBe(false);

    // The next export runs whole again.
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Export' }));
    });
    await act(async () => {
      release?.();
    });
    await settle();
    expect(downloads.map((download) => download.fileName)).toEqual(['onscript-calls-2026-11-28.csv', 'onscript-compliance-log-2026-11-28.json']);
    expect(screen.queryByTestId('notes-export-cancelled')).toBeNull();
  });

  it('names the button 导出 in Chinese', async () => {
    const { client } = fakeNotesClient();
    await renderNotes(client, { languages: ['zh-CN'] });
    expect(screen.getByRole('button', { name: '导出' })).toBeTruthy();
  });

  it('refuses a range that ends before it starts', async () => {
    const { client, exportRequests } = fakeNotesClient();
    await renderNotes(client);
    await act(async () => {
      fireEvent.input(screen.getByLabelText('From'), { target: { value: '2026-11-29' } });
    });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Export' }));
    });
    expect(screen.getByRole('alert').textContent).toMatch(/start date/);
    expect(exportRequests).toHaveLength(0);
  });

  it('shows the daily summary with a text equivalent for every bar', async () => {
    const { client } = fakeNotesClient();
    await renderNotes(client);
    expect(screen.getByTestId('notes-summary').textContent).toContain('2:05');
    expect(screen.getByText('promise-to-pay: 2 calls')).toBeTruthy();
    expect(screen.getByText('no-answer: 1 calls')).toBeTruthy();
    expect(screen.getByTestId('notes-summary').textContent).toContain('300.00 CNY');
  });

  it('asks for notes only when a call is in focus', async () => {
    const { client } = fakeNotesClient();
    await renderNotes(client, { focus: null });
    expect(screen.getByTestId('notes-no-call')).toBeTruthy();
    expect(screen.queryByRole('textbox', { name: 'Call notes' })).toBeNull();
  });
});
