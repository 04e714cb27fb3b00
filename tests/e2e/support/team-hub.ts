import pg from 'pg';
import { addMember, revokeMember } from '../../../hub/src/admin';
import { migrate } from '../../../hub/src/migrate';
import { findPostgres, freePort, startPostgres, type PostgresProcess } from '../../../hub/src/postgres-process';
import { startHubProcess, type HubProcess } from '../../../scripts/lib/hub-process';

/**
 * The real Team Hub for the end-to-end tests: a private PostgreSQL from Debian's package, the hub as its own
 * process (`npm run hub -- start`, as a lead runs it) on a fixed port of 127.0.0.1 so it can be killed outright
 * and started again where the extensions expect it, and the owner's connection to look into the ledger.
 */
export interface TeamHubScene {
  baseUrl: string;
  /** The ledger's owner connection (sees every row). */
  owner: pg.Client;
  /** Adds an agent as the CLI does; returns the one-time code. */
  addAgent(name: string): Promise<string>;
  revoke(name: string): Promise<void>;
  /** Starts the hub process and waits until it answers. */
  start(): Promise<void>;
  /** SIGKILL, as a crash: no graceful close, requests in flight cut. */
  kill(): Promise<void>;
  /** Kills the hub the moment the next push reaches it (the request's transaction may or may not commit). */
  killOnNextPush(): Promise<void>;
  running(): boolean;
  stop(): Promise<void>;
}

export async function startTeamHub(): Promise<TeamHubScene> {
  const found = findPostgres();
  if ('error' in found) throw new Error(found.error);
  const server: PostgresProcess = await startPostgres();
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query('CREATE DATABASE onscript');
  await admin.end();
  const url = server.urlFor('onscript');
  const owner = new pg.Client({ connectionString: url });
  await owner.connect();
  await migrate(owner);
  const port = await freePort();
  let hub: HubProcess | undefined;
  let onLine: ((line: string) => void) | undefined;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    owner,
    async addAgent(name) {
      return (await addMember(owner, name, 'agent')).code;
    },
    revoke: (name) => revokeMember(owner, name),
    async start() {
      // info: a JSON line per request, "incoming request" as it arrives (what killOnNextPush watches for).
      hub = await startHubProcess({ databaseUrl: url, port, env: { ONSCRIPT_HUB_LOG_LEVEL: 'info' }, onLine: (line) => onLine?.(line) });
    },
    kill: async () => hub?.kill(),
    killOnNextPush() {
      return new Promise<void>((done) => {
        onLine = (line) => {
          if (!line.includes('incoming request') || !line.includes('"/v1/push"')) return;
          onLine = undefined;
          void hub!.kill().then(done);
        };
      });
    },
    running: () => hub?.running() ?? false,
    async stop() {
      onLine = undefined;
      await hub?.kill();
      await owner.end().catch(() => undefined);
      await server.stop();
    },
  };
}
