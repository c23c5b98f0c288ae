-- Messaging: one thread per client between the client and the clinic's managers.
-- `messages` holds what was written (bodies are never edited); `message_threads` is the
-- current state of each thread, kept in the same transaction as every new message, so the
-- inbox ("unanswered first, then newest") is one index scan however many messages there are.

CREATE TABLE messages (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  contact_id      uuid NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
  author_type     text NOT NULL CHECK (author_type IN ('client', 'staff')),
  -- The staff member who wrote it; null for the client, and for a staff member since removed.
  author_staff_id uuid REFERENCES staff_users (id) ON DELETE SET NULL,
  body            text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
  created_at      timestamptz NOT NULL DEFAULT now(),
  read_by_staff_at  timestamptz,
  read_by_client_at timestamptz,
  CHECK (author_type = 'staff' OR author_staff_id IS NULL)
);
-- The thread in order, and keyset paging through it.
CREATE INDEX messages_thread_idx ON messages (contact_id, created_at, id);
-- What the clinic has not read yet: the inbox counts these per thread.
CREATE INDEX messages_unread_by_staff_idx ON messages (contact_id)
  WHERE author_type = 'client' AND read_by_staff_at IS NULL;

CREATE TABLE message_threads (
  contact_id       uuid PRIMARY KEY REFERENCES contacts (id) ON DELETE CASCADE,
  last_message_id  uuid NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
  last_message_at  timestamptz NOT NULL,
  last_author_type text NOT NULL CHECK (last_author_type IN ('client', 'staff')),
  -- The client wrote last: the clinic owes an answer.
  unanswered       boolean GENERATED ALWAYS AS (last_author_type = 'client') STORED,
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX message_threads_inbox_idx ON message_threads (unanswered DESC, last_message_at DESC, contact_id DESC);
