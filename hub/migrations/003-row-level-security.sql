-- Row-level security: the hub runs every request as onscript_app with the caller's identity set for the
-- transaction by onscript.authenticate (onscript.agent_id, onscript.team_id, onscript.role). An agent writes only
-- its own rows and reads its team's attempts and flags (the counts) and its own call records; a lead reads the
-- whole team. Nothing is ever updated except an agent's own call record, and nothing is deleted by the hub.
-- The policies wrap the identity in sub-selects so it is evaluated once per query (an InitPlan), not per row.

CREATE FUNCTION onscript.caller_agent() RETURNS bigint
LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT nullif(current_setting('onscript.agent_id', true), '')::bigint $$;

CREATE FUNCTION onscript.caller_team() RETURNS bigint
LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT nullif(current_setting('onscript.team_id', true), '')::bigint $$;

CREATE FUNCTION onscript.caller_is_lead() RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT coalesce(current_setting('onscript.role', true) = 'lead', false) $$;

GRANT EXECUTE ON FUNCTION onscript.caller_agent(), onscript.caller_team(), onscript.caller_is_lead(),
  onscript.epoch_ms(timestamptz), onscript.from_epoch_ms(bigint) TO onscript_app;
REVOKE ALL ON FUNCTION onscript.ensure_attempt_partitions(date, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION onscript.ensure_attempt_partitions(date, integer) TO onscript_app;

ALTER TABLE onscript.teams ENABLE ROW LEVEL SECURITY;
GRANT SELECT ON onscript.teams TO onscript_app;
CREATE POLICY teams_own ON onscript.teams FOR SELECT TO onscript_app
  USING (id = (SELECT onscript.caller_team()));

-- Team members see each other's names (a flag says who set it); the hash columns are never granted.
ALTER TABLE onscript.agents ENABLE ROW LEVEL SECURITY;
GRANT SELECT (id, team_id, name, role, created_at, enrolled_at, revoked_at) ON onscript.agents TO onscript_app;
CREATE POLICY agents_of_team ON onscript.agents FOR SELECT TO onscript_app
  USING (team_id = (SELECT onscript.caller_team()));

ALTER TABLE onscript.attempts ENABLE ROW LEVEL SECURITY;
GRANT SELECT, INSERT ON onscript.attempts TO onscript_app;
CREATE POLICY attempts_read_team ON onscript.attempts FOR SELECT TO onscript_app
  USING (team_id = (SELECT onscript.caller_team()));
CREATE POLICY attempts_write_own ON onscript.attempts FOR INSERT TO onscript_app
  WITH CHECK (agent_id = (SELECT onscript.caller_agent()) AND team_id = (SELECT onscript.caller_team()));

ALTER TABLE onscript.calls ENABLE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE ON onscript.calls TO onscript_app;
CREATE POLICY calls_read ON onscript.calls FOR SELECT TO onscript_app
  USING (team_id = (SELECT onscript.caller_team())
         AND (agent_id = (SELECT onscript.caller_agent()) OR (SELECT onscript.caller_is_lead())));
CREATE POLICY calls_insert_own ON onscript.calls FOR INSERT TO onscript_app
  WITH CHECK (agent_id = (SELECT onscript.caller_agent()) AND team_id = (SELECT onscript.caller_team()));
CREATE POLICY calls_update_own ON onscript.calls FOR UPDATE TO onscript_app
  USING (agent_id = (SELECT onscript.caller_agent()))
  WITH CHECK (agent_id = (SELECT onscript.caller_agent()) AND team_id = (SELECT onscript.caller_team()));

ALTER TABLE onscript.flag_events ENABLE ROW LEVEL SECURITY;
GRANT SELECT, INSERT ON onscript.flag_events TO onscript_app;
CREATE POLICY flag_events_read_team ON onscript.flag_events FOR SELECT TO onscript_app
  USING (team_id = (SELECT onscript.caller_team()));
CREATE POLICY flag_events_write_own ON onscript.flag_events FOR INSERT TO onscript_app
  WITH CHECK (agent_id = (SELECT onscript.caller_agent()) AND team_id = (SELECT onscript.caller_team()));

-- A lead adds agents to their own team and revokes them; these run as the owner because onscript_app has no
-- write privilege on agents (it could otherwise set another agent's token hash).
CREATE FUNCTION onscript.add_team_agent(new_name text, code_hash bytea, code_expires_at timestamptz)
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = onscript, pg_temp AS $$
DECLARE
  new_id bigint;
BEGIN
  IF NOT onscript.caller_is_lead() OR onscript.caller_team() IS NULL THEN
    RAISE EXCEPTION 'only a lead can add agents' USING ERRCODE = 'insufficient_privilege';
  END IF;
  INSERT INTO onscript.agents (team_id, name, role, enrollment_hash, enrollment_expires_at)
  VALUES (onscript.caller_team(), new_name, 'agent', code_hash, code_expires_at)
  RETURNING id INTO new_id;
  RETURN new_id;
END $$;

CREATE FUNCTION onscript.revoke_team_agent(target_name text)
RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = onscript, pg_temp AS $$
BEGIN
  IF NOT onscript.caller_is_lead() OR onscript.caller_team() IS NULL THEN
    RAISE EXCEPTION 'only a lead can revoke agents' USING ERRCODE = 'insufficient_privilege';
  END IF;
  UPDATE onscript.agents
     SET revoked_at = now(), enrollment_hash = NULL, enrollment_expires_at = NULL
   WHERE name = target_name AND team_id = onscript.caller_team() AND role = 'agent' AND revoked_at IS NULL;
  RETURN FOUND;
END $$;

REVOKE ALL ON FUNCTION onscript.add_team_agent(text, bytea, timestamptz), onscript.revoke_team_agent(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION onscript.add_team_agent(text, bytea, timestamptz), onscript.revoke_team_agent(text) TO onscript_app;
