import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitFor } from './process-utils';

const TEMPLATE = new URL('../../demo/kamailio/kamailio.cfg.template', import.meta.url);
const MODULE_DIRS = [
  '/usr/lib/x86_64-linux-gnu/kamailio/modules',
  '/usr/lib/aarch64-linux-gnu/kamailio/modules',
  '/usr/lib/kamailio/modules',
];

/** A SIP-over-WebSocket server the demo pages can register with. */
export interface SipServer {
  wsUrl: string;
  domain: string;
  /** What the server logged lately, for failure messages. */
  readonly log: string;
  stop(): Promise<void>;
}

/** Where Kamailio is, or a message that says how to install it. */
export function findKamailio(): { binary: string; moduleDir: string } | { error: string } {
  const which = spawnSync('sh', ['-c', 'command -v kamailio || ls /usr/sbin/kamailio 2>/dev/null'], { encoding: 'utf8' });
  const binary = which.stdout.trim().split('\n')[0];
  const moduleDir = MODULE_DIRS.find((dir) => existsSync(join(dir, 'websocket.so')));
  if (!binary || !moduleDir) {
    return {
      error:
        'Kamailio with its WebSocket module is required for the end-to-end tests.\n' +
        '  Install it with: sudo apt-get install kamailio kamailio-websocket-modules',
    };
  }
  return { binary, moduleDir };
}

/**
 * Starts OnScript's own Kamailio (SIP over WebSocket on 127.0.0.1, a free port) in the foreground and
 * resolves once it accepts connections. `stop()` ends only this process; a system Kamailio is left alone.
 */
export async function startKamailio({ domain = 'onscript.test', echo = false } = {}): Promise<SipServer> {
  const found = findKamailio();
  if ('error' in found) throw new Error(found.error);
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'onscript-kamailio-'));
  const config = readFileSync(TEMPLATE, 'utf8')
    .replaceAll('@@WS_PORT@@', String(port))
    .replaceAll('@@DOMAIN@@', domain)
    .replaceAll('@@MODULE_PATH@@', found.moduleDir);
  const configPath = join(dir, 'kamailio.cfg');
  writeFileSync(configPath, config);
  const check = spawnSync(found.binary, ['-c', '-f', configPath], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`Kamailio rejected the generated config:\n${check.stderr}`);

  const child = spawn(
    found.binary,
    ['-DD', '-E', '-f', configPath, '-Y', dir, '-P', join(dir, 'kamailio.pid'), '-m', '64', '-M', '8'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
    if (echo) process.stderr.write(chunk);
  });
  let exited = false;
  child.on('exit', () => (exited = true));
  await waitFor(
    async () => {
      if (exited) throw new Error(`Kamailio exited at start:\n${output}`);
      return canConnect(port);
    },
    { timeoutMs: 15_000, what: 'Kamailio to listen' },
  );
  return {
    wsUrl: `ws://127.0.0.1:${port}`,
    domain,
    get log() {
      return output;
    },
    async stop() {
      if (!exited) {
        child.kill('SIGTERM');
        await waitFor(() => exited, { timeoutMs: 5_000, what: 'Kamailio to stop' }).catch(() => child.kill('SIGKILL'));
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}
