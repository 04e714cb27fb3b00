-- The team ledger: call attempts with their outcome (what the contact caps count), call records (what the lead
-- view and the team export read) and do-not-call flag events (set and cleared, append-only, so a flag's history
-- stays and every agent's change is a row of its own).
--
-- Idempotency: every pushed item carries a key the extension chose. Attempts and flag events are unique per
-- (agent, key) (attempts also by `at`, their partition key); a call record is one row per (agent, call id) that
-- only a higher revision replaces. A resend therefore changes nothing.
--
-- Scale: attempts, the table that grows with every dial, are partitioned by month of `at`, and the counts query
-- reads one or two months through (team, debtor, at) and (team, number, at) indexes, so its cost follows the
-- rows of one debtor or number, not the size of the table. Months are created ahead by
-- onscript.ensure_attempt_partitions (the hub calls it at start and every few hours); a DEFAULT partition
-- catches anything outside them so an insert never fails for want of a partition.

CREATE FUNCTION onscript.epoch_ms(t timestamptz) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT (extract(epoch FROM t) * 1000)::bigint $$;

CREATE FUNCTION onscript.from_epoch_ms(ms bigint) RETURNS timestamptz
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT 'epoch'::timestamptz + ms * interval '1 millisecond' $$;

-- team_id has no foreign key on purpose: every writer of a team would lock the same teams row (FOR KEY SHARE),
-- and hundreds of concurrent pushes on one row turn into MultiXact traffic. Row-level security already pins
-- team_id to the writer's own team (migration 003), and teams are never deleted.
CREATE TABLE onscript.attempts (
  team_id bigint NOT NULL,
  agent_id bigint NOT NULL REFERENCES onscript.agents (id),
  key text NOT NULL,
  at timestamptz NOT NULL,
  number_e164 text NOT NULL CHECK (number_e164 ~ '^\+[1-9][0-9]{1,14}$'),
  debtor_ref text,
  outcome text NOT NULL CHECK (outcome IN ('unanswered', 'voicemail', 'conversation', 'no-connect')),
  call_id text,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (agent_id, key, at)
) PARTITION BY RANGE (at);

CREATE INDEX attempts_by_debtor ON onscript.attempts (team_id, debtor_ref, at) WHERE debtor_ref IS NOT NULL;
CREATE INDEX attempts_by_number ON onscript.attempts (team_id, number_e164, at);

CREATE TABLE onscript.attempts_default PARTITION OF onscript.attempts DEFAULT;

-- Creates the monthly partitions (UTC months) from `first_month` for `months` months, skipping those that exist.
-- A month whose rows already sit in the DEFAULT partition is skipped with a notice (moving them is an operator's
-- decision); lock_timeout keeps a busy table from queueing requests behind the DDL: a later call retries.
CREATE FUNCTION onscript.ensure_attempt_partitions(first_month date, months integer)
RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = onscript, pg_temp SET lock_timeout = '2s' AS $$
DECLARE
  month date := date_trunc('month', first_month)::date;
  created integer := 0;
  partition_name text;
BEGIN
  FOR i IN 1..months LOOP
    partition_name := format('attempts_%s', to_char(month, 'YYYY_MM'));
    IF to_regclass(format('onscript.%I', partition_name)) IS NULL THEN
      BEGIN
        EXECUTE format(
          'CREATE TABLE onscript.%I PARTITION OF onscript.attempts FOR VALUES FROM (%L) TO (%L)',
          partition_name,
          month::timestamp AT TIME ZONE 'UTC',
          (month + interval '1 month')::timestamp AT TIME ZONE 'UTC');
        created := created + 1;
      EXCEPTION
        WHEN duplicate_table THEN NULL; -- another hub made it meanwhile
        WHEN check_violation THEN RAISE NOTICE 'attempts for % are in the default partition; not partitioned', month;
        WHEN lock_not_available THEN RAISE NOTICE 'attempts table busy; partition % left for the next run', month;
      END;
    END IF;
    month := (month + interval '1 month')::date;
  END LOOP;
  RETURN created;
END $$;

-- A year back (for imported history) and three months ahead.
SELECT onscript.ensure_attempt_partitions((date_trunc('month', now()) - interval '12 months')::date, 16);

CREATE TABLE onscript.calls (
  team_id bigint NOT NULL, -- no foreign key, as in attempts
  agent_id bigint NOT NULL REFERENCES onscript.agents (id),
  call_id text NOT NULL,
  -- Grows with each change of the call in the agent's browser; the hub keeps the highest.
  revision bigint NOT NULL,
  started_at timestamptz NOT NULL,
  connected_at timestamptz,
  ended_at timestamptz,
  number_e164 text,
  debtor_ref text,
  disposition text,
  promise_amount numeric,
  promise_currency text,
  overrides integer NOT NULL DEFAULT 0,
  -- The call as the extension sent it (validated): the export renders from it.
  record jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (agent_id, call_id)
);
CREATE INDEX calls_by_team_start ON onscript.calls (team_id, started_at, agent_id, call_id);
CREATE INDEX calls_by_debtor ON onscript.calls (team_id, debtor_ref, started_at) WHERE debtor_ref IS NOT NULL;
CREATE INDEX calls_by_number ON onscript.calls (team_id, number_e164, started_at) WHERE number_e164 IS NOT NULL;

CREATE TABLE onscript.flag_events (
  -- The team's cursor: writers of one team take a transaction-level advisory lock before inserting, so
  -- sequence order is commit order within a team and a reader polling `seq > cursor` never skips a row.
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  team_id bigint NOT NULL, -- no foreign key, as in attempts
  agent_id bigint NOT NULL REFERENCES onscript.agents (id),
  key text NOT NULL,
  op text NOT NULL CHECK (op IN ('set', 'clear')),
  scope text NOT NULL CHECK (scope IN ('number', 'debtor')),
  number_e164 text CHECK (number_e164 ~ '^\+[1-9][0-9]{1,14}$'),
  debtor_ref text,
  reason text NOT NULL CHECK (reason IN ('cease-request', 'wrong-number', 'dispute-pending')),
  at timestamptz NOT NULL,
  note text,
  received_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (agent_id, key),
  CHECK ((scope = 'number' AND number_e164 IS NOT NULL AND debtor_ref IS NULL)
      OR (scope = 'debtor' AND debtor_ref IS NOT NULL AND number_e164 IS NULL))
);
CREATE INDEX flag_events_by_team_seq ON onscript.flag_events (team_id, seq);
CREATE INDEX flag_events_by_number ON onscript.flag_events (team_id, number_e164, reason, at) WHERE scope = 'number';
CREATE INDEX flag_events_by_debtor ON onscript.flag_events (team_id, debtor_ref, reason, at) WHERE scope = 'debtor';
