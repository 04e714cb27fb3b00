-- Teams, agents and leads, and the two ways in: a one-time enrollment code and the bearer token it becomes.
-- Only SHA-256 hashes of codes and tokens are stored. The hub's requests run as the role onscript_app (created
-- here, NOLOGIN), which gets no privilege on these tables: it reaches them only through the SECURITY DEFINER
-- functions below, which check a hash and set the caller's identity for the transaction.

CREATE SCHEMA onscript;

-- Roles are cluster-wide; several hub databases in one cluster share the role.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'onscript_app') THEN
    CREATE ROLE onscript_app NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL; -- another database's migration created it at the same moment
END $$;

-- The migrating user must be able to SET ROLE onscript_app (a superuser can already).
DO $$
BEGIN
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    EXECUTE format('GRANT onscript_app TO %I', current_user);
  END IF;
END $$;

CREATE TABLE onscript.teams (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE onscript.agents (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  team_id bigint NOT NULL REFERENCES onscript.teams (id),
  -- Names are global: the CLI and the lead view address agents by name.
  name text NOT NULL UNIQUE CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$'),
  role text NOT NULL CHECK (role IN ('agent', 'lead')),
  enrollment_hash bytea UNIQUE CHECK (octet_length(enrollment_hash) = 32),
  enrollment_expires_at timestamptz,
  token_hash bytea UNIQUE CHECK (octet_length(token_hash) = 32),
  created_at timestamptz NOT NULL DEFAULT now(),
  enrolled_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX agents_team ON onscript.agents (team_id);

-- Exchanges a one-time code for a token: the code is spent whether or not the caller keeps the token.
CREATE FUNCTION onscript.enroll(code_hash bytea, new_token_hash bytea)
RETURNS TABLE (agent_id bigint, team_id bigint, role text, agent_name text, team_name text)
LANGUAGE sql SECURITY DEFINER SET search_path = onscript, pg_temp AS $$
  UPDATE onscript.agents a
     SET enrollment_hash = NULL, enrollment_expires_at = NULL, token_hash = new_token_hash, enrolled_at = now()
    FROM onscript.teams t
   WHERE a.enrollment_hash = code_hash AND a.revoked_at IS NULL AND a.enrollment_expires_at > now() AND t.id = a.team_id
  RETURNING a.id, a.team_id, a.role, a.name, t.name
$$;

-- Looks the token up and, when it is valid and not revoked, sets the caller's identity for this transaction
-- (onscript.agent_id, onscript.team_id, onscript.role), which the row-level security policies read.
-- Revocation is checked on every call, so it takes effect at the agent's next request.
CREATE FUNCTION onscript.authenticate(presented_hash bytea)
RETURNS TABLE (agent_id bigint, team_id bigint, role text, agent_name text, team_name text, revoked boolean)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = onscript, pg_temp AS $$
DECLARE
  hit record;
BEGIN
  SELECT a.id, a.team_id, a.role, a.name, t.name AS team_name, a.revoked_at IS NOT NULL AS revoked
    INTO hit
    FROM onscript.agents a JOIN onscript.teams t ON t.id = a.team_id
   WHERE a.token_hash = presented_hash;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  IF NOT hit.revoked THEN
    PERFORM set_config('onscript.agent_id', hit.id::text, true),
            set_config('onscript.team_id', hit.team_id::text, true),
            set_config('onscript.role', hit.role, true);
  END IF;
  RETURN QUERY SELECT hit.id, hit.team_id, hit.role, hit.name, hit.team_name, hit.revoked;
END $$;

REVOKE ALL ON FUNCTION onscript.enroll(bytea, bytea) FROM PUBLIC;
REVOKE ALL ON FUNCTION onscript.authenticate(bytea) FROM PUBLIC;
GRANT USAGE ON SCHEMA onscript TO onscript_app;
GRANT EXECUTE ON FUNCTION onscript.enroll(bytea, bytea) TO onscript_app;
GRANT EXECUTE ON FUNCTION onscript.authenticate(bytea) TO onscript_app;
