-- Accounts: failed staff logins (limited per account, shared by every server process),
-- and clients' requests to erase their personal data.

CREATE TABLE login_failures (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email      text NOT NULL,            -- lower-case, as attempted
  ip         text,
  failed_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_email_idx ON login_failures (email, failed_at DESC);

CREATE TABLE erasure_requests (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  contact_id    uuid NOT NULL REFERENCES contacts (id),
  requested_at  timestamptz NOT NULL DEFAULT now(),
  reason        text NOT NULL DEFAULT '' CHECK (length(reason) <= 2000),
  status        text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'completed', 'rejected')),
  handled_by    uuid REFERENCES staff_users (id) ON DELETE SET NULL,
  handled_at    timestamptz,
  note          text NOT NULL DEFAULT '' CHECK (length(note) <= 2000)
);
-- One open request per contact.
CREATE UNIQUE INDEX erasure_requests_open_key ON erasure_requests (contact_id) WHERE status = 'pending';

ALTER TABLE contacts ADD COLUMN erased_at timestamptz;
