/**
 * The pre-dial verdict with the Team Hub against the same verdict with this browser's log only, for `npm run
 * bench` (group `hub`; needs the Chrome build): the built extension in Chromium, the real hub as its own process
 * on 127.0.0.1 over a private PostgreSQL. The verdict is asked from an extension page through the background, as
 * the panel asks it (the guard gets the same verdict with the call signal's acknowledgement); each round measures
 * it first not enrolled, then enrolled (GET /v1/counts merged in), so both sides share the machine's load of the
 * moment. A ratio from one run, target <= 2.
 *
 * The browser's log holds BENCH_TEAM_CALLS calls (default 500) over the last 30 days, some to the dialled number;
 * the hub holds another agent's attempts on it. Knobs: BENCH_TEAM_ROUNDS (5), BENCH_TEAM_VERDICTS (40 per side
 * per round).
 */
import type { Page } from 'playwright-core';
import pg from 'pg';
import { addMember, issueCode } from '../hub/src/admin';
import { migrate } from '../hub/src/migrate';
import type { PostgresProcess } from '../hub/src/postgres-process';
import { startHubProcess } from './lib/hub-process';
import { launchChromiumWithExtension } from './lib/chromium';
import { waitFor } from './lib/process-utils';

const CALLS = Number(process.env['BENCH_TEAM_CALLS'] ?? 500);
const ROUNDS = Number(process.env['BENCH_TEAM_ROUNDS'] ?? 5);
const VERDICTS = Number(process.env['BENCH_TEAM_VERDICTS'] ?? 40);
/** A Puerto Rico number under Reg F: its caps read the whole log, per debtor and per number. */
const NUMBER = '+17875550100';
const DAY = 86_400_000;

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const median = (values: number[]) => sorted(values)[Math.floor(values.length / 2)]!;
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const log = (message: string) => console.error(`bench team: ${message}`);

type Reply<T> = { ok: true; value: T } | { ok: false; error: string };

/** Sends one OnScript message from the extension page. */
function ask<T>(page: Page, type: string, payload: unknown): Promise<T> {
  return page.evaluate(
    async ({ type, payload }) => {
      const chrome = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<Reply<unknown>> } } }).chrome;
      const reply = await chrome.runtime.sendMessage({ protocol: 'onscript/1', type, payload });
      if (!reply?.ok) throw new Error(reply ? reply.error : 'no reply');
      return reply.value;
    },
    { type, payload },
  ) as Promise<T>;
}

/** `count` verdicts for the number, timed in the page (message to the background and back). */
function timeVerdicts(page: Page, count: number): Promise<{ times: number[]; ledger: string | undefined }> {
  return page.evaluate(
    async ({ count, phone }) => {
      const chrome = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<Reply<{ ledger?: { source: string } }>> } } }).chrome;
      const times: number[] = [];
      let ledger: string | undefined;
      for (let i = 0; i < count; i += 1) {
        const started = performance.now();
        const reply = await chrome.runtime.sendMessage({ protocol: 'onscript/1', type: 'compliance/evaluate', payload: { phone } });
        if (!reply?.ok) throw new Error(reply ? reply.error : 'no reply');
        times.push(performance.now() - started);
        ledger = reply.value.ledger?.source;
      }
      return { times, ledger };
    },
    { count, phone: NUMBER },
  );
}

/** This browser's log: `count` finished calls over the last 30 days, one in 25 to the dialled number. */
function seedLocalLog(page: Page, count: number, now: number): Promise<void> {
  return page.evaluate(
    ({ count, now, number, day }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('onscript');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('calls', 'readwrite');
          for (let i = 0; i < count; i += 1) {
            const startedAt = now - 30 * day + Math.floor((i / count) * 30 * day);
            const e164 = i % 25 === 0 ? number : `+1787555${String(1000 + (i % 5000)).padStart(4, '0')}`;
            tx.objectStore('calls').put({
              id: `bench-${i}`,
              direction: 'outbound',
              remoteNumber: e164,
              numberE164: e164,
              phase: 'ended',
              startedAt,
              endedAt: startedAt + 30_000,
              endReason: 'rejected',
              origin: 'http://127.0.0.1',
              source: 'sip-ws',
              updatedAt: startedAt + 30_000,
              debtorRef: `ACC-${i % 400}`,
            });
          }
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { count, now, number: NUMBER, day: DAY },
  );
}

/** The pre-dial figures: median verdict time with and without the hub, and their ratio, per round and overall. */
export async function preDialFigures(server: PostgresProcess): Promise<Record<string, unknown>> {
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query('CREATE DATABASE bench_predial');
  await admin.end();
  const url = server.urlFor('bench_predial');
  const owner = new pg.Client({ connectionString: url });
  await owner.connect();
  await migrate(owner);
  await addMember(owner, 'bench-agent', 'agent');
  await addMember(owner, 'other-agent', 'agent');
  // Another agent's attempts on the number over the last week, straight into the ledger.
  await owner.query(
    `INSERT INTO onscript.attempts (team_id, agent_id, key, at, number_e164, outcome)
     SELECT g.team_id, g.id, 'other-' || i, now() - (i || ' hours')::interval, $1, 'unanswered'
       FROM onscript.agents g, generate_series(1, 5) i WHERE g.name = 'other-agent'`,
    [NUMBER],
  );
  const hub = await startHubProcess({ databaseUrl: url });
  const browser = await launchChromiumWithExtension();
  try {
    const page = await browser.context.newPage();
    await page.goto(browser.extensionUrl('options.html'));
    // The background opens (and upgrades) its database first; then the log is written beside it.
    await ask(page, 'team/get-status', {});
    await seedLocalLog(page, CALLS, Date.now());
    const rounds: { localMs: number; hubMs: number; ratio: number }[] = [];
    for (let r = 0; r < ROUNDS; r += 1) {
      await ask(page, 'team/leave', {});
      await timeVerdicts(page, 5);
      const local = await timeVerdicts(page, VERDICTS);
      if (local.ledger !== undefined) throw new Error('the local-only verdict asked the hub');
      const code = (await issueCode(owner, 'bench-agent')).code;
      const enrolled = await ask<{ ok: boolean; failure?: string }>(page, 'team/enroll', { hubUrl: hub.baseUrl, code });
      if (!enrolled.ok) throw new Error(`enrolling failed: ${enrolled.failure}`);
      // The enrollment's first push (the log of 30 days) is over before the timing starts.
      await waitFor(async () => (await ask<{ outbox: { calls: number } }>(page, 'team/get-status', {})).outbox.calls === 0, {
        timeoutMs: 60_000,
        what: 'the first push to finish',
      });
      await timeVerdicts(page, 5);
      const withHub = await timeVerdicts(page, VERDICTS);
      if (withHub.ledger !== 'team') throw new Error(`the verdict did not count the team's calls (${withHub.ledger})`);
      const localMs = median(local.times);
      const hubMs = median(withHub.times);
      rounds.push({ localMs, hubMs, ratio: hubMs / localMs });
      log(`round ${r + 1}: local ${localMs.toFixed(1)} ms, with the hub ${hubMs.toFixed(1)} ms`);
    }
    const ratios = rounds.map((r) => r.ratio);
    return {
      localCalls: CALLS,
      verdictsPerSidePerRound: VERDICTS,
      rounds: rounds.map((r) => ({ localMs: round(r.localMs), hubMs: round(r.hubMs), ratio: round(r.ratio) })),
      localMedianMs: round(median(rounds.map((r) => r.localMs))),
      hubMedianMs: round(median(rounds.map((r) => r.hubMs))),
      ratio: round(median(ratios)),
      ratioRange: [round(Math.min(...ratios)), round(Math.max(...ratios))],
      targetRatio: 2,
    };
  } finally {
    await browser.close();
    await hub.stop();
    await owner.end();
  }
}
