import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromiumWithExtension, type ExtensionBrowser } from '../../scripts/lib/chromium';
import { readCallRecords, startDemoPages, type DemoPages } from '../../scripts/lib/demo-session';
import { waitFor } from '../../scripts/lib/process-utils';
import { pickCappedCandidate } from '../fixtures/capped-candidates';
import { DemoCustomerPage, DemoDialerPage } from './pages/demo-phone-page';
import { SidePanelPage } from './pages/side-panel-page';
import { startTeamHub, type TeamHubScene } from './support/team-hub';

/**
 * The team ledger end to end: two agents, each in a browser profile of their own with the built extension, call
 * the same debtor through Kamailio and meet in one ledger on the real Team Hub over a real PostgreSQL. Which
 * numbers (and so which cap: Reg F's 7-in-7 or China's 6 a day, per number) is chosen at test time from the
 * engine's own verdict, so the test holds at any hour (tests/fixtures/capped-candidates.ts).
 */
const candidate = pickCappedCandidate(Date.now());
const [CAPPED, FLAGGED, OFFLINE] = candidate.numbers;

interface Agent {
  name: string;
  browser: ExtensionBrowser;
  dialer: DemoDialerPage;
  panel: SidePanelPage;
  options: Page;
}

type CallRecord = Record<string, unknown> & { id: string; startedAt: number; phase: string; complianceEvents?: { kind: string; code: string }[] };

let hub: TeamHubScene;
let pages: DemoPages;
let customers: ExtensionBrowser;
let ana: Agent;
let bob: Agent;

async function openAgent(name: string): Promise<Agent> {
  const browser = await launchChromiumWithExtension();
  const dialer = await new DemoDialerPage(await browser.context.newPage()).open(pages.dialerUrl({ user: `agent-${name}` }));
  const panel = await SidePanelPage.openFor(browser, '/dialer.html');
  await panel.page.evaluate(async (region) => {
    const { chrome } = globalThis as unknown as { chrome: { storage: { local: { set(items: object): Promise<void> } } } };
    await chrome.storage.local.set({ 'settings.detection.defaultRegion': region });
  }, candidate.region);
  // Enrolled as an agent does it: the lead's one-time code pasted into Options → Team.
  const options = await browser.context.newPage();
  await options.goto(browser.extensionUrl('options.html#team'));
  await options.getByLabel('Team Hub address').fill(hub.baseUrl);
  await options.getByLabel('Your one-time enrollment code').fill(await hub.addAgent(name));
  await options.getByRole('button', { name: 'Join the team' }).click();
  await options.getByText(`Enrolled as ${name} in team default`).waitFor({ timeout: 15_000 });
  return { name, browser, dialer, panel, options };
}

async function records(agent: Agent): Promise<CallRecord[]> {
  return ((await readCallRecords(agent.panel.page)) as CallRecord[]).sort((a, b) => a.startedAt - b.startedAt);
}

/** One outbound call to a customer who declines it (an unanswered attempt); returns its record once ended. */
async function call(agent: Agent, number: string): Promise<CallRecord> {
  const before = (await records(agent)).length;
  await agent.dialer.dial(number);
  return waitFor(
    async () => {
      const all = await records(agent);
      const last = all.at(-1);
      return all.length > before && last?.phase === 'ended' ? last : undefined;
    },
    { timeoutMs: 20_000, what: `${agent.name}'s call to ${number} to end` },
  );
}

const events = (record: CallRecord) => (record.complianceEvents ?? []).map((event) => [event.kind, event.code]);
const syncLine = (agent: Agent) => agent.panel.page.getByTestId('team-sync-status').innerText();
async function waitForSync(agent: Agent, pattern: RegExp, timeoutMs = 15_000): Promise<void> {
  let last = '';
  try {
    await waitFor(async () => pattern.test((last = await syncLine(agent).catch(() => ''))), { timeoutMs, what: `${agent.name}'s sync line to match ${pattern}` });
  } catch (error) {
    throw new Error(`${(error as Error).message}; it said "${last}"`);
  }
}

/** The hub's attempts, per agent and number. */
async function hubAttempts(agent: string, number?: string): Promise<{ key: string; number_e164: string }[]> {
  const { rows } = await hub.owner.query(
    `SELECT a.key, a.number_e164 FROM onscript.attempts a JOIN onscript.agents g ON g.id = a.agent_id
      WHERE g.name = $1 AND ($2::text IS NULL OR a.number_e164 LIKE '%' || $2) ORDER BY a.at`,
    [agent, number ?? null],
  );
  return rows;
}

beforeAll(async () => {
  hub = await startTeamHub();
  await hub.start();
  pages = await startDemoPages({ wsUrl: inject('sipWsUrl'), domain: inject('sipDomain') });
  // The debtor's phones: declining every call after ringing a moment (an unanswered attempt each time).
  customers = await launchChromiumWithExtension();
  for (const number of candidate.numbers) {
    await new DemoCustomerPage(await customers.context.newPage()).open(pages.sipjsCustomerUrl(number, { mode: 'reject', answerAfterMs: '1500' }));
  }
  ana = await openAgent('ana');
  bob = await openAgent('bob');
}, 180_000);

afterAll(async () => {
  for (const browser of [ana?.browser, bob?.browser, customers]) await browser?.close();
  await pages?.close();
  await hub?.stop();
});

describe(`the team ledger in two browsers (${candidate.numbers[0]}: ${candidate.capId}, ${candidate.limit} attempts)`, () => {
  it(`ana's attempts up to the cap make bob's next one blocked, counted by the hub`, async () => {
    for (let i = 0; i < candidate.limit; i += 1) {
      const attempt = await call(ana, CAPPED);
      expect(events(attempt)).toEqual([]);
    }
    await waitFor(async () => (await hubAttempts('ana', CAPPED)).length === candidate.limit, { timeoutMs: 15_000, what: "ana's attempts on the hub" });
    await waitForSync(ana, /All calls sent/);

    // Bob has never called this debtor: only the team's counts can stop him.
    const blocked = await call(bob, CAPPED);
    expect(events(blocked)).toEqual([['block', 'over-cap']]);
    // His panel says whose calls were counted, and counts his blocked attempt too once it is on the hub.
    await waitFor(async () => (await hubAttempts('bob', CAPPED)).length === 1, { timeoutMs: 15_000, what: "bob's attempt on the hub" });
    await bob.panel.page.getByLabel('Next number').fill(CAPPED);
    await bob.panel.page.getByRole('button', { name: 'Check' }).click();
    const note = bob.panel.page.getByTestId('compliance-caps-note');
    await waitFor(async () => (await note.getAttribute('data-ledger')) === 'team', { what: "bob's panel to count the team's calls" });
    await expect(note.innerText()).resolves.toMatch(/^Counts cover the whole team’s calls/);
    await expect(bob.panel.page.getByTestId('compliance-caps').innerText()).resolves.toMatch(
      new RegExp(`^Over a frequency cap\\. ${candidate.limit + 1} attempts and 0 conversations`),
    );
  });

  it("ana's cease flag blocks bob's next dial", async () => {
    // Do-not-call flags are under Options → Compliance.
    await ana.options.goto(ana.browser.extensionUrl('options.html#compliance'));
    await ana.options.reload();
    const flags = ana.options.locator('form', { has: ana.options.getByRole('heading', { name: 'Do-not-call flags' }) });
    await flags.getByLabel('Number or debtor reference').fill(FLAGGED);
    await flags.getByLabel('Reason').selectOption('cease-request');
    await flags.getByRole('button', { name: 'Add flag' }).click();
    const setAt = Date.now();
    await waitFor(
      async () => {
        const { rows } = await hub.owner.query("SELECT count(*)::int AS n FROM onscript.flag_events WHERE op = 'set' AND number_e164 LIKE '%' || $1", [FLAGGED]);
        return rows[0].n === 1;
      },
      { timeoutMs: 10_000, what: "ana's flag on the hub" },
    );
    const reachedHubMs = Date.now() - setAt;
    const dial = await call(bob, FLAGGED);
    expect(events(dial)).toEqual([['block', 'do-not-call']]);
    console.info(`team e2e: ana's cease flag reached the hub ${reachedHubMs} ms after she added it; bob's next dial was blocked`);
    // Bob's browser keeps the team's flag (from the counts, and the feed): it holds while the hub is away too.
    await waitFor(
      () =>
        bob.options.evaluate(async () => {
          const { chrome } = globalThis as unknown as { chrome: { runtime: { sendMessage(message: object): Promise<{ value: { source?: string }[] }> } } };
          const reply = await chrome.runtime.sendMessage({ protocol: 'onscript/1', type: 'compliance/list-flags', payload: {} });
          return reply.value.some((flag) => flag.source === 'team');
        }),
      { timeoutMs: 10_000, what: "the team's flag in bob's do-not-call store" },
    );
  });

  it('keeps calling while the hub is killed mid-sync and away, says so, and catches up with every record exactly once', async () => {
    const killed = hub.killOnNextPush();
    const first = await call(ana, OFFLINE);
    await killed;
    expect(hub.running()).toBe(false);
    const committed = (await hubAttempts('ana', OFFLINE)).some((attempt) => attempt.key === `attempt:${first.id}`);
    console.info(`team e2e: the hub was killed during ana's push; that push ${committed ? 'had' : 'had not'} committed`);
    // Offline: the calls go on, each verdict says the team's counts are missing (a warning, the default policy).
    const offline = [await call(ana, OFFLINE), await call(ana, OFFLINE)];
    for (const record of offline) expect(events(record)).toEqual([['warning', 'team-unavailable']]);
    // Three calls, or two when the hub stored and answered the first push just before it died.
    await waitForSync(ana, /^Team hub: [23] calls not yet sent · hub unreachable, retrying/);

    await hub.start();
    // The alarm's back-off brings the outbox in by itself.
    await waitForSync(ana, /^Team hub: All calls sent/, 75_000);
    const local = (await records(ana)).filter((record) => record['direction'] === 'outbound');
    const onHub = await hubAttempts('ana');
    expect(onHub.map((attempt) => attempt.key).sort()).toEqual(local.map((record) => `attempt:${record.id}`).sort());
    const { rows } = await hub.owner.query(
      "SELECT c.call_id FROM onscript.calls c JOIN onscript.agents g ON g.id = c.agent_id WHERE g.name = 'ana' ORDER BY c.call_id",
    );
    expect(rows.map((row: { call_id: string }) => row.call_id)).toEqual(local.map((record) => record.id).sort());
    const offlineCall = offline[1]!;
    const { rows: stored } = await hub.owner.query("SELECT record->'complianceEvents' AS events FROM onscript.calls WHERE call_id = $1", [offlineCall.id]);
    expect(stored[0].events).toEqual([expect.objectContaining({ kind: 'warning', code: 'team-unavailable' })]);
  }, 150_000);

  it('refuses a revoked agent from his next request on, and tells him', async () => {
    const before = await hubAttempts('bob');
    await hub.revoke('bob');
    const attempt = await call(bob, OFFLINE);
    await waitForSync(bob, /access \(revoked\)/);
    expect(await hubAttempts('bob')).toEqual(before);
    expect(events(attempt)).toEqual([['warning', 'team-unavailable']]);
  });
});
