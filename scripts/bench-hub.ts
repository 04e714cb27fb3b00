/**
 * The Team Hub's figures for `npm run bench` (group `hub`; `BENCH_ONLY=hub` runs it alone), on a private
 * PostgreSQL from Debian's package and the real hub on 127.0.0.1. Ratios and rates from one run, no assertions:
 *
 * - counts: the counts query for one debtor and number (30-day window) against a ledger of 10 million attempts
 *   and one of 10 thousand, generated in SQL with generate_series; same shape of data (about ten attempts per
 *   debtor), so the ratio shows what the table's size costs (target <= 1.5x: the query reads indexes). Timed
 *   inside the caller's transaction (the query alone, row-level security included) and as the whole HTTP request.
 *   Several rounds, small and large alternating; median and spread of the rounds' ratios.
 * - push: 500 simulated agents, each its own token, pushing batches of attempts over keep-alive HTTP in a closed
 *   loop for a bounded number of batches (and at most PUSH_SECONDS), several rounds: accepted attempts per
 *   second, p50/p95 latency, then the ledger is counted: every key sent must be stored exactly once.
 * - preDial: the extension's pre-dial verdict with the hub against without it (scripts/bench-team.ts; needs the
 *   Chrome build), target <= 2x.
 *
 * Knobs: BENCH_HUB_ROWS (default 10000000), BENCH_HUB_ROUNDS (3), BENCH_HUB_AGENTS (500), BENCH_HUB_BATCHES (10
 * per agent per round), BENCH_HUB_BATCH (20 attempts).
 */
import pg from 'pg';
import { createHubClient } from '../hub/api/client';
import type { CountsRequest, PushAttempt } from '../hub/api/types';
import { addMember } from '../hub/src/admin';
import { createHubDb, type HubDb } from '../hub/src/db';
import { counts } from '../hub/src/ledger';
import { migrate } from '../hub/src/migrate';
import { startPostgres, type PostgresProcess } from '../hub/src/postgres-process';
import { hashSecret, newToken } from '../hub/src/secrets';
import { preDialFigures } from './bench-team';
import { startHubProcess } from './lib/hub-process';

const LARGE = Number(process.env['BENCH_HUB_ROWS'] ?? 10_000_000);
const SMALL = 10_000;
const ROUNDS = Number(process.env['BENCH_HUB_ROUNDS'] ?? 3);
const AGENTS = Number(process.env['BENCH_HUB_AGENTS'] ?? 500);
const BATCHES = Number(process.env['BENCH_HUB_BATCHES'] ?? 10);
const BATCH = Number(process.env['BENCH_HUB_BATCH'] ?? 20);
const PUSH_SECONDS = 120;
const QUERIES_PER_ROUND = 200;
const DAY = 86_400_000;

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const percentile = (values: number[], p: number) => {
  const s = sorted(values);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const median = (values: number[]) => percentile(values, 50);
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const spread = (values: number[]) => ({ median: round(median(values)), min: round(Math.min(...values)), max: round(Math.max(...values)) });
const log = (message: string) => console.error(`bench hub: ${message}`);

async function database(server: PostgresProcess, name: string): Promise<{ url: string; owner: pg.Client }> {
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = server.urlFor(name);
  const owner = new pg.Client({ connectionString: url });
  await owner.connect();
  await migrate(owner);
  return { url, owner };
}

/** A token for an existing member, written straight into the database (no enrollment round trip per agent). */
async function tokenFor(owner: pg.Client, name: string, role: 'agent' | 'lead' = 'agent'): Promise<string> {
  await addMember(owner, name, role, 'bench');
  const token = newToken();
  await owner.query('UPDATE onscript.agents SET token_hash = $2, enrolled_at = now(), enrollment_hash = NULL WHERE name = $1', [name, hashSecret(token)]);
  return token;
}

/**
 * `rows` attempts over the last 300 days by 100 agents, about ten per debtor (debtor i uses number i), plus the
 * twelve the benchmark's query finds (debtor BENCH-TARGET on its own number, the last 20 days).
 */
async function seedLedger(owner: pg.Client, rows: number): Promise<void> {
  for (let i = 0; i < 100; i += 1) await addMember(owner, `seed-${i}`, 'agent', 'bench');
  const debtors = Math.max(1, Math.floor(rows / 10));
  // Indexes are built after the load, as a bulk import would: far faster than maintaining them row by row.
  await owner.query('DROP INDEX onscript.attempts_by_debtor, onscript.attempts_by_number');
  await owner.query('ALTER TABLE onscript.attempts DROP CONSTRAINT attempts_pkey');
  await owner.query(
    `INSERT INTO onscript.attempts (team_id, agent_id, key, at, number_e164, debtor_ref, outcome)
     SELECT t.id, a0.id + (g % 100), 's' || g, now() - (g % 25920000) * interval '1 second',
            '+1' || (2000000000 + (g % $2))::text, 'D-' || (g % $2),
            (ARRAY['unanswered','voicemail','conversation','no-connect'])[1 + g % 4]
       FROM generate_series(1, $1::bigint) g,
            (SELECT id FROM onscript.teams WHERE name = 'bench') t,
            (SELECT min(id) AS id FROM onscript.agents WHERE name LIKE 'seed-%') a0`,
    [rows, debtors],
  );
  await owner.query(
    `INSERT INTO onscript.attempts (team_id, agent_id, key, at, number_e164, debtor_ref, outcome)
     SELECT t.id, a.id, 'target-' || g, now() - g * interval '40 hours', '+19995550100', 'BENCH-TARGET',
            (ARRAY['unanswered','voicemail','conversation'])[1 + g % 3]
       FROM generate_series(1, 12) g, (SELECT id FROM onscript.teams WHERE name = 'bench') t,
            (SELECT min(id) AS id FROM onscript.agents WHERE name LIKE 'seed-%') a`,
  );
  await owner.query('ALTER TABLE onscript.attempts ADD PRIMARY KEY (agent_id, key, at)');
  await owner.query('CREATE INDEX attempts_by_debtor ON onscript.attempts (team_id, debtor_ref, at) WHERE debtor_ref IS NOT NULL');
  await owner.query('CREATE INDEX attempts_by_number ON onscript.attempts (team_id, number_e164, at)');
  await owner.query('VACUUM ANALYZE onscript.attempts');
}

interface Ledger {
  label: string;
  db: HubDb;
  token: string;
  baseUrl: string;
  stop(): Promise<void>;
}

async function prepareLedger(server: PostgresProcess, label: string, rows: number): Promise<Ledger> {
  const { url, owner } = await database(server, `bench_${label}`);
  const started = Date.now();
  await seedLedger(owner, rows);
  log(`${label}: ${rows.toLocaleString('en')} attempts generated and indexed in ${Math.round((Date.now() - started) / 1000)} s`);
  const token = await tokenFor(owner, `reader-${label}`);
  await owner.end();
  const hub = await startHubProcess({ databaseUrl: url });
  const db = createHubDb({ connectionString: url, poolSize: 2 });
  return { label, db, token, baseUrl: hub.baseUrl, stop: async () => (await hub.stop(), await db.close()) };
}

async function countsFigures(server: PostgresProcess) {
  log(`counts: generating ${LARGE.toLocaleString('en')} and ${SMALL.toLocaleString('en')} attempts`);
  const small = await prepareLedger(server, 'small', SMALL);
  const large = await prepareLedger(server, 'large', LARGE);
  try {
    const query = (): CountsRequest => ({ debtorRef: 'BENCH-TARGET', numberE164: '+19995550100', from: Date.now() - 30 * DAY, to: Date.now() + 1000, timeZone: 'America/New_York' });
    /** The counts statement alone, inside the caller's transaction (RLS applies), ms each. */
    const queryTimes = (ledger: Ledger, n: number) =>
      ledger.db.asCaller(ledger.token, async (client, caller) => {
        const times: number[] = [];
        for (let i = 0; i < n; i += 1) {
          const started = performance.now();
          const answer = await counts(client, caller, query(), Date.now());
          times.push(performance.now() - started);
          if (answer.buckets.reduce((sum, b) => sum + b.count, 0) !== 12) throw new Error(`${ledger.label}: expected 12 attempts, got ${JSON.stringify(answer.buckets)}`);
        }
        return times;
      });
    /** The whole request over HTTP: authentication, transaction, query, JSON. */
    const requestTimes = async (ledger: Ledger, n: number) => {
      const client = createHubClient({ baseUrl: ledger.baseUrl, token: ledger.token });
      const times: number[] = [];
      for (let i = 0; i < n; i += 1) {
        const started = performance.now();
        await client.counts(query());
        times.push(performance.now() - started);
      }
      return times;
    };
    // Warm both (caches, plans), then rounds with the order flipped each time.
    await queryTimes(small, 50);
    await queryTimes(large, 50);
    await requestTimes(small, 50);
    await requestTimes(large, 50);
    const rounds: { small: number; large: number; smallHttp: number; largeHttp: number }[] = [];
    for (let r = 0; r < ROUNDS; r += 1) {
      const order = r % 2 === 0 ? [small, large] : [large, small];
      const result: Record<string, number> = {};
      for (const ledger of order) {
        result[ledger.label] = median(await queryTimes(ledger, QUERIES_PER_ROUND));
        result[`${ledger.label}Http`] = median(await requestTimes(ledger, QUERIES_PER_ROUND));
      }
      rounds.push(result as (typeof rounds)[number]);
    }
    const plan = await large.db.asCaller(large.token, async (client, caller) => {
      const { rows } = await client.query(
        `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) SELECT count(*) FROM onscript.attempts a
          WHERE a.team_id = $1 AND a.at >= now() - interval '30 days' AND a.at < now() AND (a.debtor_ref = $2 OR a.number_e164 = $3)`,
        [caller.teamId, 'BENCH-TARGET', '+19995550100'],
      );
      const text = JSON.stringify(rows[0]['QUERY PLAN']);
      return {
        indexScans: [...new Set(text.match(/"Index Name":"[a-z0-9_]+"/g) ?? [])].length,
        seqScans: (text.match(/"Node Type":"Seq Scan"/g) ?? []).length,
        sharedBuffersHit: Number(/"Shared Hit Blocks":(\d+)/.exec(text)?.[1] ?? 0),
      };
    });
    return {
      rows: { small: SMALL, large: LARGE },
      window: '30 days, one debtor + its number, 12 matching attempts',
      queryMedianMs: { small: spread(rounds.map((r) => r.small)), large: spread(rounds.map((r) => r.large)) },
      queryRatio: spread(rounds.map((r) => r.large / r.small)),
      httpMedianMs: { small: spread(rounds.map((r) => r.smallHttp)), large: spread(rounds.map((r) => r.largeHttp)) },
      httpRatio: spread(rounds.map((r) => r.largeHttp / r.smallHttp)),
      largePlan: plan,
      targetRatio: 1.5,
    };
  } finally {
    await small.stop();
    await large.stop();
  }
}

async function pushFigures(server: PostgresProcess) {
  const { url, owner } = await database(server, 'bench_push');
  const tokens: string[] = [];
  for (let i = 0; i < AGENTS; i += 1) tokens.push(await tokenFor(owner, `agent-${i}`));
  const hub = await startHubProcess({ databaseUrl: url });
  const rounds: { attemptsPerSecond: number; p50Ms: number; p95Ms: number; requests: number; seconds: number }[] = [];
  let sent = 0;
  let accepted = 0;
  let firstBatch: PushAttempt[] = [];
  try {
    // One untimed batch per agent first: connections, the hub's first compilations and plans.
    await Promise.all(
      tokens.map(async (token, agent) => {
        const attempts: PushAttempt[] = [{ key: 'warm-up', at: Date.now(), numberE164: '+12125550000', debtorRef: `D-${agent}`, outcome: 'no-connect' }];
        await createHubClient({ baseUrl: hub.baseUrl, token, timeoutMs: 60_000 }).push({ attempts });
        sent += 1;
      }),
    );
    for (let r = 0; r < ROUNDS; r += 1) {
      const latencies: number[] = [];
      const deadline = Date.now() + PUSH_SECONDS * 1000;
      const started = performance.now();
      let roundAccepted = 0;
      await Promise.all(
        tokens.map(async (token, agent) => {
          const client = createHubClient({ baseUrl: hub.baseUrl, token, timeoutMs: 60_000 });
          for (let b = 0; b < BATCHES && Date.now() < deadline; b += 1) {
            const now = Date.now();
            const attempts: PushAttempt[] = Array.from({ length: BATCH }, (_, i) => ({
              key: `r${r}-b${b}-${i}`,
              at: now - i,
              numberE164: `+1212${String(5_000_000 + ((agent * 97 + b * 13 + i) % 1_000_000)).padStart(7, '0')}`,
              debtorRef: `D-${(agent * 31 + i) % 5000}`,
              outcome: i % 3 === 0 ? 'conversation' : 'unanswered',
            }));
            if (r === 0 && b === 0 && agent === 0) firstBatch = attempts;
            const t0 = performance.now();
            const answer = await client.push({ attempts });
            latencies.push(performance.now() - t0);
            sent += attempts.length;
            accepted += answer.new.length;
            roundAccepted += answer.new.length;
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      rounds.push({ attemptsPerSecond: roundAccepted / seconds, p50Ms: percentile(latencies, 50), p95Ms: percentile(latencies, 95), requests: latencies.length, seconds });
      log(`push round ${r + 1}: ${Math.round(roundAccepted / seconds)} attempts/s, p95 ${Math.round(percentile(latencies, 95))} ms`);
    }
    // No loss and no double count: the ledger holds exactly what was sent, and a resend adds nothing.
    const stored = Number((await owner.query("SELECT count(*) AS n FROM onscript.attempts")).rows[0].n);
    const resend = await createHubClient({ baseUrl: hub.baseUrl, token: tokens[0]! }).push({ attempts: firstBatch });
    return {
      agents: AGENTS,
      batchesPerAgentPerRound: BATCHES,
      attemptsPerBatch: BATCH,
      rounds: ROUNDS,
      attemptsPerSecond: spread(rounds.map((r) => r.attemptsPerSecond)),
      p50Ms: spread(rounds.map((r) => r.p50Ms)),
      p95Ms: spread(rounds.map((r) => r.p95Ms)),
      sent,
      accepted,
      stored,
      lost: sent - stored,
      resendNew: resend.new.length,
    };
  } finally {
    await hub.stop();
    await owner.end();
  }
}

/** Every figure of the hub group. */
export async function hubFigures(): Promise<Record<string, unknown>> {
  const server = await startPostgres({
    settings: { shared_buffers: '1GB', maintenance_work_mem: '1GB', max_wal_size: '8GB', work_mem: '16MB', wal_level: 'minimal', max_wal_senders: 0 },
  });
  try {
    // BENCH_HUB_SKIP_COUNTS=1 skips the 10-million-row part when iterating on the push figures.
    const countsResult = process.env['BENCH_HUB_SKIP_COUNTS'] ? null : await countsFigures(server);
    log(`push: ${AGENTS} agents`);
    const pushResult = await pushFigures(server);
    // BENCH_HUB_SKIP_PREDIAL=1 skips the browser part (it needs the Chrome build).
    log('pre-dial verdict with the hub and without');
    const preDial = process.env['BENCH_HUB_SKIP_PREDIAL'] ? null : await preDialFigures(server);
    return { counts: countsResult, push: pushResult, preDial };
  } finally {
    await server.stop();
  }
}
