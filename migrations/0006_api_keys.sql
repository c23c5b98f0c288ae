-- API keys: how another program (an integration platform, the clinic's own scripts) acts on the
-- staff API. The key is shown once; only its hash is kept, with a short prefix to recognise it by.

CREATE TABLE api_keys (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name          text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
  scopes        text[] NOT NULL CHECK (cardinality(scopes) > 0 AND scopes <@ ARRAY['read', 'write']::text[]),
  key_hash      text NOT NULL UNIQUE,
  key_prefix    text NOT NULL,                       -- the first characters, to tell keys apart in a list
  created_by    uuid REFERENCES staff_users (id) ON DELETE SET NULL,   -- null: made with the command line
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_used_at  timestamptz,
  revoked_at    timestamptz
);
CREATE INDEX api_keys_created_idx ON api_keys (created_at DESC);
