-- Indexes for the console's appointments list at 100,000 appointments and more
-- (bench/appointments-list.bench.ts has the figures and bench/README.md the plans).

-- A status filter walks appointments in date order and skips the others. Statuses follow time
-- (the history is completed, the weeks ahead booked), so "booked" read the whole history before
-- it found its first page. With the status first, the walk reads only that status, in order.
CREATE INDEX appointments_status_time_idx ON appointments (status, starts_at, id);

-- Text search ("Kravchenko", an e-mail, a few digits of a phone number) looks for the words
-- anywhere in a contact's name, e-mail or phone digits: LIKE '%…%', which no b-tree serves, so a
-- search that matched a few clients read every appointment in date order and tested each one's
-- contact. Trigram indexes find the matching contacts first, then only their appointments. The
-- expressions are the ones searchAppointments and searchContacts write, character for character.
--
-- fastupdate = off: by default GIN gathers new entries in a pending list that only VACUUM (on a
-- server, autovacuum) merges, and the planner, seeing a long list, reads the table instead. The
-- embedded engine runs no autovacuum, so each contact goes straight into the indexes; contacts
-- are written one at a time, where the slower insert goes unnoticed.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX contacts_name_trgm_idx ON contacts USING gin (lower(name) gin_trgm_ops) WITH (fastupdate = off);
CREATE INDEX contacts_email_trgm_idx ON contacts USING gin (lower(email) gin_trgm_ops) WITH (fastupdate = off);
CREATE INDEX contacts_phone_digits_trgm_idx ON contacts USING gin (regexp_replace(coalesce(phone, ''), '\D', '', 'g') gin_trgm_ops) WITH (fastupdate = off);
