/**
 * A private PostgreSQL from Debian's `postgresql` package, in a temporary folder on a free port: what
 * `npm run hub -- start --embedded`, the hub tests and the hub benchmark run against.
 *
 * Postgres refuses to run as root, so when this process is root, `initdb` and `postgres` run as the `postgres`
 * user the package creates (`runuser -u postgres --`), in a folder that user owns. `stop()` ends only the
 * server this module started (by the pid in its own `postmaster.pid`), never a system cluster.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from '../../scripts/lib/process-utils.ts';

export { freePort };

/** A running private Postgres. */
export interface PostgresProcess {
  /** Superuser connection string to its `postgres` database. */
  url: string;
  port: number;
  /** The data folder, inside a temporary folder removed by {@link PostgresProcess.stop}. */
  dataDir: string;
  /** Connection string for another database of this server. */
  urlFor(database: string): string;
  /** What the server logged lately, for failure messages. */
  readonly log: string;
  /** Fast shutdown, then removes the temporary folder. Safe to call twice. */
  stop(): Promise<void>;
}

/** Options of {@link startPostgres}. */
export interface StartPostgresOptions {
  /** Port to listen on (default: a free one on 127.0.0.1). */
  port?: number;
  /**
   * Throwaway tuning: no fsync, no synchronous commit. Right for tests and a try-out; the data does not survive
   * a power cut (default true).
   */
  throwaway?: boolean;
  /** Extra `-c name=value` settings. */
  settings?: Record<string, string | number>;
  /** Copy the server's log to stderr as it comes. */
  echo?: boolean;
}

/** Where Debian's Postgres binaries are (the highest installed major version), or how to install them. */
export function findPostgres(): { binDir: string } | { error: string } {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((name) => existsSync(join(root, name, 'bin', 'initdb')) && existsSync(join(root, name, 'bin', 'postgres')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const version = versions[0];
  if (version === undefined) {
    return { error: "PostgreSQL is required (initdb not found under /usr/lib/postgresql/*/bin).\n  Install it with: sudo apt-get install postgresql" };
  }
  return { binDir: join(root, version, 'bin') };
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** The command line that runs `binary` as a user Postgres accepts. */
function asPostgresUser(binary: string, args: string[]): [string, string[]] {
  return isRoot() ? ['runuser', ['-u', 'postgres', '--', binary, ...args]] : [binary, args];
}

function postgresUserIds(): { uid: number; gid: number } {
  const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
  const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
  if (!Number.isInteger(uid) || !Number.isInteger(gid) || uid <= 0) {
    throw new Error('Running as root, but there is no `postgres` user to run PostgreSQL as (install the postgresql package)');
  }
  return { uid, gid };
}

/** Starts a private Postgres and resolves once it accepts connections. */
export async function startPostgres(options: StartPostgresOptions = {}): Promise<PostgresProcess> {
  const found = findPostgres();
  if ('error' in found) throw new Error(found.error);
  const port = options.port ?? (await freePort());
  const root = mkdtempSync(join(tmpdir(), 'onscript-pg-'));
  const dataDir = join(root, 'data');
  if (isRoot()) {
    const { uid, gid } = postgresUserIds();
    chownSync(root, uid, gid);
  }
  const [initCommand, initArgs] = asPostgresUser(join(found.binDir, 'initdb'), [
    '-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync',
  ]);
  const init = spawnSync(initCommand, initArgs, { encoding: 'utf8', cwd: root });
  if (init.status !== 0) {
    rmSync(root, { recursive: true, force: true });
    throw new Error(`initdb failed (exit ${init.status}):\n${init.stderr || init.stdout}`);
  }

  const throwaway = options.throwaway ?? true;
  const settings: Record<string, string | number> = {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: root,
    max_connections: 200,
    ...(throwaway ? { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' } : {}),
    ...options.settings,
  };
  const [command, args] = asPostgresUser(join(found.binDir, 'postgres'), [
    '-D', dataDir, '-p', String(port),
    ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
  ]);
  const child: ChildProcess = spawn(command, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
    if (options.echo) process.stderr.write(chunk);
  });
  let exited = false;
  const exitedPromise = new Promise<void>((resolve) => child.on('exit', () => ((exited = true), resolve())));

  // The postmaster's own pid: with runuser in between, signalling the child would signal runuser.
  const postmasterPid = (): number | undefined => {
    try {
      const pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      return Number.isInteger(pid) && pid > 0 ? pid : undefined;
    } catch {
      return undefined;
    }
  };
  // A crashed test run must not leave the server behind.
  const killOnExit = () => {
    const pid = postmasterPid();
    if (pid !== undefined && !exited) {
      try {
        process.kill(pid, 'SIGQUIT');
      } catch {
        // Already gone.
      }
    }
  };
  process.on('exit', killOnExit);

  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited) {
      rmSync(root, { recursive: true, force: true });
      throw new Error(`postgres exited at start:\n${output}`);
    }
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('SELECT 1');
      await client.end();
      break;
    } catch {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw new Error(`postgres did not accept connections within 30 s:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  let stopped = false;
  return {
    url,
    port,
    dataDir,
    urlFor: (database) => `postgresql://postgres@127.0.0.1:${port}/${encodeURIComponent(database)}`,
    get log() {
      return output;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      process.off('exit', killOnExit);
      const pid = postmasterPid();
      if (!exited && pid !== undefined) {
        // SIGINT: fast shutdown (disconnects clients, no checkpoint wait worth mentioning on a throwaway).
        process.kill(pid, 'SIGINT');
        const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 10_000).unref());
        if ((await Promise.race([exitedPromise, timeout])) === 'timeout') {
          process.kill(pid, 'SIGKILL');
          await exitedPromise;
        }
      } else if (!exited) {
        child.kill('SIGKILL');
        await exitedPromise;
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}
