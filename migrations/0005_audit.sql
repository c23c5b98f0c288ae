-- The audit log: who read or changed which patient record, when, from where. Append-only and
-- hash-chained (src/audit/audit-chain.ts computes the hashes): each entry carries the hash of
-- the one before it, so an altered, removed or reordered entry breaks the chain.
--
-- Ids are handed out by audit_head, not by a sequence: a sequence number burnt by a rolled-back
-- write would leave a gap that looks exactly like a deleted entry. Under the head's row lock the
-- next id is always last_id + 1, so a gap is evidence, never noise.
--
-- Rows hold ids, never personal data, so erasing a contact leaves its audit entries in place:
-- there is no sanctioned rewrite, not even for erasure.

CREATE TABLE audit_log (
  id          bigint PRIMARY KEY CHECK (id > 0),
  at          timestamptz NOT NULL,
  actor_type  text NOT NULL CHECK (actor_type IN ('staff', 'client', 'api', 'system')),
  actor_id    uuid,                                   -- no foreign key: the entry outlives the account
  actor_label text NOT NULL DEFAULT '' CHECK (length(actor_label) <= 320),
  action      text NOT NULL CHECK (action ~ '^[a-z_]+(\.[a-z_]+)+$'),
  record_type text NOT NULL CHECK (record_type ~ '^[a-z_]+$'),
  record_id   text CHECK (length(record_id) <= 200),  -- no foreign key: erasure keeps the entry
  ip          text CHECK (length(ip) <= 100),
  details     jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(details) = 'object'),
  prev_hash   text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
  hash        text NOT NULL UNIQUE CHECK (hash ~ '^[0-9a-f]{64}$')
);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, id DESC) WHERE actor_id IS NOT NULL;
CREATE INDEX audit_log_record_idx ON audit_log (record_type, record_id, id DESC);
CREATE INDEX audit_log_action_idx ON audit_log (action text_pattern_ops);
CREATE INDEX audit_log_at_idx ON audit_log (at);

-- The end of the chain, one row. Writers lock it (SELECT ... FOR UPDATE), so entries are chained
-- one at a time however many processes write; verify compares the last entry with it, which
-- catches entries cut off the end.
CREATE TABLE audit_head (
  id        smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  last_id   bigint NOT NULL CHECK (last_id >= 0),
  last_hash text NOT NULL CHECK (last_hash ~ '^[0-9a-f]{64}$')
);
INSERT INTO audit_head (id, last_id, last_hash) VALUES (1, 0, repeat('0', 64));

-- No UPDATE, DELETE or TRUNCATE, for anyone, ever.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'restrict_violation';
END;
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- Every insert must extend the chain exactly where the head says it ends, and moves the head.
-- The hash itself is checked by `clinicflow audit verify`; this keeps a buggy or careless
-- writer from forking the chain.
CREATE FUNCTION audit_log_extend_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  head audit_head%ROWTYPE;
BEGIN
  SELECT * INTO head FROM audit_head WHERE id = 1 FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'audit_head is missing' USING ERRCODE = 'restrict_violation';
  END IF;
  IF NEW.id <> head.last_id + 1 OR NEW.prev_hash <> head.last_hash THEN
    RAISE EXCEPTION 'audit entry % does not extend the chain (head is % %)', NEW.id, head.last_id, head.last_hash
      USING ERRCODE = 'restrict_violation';
  END IF;
  UPDATE audit_head SET last_id = NEW.id, last_hash = NEW.hash WHERE id = 1;
  RETURN NEW;
END;
$$;
CREATE TRIGGER audit_log_extend_chain BEFORE INSERT ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_extend_chain();
