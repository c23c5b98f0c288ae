-- Booking core: the clinic, its specialists and their hours, contacts, appointments and the
-- append-only timeline. Runs unchanged on PGlite and on a PostgreSQL 15+ server.
-- The clinic's time zone is a deployment setting (CLINIC_TIMEZONE), not a column.

CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE clinic (
  id            smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),   -- one clinic per installation
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  address       text NOT NULL DEFAULT '',
  phone         text NOT NULL DEFAULT '',
  email         text NOT NULL DEFAULT '',
  opening_hours jsonb NOT NULL DEFAULT '{}'::jsonb,
  about         text NOT NULL DEFAULT '',
  default_locale text NOT NULL DEFAULT 'uk' CHECK (default_locale IN ('uk', 'en')),
  updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE awards (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title       text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  issuer      text NOT NULL DEFAULT '',
  year        integer CHECK (year BETWEEN 1900 AND 2200),
  description text NOT NULL DEFAULT '',
  position    integer NOT NULL DEFAULT 0,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE specialists (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name                 text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  specialty            text NOT NULL CHECK (length(specialty) BETWEEN 1 AND 200),
  bio                  text NOT NULL DEFAULT '',
  photo_url            text,
  consultation_minutes integer NOT NULL CHECK (consultation_minutes BETWEEN 5 AND 480),
  buffer_minutes       integer NOT NULL DEFAULT 0 CHECK (buffer_minutes BETWEEN 0 AND 240),
  min_notice_minutes   integer NOT NULL DEFAULT 120 CHECK (min_notice_minutes BETWEEN 0 AND 43200),
  horizon_days         integer NOT NULL DEFAULT 90 CHECK (horizon_days BETWEEN 1 AND 730),
  active               boolean NOT NULL DEFAULT true,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now()
);

-- Weekly working hours: several intervals per weekday, the gaps between them are breaks.
CREATE TABLE specialist_working_hours (
  specialist_id uuid NOT NULL REFERENCES specialists (id) ON DELETE CASCADE,
  weekday       smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),   -- ISO: 1 = Monday
  starts_at     time NOT NULL,
  ends_at       time NOT NULL,
  CHECK (ends_at > starts_at),                                       -- 24:00 is a valid end: midnight
  PRIMARY KEY (specialist_id, weekday, starts_at)
);

-- Date overrides replace the weekly hours on the dates they cover: a day off or a vacation
-- (no intervals), or different hours on one date.
CREATE TABLE specialist_date_overrides (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  specialist_id uuid NOT NULL REFERENCES specialists (id) ON DELETE CASCADE,
  first_day     date NOT NULL,
  last_day      date NOT NULL,
  intervals     jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(intervals) = 'array'),
  CHECK (last_day >= first_day),
  EXCLUDE USING gist (specialist_id WITH =, daterange(first_day, last_day, '[]') WITH &&)
);

CREATE TABLE reviews (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  author_name   text NOT NULL CHECK (length(author_name) BETWEEN 1 AND 200),
  text          text NOT NULL CHECK (length(text) BETWEEN 1 AND 5000),
  rating        smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
  reviewed_on   date NOT NULL,
  published     boolean NOT NULL DEFAULT false,
  specialist_id uuid REFERENCES specialists (id) ON DELETE SET NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX reviews_published_idx ON reviews (reviewed_on DESC) WHERE published;

CREATE TABLE contacts (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email         text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  phone         text CHECK (length(phone) <= 40),
  date_of_birth date,
  notes         text NOT NULL DEFAULT '' CHECK (length(notes) <= 10000),
  locale        text NOT NULL DEFAULT 'uk' CHECK (locale IN ('uk', 'en')),
  lifecycle     text NOT NULL DEFAULT 'lead' CHECK (lifecycle IN ('lead', 'client')),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
-- One contact per e-mail address, whatever its case.
CREATE UNIQUE INDEX contacts_email_key ON contacts (lower(email));
CREATE INDEX contacts_name_idx ON contacts (lower(name) text_pattern_ops);
CREATE INDEX contacts_created_idx ON contacts (created_at DESC, id DESC);

CREATE TABLE contact_tags (
  contact_id uuid NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
  tag        text NOT NULL CHECK (length(tag) BETWEEN 1 AND 60 AND tag = lower(tag)),
  PRIMARY KEY (contact_id, tag)
);

CREATE TABLE appointments (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  specialist_id   uuid NOT NULL REFERENCES specialists (id),
  contact_id      uuid NOT NULL REFERENCES contacts (id),
  starts_at       timestamptz NOT NULL,
  ends_at         timestamptz NOT NULL,
  status          text NOT NULL CHECK (status IN
                    ('unconfirmed', 'confirmed', 'booked', 'completed', 'no_show', 'cancelled', 'expired')),
  source          text NOT NULL CHECK (source IN ('site', 'staff', 'api')),
  notes           text NOT NULL DEFAULT '' CHECK (length(notes) <= 2000),
  locale          text NOT NULL DEFAULT 'uk' CHECK (locale IN ('uk', 'en')),
  hold_expires_at timestamptz,            -- set while an unconfirmed booking holds its slot
  sequence        integer NOT NULL DEFAULT 0,   -- raised on every change of time or status (iCalendar SEQUENCE)
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at),
  CHECK (status <> 'unconfirmed' OR hold_expires_at IS NOT NULL),
  -- No double booking, ever: two active appointments of one specialist never overlap.
  CONSTRAINT appointments_no_overlap EXCLUDE USING gist (
    specialist_id WITH =,
    tstzrange(starts_at, ends_at, '[)') WITH &&
  ) WHERE (status IN ('unconfirmed', 'confirmed', 'booked'))
);
CREATE INDEX appointments_specialist_time_idx ON appointments (specialist_id, starts_at);
CREATE INDEX appointments_contact_idx ON appointments (contact_id, starts_at DESC);
CREATE INDEX appointments_starts_idx ON appointments (starts_at, id);
CREATE INDEX appointments_hold_idx ON appointments (hold_expires_at) WHERE status = 'unconfirmed';

CREATE TABLE staff_users (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email         text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
  name          text NOT NULL DEFAULT '',
  role          text NOT NULL CHECK (role IN ('admin', 'manager')),
  password_hash text NOT NULL,
  active        boolean NOT NULL DEFAULT true,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX staff_users_email_key ON staff_users (lower(email));

-- Sessions are kept by the hash of their token; the token itself only lives in the cookie.
CREATE TABLE sessions (
  id            text PRIMARY KEY,
  staff_user_id uuid REFERENCES staff_users (id) ON DELETE CASCADE,
  contact_id    uuid REFERENCES contacts (id) ON DELETE CASCADE,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_seen_at  timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  ended_at      timestamptz,
  ip            text,
  user_agent    text,
  CHECK ((staff_user_id IS NULL) <> (contact_id IS NULL))
);
CREATE INDEX sessions_staff_idx ON sessions (staff_user_id) WHERE staff_user_id IS NOT NULL;
CREATE INDEX sessions_contact_idx ON sessions (contact_id) WHERE contact_id IS NOT NULL;

-- What happened to a contact, step by step: append-only. Erasure of personal data (a later
-- feature) is the one sanctioned rewrite, and must say so with SET LOCAL clinicflow.erasure = 'on'.
CREATE TABLE timeline_events (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  contact_id     uuid NOT NULL REFERENCES contacts (id),
  appointment_id uuid REFERENCES appointments (id),
  kind           text NOT NULL CHECK (kind ~ '^[a-z_]+(\.[a-z_]+)+$'),
  actor_type     text NOT NULL CHECK (actor_type IN ('client', 'staff', 'system', 'api')),
  actor_id       uuid,
  data           jsonb NOT NULL DEFAULT '{}'::jsonb,
  occurred_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX timeline_contact_idx ON timeline_events (contact_id, id DESC);
CREATE INDEX timeline_appointment_idx ON timeline_events (appointment_id, id) WHERE appointment_id IS NOT NULL;

CREATE FUNCTION timeline_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(current_setting('clinicflow.erasure', true), '') = 'on' THEN
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  RAISE EXCEPTION 'timeline_events is append-only' USING ERRCODE = 'restrict_violation';
END;
$$;
CREATE TRIGGER timeline_events_append_only BEFORE UPDATE OR DELETE ON timeline_events
  FOR EACH ROW EXECUTE FUNCTION timeline_events_append_only();
