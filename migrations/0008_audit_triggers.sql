-- The audit trail (docs/decisions/011): every change to every table is appended to `audit_log` by a trigger, in
-- a hash chain whose end is kept in `audit_head`. Application code never writes these tables.
--
-- A write transaction first calls `vincula_audit_begin(actor)` (inTransaction in src/domain/shared/context.ts):
-- it names who acts for the whole transaction (`vincula.actor`) and takes the lock on `audit_head`, so write
-- transactions queue on one lock taken before any other and never deadlock over it. A write without
-- `vincula.actor` raises. A restore (src/domain/backup) sets `vincula.restoring = on` and copies the log verbatim;
-- the triggers then record nothing. A later migration that changes rows sets `vincula.actor` itself, e.g.
-- `SELECT set_config('vincula.actor', 'migration:0012', true);`, and a new table gets its trigger with
-- `SELECT vincula_audit_attach('new_table');` (src/domain/audit/audit-trail.test.ts fails otherwise).

-- The seal of one entry: sha256 of the previous seal and the entry's fields, in one fixed text form (a jsonb
-- array: strings escaped, nulls explicit, jsonb values in their canonical text, the instant as microseconds since
-- the epoch, so no time zone or date style changes it). The trigger and `vincula audit verify` both call it.
CREATE FUNCTION vincula_audit_hash(
  prev_hash text, id bigint, at timestamptz, actor text, table_name text, operation text, record_id text,
  before jsonb, after jsonb
) RETURNS text
  LANGUAGE sql STABLE PARALLEL SAFE
  RETURN encode(sha256(convert_to(prev_hash || '|' || jsonb_build_array(
    id, (extract(epoch FROM at) * 1000000)::bigint, actor, table_name, operation, record_id, before, after
  )::text, 'UTF8')), 'hex');
--> statement-breakpoint

-- The row as the log keeps it: no generated `search` column, secrets replaced by a marker.
CREATE FUNCTION vincula_audit_row(row_data jsonb) RETURNS jsonb
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
  IF row_data IS NULL THEN RETURN NULL; END IF;
  row_data := row_data - 'search';
  IF row_data ? 'password_hash' THEN row_data := row_data || '{"password_hash": "[secreto]"}'; END IF;
  IF row_data ? 'token_hash' THEN row_data := row_data || '{"token_hash": "[secreto]"}'; END IF;
  IF row_data ? 'csrf_token' THEN row_data := row_data || '{"csrf_token": "[secreto]"}'; END IF;
  RETURN row_data;
END $$;
--> statement-breakpoint

-- Names who acts for the rest of the transaction and queues it behind the other writers.
CREATE FUNCTION vincula_audit_begin(actor text) RETURNS void
  LANGUAGE plpgsql AS $$
BEGIN
  IF actor IS NULL OR actor = '' THEN
    RAISE EXCEPTION 'vincula_audit_begin: who acts must be named';
  END IF;
  PERFORM set_config('vincula.actor', actor, true);
  PERFORM 1 FROM audit_head FOR UPDATE;
  IF NOT FOUND AND NOT EXISTS (SELECT 1 FROM audit_log) THEN
    -- The chain's start, made by the first write (a fresh or restored database has no row).
    INSERT INTO audit_head (singleton, last_id, last_hash) VALUES (true, 0, repeat('0', 64)) ON CONFLICT DO NOTHING;
    PERFORM 1 FROM audit_head FOR UPDATE;
  END IF;
END $$;
--> statement-breakpoint

-- One entry per changed row. The trigger's arguments are the table's primary-key columns.
CREATE FUNCTION vincula_audit_capture() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  actor text := current_setting('vincula.actor', true);
  old_row jsonb;
  new_row jsonb;
  key_column text;
  key_values text[] := '{}';
  head_id bigint;
  head_hash text;
  tail_id bigint;
  tail_hash text;
  entry_at timestamptz := now();
  operation text := lower(TG_OP);
  record_id text;
BEGIN
  IF current_setting('vincula.restoring', true) = 'on' THEN RETURN NULL; END IF;
  IF actor IS NULL OR actor = '' THEN
    RAISE EXCEPTION 'vincula: % on % without vincula.actor', TG_OP, TG_TABLE_NAME
      USING HINT = 'Write inside inTransaction(ctx, …) (src/domain/shared/context.ts), which names who acts.';
  END IF;
  IF TG_OP <> 'INSERT' THEN old_row := to_jsonb(OLD) - 'search'; END IF;
  IF TG_OP <> 'DELETE' THEN new_row := to_jsonb(NEW) - 'search'; END IF;
  IF TG_OP = 'UPDATE' THEN
    IF old_row = new_row THEN RETURN NULL; END IF;
    -- Using a token stamps it; that is bookkeeping, not a change.
    IF TG_TABLE_NAME = 'api_tokens' AND old_row - 'last_used_at' = new_row - 'last_used_at' THEN RETURN NULL; END IF;
  END IF;
  FOREACH key_column IN ARRAY TG_ARGV LOOP
    key_values := key_values || (coalesce(new_row, old_row) ->> key_column);
  END LOOP;
  record_id := array_to_string(key_values, '/');
  old_row := vincula_audit_row(old_row);
  new_row := vincula_audit_row(new_row);

  SELECT last_id, last_hash INTO head_id, head_hash FROM audit_head FOR UPDATE;
  IF NOT FOUND THEN
    IF EXISTS (SELECT 1 FROM audit_log) THEN
      RAISE EXCEPTION 'vincula: audit_head is missing while audit_log has entries; run vincula audit verify';
    END IF;
    INSERT INTO audit_head (singleton, last_id, last_hash) VALUES (true, 0, repeat('0', 64)) ON CONFLICT DO NOTHING;
    SELECT last_id, last_hash INTO head_id, head_hash FROM audit_head FOR UPDATE;
  END IF;
  -- audit_head moves at commit (vincula_audit_advance_head); until then this transaction's own entries follow it.
  SELECT id, hash INTO tail_id, tail_hash FROM audit_log WHERE id > head_id ORDER BY id DESC LIMIT 1;
  IF NOT FOUND THEN
    tail_id := head_id;
    tail_hash := head_hash;
  END IF;
  INSERT INTO audit_log (id, at, actor, table_name, operation, record_id, before, after, prev_hash, hash)
  VALUES (
    tail_id + 1, entry_at, actor, TG_TABLE_NAME, operation, record_id, old_row, new_row, tail_hash,
    vincula_audit_hash(tail_hash, tail_id + 1, entry_at, actor, TG_TABLE_NAME, operation, record_id, old_row, new_row)
  );
  RETURN NULL;
END $$;
--> statement-breakpoint

-- At commit, audit_head takes the transaction's last entry. Moving it once per transaction rather than once per
-- entry keeps a long import from piling up versions of the one row that every entry reads.
CREATE FUNCTION vincula_audit_advance_head() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('vincula.restoring', true) = 'on' THEN RETURN NULL; END IF;
  IF NEW.id = (SELECT max(id) FROM audit_log) THEN
    UPDATE audit_head SET last_id = NEW.id, last_hash = NEW.hash WHERE last_id < NEW.id;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint

CREATE CONSTRAINT TRIGGER audit_log_advance_head AFTER INSERT ON audit_log
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION vincula_audit_advance_head();
--> statement-breakpoint

-- The log is append-only. (Whoever can disable triggers can still edit it: the chain is what shows that.)
CREATE FUNCTION vincula_audit_refuse_change() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' AND current_setting('vincula.restoring', true) = 'on' THEN RETURN NULL; END IF;
  RAISE EXCEPTION 'vincula: the audit log is append-only (% refused)', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION vincula_audit_refuse_change();
--> statement-breakpoint

CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION vincula_audit_refuse_change();
--> statement-breakpoint

-- Puts the audit trigger on a table, with its primary-key columns as the record's identity.
CREATE FUNCTION vincula_audit_attach(target regclass) RETURNS void
  LANGUAGE plpgsql AS $$
DECLARE
  key_columns text;
BEGIN
  SELECT string_agg(quote_literal(a.attname), ', ' ORDER BY k.position) INTO key_columns
  FROM pg_index i
  CROSS JOIN LATERAL unnest(i.indkey::smallint[]) WITH ORDINALITY AS k(attnum, position)
  JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
  WHERE i.indrelid = target AND i.indisprimary;
  IF key_columns IS NULL THEN
    RAISE EXCEPTION 'vincula_audit_attach: % has no primary key', target;
  END IF;
  EXECUTE format(
    'CREATE TRIGGER vincula_audit AFTER INSERT OR UPDATE OR DELETE ON %s FOR EACH ROW EXECUTE FUNCTION vincula_audit_capture(%s)',
    target, key_columns
  );
END $$;
--> statement-breakpoint

-- Every table but the log itself and sign-in sessions (bookkeeping that holds secrets).
DO $$
DECLARE
  target regclass;
BEGIN
  FOR target IN
    SELECT c.oid::regclass FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
      AND c.relname NOT IN ('audit_log', 'audit_head', 'auth_sessions')
    ORDER BY c.relname
  LOOP
    PERFORM vincula_audit_attach(target);
  END LOOP;
END $$;
