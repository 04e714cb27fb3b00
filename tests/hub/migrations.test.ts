import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hashSecret } from '../../hub/src/secrets';
import { migrate, readMigrations, MIGRATIONS_DIR } from '../../hub/src/migrate';
import { createTestDatabase, type TestDatabase } from './support/hub-fixture';

/** One test per migration: apply up to N-1, seed, apply N, assert what N promises (and that the seed survived). */
let database: TestDatabase | undefined;
afterEach(async () => {
  await database?.drop();
  database = undefined;
});

const asApp = (identity: { agent: string; team: string; role?: string }) =>
  `BEGIN; SET LOCAL ROLE onscript_app; SELECT set_config('onscript.agent_id', '${identity.agent}', true),
   set_config('onscript.team_id', '${identity.team}', true), set_config('onscript.role', '${identity.role ?? 'agent'}', true)`;

describe('migration files', () => {
  it('are numbered 001, 002, ... and named NNN-name.sql', () => {
    const migrations = readMigrations();
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    expect(migrations.length).toBeGreaterThanOrEqual(3);
  });

  it('refuse a gap in the numbering', () => {
    const dir = mkdtempSync(join(tmpdir(), 'onscript-migrations-'));
    writeFileSync(join(dir, '001-a.sql'), 'SELECT 1;');
    writeFileSync(join(dir, '003-c.sql'), 'SELECT 1;');
    expect(() => readMigrations(dir)).toThrow(/without gaps/);
  });
});

describe('the migration runner', () => {
  it('records each migration, runs nothing twice and refuses a file changed after it was applied', async () => {
    database = await createTestDatabase({ upTo: 0 });
    const first = await migrate(database.owner);
    expect(first.applied.map((m) => m.version)).toEqual(readMigrations().map((m) => m.version));
    const again = await migrate(database.owner);
    expect(again.applied).toEqual([]);
    const { rows } = await database.owner.query('SELECT version, name FROM onscript_migrations ORDER BY version');
    expect(rows.map((row) => `${row.version}-${row.name}`)).toEqual(readMigrations().map((m) => `${m.version}-${m.name}`));

    const edited = readMigrations(MIGRATIONS_DIR).map((m) => (m.version === 1 ? { ...m, checksum: 'x' } : m));
    await expect(migrate(database.owner, { migrations: edited })).rejects.toThrow(/changed after it was applied/);
  });

  it('rolls a failing migration back whole, leaving the version where it was', async () => {
    database = await createTestDatabase({ upTo: 0 });
    const broken = [...readMigrations().slice(0, 1), { version: 2, name: 'broken', sql: 'CREATE TABLE onscript.half (x int); SELECT 1/0;', checksum: 'b' }];
    await expect(migrate(database.owner, { migrations: broken })).rejects.toThrow(/002-broken\.sql failed: division by zero/);
    const { rows } = await database.owner.query("SELECT to_regclass('onscript.half') AS half, (SELECT max(version) FROM onscript_migrations) AS version");
    expect(rows[0]).toEqual({ half: null, version: 1 });
  });
});

describe('001-teams-and-agents', () => {
  it('creates teams and agents, stores only hashes, and authenticates a token as onscript_app', async () => {
    database = await createTestDatabase({ upTo: 0 });
    await migrate(database.owner, { upTo: 1 });
    const db = database.owner;
    await db.query("INSERT INTO onscript.teams (name) VALUES ('north')");
    await db.query(
      "INSERT INTO onscript.agents (team_id, name, role, enrollment_hash, enrollment_expires_at) VALUES (1, 'ana', 'agent', $1, now() + interval '1 day')",
      [hashSecret('ABCD-EFGH-JKMN', { code: true })],
    );
    // The code becomes a token once (spelled loosely: case, spaces), as onscript_app, which cannot read the table.
    await db.query('BEGIN');
    await db.query('SET LOCAL ROLE onscript_app');
    const first = await db.query('SELECT agent_name, team_name, role FROM onscript.enroll($1, $2)', [hashSecret('abcd efgh jkmn', { code: true }), hashSecret('token-1')]);
    const second = await db.query('SELECT agent_name FROM onscript.enroll($1, $2)', [hashSecret('ABCD-EFGH-JKMN', { code: true }), hashSecret('token-2')]);
    const auth = await db.query("SELECT agent_name, revoked, current_setting('onscript.agent_id') AS set FROM onscript.authenticate($1)", [hashSecret('token-1')]);
    await db.query('COMMIT');
    await db.query('BEGIN; SET LOCAL ROLE onscript_app');
    const denied = await db.query('SELECT name FROM onscript.agents').catch((error: Error) => error.message);
    await db.query('ROLLBACK');
    expect(first.rows).toEqual([{ agent_name: 'ana', team_name: 'north', role: 'agent' }]);
    expect(second.rows).toEqual([]);
    expect(auth.rows).toEqual([{ agent_name: 'ana', revoked: false, set: '1' }]);
    expect(denied).toMatch(/permission denied/);
    const stored = await db.query('SELECT enrollment_hash, token_hash FROM onscript.agents');
    expect(stored.rows[0].enrollment_hash).toBeNull();
    expect(Buffer.compare(stored.rows[0].token_hash, hashSecret('token-1'))).toBe(0);
  });
});

describe('002-ledger', () => {
  it('adds the ledger on top of existing members: attempts land in their month partition, the rest in DEFAULT', async () => {
    database = await createTestDatabase({ upTo: 1 });
    const db = database.owner;
    await db.query("INSERT INTO onscript.teams (name) VALUES ('north')");
    await db.query("INSERT INTO onscript.agents (team_id, name, role) VALUES (1, 'ana', 'agent')");
    await migrate(db, { upTo: 2 });
    const now = await db.query(
      `INSERT INTO onscript.attempts (team_id, agent_id, key, at, number_e164, outcome)
       VALUES (1, 1, 'now', now(), '+8613800138000', 'unanswered'), (1, 1, 'old', '2001-01-01Z', '+8613800138000', 'voicemail')
       RETURNING key, tableoid::regclass::text AS part`,
    );
    const month = (await db.query("SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY_MM') AS m")).rows[0].m;
    expect(now.rows).toEqual([
      { key: 'now', part: `onscript.attempts_${month}` },
      { key: 'old', part: 'onscript.attempts_default' },
    ]);
    // Idempotency: the same key and instant again is a conflict, not a second row.
    const again = await db.query(
      "INSERT INTO onscript.attempts (team_id, agent_id, key, at, number_e164, outcome) SELECT team_id, agent_id, key, at, number_e164, outcome FROM onscript.attempts WHERE key = 'now' ON CONFLICT DO NOTHING",
    );
    expect(again.rowCount).toBe(0);
    // Months ahead are created on demand; an existing one is skipped.
    const created = await db.query("SELECT onscript.ensure_attempt_partitions((now() + interval '5 months')::date, 2) AS n");
    expect(created.rows[0].n).toBe(2);
    expect((await db.query("SELECT onscript.ensure_attempt_partitions((now() + interval '5 months')::date, 2) AS n")).rows[0].n).toBe(0);
    // A flag names exactly its target.
    await expect(
      db.query("INSERT INTO onscript.flag_events (team_id, agent_id, key, op, scope, debtor_ref, reason, at) VALUES (1, 1, 'f', 'set', 'number', 'D-1', 'cease-request', now())"),
    ).rejects.toThrow(/check constraint/);
    expect((await db.query("SELECT name FROM onscript.agents")).rows).toEqual([{ name: 'ana' }]);
  });
});

describe('003-row-level-security', () => {
  it('scopes existing rows to the caller once applied: team reads, own writes, no hash columns', async () => {
    database = await createTestDatabase({ upTo: 2 });
    const db = database.owner;
    await db.query("INSERT INTO onscript.teams (name) VALUES ('north'), ('south')");
    await db.query("INSERT INTO onscript.agents (team_id, name, role) VALUES (1, 'ana', 'agent'), (1, 'ben', 'agent'), (2, 'sam', 'agent'), (1, 'lia', 'lead')");
    await db.query(
      `INSERT INTO onscript.attempts (team_id, agent_id, key, at, number_e164, outcome) VALUES
       (1, 1, 'a', now(), '+8613800138000', 'unanswered'), (1, 2, 'b', now(), '+8613800138000', 'unanswered'),
       (2, 3, 's', now(), '+8613800138000', 'unanswered')`,
    );
    await db.query(
      `INSERT INTO onscript.calls (team_id, agent_id, call_id, revision, started_at, record) VALUES
       (1, 1, 'c-ana', 1, now(), '{}'), (1, 2, 'c-ben', 1, now(), '{}'), (2, 3, 'c-sam', 1, now(), '{}')`,
    );
    // Before 003 the role can read nothing at all.
    await db.query('BEGIN; SET LOCAL ROLE onscript_app');
    await expect(db.query('SELECT count(*) FROM onscript.attempts')).rejects.toThrow(/permission denied/);
    await db.query('ROLLBACK');

    await migrate(db, { upTo: 3 });
    await db.query(asApp({ agent: '1', team: '1' }));
    const attempts = await db.query('SELECT key FROM onscript.attempts ORDER BY key');
    const calls = await db.query('SELECT call_id FROM onscript.calls ORDER BY call_id');
    await db.query('COMMIT');
    expect(attempts.rows.map((r) => r.key)).toEqual(['a', 'b']);
    expect(calls.rows.map((r) => r.call_id)).toEqual(['c-ana']);

    await db.query(asApp({ agent: '4', team: '1', role: 'lead' }));
    const leadCalls = await db.query('SELECT call_id FROM onscript.calls ORDER BY call_id');
    await db.query('COMMIT');
    expect(leadCalls.rows.map((r) => r.call_id)).toEqual(['c-ana', 'c-ben']);
  });
});
