import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateContactCaps } from '../../lib/compliance/caps';
import { evaluateDoNotCall } from '../../lib/compliance/dnc';
import { dayStart, zoneClock } from '../../lib/time/wall-clock';
import { HubRequestError, type HubClient } from '../../hub/api/client';
import { countsToAttempts } from '../../hub/api/counts';
import type { CountsRequest, PushAttempt } from '../../hub/api/types';
import { revokeMember } from '../../hub/src/admin';
import { startTestHub, type TestHub } from './support/hub-fixture';

const DAY = 86_400_000;
const US_NUMBER = '+12125550100';
const CN_NUMBER = '+8613800138000';

let hub: TestHub;
let ana: HubClient;
let ben: HubClient;
let lia: HubClient;
let sam: HubClient;

beforeAll(async () => {
  hub = await startTestHub();
  ana = (await hub.member('ana')).client;
  ben = (await hub.member('ben')).client;
  lia = (await hub.member('lia', 'lead')).client;
  sam = (await hub.member('sam', 'agent', 'south')).client;
});

afterAll(async () => {
  await hub.stop();
});

/** The error a call failed with (the test fails if it did not fail). */
async function failure(promise: Promise<unknown>): Promise<HubRequestError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HubRequestError);
  return error as HubRequestError;
}

async function raw(path: string, init: RequestInit & { token?: string } = {}): Promise<{ status: number; body: any; headers: Headers }> {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  const response = await fetch(`${hub.baseUrl}${path}`, { ...init, headers });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text), headers: response.headers };
}

let keys = 0;
const attempt = (at: number, outcome: PushAttempt['outcome'], extra: Partial<PushAttempt> = {}): PushAttempt => ({
  key: `k-${(keys += 1)}`,
  at,
  numberE164: US_NUMBER,
  outcome,
  ...extra,
});

describe('enrollment', () => {
  it('exchanges a code once for a token, whatever the code’s case and dashes', async () => {
    const issued = await import('../../hub/src/admin').then(({ addMember }) => addMember(hub.database.owner, 'eve', 'agent'));
    const enrolled = await hub.anonymous.enroll(issued.code.toLowerCase().replaceAll('-', ' '));
    expect(enrolled).toMatchObject({ agent: 'eve', team: 'default', role: 'agent' });
    expect(enrolled.token).toMatch(/^osh_[A-Za-z0-9_-]{43}$/);
    expect(await hub.client(enrolled.token).me()).toEqual({ agent: 'eve', team: 'default', role: 'agent' });
    expect((await failure(hub.anonymous.enroll(issued.code))).code).toBe('enrollment-invalid');
    // Only hashes are stored.
    const { rows } = await hub.database.owner.query("SELECT token_hash, enrollment_hash FROM onscript.agents WHERE name = 'eve'");
    expect(rows[0].token_hash.length).toBe(32);
    expect(rows[0].token_hash.toString('utf8')).not.toContain(enrolled.token.slice(4, 20));
    expect(rows[0].enrollment_hash).toBeNull();
  });

  it('refuses an unknown or expired code, and a request without a valid token', async () => {
    expect((await failure(hub.anonymous.enroll('AAAA-BBBB-CCCC'))).status).toBe(401);
    const { addMember } = await import('../../hub/src/admin');
    const issued = await addMember(hub.database.owner, 'old', 'agent');
    await hub.database.owner.query("UPDATE onscript.agents SET enrollment_expires_at = now() - interval '1 second' WHERE name = 'old'");
    expect((await failure(hub.anonymous.enroll(issued.code))).code).toBe('enrollment-invalid');
    const missing = await raw('/v1/me');
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer');
    expect(missing.body.error.code).toBe('unauthorized');
    expect((await failure(hub.client('osh_not-a-token').me())).code).toBe('unauthorized');
  });

  it('lets a lead add an agent (the code works) and refuses the same to an agent', async () => {
    const added = await lia.addAgent('new-agent');
    expect(added.enrollmentCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect((await hub.anonymous.enroll(added.enrollmentCode)).team).toBe('default');
    expect((await failure(lia.addAgent('new-agent'))).code).toBe('conflict');
    expect((await failure(ana.addAgent('sneaky'))).code).toBe('forbidden');
    expect((await lia.teamAgents()).agents.map((agent) => agent.name)).toContain('new-agent');
  });
});

describe('push', () => {
  it('is idempotent: a resend changes nothing and says which keys were new', async () => {
    const now = Date.now();
    const batch = {
      attempts: [attempt(now - 1000, 'unanswered', { debtorRef: 'IDEM-1' }), attempt(now - 500, 'voicemail', { debtorRef: 'IDEM-1' })],
      flags: [{ key: 'idem-flag', op: 'set' as const, scope: 'debtor' as const, debtorRef: 'IDEM-1', reason: 'dispute-pending' as const, at: now - 100 }],
      calls: [{ key: 'idem-call-1', revision: 1, call: { id: 'idem-call', direction: 'outbound' as const, remoteNumber: '2125550100', startedAt: now - 1000 } }],
    };
    const keysInBatch = [...batch.attempts.map((a) => a.key), 'idem-call-1', 'idem-flag'];
    const first = await ana.push(batch);
    expect(new Set(first.new)).toEqual(new Set(keysInBatch));
    expect(first.duplicate).toEqual([]);
    const again = await ana.push(batch);
    expect(again.new).toEqual([]);
    expect(new Set(again.duplicate)).toEqual(new Set(keysInBatch));
    const counts = await ben.counts({ debtorRef: 'IDEM-1', from: now - DAY, to: now + 1000, timeZone: 'UTC' });
    expect(counts.buckets.reduce((sum, bucket) => sum + bucket.count, 0)).toBe(2);
    const { rows } = await hub.database.owner.query("SELECT count(*)::int AS n FROM onscript.flag_events WHERE debtor_ref = 'IDEM-1'");
    expect(rows[0].n).toBe(1);
  });

  it('keeps the highest revision of a call record; an older one is a duplicate', async () => {
    const now = Date.now();
    const call = { id: 'rev-call', direction: 'outbound' as const, remoteNumber: '2125550100', startedAt: now - 60_000 };
    expect((await ana.push({ calls: [{ key: 'rev-2', revision: 2, call: { ...call, disposition: 'callback' } }] })).new).toEqual(['rev-2']);
    expect((await ana.push({ calls: [{ key: 'rev-1', revision: 1, call: { ...call, disposition: 'stale' } }] })).duplicate).toEqual(['rev-1']);
    expect((await ana.push({ calls: [{ key: 'rev-3', revision: 3, call: { ...call, disposition: 'paid', endedAt: now } }] })).new).toEqual(['rev-3']);
    const { rows } = await hub.database.owner.query("SELECT disposition, record->>'endedAt' AS ended FROM onscript.calls WHERE call_id = 'rev-call'");
    expect(rows).toEqual([{ disposition: 'paid', ended: String(now) }]);
  });

  it('lists the caller’s own attempts among the counted ones, with their keys, and nobody else’s', async () => {
    const now = Date.now();
    const number = '+12125550177';
    const mine = [attempt(now - 3000, 'unanswered', { debtorRef: 'OWN-1', numberE164: number }), attempt(now - 2000, 'voicemail', { numberE164: number })];
    await ana.push({ attempts: mine });
    await ben.push({ attempts: [attempt(now - 1000, 'unanswered', { debtorRef: 'OWN-1', numberE164: number })] });
    const query: CountsRequest = { debtorRef: 'OWN-1', numberE164: number, from: now - DAY, to: now + 1000, timeZone: 'UTC' };
    const forAna = await ana.counts(query);
    expect(forAna.buckets.reduce((sum, bucket) => sum + bucket.count, 0)).toBe(3);
    const day = (at: number) => new Date(at).toISOString().slice(0, 10);
    expect(forAna.own).toEqual([
      { key: mine[1]!.key, day: day(now - 2000), at: now - 2000, outcome: 'voicemail', debtor: 'none', sameNumber: true },
      { key: mine[0]!.key, day: day(now - 3000), at: now - 3000, outcome: 'unanswered', debtor: 'same', sameNumber: true },
    ]);
    expect((await ben.counts(query)).own?.map((own) => own.outcome)).toEqual(['unanswered']);
  });

  it('two agents, one ledger: ana’s seventh attempt in seven days blocks ben’s eighth (Reg F 7-in-7)', async () => {
    const now = Date.now();
    const attempts = Array.from({ length: 7 }, (_, i) => attempt(now - i * DAY + (i === 0 ? -60_000 : 0), 'unanswered', { debtorRef: 'REGF-7' }));
    await ana.push({ attempts: attempts.slice(0, 6) });
    const query: CountsRequest = { debtorRef: 'REGF-7', numberE164: US_NUMBER, from: now - 8 * DAY, to: now + 60_000, timeZone: 'America/New_York' };
    const verdict = async () =>
      evaluateContactCaps({
        profile: 'US-FDCPA',
        at: now,
        debtorRef: 'REGF-7',
        phone: US_NUMBER,
        timeZone: 'America/New_York',
        log: countsToAttempts(query, await ben.counts(query)),
      });
    expect((await verdict()).allowed).toBe(true);
    await ana.push({ attempts: attempts.slice(6) });
    const blocked = await verdict();
    expect(blocked.allowed).toBe(false);
    expect(blocked.caps.find((cap) => !cap.allowed)?.count).toBe(7);
  });

  it('China’s six unanswered a day per number count every agent’s dials', async () => {
    const zone = 'Asia/Shanghai';
    const now = Date.now();
    const today = zoneClock(zone).toLocalDate(now);
    const start = dayStart(today, zone);
    const at = (i: number) => Math.min(now - 1000, start + 1000 * (i + 1));
    await ana.push({ attempts: [0, 1, 2].map((i) => attempt(at(i), 'unanswered', { numberE164: CN_NUMBER })) });
    await ben.push({ attempts: [3, 4, 5].map((i) => attempt(at(i), 'voicemail', { numberE164: CN_NUMBER })) });
    const query: CountsRequest = { numberE164: CN_NUMBER, from: start, to: now + 1000, timeZone: zone };
    const response = await ana.counts(query);
    expect(response.buckets).toEqual([
      expect.objectContaining({ day: today, outcome: 'unanswered', debtor: 'none', sameNumber: true, count: 3 }),
      expect.objectContaining({ day: today, outcome: 'voicemail', debtor: 'none', sameNumber: true, count: 3 }),
    ]);
    const verdict = evaluateContactCaps({ profile: 'CN-CBA-2026', at: now, phone: CN_NUMBER, timeZone: zone, log: countsToAttempts(query, response) });
    expect(verdict.counts.unansweredToNumberToday).toBe(6);
    expect(verdict.allowed).toBe(false);
  });

  it('never shows one team’s attempts or flags to another team', async () => {
    const now = Date.now();
    await ana.push({
      attempts: [attempt(now - 1000, 'conversation', { debtorRef: 'TEAM-X' })],
      flags: [{ key: 'team-x-flag', op: 'set', scope: 'debtor', debtorRef: 'TEAM-X', reason: 'cease-request', at: now - 500 }],
    });
    const query = { debtorRef: 'TEAM-X', from: now - DAY, to: now + 1000, timeZone: 'UTC' };
    expect((await ben.counts(query)).flags).toHaveLength(1);
    const south = await sam.counts(query);
    expect(south).toMatchObject({ buckets: [], flags: [], lastConversationWithDebtorAt: null });
    expect((await sam.flags()).events).toEqual([]);
  });
});

describe('flags', () => {
  it('a cease flag set by ana reaches ben through the feed and the counts, and clearing lifts it', async () => {
    const start = await ben.flags();
    let cursor = start.cursor;
    while ((await ben.flags(cursor)).more) cursor = (await ben.flags(cursor)).cursor;
    cursor = (await ben.flags(cursor)).cursor;
    const now = Date.now();
    await ana.push({ flags: [{ key: 'cease-1', op: 'set', scope: 'number', numberE164: '+12125550199', reason: 'cease-request', at: now, note: 'asked to stop' }] });
    const feed = await ben.flags(cursor);
    expect(feed.events).toEqual([
      expect.objectContaining({ op: 'set', scope: 'number', numberE164: '+12125550199', reason: 'cease-request', agent: 'ana', note: 'asked to stop', at: now }),
    ]);
    expect((await ben.flags(feed.cursor)).events).toEqual([]);

    const query = { numberE164: '+12125550199', from: now - DAY, to: now + 1000, timeZone: 'UTC' };
    const counts = await ben.counts(query);
    expect(counts.flags).toEqual([{ reason: 'cease-request', scope: 'number', phoneE164: '+12125550199', setAt: now, note: 'asked to stop', setBy: 'ana' }]);
    expect(evaluateDoNotCall({ phone: '+12125550199', flags: counts.flags, at: now + 1 }).blocked).toBe(true);

    await ben.push({ flags: [{ key: 'clear-1', op: 'clear', scope: 'number', numberE164: '+12125550199', reason: 'cease-request', at: now + 10 }] });
    expect((await ana.counts(query)).flags).toEqual([]);
    expect((await ana.flags(feed.cursor)).events.map((event) => [event.op, event.agent])).toEqual([['clear', 'ben']]);
  });

  it('pages the feed with a cursor and never repeats or skips an event', async () => {
    const now = Date.now();
    const before = await ben.flags();
    let cursor = before.cursor;
    for (let page = await ben.flags(cursor); page.events.length > 0; page = await ben.flags(cursor)) cursor = page.cursor;
    await ana.push({
      flags: Array.from({ length: 7 }, (_, i) => ({ key: `page-${i}`, op: 'set' as const, scope: 'debtor' as const, debtorRef: `PAGE-${i}`, reason: 'wrong-number' as const, at: now })),
    });
    const seen: string[] = [];
    for (;;) {
      const page = await ben.flags(cursor, 3);
      seen.push(...page.events.map((event) => event.debtorRef!));
      cursor = page.cursor;
      if (!page.more) break;
    }
    expect(seen).toEqual(Array.from({ length: 7 }, (_, i) => `PAGE-${i}`));
  });
});

describe('counts at day boundaries', () => {
  it('splits days at local midnight, includes `from` and excludes `to`', async () => {
    const zone = 'Asia/Shanghai';
    const midnight = dayStart('2026-03-10', zone);
    const times = [midnight - 1, midnight, midnight + DAY - 1, midnight + DAY];
    await ana.push({ attempts: times.map((at) => attempt(at, 'unanswered', { debtorRef: 'BOUNDARY' })) });
    const response = await ben.counts({ debtorRef: 'BOUNDARY', from: midnight - 1, to: midnight + DAY, timeZone: zone });
    expect(response.buckets.map((bucket) => [bucket.day, bucket.count, bucket.lastAt])).toEqual([
      ['2026-03-09', 1, midnight - 1],
      ['2026-03-10', 2, midnight + DAY - 1],
    ]);
  });

  it('groups by the named zone’s calendar across a DST change, as lib/time does', async () => {
    // New York springs forward on 2026-03-08: that day has 23 hours.
    const zone = 'America/New_York';
    const from = dayStart('2026-03-06', zone);
    const to = dayStart('2026-03-11', zone);
    const times = Array.from({ length: 60 }, (_, i) => from + Math.floor(((to - from) / 60) * i) + (i % 7) * 997);
    await ana.push({ attempts: times.map((at) => attempt(at, 'voicemail', { debtorRef: 'DST-NY' })) });
    const response = await ben.counts({ debtorRef: 'DST-NY', from, to, timeZone: zone });
    const expected = new Map<string, number>();
    const clock = zoneClock(zone);
    for (const at of times) expected.set(clock.toLocalDate(at), (expected.get(clock.toLocalDate(at)) ?? 0) + 1);
    expect(new Map(response.buckets.map((bucket) => [bucket.day, bucket.count]))).toEqual(expected);
    expect([...expected.keys()]).toEqual(['2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09', '2026-03-10']);
  });

  it('tells the queried debtor’s attempts from other debtors’ on the same number, and finds the last conversation', async () => {
    const now = Date.now();
    const number = '+12125550142';
    await ana.push({
      attempts: [
        attempt(now - 3000, 'conversation', { debtorRef: 'MINE', numberE164: number }),
        attempt(now - 2000, 'unanswered', { debtorRef: 'THEIRS', numberE164: number }),
        attempt(now - 1000, 'unanswered', { numberE164: number }),
        attempt(now - 500, 'conversation', { debtorRef: 'MINE', numberE164: '+12125550143' }),
      ],
    });
    const response = await ben.counts({ debtorRef: 'MINE', numberE164: number, from: now - DAY, to: now + 1000, timeZone: 'UTC' });
    const relations = response.buckets.map((bucket) => `${bucket.outcome}/${bucket.debtor}/${bucket.sameNumber}/${bucket.count}`).sort();
    expect(relations).toEqual(['conversation/same/false/1', 'conversation/same/true/1', 'unanswered/none/true/1', 'unanswered/other/true/1']);
    expect(response.lastConversationWithDebtorAt).toBe(now - 500);
    expect(response.lastConversationOnNumberAt).toBe(now - 3000);
  });
});

describe('revocation', () => {
  it('takes effect at the agent’s next request, by the lead or by the operator', async () => {
    const kim = await hub.member('kim');
    expect((await kim.client.push({ attempts: [attempt(Date.now() - 1000, 'unanswered')] })).new).toHaveLength(1);
    await lia.revokeAgent('kim');
    const refused = await failure(kim.client.push({ attempts: [attempt(Date.now() - 1000, 'unanswered')] }));
    expect([refused.status, refused.code]).toEqual([401, 'revoked']);
    expect((await failure(lia.revokeAgent('kim'))).code).toBe('not-found');

    const joe = await hub.member('joe');
    await joe.client.me();
    await revokeMember(hub.database.owner, 'joe');
    expect((await failure(joe.client.me())).code).toBe('revoked');
  });
});

describe('validation and errors', () => {
  const post = (path: string, body: string, token: string, contentType = 'application/json') =>
    raw(path, { method: 'POST', body, token, headers: { 'content-type': contentType } });
  let token: string;
  beforeAll(async () => {
    token = (await hub.member('val')).token;
  });

  it('answers bad JSON, a wrong content type, an oversized body and unknown routes with clear JSON errors', async () => {
    const badJson = await post('/v1/push', '{"attempts": [', token);
    expect([badJson.status, badJson.body.error.code]).toEqual([400, 'invalid-request']);
    const text = await post('/v1/push', 'hello', token, 'text/plain');
    expect([text.status, text.body.error.code]).toEqual([415, 'unsupported-media-type']);
    const huge = await post('/v1/push', JSON.stringify({ attempts: [], pad: 'x'.repeat(1_100_000) }), token);
    expect([huge.status, huge.body.error.code]).toEqual([413, 'payload-too-large']);
    const nowhere = await raw('/v1/nowhere', { token });
    expect([nowhere.status, nowhere.body.error.code]).toEqual([404, 'not-found']);
  });

  it('names the field that is wrong', async () => {
    const now = Date.now();
    const cases: [unknown, string][] = [
      [{ attempts: [{ key: 'a', at: now, numberE164: '13800138000', outcome: 'unanswered' }] }, '/attempts/0/numberE164'],
      [{ attempts: [{ key: 'a', at: now / 1000, numberE164: CN_NUMBER, outcome: 'unanswered' }] }, '/attempts/0/at'],
      [{ attempts: [{ key: 'a', at: now, numberE164: CN_NUMBER, outcome: 'maybe' }] }, '/attempts/0/outcome'],
      [{ attempts: [{ key: 'bad key!', at: now, numberE164: CN_NUMBER, outcome: 'unanswered' }] }, '/attempts/0/key'],
      [{ flags: [{ key: 'f', op: 'set', scope: 'number', debtorRef: 'D', reason: 'cease-request', at: now }] }, '/flags/0'],
      [{ attempts: [{ key: 'a', at: now, numberE164: CN_NUMBER, outcome: 'unanswered' }, { key: 'a', at: now, numberE164: CN_NUMBER, outcome: 'unanswered' }] }, '/attempts/1/key'],
      [{ attempts: [{ key: 'a', at: now + 2 * DAY, numberE164: CN_NUMBER, outcome: 'unanswered' }] }, '/attempts/0'],
      [{ calls: [{ key: 'c', revision: 1, call: { id: 'x', direction: 'outbound', remoteNumber: '1', startedAt: now, notes: 'n'.repeat(20_001) } }] }, '/calls/0/call/notes'],
    ];
    for (const [body, path] of cases) {
      const response = await post('/v1/push', JSON.stringify(body), token);
      expect([response.status, response.body.error.code], JSON.stringify(body).slice(0, 120)).toEqual([400, 'invalid-request']);
      expect(response.body.error.details[0].path).toBe(path);
    }
    const tooMany = { attempts: Array.from({ length: 501 }, (_, i) => ({ key: `m${i}`, at: now, numberE164: CN_NUMBER, outcome: 'unanswered' })) };
    expect((await post('/v1/push', JSON.stringify(tooMany), token)).status).toBe(400);
  });

  it('drops fields it does not know, so a newer extension can talk to this hub', async () => {
    const now = Date.now();
    const response = await post(
      '/v1/push',
      JSON.stringify({ future: true, attempts: [{ key: 'extra-1', at: now, numberE164: CN_NUMBER, outcome: 'unanswered', confidence: 0.9 }] }),
      token,
    );
    expect([response.status, response.body]).toEqual([200, { new: ['extra-1'], duplicate: [] }]);
  });

  it('checks the counts query: a target, a window of at most 62 days, a real time zone', async () => {
    const now = Date.now();
    const client = hub.client(token);
    const base = { from: now - DAY, to: now, timeZone: 'UTC' };
    expect((await failure(client.counts(base))).code).toBe('invalid-request');
    expect((await failure(client.counts({ ...base, debtorRef: 'D', from: now - 63 * DAY }))).code).toBe('invalid-request');
    expect((await failure(client.counts({ ...base, debtorRef: 'D', to: base.from }))).code).toBe('invalid-request');
    const zone = await failure(client.counts({ ...base, debtorRef: 'D', timeZone: 'Mars/Olympus' }));
    expect(zone.details[0]?.path).toBe('querystring:/timeZone');
  });

  it('keeps the lead’s reads from agents', async () => {
    expect((await failure(ana.teamSummary())).code).toBe('forbidden');
    expect((await failure(ana.teamCalls({ debtorRef: 'X' }))).code).toBe('forbidden');
    const csv = await raw('/v1/team/export.csv?from=2026-01-01', { token });
    expect([csv.status, csv.body.error.code]).toEqual([403, 'forbidden']);
  });
});

describe('rate limits', () => {
  it('limits each token on its own and says when to come back', async () => {
    const limited = await startTestHub({ rateLimit: { max: 3, windowMs: 60_000 } });
    try {
      const one = await limited.member('one');
      const two = await limited.member('two');
      for (let i = 0; i < 3; i += 1) await one.client.me();
      const refused = await failure(one.client.me());
      expect(refused.status).toBe(429);
      expect(refused.code).toBe('rate-limited');
      expect(refused.retryAfterMs).toBeGreaterThan(0);
      expect(await two.client.me()).toMatchObject({ agent: 'two' });
    } finally {
      await limited.stop();
    }
  });
});
