-- Webhooks: events out to the clinic's other tools. Every domain event of a catalogued type is
-- kept as a public, versioned payload (the polling lists read it); each active subscription to
-- that type gets a delivery, which the worker signs and POSTs, retrying with backoff, and every
-- attempt is logged. Written in the transaction that caused the event, like the e-mail outbox.

CREATE TABLE webhook_subscriptions (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  event_type            text NOT NULL CHECK (event_type ~ '^[a-z_]+(\.[a-z_]+)+$'),
  target_url            text NOT NULL CHECK (length(target_url) BETWEEN 10 AND 2000 AND target_url ~ '^https?://'),
  -- Kept as given (whsec_<base64>): the worker needs it to sign. Shown once, when made; never listed.
  secret                text NOT NULL CHECK (secret ~ '^whsec_[A-Za-z0-9+/]{32,44}={0,2}$'),
  -- console: an administrator made it; rest_hook: POST /api/v1/hooks (an integration platform).
  origin                text NOT NULL CHECK (origin IN ('console', 'rest_hook')),
  created_by_staff_id   uuid REFERENCES staff_users (id) ON DELETE SET NULL,
  created_by_api_key_id uuid REFERENCES api_keys (id) ON DELETE SET NULL,
  created_at            timestamptz NOT NULL DEFAULT now(),
  removed_at            timestamptz,
  -- removed_by_staff: in the console; unsubscribed: DELETE /api/v1/hooks/{id}; gone: the target answered 410.
  removed_reason        text CHECK (removed_reason IN ('removed_by_staff', 'unsubscribed', 'gone')),
  CHECK (num_nonnulls(created_by_staff_id, created_by_api_key_id) <= 1),
  CHECK ((removed_at IS NULL) = (removed_reason IS NULL))
);
-- The reaction's one lookup: who listens to this type now.
CREATE INDEX webhook_subscriptions_active_idx ON webhook_subscriptions (event_type) WHERE removed_at IS NULL;
CREATE INDEX webhook_subscriptions_created_idx ON webhook_subscriptions (created_at DESC, id DESC);

-- One row per domain event of a catalogued type, whether anyone subscribes or not (polling).
-- The payload is what receivers get, byte for byte; an erasure rewrites it (and only then).
CREATE TABLE webhook_events (
  id          text PRIMARY KEY CHECK (id ~ '^evt_[0-9a-f]{32}$'),
  -- Insertion order: newest first in the polling list, and its cursor.
  seq         bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  type        text NOT NULL CHECK (type ~ '^[a-z_]+(\.[a-z_]+)+$'),
  version     smallint NOT NULL CHECK (version >= 1),
  payload     jsonb NOT NULL CHECK (jsonb_typeof(payload) = 'object'),
  -- Whose event it is, so an erasure finds every payload that names them.
  contact_id  uuid REFERENCES contacts (id),
  occurred_at timestamptz NOT NULL
);
CREATE INDEX webhook_events_type_idx ON webhook_events (type, seq DESC);
CREATE INDEX webhook_events_contact_idx ON webhook_events (contact_id) WHERE contact_id IS NOT NULL;

-- One event to one subscription. `queued` until a 2xx (delivered), the last retry failing
-- (failed), or the subscription being removed before it got through (gone).
CREATE TABLE webhook_deliveries (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  event_id         text NOT NULL REFERENCES webhook_events (id) ON DELETE CASCADE,
  subscription_id  uuid NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
  state            text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'delivered', 'failed', 'gone')),
  -- The queue job that may send it now: a resend hands the delivery to a new job, and an older
  -- job that wakes up later finds it is no longer its own and sends nothing.
  job_id           uuid,
  attempts         integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  created_at       timestamptz NOT NULL DEFAULT now(),
  last_attempt_at  timestamptz,
  delivered_at     timestamptz,
  UNIQUE (event_id, subscription_id),
  CHECK (state <> 'delivered' OR delivered_at IS NOT NULL)
);
CREATE INDEX webhook_deliveries_subscription_idx ON webhook_deliveries (subscription_id, created_at DESC, id DESC);
CREATE INDEX webhook_deliveries_queued_idx ON webhook_deliveries (subscription_id) WHERE state = 'queued';

-- Every attempt, append-only: when, how long, what the target answered (status and the first
-- characters of its body) or why there was no answer. Never the request: it holds personal data.
CREATE TABLE webhook_delivery_attempts (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  delivery_id      uuid NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
  attempted_at     timestamptz NOT NULL,
  duration_ms      integer NOT NULL CHECK (duration_ms >= 0),
  status_code      smallint CHECK (status_code BETWEEN 100 AND 599),
  error            text CHECK (length(error) <= 1000),
  response_snippet text CHECK (length(response_snippet) <= 300),
  outcome          text NOT NULL CHECK (outcome IN ('delivered', 'failed', 'gone')),
  CHECK (status_code IS NOT NULL OR error IS NOT NULL)
);
CREATE INDEX webhook_delivery_attempts_delivery_idx ON webhook_delivery_attempts (delivery_id, id);

CREATE FUNCTION webhook_delivery_attempts_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'webhook_delivery_attempts is append-only' USING ERRCODE = 'restrict_violation';
END;
$$;
CREATE TRIGGER webhook_delivery_attempts_append_only BEFORE UPDATE ON webhook_delivery_attempts
  FOR EACH ROW EXECUTE FUNCTION webhook_delivery_attempts_append_only();
