import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { freePort } from './process-utils';

const ROOT = resolve(import.meta.dirname, '../..');

/** The Team Hub running as its own process (`hub/main.ts start`), as a lead runs it. */
export interface HubProcess {
  baseUrl: string;
  port: number;
  running(): boolean;
  /** SIGKILL, as a crash: no graceful close, requests in flight cut. */
  kill(): Promise<void>;
  /** SIGTERM: the hub closes gracefully. */
  stop(): Promise<void>;
}

/** Options of {@link startHubProcess}. */
export interface HubProcessOptions {
  /** The database, as its owner. */
  databaseUrl: string;
  /** Default: a free port of 127.0.0.1. A restarted hub takes the same port, where its clients expect it. */
  port?: number;
  env?: Record<string, string>;
  /** Each line the hub writes to stdout (its JSON log at level info: a line as each request arrives). */
  onLine?: (line: string) => void;
}

/**
 * Starts the hub in a process of its own (a load generator or a test must not share its event loop, and a test can
 * kill it outright) and waits until `/healthz` answers. vite-node runs the hub in that very process, so killing it
 * ends the hub.
 */
export async function startHubProcess(options: HubProcessOptions): Promise<HubProcess> {
  const port = options.port ?? (await freePort());
  const child = spawn(resolve(ROOT, 'node_modules/.bin/vite-node'), ['hub/main.ts', 'start', '--port', String(port)], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: options.databaseUrl, ONSCRIPT_HUB_LOG_LEVEL: 'warn', ONSCRIPT_HUB_RATE_LIMIT: '1000000', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let pending = '';
  child.stdout.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      output = `${output}${line}\n`.slice(-20_000);
      options.onLine?.(line);
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (output = `${output}${chunk.toString()}`.slice(-20_000)));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the hub exited at start:\n${output}`);
    const ok = await fetch(`${baseUrl}/healthz`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`the hub did not start:\n${output}`);
    await new Promise((done) => setTimeout(done, 200));
  }
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    await exited;
  };
  return {
    baseUrl,
    port,
    running: () => child.exitCode === null && child.signalCode === null,
    kill: () => end('SIGKILL'),
    stop: () => end('SIGTERM'),
  };
}
