import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import pg from 'pg';
import { addMember, revokeMember } from '../../../hub/src/admin';
import { migrate } from '../../../hub/src/migrate';
import { findPostgres, freePort, startPostgres, type PostgresProcess } from '../../../hub/src/postgres-process';
import { waitFor } from '../../../scripts/lib/process-utils';

const ROOT = resolve(import.meta.dirname, '../../..');

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
  const baseUrl = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let onLine: ((line: string) => void) | undefined;
  let output = '';

  async function start(): Promise<void> {
    const hub = spawn(resolve(ROOT, 'node_modules/.bin/vite-node'), ['hub/main.ts', 'start', '--port', String(port)], {
      cwd: ROOT,
      // info: a JSON line per request, "incoming request" as it arrives (what killOnNextPush watches for).
      env: { ...process.env, DATABASE_URL: url, ONSCRIPT_HUB_LOG_LEVEL: 'info', ONSCRIPT_HUB_RATE_LIMIT: '100000' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = hub;
    exited = new Promise((done) => hub.once('exit', () => done()));
    let pending = '';
    hub.stdout!.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        output = (output + line + '\n').slice(-20_000);
        onLine?.(line);
      }
    });
    hub.stderr!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
    await waitFor(
      async () => {
        if (hub.exitCode !== null) throw new Error(`the hub exited at start:\n${output}`);
        return fetch(`${baseUrl}/healthz`).then((response) => response.ok || undefined, () => undefined);
      },
      { timeoutMs: 60_000, what: 'the Team Hub to answer' },
    );
  }

  async function kill(): Promise<void> {
    if (!child || child.exitCode !== null) return;
    // vite-node runs the hub in this very process (no child of its own), so this ends the hub.
    child.kill('SIGKILL');
    await exited;
  }

  return {
    baseUrl,
    owner,
    async addAgent(name) {
      return (await addMember(owner, name, 'agent')).code;
    },
    revoke: (name) => revokeMember(owner, name),
    start,
    kill,
    killOnNextPush() {
      return new Promise<void>((done) => {
        onLine = (line) => {
          if (!line.includes('incoming request') || !line.includes('"/v1/push"')) return;
          onLine = undefined;
          void kill().then(done);
        };
      });
    },
    running: () => child !== undefined && child.exitCode === null && child.signalCode === null,
    async stop() {
      onLine = undefined;
      await kill();
      await owner.end().catch(() => undefined);
      await server.stop();
    },
  };
}
