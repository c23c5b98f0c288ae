import { CompiledQuery } from 'kysely';
import { describe, expect, it } from 'vitest';
import { withAlongside } from './alongside.js';

describe('inserts riding in another statement', () => {
  const timeline = CompiledQuery.raw('insert into timeline_events (kind, contact_id) values ($1, $2)', ['booking.created', 'c1']);
  const token = CompiledQuery.raw('insert into action_tokens (token_hash) values ($1)', ['h']);

  it('puts them in front as CTEs, their parameters numbered after the statement’s own', () => {
    const job = withAlongside({ sql: 'INSERT INTO job (name, data) VALUES ($1, $2) RETURNING id', parameters: ['send-email', '{}'] }, [timeline, token]);
    expect(job.sql).toBe(
      'WITH alongside1 AS (insert into timeline_events (kind, contact_id) values ($3, $4)), alongside2 AS (insert into action_tokens (token_hash) values ($5)) INSERT INTO job (name, data) VALUES ($1, $2) RETURNING id',
    );
    expect(job.parameters).toEqual(['send-email', '{}', 'booking.created', 'c1', 'h']);
  });

  it('keeps a statement’s own CTEs after them, and leaves a statement alone when nothing rides along', () => {
    const events = withAlongside({ sql: '\n    WITH event AS (INSERT INTO webhook_events (id) VALUES ($1) RETURNING id) SELECT id FROM event', parameters: ['evt_1'] }, [timeline]);
    expect(events.sql).toBe(
      'WITH alongside1 AS (insert into timeline_events (kind, contact_id) values ($2, $3)), event AS (INSERT INTO webhook_events (id) VALUES ($1) RETURNING id) SELECT id FROM event',
    );
    expect(events.parameters).toEqual(['evt_1', 'booking.created', 'c1']);
    expect(withAlongside({ sql: 'select $1', parameters: [1] }, [])).toMatchObject({ sql: 'select $1', parameters: [1] });
  });
});
