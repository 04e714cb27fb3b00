/**
 * The hub's only door to PostgreSQL. Every request runs in one transaction as the role `onscript_app`, which is
 * subject to row-level security: `onscript.authenticate(token hash)` checks the token on every request (so a
 * revocation takes effect at the next one) and sets the caller's identity for that transaction only; the policies
 * in migration 003 read it. Nothing about a caller outlives its transaction, so any hub can serve any request.
 */
import pg from 'pg';
import { hashSecret } from './secrets.ts';
import type { HubRole } from '../api/types.ts';

/** Who is calling, as the database told us. Ids are bigint as text. */
export interface Caller {
  agentId: string;
  teamId: string;
  role: HubRole;
  agent: string;
  team: string;
}

/** Thrown for an unknown or revoked token. */
export class AuthError extends Error {
  constructor(readonly code: 'unauthorized' | 'revoked') {
    super(code === 'revoked' ? 'this token was revoked; ask your team lead for a new enrollment code' : 'missing or unknown token');
  }
}

/** The hub's pool and the transactions it runs. */
export interface HubDb {
  readonly pool: pg.Pool;
  /** Runs `work` in a transaction as the token's owner; throws {@link AuthError} for a bad token. */
  asCaller<T>(token: string, work: (client: pg.PoolClient, caller: Caller) => Promise<T>): Promise<T>;
  /** Runs `work` in a transaction as `onscript_app` with no identity (enrollment). */
  anonymous<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Options of {@link createHubDb}. */
export interface HubDbOptions {
  connectionString: string;
  /** Connections per hub process (default 10). */
  poolSize?: number;
  /** Per-statement limit in ms (default 15 s): a stuck query frees its connection. */
  statementTimeoutMs?: number;
}

/**
 * The schema version the database is at, read as the hub reads everything (role onscript_app), so it works through
 * a login role that holds nothing else; 0 when the database was never initialised.
 */
export async function schemaVersion(db: HubDb): Promise<number> {
  try {
    return await db.anonymous(async (client) => {
      const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM onscript_migrations');
      return rows[0]?.version ?? 0;
    });
  } catch (error) {
    // No role onscript_app yet (42704) or no bookkeeping table (42P01): nothing was ever applied.
    if (['42704', '42P01'].includes((error as { code?: string }).code ?? '')) return 0;
    throw error;
  }
}

/** Opens the pool (lazily: connections are made on first use). */
export function createHubDb(options: HubDbOptions): HubDb {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.poolSize ?? 10,
    statement_timeout: options.statementTimeoutMs ?? 15_000,
    application_name: 'onscript-hub',
  });
  // An idle client losing its connection (database restart) must not crash the hub; the pool replaces it.
  pool.on('error', () => undefined);

  async function inTransaction<T>(begin: string, work: (client: pg.PoolClient, results: pg.QueryResult[]) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    let broken = false;
    try {
      // One round trip: BEGIN, the restricted role, and (for callers) the token check.
      const results = (await client.query(begin)) as unknown as pg.QueryResult[];
      const value = await work(client, results);
      await client.query('COMMIT');
      return value;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw error;
    } finally {
      client.release(broken);
    }
  }

  return {
    pool,
    asCaller(token, work) {
      // The hash is hex we made: safe to inline, which saves a round trip per request.
      const hash = hashSecret(token).toString('hex');
      return inTransaction(
        `BEGIN; SET LOCAL ROLE onscript_app; SELECT * FROM onscript.authenticate('\\x${hash}'::bytea)`,
        async (client, results) => {
          const row = results[2]?.rows[0] as
            | { agent_id: string; team_id: string; role: HubRole; agent_name: string; team_name: string; revoked: boolean }
            | undefined;
          if (!row) throw new AuthError('unauthorized');
          if (row.revoked) throw new AuthError('revoked');
          return work(client, { agentId: row.agent_id, teamId: row.team_id, role: row.role, agent: row.agent_name, team: row.team_name });
        },
      );
    },
    anonymous(work) {
      return inTransaction('BEGIN; SET LOCAL ROLE onscript_app', (client) => work(client));
    },
    close: () => pool.end(),
  };
}
