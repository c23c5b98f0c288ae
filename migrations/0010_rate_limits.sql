-- Per-address limits (staff sign-in, magic links, bookings, messages, resends) shared by every
-- process on a PostgreSQL server: kept in memory, each process would grant the full allowance,
-- and N processes N times as many tries. One row per route and address, counting the hits of
-- the current window. The embedded engine (one process) keeps its limits in memory and leaves
-- this table empty.
--
-- UNLOGGED: a count that is lost with a crash only restarts a window, and no hit costs a WAL flush.
CREATE UNLOGGED TABLE rate_limit_windows (
  key         text PRIMARY KEY CHECK (length(key) <= 600),
  hits        integer NOT NULL CHECK (hits > 0),
  ends_at     timestamptz NOT NULL
);

CREATE INDEX rate_limit_windows_ends_idx ON rate_limit_windows (ends_at);
