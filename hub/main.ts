/**
 * `npm run hub -- <command>`: the OnScript Team Hub's command line.
 *
 *   init                      apply the schema migrations to DATABASE_URL and create the default team
 *   start [--embedded]        serve the hub (with --embedded: on a throwaway PostgreSQL in a temp folder)
 *   add-agent NAME [--team T] add an agent and print their one-time enrollment code
 *   add-lead NAME [--team T]  add a team lead and print their code
 *   code NAME                 a new enrollment code for an existing agent or lead (new browser, lost token)
 *   revoke NAME               revoke an agent or lead: refused from their next request on
 *
 * Configuration comes from flags or the environment; see hub/README.md.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { addMember, AdminError, DEFAULT_TEAM, ensureTeam, issueCode, revokeMember, type IssuedCode } from './src/admin.ts';
import { createHubDb, schemaVersion } from './src/db.ts';
import { migrate, readMigrations } from './src/migrate.ts';
import { startPostgres, type PostgresProcess } from './src/postgres-process.ts';
import { buildHub, isTimeZone } from './src/server.ts';

const USAGE = `Usage: npm run hub -- <command> [options]

Commands:
  init                       apply migrations to DATABASE_URL, create the default team
  start [--embedded]         serve the hub; --embedded runs a throwaway PostgreSQL (deleted on exit)
  add-agent NAME [--team T]  add an agent; prints a one-time enrollment code
  add-lead NAME [--team T]   add a team lead; prints a one-time enrollment code
  code NAME                  new enrollment code for an existing member
  revoke NAME                revoke a member (refused from their next request)

Options of start (or environment variables):
  --host ADDR          ONSCRIPT_HUB_HOST       listen address (default 127.0.0.1)
  --port N             ONSCRIPT_HUB_PORT       listen port (default 8787)
  --tls-cert FILE      ONSCRIPT_HUB_TLS_CERT   serve HTTPS with this PEM certificate chain
  --tls-key FILE       ONSCRIPT_HUB_TLS_KEY    and this PEM private key
  --trust-proxy        ONSCRIPT_HUB_TRUST_PROXY=1  behind an HTTPS proxy: trust X-Forwarded-*
  --rate-limit N       ONSCRIPT_HUB_RATE_LIMIT requests per token per minute (default 600)
  --time-zone ZONE     ONSCRIPT_HUB_TIME_ZONE  the lead view's default zone (default the machine's)
  --pool-size N        ONSCRIPT_HUB_POOL_SIZE  database connections per hub process (default 10)
                       ONSCRIPT_HUB_LOG_LEVEL  info (default: a JSON line per request), warn, error
Database: DATABASE_URL (the owner, for init and the member commands); start uses HUB_DATABASE_URL when set
(a login role that is a member of onscript_app), else DATABASE_URL.`;

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    embedded: { type: 'boolean' },
    team: { type: 'string' },
    host: { type: 'string' },
    port: { type: 'string' },
    'tls-cert': { type: 'string' },
    'tls-key': { type: 'string' },
    'trust-proxy': { type: 'boolean' },
    'rate-limit': { type: 'string' },
    'time-zone': { type: 'string' },
    'pool-size': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

const env = process.env;
const [command, name] = positionals;

async function withOwner<T>(work: (client: pg.Client) => Promise<T>, url = env['DATABASE_URL']): Promise<T> {
  if (!url) fail('Set DATABASE_URL to the hub database (e.g. postgresql://onscript@db.internal/onscript).');
  const client = new pg.Client({ connectionString: url });
  await client.connect().catch((error: Error) => fail(`Cannot connect to DATABASE_URL: ${error.message}`));
  try {
    return await work(client);
  } catch (error) {
    if (error instanceof AdminError) fail(error.message);
    throw error;
  } finally {
    await client.end();
  }
}

function printCode(issued: IssuedCode): void {
  console.log(`${issued.role === 'lead' ? 'Lead' : 'Agent'} "${issued.name}" (team "${issued.team}")`);
  console.log(`Enrollment code: ${issued.code}`);
  console.log(`Works once, until ${issued.expiresAt.toISOString()}. Hand it to ${issued.name} in person or over a trusted channel.`);
}

const numberOption = (flag: string | undefined, variable: string, fallback: number): number => {
  const text = flag ?? env[variable];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) fail(`${variable}: expected a positive integer, got "${text}"`);
  return value;
};

async function start(): Promise<void> {
  const host = values.host ?? env['ONSCRIPT_HUB_HOST'] ?? '127.0.0.1';
  const port = numberOption(values.port, 'ONSCRIPT_HUB_PORT', 8787);
  const certFile = values['tls-cert'] ?? env['ONSCRIPT_HUB_TLS_CERT'];
  const keyFile = values['tls-key'] ?? env['ONSCRIPT_HUB_TLS_KEY'];
  if ((certFile === undefined) !== (keyFile === undefined)) fail('TLS needs both --tls-cert and --tls-key.');
  const timeZone = values['time-zone'] ?? env['ONSCRIPT_HUB_TIME_ZONE'];
  if (timeZone !== undefined && !isTimeZone(timeZone)) fail(`Unknown time zone "${timeZone}".`);

  let embedded: PostgresProcess | undefined;
  let url = env['HUB_DATABASE_URL'] ?? env['DATABASE_URL'];
  let leadCode: IssuedCode | undefined;
  if (values.embedded) {
    console.log('Starting a throwaway PostgreSQL (Debian package, run as the postgres user)...');
    embedded = await startPostgres();
    const admin = new pg.Client({ connectionString: embedded.url });
    await admin.connect();
    await admin.query('CREATE DATABASE onscript');
    await admin.end();
    url = embedded.urlFor('onscript');
    leadCode = await withOwner(async (client) => {
      await migrate(client);
      await ensureTeam(client);
      return addMember(client, 'lead', 'lead', values.team ?? DEFAULT_TEAM);
    }, url);
  }
  if (!url) fail('Set DATABASE_URL (or HUB_DATABASE_URL), or try it out with --embedded.');

  const db = createHubDb({ connectionString: url, poolSize: numberOption(values['pool-size'], 'ONSCRIPT_HUB_POOL_SIZE', 10) });
  const known = readMigrations().length;
  const version = await schemaVersion(db).catch((error: Error) => fail(`Cannot reach the database: ${error.message}`));
  if (version < known) fail(`The database is at schema version ${version}, this hub needs ${known}: run \`npm run hub -- init\` first.`);

  const app = await buildHub({
    db,
    rateLimit: { max: numberOption(values['rate-limit'], 'ONSCRIPT_HUB_RATE_LIMIT', 600), windowMs: 60_000 },
    ...(timeZone ? { defaultTimeZone: timeZone } : {}),
    ...(certFile && keyFile ? { https: { cert: readFileSync(certFile), key: readFileSync(keyFile) } } : {}),
    trustProxy: values['trust-proxy'] ?? env['ONSCRIPT_HUB_TRUST_PROXY'] === '1',
    logger: { level: env['ONSCRIPT_HUB_LOG_LEVEL'] ?? 'info' },
  });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await app.close();
    await db.close();
    await embedded?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  const address = await app.listen({ host, port }).catch(async (error: Error) => {
    await embedded?.stop();
    return fail(`Cannot listen on ${host}:${port}: ${error.message}`);
  });
  console.log(`\nOnScript Team Hub listening on ${address}`);
  if (embedded && leadCode) {
    console.log(`\nEmbedded PostgreSQL (deleted when the hub stops): ${url}`);
    console.log(`Lead view: ${address}/lead  sign in with the code ${leadCode.code} (lead "lead")`);
    console.log('Add agents from another terminal:');
    console.log(`  DATABASE_URL=${url} npm run hub -- add-agent alice`);
    console.log(`Enroll with: curl -s -X POST ${address}/v1/enroll -H 'content-type: application/json' -d '{"code":"CODE"}'`);
  }
}

async function main(): Promise<void> {
  if (values.help || command === undefined) {
    console.log(USAGE);
    return;
  }
  const needName = () => name ?? fail(`${command} needs a NAME.\n\n${USAGE}`);
  switch (command) {
    case 'init':
      await withOwner(async (client) => {
        const result = await migrate(client);
        await ensureTeam(client, values.team ?? DEFAULT_TEAM);
        console.log(result.applied.length === 0 ? `Schema up to date (version ${result.version}).` : `Applied ${result.applied.map((m) => `${String(m.version).padStart(3, '0')}-${m.name}`).join(', ')}; schema version ${result.version}.`);
      });
      return;
    case 'start':
      return start();
    case 'add-agent':
    case 'add-lead': {
      const member = needName();
      printCode(await withOwner((client) => addMember(client, member, command === 'add-lead' ? 'lead' : 'agent', values.team ?? DEFAULT_TEAM)));
      return;
    }
    case 'code': {
      const member = needName();
      printCode(await withOwner((client) => issueCode(client, member)));
      return;
    }
    case 'revoke': {
      const member = needName();
      await withOwner((client) => revokeMember(client, member));
      console.log(`Revoked "${member}": refused from their next request on.`);
      return;
    }
    default:
      fail(`Unknown command "${command}".\n\n${USAGE}`);
  }
}

await main();
