import { CompiledQuery } from 'kysely';

/**
 * One statement that also runs `alongside` (INSERTs that return nothing anyone reads) as
 * data-modifying CTEs in front of it: `WITH alongside1 AS (…), … <statement>`. PostgreSQL runs such
 * a CTE once and to completion whether or not the rest reads it, so the rows go in exactly as if
 * each had been its own statement, for one round trip instead of several. The alongside
 * statements' parameters are renumbered after the statement's own. A statement that already
 * begins with WITH keeps its CTEs after ours.
 */
export function withAlongside(statement: { sql: string; parameters: readonly unknown[] }, alongside: readonly CompiledQuery[]): CompiledQuery {
  if (alongside.length === 0) return CompiledQuery.raw(statement.sql, [...statement.parameters]);
  const parameters = [...statement.parameters];
  const ctes = alongside.map((other, index) => {
    const offset = parameters.length;
    parameters.push(...other.parameters);
    return `alongside${index + 1} AS (${other.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`)})`;
  });
  const body = statement.sql.trimStart();
  const ownCtes = /^WITH\s+/i.exec(body);
  return CompiledQuery.raw(ownCtes ? `WITH ${ctes.join(', ')}, ${body.slice(ownCtes[0].length)}` : `WITH ${ctes.join(', ')} ${body}`, parameters);
}
