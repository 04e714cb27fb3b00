/**
 * The pre-dial verdict with the Team Hub against the same verdict with this browser's log only, for `npm run
 * bench` (group `hub`; needs the Chrome build): two browsers with the built extension and the same 60-day call log
 * (as the compliance group stores it), one enrolled with the real hub (its own process on 127.0.0.1, over a
 * private PostgreSQL), one not. The verdict is asked from an extension page through the background, as the panel
 * asks it (the guard gets the same verdict with the call signal's acknowledgement); rounds alternate between the
 * two browsers so both share the machine's load of the moment. The ratio of the medians, from one run, target <= 2.
 *
 * Knobs: BENCH_TEAM_ROUNDS (5), BENCH_TEAM_VERDICTS (40 per browser per round).
 */
import type { Page } from 'playwright-core';
import pg from 'pg';
import { addMember } from '../hub/src/admin';
import { migrate } from '../hub/src/migrate';
import type { PostgresProcess } from '../hub/src/postgres-process';
import { percentile, round, seed, send, timeMessages } from './bench-notes';
import { launchChromiumWithExtension, type ExtensionBrowser } from './lib/chromium';
import { startHubProcess } from './lib/hub-process';
import { waitFor } from './lib/process-utils';

const ROUNDS = Number(process.env['BENCH_TEAM_ROUNDS'] ?? 5);
const VERDICTS = Number(process.env['BENCH_TEAM_VERDICTS'] ?? 40);
const DAY = 86_400_000;
const LOG_CALLS = 6_000;
/** A number the stored log has a call to (bench-notes' seed numbers them +86138001300000…). */
const NUMBER = '+8613800130007';

const median = (values: number[]) => percentile(values, 50);
const log = (message: string) => console.error(`bench team: ${message}`);

/** A browser with the log stored, its extension page open. */
async function browserWithLog(now: number): Promise<{ browser: ExtensionBrowser; page: Page }> {
  const browser = await launchChromiumWithExtension();
  const page = await browser.context.newPage();
  await page.goto(browser.extensionUrl('options.html'));
  // The background opens (and upgrades) its database first; the log is written beside it.
  await send(page, 'team/get-status', {});
  await seed(page, { prefix: 'log', count: LOG_CALLS, startMs: now - 60 * DAY, spanMs: 60 * DAY, now, todayFollowUps: 0 });
  return { browser, page };
}

/** The pre-dial figures: median verdict time with and without the hub per round, and the ratio of the medians. */
export async function preDialFigures(server: PostgresProcess): Promise<Record<string, unknown>> {
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query('CREATE DATABASE bench_predial');
  await admin.end();
  const url = server.urlFor('bench_predial');
  const owner = new pg.Client({ connectionString: url });
  await owner.connect();
  await migrate(owner);
  const code = (await addMember(owner, 'bench-agent', 'agent')).code;
  await addMember(owner, 'other-agent', 'agent');
  // Another agent's attempts on the number over the last days, straight into the ledger.
  await owner.query(
    `INSERT INTO onscript.attempts (team_id, agent_id, key, at, number_e164, outcome)
     SELECT g.team_id, g.id, 'other-' || i, now() - (i || ' hours')::interval, $1, 'unanswered'
       FROM onscript.agents g, generate_series(1, 5) i WHERE g.name = 'other-agent'`,
    [NUMBER],
  );
  const hub = await startHubProcess({ databaseUrl: url });
  const now = Date.now();
  log(`two browsers, ${LOG_CALLS.toLocaleString('en')} calls each`);
  const local = await browserWithLog(now);
  const team = await browserWithLog(now);
  try {
    const enrolled = (await send(team.page, 'team/enroll', { hubUrl: hub.baseUrl, code })) as { ok: boolean; failure?: string };
    if (!enrolled.ok) throw new Error(`enrolling failed: ${enrolled.failure}`);
    // The enrollment sends the counting window's calls first; the timing starts once that is over.
    await waitFor(async () => ((await send(team.page, 'team/get-status', {})) as { outbox: { calls: number } }).outbox.calls === 0, {
      timeoutMs: 180_000,
      what: 'the enrollment push to finish',
    });
    const verdicts = (page: Page, count: number) => timeMessages(page, 'compliance/evaluate', Array.from({ length: count }, () => ({ phone: NUMBER })));
    for (const side of [local, team]) await verdicts(side.page, 10);
    const ledger = (page: Page) => send(page, 'compliance/evaluate', { phone: NUMBER }).then((a) => (a as { ledger?: { source: string } }).ledger?.source);
    if ((await ledger(local.page)) !== undefined || (await ledger(team.page)) !== 'team') throw new Error('the two browsers do not judge as intended');
    const rounds: { localMs: number; hubMs: number }[] = [];
    for (let r = 0; r < ROUNDS; r += 1) {
      const localTimes = await verdicts(local.page, VERDICTS);
      const hubTimes = await verdicts(team.page, VERDICTS);
      rounds.push({ localMs: median(localTimes), hubMs: median(hubTimes) });
      log(`round ${r + 1}: local ${median(localTimes).toFixed(1)} ms, with the hub ${median(hubTimes).toFixed(1)} ms`);
    }
    const ratios = rounds.map((r) => r.hubMs / r.localMs);
    return {
      logCalls: LOG_CALLS,
      verdictsPerBrowserPerRound: VERDICTS,
      rounds: rounds.map((r) => ({ localMs: round(r.localMs), hubMs: round(r.hubMs), ratio: round(r.hubMs / r.localMs) })),
      localMedianMs: round(median(rounds.map((r) => r.localMs))),
      hubMedianMs: round(median(rounds.map((r) => r.hubMs))),
      ratio: round(median(ratios)),
      ratioRange: [round(Math.min(...ratios)), round(Math.max(...ratios))],
      targetRatio: 2,
    };
  } finally {
    await Promise.all([local.browser.close(), team.browser.close()]);
    await hub.stop();
    await owner.end();
  }
}
