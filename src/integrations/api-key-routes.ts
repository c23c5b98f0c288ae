import { Type } from '@sinclair/typebox';
import type { App, AppDeps } from '../app-deps.js';
import { requireStaff, staffOf } from '../http/auth.js';
import { errors, IdParams, Instant, Uuid } from '../http/common-schemas.js';
import { notFound, unauthorized } from '../http/errors.js';
import { formatInstant } from '../http/instant.js';
import { staffNamesById } from '../accounts/staff-repository.js';
import { registerCsvExport } from '../http/csv-download.js';
import { API_KEY_COLUMNS } from './integration-csv.js';
import { API_KEY_SCOPES, createApiKey, listApiKeys, revokeApiKey, type ApiKey } from './api-keys.js';

const Scope = Type.Union([Type.Literal('read'), Type.Literal('write')], { description: 'read: GET routes; write: everything else' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const ApiKeyBody = Type.Object({
  id: Uuid,
  name: Type.String(),
  scopes: Type.Array(Scope),
  prefix: Type.String({ description: 'The key’s first characters, to recognise it; not usable as a key' }),
  createdBy: Nullable(Uuid),
  createdAt: Instant,
  lastUsedAt: Nullable(Instant),
  revokedAt: Nullable(Instant),
});
const CreatedKey = Type.Composite([ApiKeyBody, Type.Object({ key: Type.String({ description: 'The key itself, shown this once: send it as "Authorization: Bearer <key>"' }) })]);

const Me = Type.Object({
  type: Type.Union([Type.Literal('api_key'), Type.Literal('staff')]),
  id: Uuid,
  name: Type.String({ description: 'The key’s name, or the staff member’s' }),
  scopes: Type.Array(Scope),
  clinic: Type.Object({ name: Type.String(), timezone: Type.String() }),
});

export function registerApiKeyRoutes(app: App, deps: AppDeps): void {
  const tz = deps.config.clinicTimezone;
  const adminOnly = { onRequest: requireStaff('admin') };
  const at = (instant: Date | null) => (instant ? formatInstant(instant, tz) : null);
  const view = (apiKey: ApiKey) => ({ ...apiKey, createdAt: formatInstant(apiKey.createdAt, tz), lastUsedAt: at(apiKey.lastUsedAt), revokedAt: at(apiKey.revokedAt) });

  app.get(
    '/api/admin/api-keys',
    { ...adminOnly, schema: { tags: ['integrations'], summary: 'API keys, live ones first, with when each was last used', response: { 200: Type.Object({ items: Type.Array(ApiKeyBody) }), ...errors(401, 403) } } },
    async () => ({ items: (await listApiKeys(deps.db)).map(view) }),
  );

  registerCsvExport(app, deps, {
    url: '/api/admin/api-keys/export.csv',
    ...adminOnly,
    audit: { action: 'api_keys.export', recordType: 'api_key' },
    tags: ['integrations'],
    summary: 'API keys as CSV, live ones first: name, prefix, scopes, who made it, when last used (never a key itself)',
    fileName: 'api-keys',
    columns: API_KEY_COLUMNS,
    rows: async () => {
      const [keys, names] = await Promise.all([listApiKeys(deps.db), staffNamesById(deps.db)]);
      return keys.map((apiKey) => ({ ...apiKey, createdByName: apiKey.createdBy ? (names.get(apiKey.createdBy) ?? null) : null }));
    },
  });

  app.post(
    '/api/admin/api-keys',
    {
      ...adminOnly,
      schema: {
        tags: ['integrations'],
        summary: 'Make an API key; the answer holds the key, which is never shown again',
        body: Type.Object(
          { name: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' }), scopes: Type.Array(Scope, { minItems: 1, uniqueItems: true }) },
          { additionalProperties: false },
        ),
        response: { 201: CreatedKey, ...errors(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const { apiKey, key } = await createApiKey(deps.db, { ...request.body, createdBy: staffOf(request).user.id, now: deps.now() });
      return reply.status(201).send({ ...view(apiKey), key });
    },
  );

  app.delete(
    '/api/admin/api-keys/:id',
    { ...adminOnly, schema: { tags: ['integrations'], summary: 'Revoke an API key: it stops working at once', params: IdParams, response: { 204: Type.Null(), ...errors(401, 403, 404) } } },
    async (request, reply) => {
      if (!(await revokeApiKey(deps.db, request.params.id, deps.now()))) throw notFound('The API key', 'id');
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/me',
    {
      onRequest: requireStaff(),
      schema: {
        tags: ['integrations'],
        summary: 'Who this API key is: the connection test an integration platform calls',
        security: [{ apiKey: [] }],
        response: { 200: Me, ...errors(401, 403) },
      },
    },
    async (request) => {
      const session = request.session;
      const clinic = await deps.db.selectFrom('clinic').select('name').executeTakeFirst();
      const clinicView = { name: clinic?.name ?? '', timezone: tz };
      if (session?.kind === 'api') {
        const { apiKey } = session;
        return { type: 'api_key' as const, id: apiKey.id, name: apiKey.name, scopes: apiKey.scopes, clinic: clinicView };
      }
      if (session?.kind !== 'staff') throw unauthorized();
      return { type: 'staff' as const, id: session.user.id, name: session.user.name, scopes: [...API_KEY_SCOPES], clinic: clinicView };
    },
  );
}
