import { Type, type Static, type TObject } from '@sinclair/typebox';
import type { App, AppDeps } from '../app-deps.js';
import { requireStaff } from '../http/auth.js';
import { errors } from '../http/common-schemas.js';
import { inBatches, registerCsvExport } from '../http/csv-download.js';
import { decodeCursor, encodeCursor } from '../http/cursor.js';
import { invalidInput } from '../http/errors.js';
import { formatInstant, listBound as bound } from '../http/instant.js';
import type { ChainedAuditEntry } from './audit-chain.js';
import { AUDIT_COLUMNS } from './audit-csv.js';
import { listAudit, verifyAuditChain } from './audit-log.js';
import { searchAudit, type AuditFilter } from './audit-repository.js';
import { AuditListQuery, AuditPage, AuditVerifyBody } from './audit-schemas.js';

function beforeIdOf(cursor: string | undefined): string | null {
  const decoded = decodeCursor(cursor);
  if (decoded === null) return null;
  if (!/^\d{1,19}$/.test(decoded.id)) throw invalidInput({ cursor: 'is not a cursor this server gave out' });
  return decoded.id;
}

const AuditFilters = Type.Omit(AuditListQuery, ['cursor', 'limit']).properties;

/** The list's filters as the repository takes them; a bad date names its field. */
function auditFilterOf(query: Static<TObject<typeof AuditFilters>>, timezone: string): AuditFilter {
  const from = bound(query.from, 'from', timezone);
  const to = bound(query.to, 'to', timezone);
  return {
    ...(query.actorId ? { actorId: query.actorId } : {}),
    ...(query.action ? { action: query.action } : {}),
    ...(query.recordType ? { recordType: query.recordType } : {}),
    ...(query.recordId ? { recordId: query.recordId } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
}

function toEntryBody(entry: ChainedAuditEntry, timezone: string) {
  return {
    id: entry.id,
    at: formatInstant(entry.at, timezone),
    actor: { type: entry.actorType, id: entry.actorId, label: entry.actorLabel },
    action: entry.action,
    recordType: entry.recordType,
    recordId: entry.recordId,
    ip: entry.ip,
    details: entry.details,
  };
}

export function registerAuditRoutes(app: App, deps: AppDeps): void {
  const tz = deps.config.clinicTimezone;
  const adminOnly = { onRequest: requireStaff('admin') };

  app.get(
    '/api/admin/audit',
    {
      ...adminOnly,
      schema: {
        tags: ['admin'],
        summary: 'The audit log, newest first: who read or changed which record, when, from where (admins only)',
        querystring: AuditListQuery,
        response: { 200: AuditPage, ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const query = request.query;
      const page = await listAudit(deps.db, auditFilterOf(query, tz), { beforeId: beforeIdOf(query.cursor), limit: query.limit ?? 50 });
      return {
        items: page.items.map((entry) => toEntryBody(entry, tz)),
        nextCursor: page.nextBeforeId === null ? null : encodeCursor({ key: page.nextBeforeId, id: page.nextBeforeId }),
      };
    },
  );

  registerCsvExport(app, deps, {
    url: '/api/admin/audit/export.csv',
    ...adminOnly,
    audit: { action: 'audit.export', recordType: 'audit_log' },
    tags: ['admin'],
    summary: 'The audit log as CSV, newest first, with each entry’s chain hashes; filtered as the list is (admins only)',
    filters: AuditFilters,
    fileName: 'audit-log',
    columns: AUDIT_COLUMNS,
    rows: async ({ query }) => {
      const filter = auditFilterOf(query, tz);
      return inBatches<ChainedAuditEntry>((after, limit) => searchAudit(deps.db, filter, { beforeId: after?.id ?? null, limit }), (entry) => ({ key: entry.id, id: entry.id }));
    },
  });

  app.get(
    '/api/admin/audit/verify',
    {
      ...adminOnly,
      config: { audit: { action: 'audit.verify', recordType: 'audit_log' } },
      schema: {
        tags: ['admin'],
        summary: 'Check the audit log’s hash chain from the first entry to the last (admins only)',
        response: { 200: AuditVerifyBody, ...errors(401, 403) },
      },
    },
    async () => {
      const verdict = await verifyAuditChain(deps.db);
      return verdict.ok
        ? { ok: true, count: verdict.count, lastHash: verdict.lastHash }
        : { ok: false, count: verdict.count, brokenAt: verdict.brokenAt, reason: verdict.reason };
    },
  );
}
