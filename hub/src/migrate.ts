/**
 * Schema migrations: plain SQL files `hub/migrations/NNN-name.sql`, applied in order, each in its own
 * transaction together with its row in `onscript_migrations` (version, name, SHA-256 of the file). A migration
 * already applied is never run again; one whose file changed since is refused, since the database no longer
 * matches the file. An advisory lock makes two hubs starting at once take turns.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';

/** Where the SQL files are. */
export const MIGRATIONS_DIR = join(import.meta.dirname, '..', 'migrations');

/** One migration file. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

/** Arbitrary constant: the advisory lock migrations take (per database). */
const MIGRATION_LOCK = 7_401_015;

/** Reads the migration files in version order; refuses gaps, duplicates and names that do not fit the pattern. */
export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const files = readdirSync(dir).filter((name) => name.endsWith('.sql')).sort();
  const migrations = files.map((file) => {
    const match = /^(\d{3})-([a-z0-9-]+)\.sql$/.exec(file);
    if (!match) throw new Error(`migration file "${file}" does not match NNN-name.sql`);
    const sql = readFileSync(join(dir, file), 'utf8');
    return { version: Number(match[1]), name: match[2]!, sql, checksum: createHash('sha256').update(sql).digest('hex') };
  });
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) throw new Error(`migrations must be numbered 001, 002, ... without gaps; found ${migration.version} at position ${index + 1}`);
  });
  return migrations;
}

/** What {@link migrate} did. */
export interface MigrateResult {
  applied: Migration[];
  /** The database's version afterwards. */
  version: number;
}

/**
 * Applies the migrations not yet applied, up to `upTo` (default: all), on a client connected as the database's
 * owner. Each runs in a transaction with its bookkeeping row.
 */
export async function migrate(client: pg.ClientBase, options: { upTo?: number; migrations?: Migration[] } = {}): Promise<MigrateResult> {
  const migrations = options.migrations ?? readMigrations();
  const upTo = options.upTo ?? migrations.length;
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS onscript_migrations (
      version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ version: number; name: string; checksum: string }>(
      'SELECT version, name, checksum FROM onscript_migrations ORDER BY version',
    );
    for (const row of rows) {
      const file = migrations.find((migration) => migration.version === row.version);
      if (!file) throw new Error(`the database has migration ${row.version} (${row.name}), which this hub does not know: is it older than the database?`);
      if (file.checksum !== row.checksum) {
        throw new Error(`migration ${String(row.version).padStart(3, '0')}-${row.name}.sql changed after it was applied; add a new migration instead`);
      }
    }
    const done = new Set(rows.map((row) => row.version));
    const applied: Migration[] = [];
    for (const migration of migrations) {
      if (migration.version > upTo || done.has(migration.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO onscript_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
          migration.version, migration.name, migration.checksum,
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${String(migration.version).padStart(3, '0')}-${migration.name}.sql failed: ${(error as Error).message}`, { cause: error });
      }
      applied.push(migration);
    }
    const version = Math.max(0, ...[...done, ...applied.map((migration) => migration.version)]);
    // The hub, running as onscript_app, checks the version before it serves (see schemaVersion).
    await client.query(`DO $$ BEGIN
      IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'onscript_app') THEN GRANT SELECT ON onscript_migrations TO onscript_app; END IF;
    END $$`);
    return { applied, version };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  }
}
