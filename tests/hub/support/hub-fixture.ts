/**
 * Test fixtures for the hub: a fresh database per test file (migrated, or up to a version), members added the
 * way the CLI adds them, and the real hub listening on 127.0.0.1 with clients for its API.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createHubClient, type HubClient } from '../../../hub/api/client';
import type { EnrollResponse } from '../../../hub/api/types';
import { addMember, DEFAULT_TEAM } from '../../../hub/src/admin';
import { createHubDb, type HubDb } from '../../../hub/src/db';
import { migrate } from '../../../hub/src/migrate';
import { buildHub, type HubServerOptions } from '../../../hub/src/server';

/** A database of the test PostgreSQL, with an owner connection. */
export interface TestDatabase {
  url: string;
  owner: pg.Client;
  drop(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Creates an empty database and migrates it (all migrations unless `upTo`). */
export async function createTestDatabase(options: { upTo?: number } = {}): Promise<TestDatabase> {
  const server = inject('postgresUrl');
  const name = `hub_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = withDatabase(server, name);
  const owner = new pg.Client({ connectionString: url });
  await owner.connect();
  if (options.upTo !== 0) await migrate(owner, options.upTo === undefined ? {} : { upTo: options.upTo });
  return {
    url,
    owner,
    async drop() {
      await owner.end();
      const admin = new pg.Client({ connectionString: server });
      await admin.connect();
      await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** A running hub on a fresh database. */
export interface TestHub {
  baseUrl: string;
  database: TestDatabase;
  db: HubDb;
  /** A client without a token (for enrolling). */
  anonymous: HubClient;
  /** Adds a member (as the CLI does) and enrolls them; returns their token and a client using it. */
  member(name: string, role?: 'agent' | 'lead', team?: string): Promise<EnrollResponse & { client: HubClient }>;
  client(token: string): HubClient;
  stop(): Promise<void>;
}

/** Starts the real hub over HTTP on 127.0.0.1 (a free port) on a database of its own. */
export async function startTestHub(options: Partial<Omit<HubServerOptions, 'db'>> = {}): Promise<TestHub> {
  const database = await createTestDatabase();
  const db = createHubDb({ connectionString: database.url, poolSize: 5 });
  // Tests enroll many members from one address: the enrollment limit is tested on its own.
  const app = await buildHub({ db, defaultTimeZone: 'Asia/Shanghai', enrollRateLimit: { max: 1000, windowMs: 60_000 }, ...options });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const client = (token: string) => createHubClient({ baseUrl: address, token });
  const anonymous = createHubClient({ baseUrl: address });
  return {
    baseUrl: address,
    database,
    db,
    anonymous,
    client,
    async member(name, role = 'agent', team = DEFAULT_TEAM) {
      const issued = await addMember(database.owner, name, role, team);
      const enrolled = await anonymous.enroll(issued.code);
      return { ...enrolled, client: client(enrolled.token) };
    },
    async stop() {
      await app.close();
      await db.close();
      await database.drop();
    },
  };
}
