/**
 * What the operator does from the command line, connected as the database's owner (not through row-level
 * security): create teams, add agents and leads, hand out enrollment codes, revoke.
 */
import type pg from 'pg';
import { ENROLLMENT_CODE_DAYS, hashSecret, newEnrollmentCode } from './secrets.ts';
import type { HubRole } from '../api/types.ts';

/** The team members join when none is named. */
export const DEFAULT_TEAM = 'default';

/** A fresh code for one member. */
export interface IssuedCode {
  name: string;
  team: string;
  role: HubRole;
  code: string;
  expiresAt: Date;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

/** Thrown for an operator's mistake; the CLI prints the message alone. */
export class AdminError extends Error {}

async function teamId(client: pg.ClientBase, team: string): Promise<string> {
  if (team.length < 1 || team.length > 100) throw new AdminError('a team name has 1 to 100 characters');
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO onscript.teams (name) VALUES ($1) ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id`,
    [team],
  );
  return rows[0]!.id;
}

/** Adds an agent or a lead to `team` (created if new) and returns their one-time enrollment code. */
export async function addMember(client: pg.ClientBase, name: string, role: HubRole, team = DEFAULT_TEAM): Promise<IssuedCode> {
  if (!NAME.test(name)) throw new AdminError(`"${name}" is not a valid name: letters, digits and . _ @ - (up to 64), starting with a letter or digit`);
  const code = newEnrollmentCode();
  const expiresAt = new Date(Date.now() + ENROLLMENT_CODE_DAYS * 86_400_000);
  const id = await teamId(client, team);
  const inserted = await client.query(
    `INSERT INTO onscript.agents (team_id, name, role, enrollment_hash, enrollment_expires_at)
     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (name) DO NOTHING`,
    [id, name, role, hashSecret(code, { code: true }), expiresAt],
  );
  if (inserted.rowCount === 0) throw new AdminError(`"${name}" already exists; use \`code ${name}\` for a new enrollment code`);
  return { name, team, role, code, expiresAt };
}

/**
 * A new enrollment code for an existing member (a new browser, a lost token). Their current token stops working
 * when the new code is used.
 */
export async function issueCode(client: pg.ClientBase, name: string): Promise<IssuedCode> {
  const code = newEnrollmentCode();
  const expiresAt = new Date(Date.now() + ENROLLMENT_CODE_DAYS * 86_400_000);
  const { rows } = await client.query<{ role: HubRole; team: string; revoked: boolean }>(
    `UPDATE onscript.agents a SET enrollment_hash = $2, enrollment_expires_at = $3
       FROM onscript.teams t WHERE a.name = $1 AND t.id = a.team_id
     RETURNING a.role, t.name AS team, a.revoked_at IS NOT NULL AS revoked`,
    [name, hashSecret(code, { code: true }), expiresAt],
  );
  const row = rows[0];
  if (!row) throw new AdminError(`no agent or lead named "${name}"`);
  if (row.revoked) throw new AdminError(`"${name}" was revoked; add them under a new name`);
  return { name, team: row.team, role: row.role, code, expiresAt };
}

/** Revokes a member: their token and any unused code stop working at their next request. */
export async function revokeMember(client: pg.ClientBase, name: string): Promise<void> {
  const { rowCount } = await client.query(
    `UPDATE onscript.agents SET revoked_at = coalesce(revoked_at, now()), enrollment_hash = NULL, enrollment_expires_at = NULL
      WHERE name = $1`,
    [name],
  );
  if (rowCount === 0) throw new AdminError(`no agent or lead named "${name}"`);
}

/** Ensures the default team exists (after `init`). */
export async function ensureTeam(client: pg.ClientBase, team = DEFAULT_TEAM): Promise<void> {
  await teamId(client, team);
}
