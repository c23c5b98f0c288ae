-- Records in: idempotency keys for the integration API (POST /api/v1/...).
--
-- A caller's first request with a key claims its row (the primary key decides between two
-- requests racing with one key, on any number of server processes), runs, and stores its answer;
-- a repeat gets that answer back. Rows live for 24 hours.

CREATE TABLE idempotency_keys (
  caller          text NOT NULL,          -- 'api:<key id>' or 'staff:<staff user id>'
  route           text NOT NULL,          -- 'POST /api/v1/contacts': the route pattern, not the URL
  key             text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
  fingerprint     text NOT NULL,          -- sha256 of the URL and the canonical JSON body
  response_status smallint CHECK (response_status BETWEEN 200 AND 499),
  response_type   text,
  response_body   text,
  created_at      timestamptz NOT NULL,
  expires_at      timestamptz NOT NULL,
  completed_at    timestamptz,
  PRIMARY KEY (caller, route, key),
  -- In progress (no answer yet) or done (an answer, stored with when it was given).
  CHECK ((response_status IS NULL) = (completed_at IS NULL)),
  CHECK (expires_at > created_at)
);
CREATE INDEX idempotency_keys_expiry_idx ON idempotency_keys (expires_at);
