import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember } from '../../hub/src/admin';
import { AuthError, createHubDb, schemaVersion, type Caller, type HubDb } from '../../hub/src/db';
import { readMigrations } from '../../hub/src/migrate';
import { revokeMember } from '../../hub/src/admin';
import { createTestDatabase, type TestDatabase } from './support/hub-fixture';
import { createHubClient } from '../../hub/api/client';
import { buildHub } from '../../hub/src/server';
import type pg from 'pg';

/**
 * Row-level security at the SQL level, bypassing the HTTP layer: statements a compromised or buggy hub could send
 * on a caller's connection (the same transaction the hub opens: role onscript_app, identity from the token).
 */
let database: TestDatabase;
let db: HubDb;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  database = await createTestDatabase();
  // As in production (hub/README.md): the hub logs in as a role that holds nothing but membership of onscript_app.
  const login = `hub_login_${new URL(database.url).pathname.slice(1)}`;
  await database.owner.query(`CREATE ROLE ${login} LOGIN NOINHERIT IN ROLE onscript_app`);
  const url = new URL(database.url);
  url.username = login;
  db = createHubDb({ connectionString: url.toString(), poolSize: 3 });
  // Enrolled through the real hub so the tokens are exactly what agents hold.
  const app = await buildHub({ db });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const anonymous = createHubClient({ baseUrl: address });
  for (const [name, role, team] of [['ana', 'agent', 'north'], ['ben', 'agent', 'north'], ['sam', 'agent', 'south'], ['lia', 'lead', 'north']] as const) {
    tokens[name] = (await anonymous.enroll((await addMember(database.owner, name, role, team)).code)).token;
  }
  await app.close();
  const now = Date.now();
  for (const name of ['ana', 'ben', 'sam']) {
    await db.asCaller(tokens[name]!, async (client, caller) => {
      await client.query(
        `INSERT INTO onscript.attempts (team_id, agent_id, key, at, number_e164, debtor_ref, outcome)
         VALUES ($1, $2, 'k1', now(), '+8613800138000', 'D-1', 'unanswered')`,
        [caller.teamId, caller.agentId],
      );
      await client.query(
        `INSERT INTO onscript.calls (team_id, agent_id, call_id, revision, started_at, record) VALUES ($1, $2, $3, 1, now(), '{}')`,
        [caller.teamId, caller.agentId, `call-${name}`],
      );
      await client.query(
        `INSERT INTO onscript.flag_events (team_id, agent_id, key, op, scope, number_e164, reason, at)
         VALUES ($1, $2, 'f1', 'set', 'number', '+8613800138000', 'cease-request', onscript.from_epoch_ms($3))`,
        [caller.teamId, caller.agentId, now],
      );
    });
  }
});

afterAll(async () => {
  await db.close();
  await database.owner.query(`DROP ROLE hub_login_${new URL(database.url).pathname.slice(1)}`);
  await database.drop();
});

/** Runs `sql` as `name`; resolves to the rows or to the database's error message. */
async function as(name: string, sql: string, params: unknown[] = []): Promise<Record<string, unknown>[] | string> {
  try {
    return await db.asCaller(tokens[name]!, async (client) => (await client.query(sql, params)).rows);
  } catch (error) {
    return (error as Error).message;
  }
}

const idsOf = async (name: string) => db.asCaller(tokens[name]!, async (_client: pg.PoolClient, caller: Caller) => caller);

describe('row-level security (SQL, no HTTP)', () => {
  it('an agent reads its team’s attempts and flags, never another team’s', async () => {
    expect(await as('ana', 'SELECT DISTINCT a.name FROM onscript.attempts t JOIN onscript.agents a ON a.id = t.agent_id ORDER BY 1')).toEqual([
      { name: 'ana' },
      { name: 'ben' },
    ]);
    expect(await as('sam', 'SELECT count(*)::int AS n FROM onscript.flag_events')).toEqual([{ n: 1 }]);
    // Naming the other team outright changes nothing.
    const south = await idsOf('sam');
    expect(await as('ana', 'SELECT count(*)::int AS n FROM onscript.attempts WHERE team_id = $1', [south.teamId])).toEqual([{ n: 0 }]);
    expect(await as('ana', 'SELECT count(*)::int AS n FROM onscript.teams')).toEqual([{ n: 1 }]);
  });

  it('an agent cannot write a row as another agent or into another team', async () => {
    const ben = await idsOf('ben');
    const sam = await idsOf('sam');
    const ana = await idsOf('ana');
    expect(
      await as('ana', `INSERT INTO onscript.attempts (team_id, agent_id, key, at, number_e164, outcome) VALUES ($1, $2, 'x', now(), '+8613800138000', 'unanswered')`, [ben.teamId, ben.agentId]),
    ).toMatch(/row-level security/);
    expect(
      await as('ana', `INSERT INTO onscript.attempts (team_id, agent_id, key, at, number_e164, outcome) VALUES ($1, $2, 'x', now(), '+8613800138000', 'unanswered')`, [sam.teamId, ana.agentId]),
    ).toMatch(/row-level security/);
    expect(
      await as('ana', `INSERT INTO onscript.flag_events (team_id, agent_id, key, op, scope, number_e164, reason, at) VALUES ($1, $2, 'x', 'clear', 'number', '+8613800138000', 'cease-request', now())`, [ben.teamId, ben.agentId]),
    ).toMatch(/row-level security/);
    expect(
      await as('ana', `INSERT INTO onscript.calls (team_id, agent_id, call_id, revision, started_at, record) VALUES ($1, $2, 'x', 1, now(), '{}')`, [ben.teamId, ben.agentId]),
    ).toMatch(/row-level security/);
  });

  it('an agent cannot change, delete or even see another agent’s call record', async () => {
    expect(await as('ana', "UPDATE onscript.calls SET revision = 99 WHERE call_id = 'call-ben' RETURNING call_id")).toEqual([]);
    expect(await as('ana', 'SELECT call_id FROM onscript.calls')).toEqual([{ call_id: 'call-ana' }]);
    expect(await as('ana', 'DELETE FROM onscript.attempts')).toMatch(/permission denied/);
    expect(await as('ana', "UPDATE onscript.attempts SET outcome = 'no-connect'")).toMatch(/permission denied/);
    expect((await database.owner.query("SELECT revision FROM onscript.calls WHERE call_id = 'call-ben'")).rows).toEqual([{ revision: '1' }]);
  });

  it('hashes, partitions and lead functions stay out of reach', async () => {
    expect(await as('ana', 'SELECT token_hash FROM onscript.agents')).toMatch(/permission denied/);
    const month = (await database.owner.query("SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY_MM') AS m")).rows[0].m;
    expect(await as('ana', `SELECT count(*) FROM onscript.attempts_${month}`)).toMatch(/permission denied/);
    expect(await as('ana', "SELECT onscript.revoke_team_agent('ben')")).toMatch(/only a lead/);
    // The login role can only be onscript_app: no way back to a privileged role from a caller's connection.
    expect(await as('ana', 'SET LOCAL ROLE postgres')).toMatch(/permission denied/);
    const reset = db.asCaller(tokens['ana']!, async (client) => {
      await client.query('RESET ROLE');
      return client.query('SELECT count(*) FROM onscript.attempts');
    });
    await expect(reset).rejects.toThrow(/permission denied/);
  });

  it('the hub’s login role can read the schema version it checks before serving, and nothing else outside onscript_app', async () => {
    expect(await schemaVersion(db)).toBe(readMigrations().length);
    await expect(db.pool.query('SELECT count(*) FROM onscript.attempts')).rejects.toThrow(/permission denied/);
  });

  it('a lead reads every call of the team and only the team', async () => {
    expect(await as('lia', 'SELECT call_id FROM onscript.calls ORDER BY 1')).toEqual([{ call_id: 'call-ana' }, { call_id: 'call-ben' }]);
    expect(await as('lia', "SELECT onscript.revoke_team_agent('sam') AS revoked")).toEqual([{ revoked: false }]);
  });

  it('a revoked token is refused at its next transaction, and no identity is set for it', async () => {
    const issued = await addMember(database.owner, 'tom', 'agent', 'north');
    const app = await buildHub({ db });
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const token = (await createHubClient({ baseUrl: address }).enroll(issued.code)).token;
    await app.close();
    expect((await as('ana', 'SELECT 1 AS ok'))).toEqual([{ ok: 1 }]);
    tokens['tom'] = token;
    expect(await as('tom', "SELECT current_setting('onscript.agent_id', true) AS id")).not.toEqual([{ id: '' }]);
    await revokeMember(database.owner, 'tom');
    await expect(db.asCaller(token, async () => 'ran')).rejects.toBeInstanceOf(AuthError);
    await expect(db.asCaller(token, async () => 'ran')).rejects.toMatchObject({ code: 'revoked' });
  });
});
