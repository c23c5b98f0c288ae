import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test/test-app.js';

interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, { requestBody?: unknown; responses?: Record<string, unknown> }>>;
}

// The endpoints the issues spell out are a public contract: web pages, integrations and outside
// checks rely on them. A change that drops or reshapes one shows up here in review.
const CONTRACT: Array<[string, string]> = [
  ['get', '/api/health'],
  ['get', '/api/clinic'],
  ['get', '/api/reviews'],
  ['get', '/api/specialists'],
  ['get', '/api/specialists/{id}'],
  ['get', '/api/specialists/{id}/slots'],
  ['post', '/api/bookings'],
  ['post', '/api/auth/login'],
  ['post', '/api/auth/logout'],
  ['post', '/api/admin/specialists'],
  ['patch', '/api/admin/specialists/{id}'],
  ['put', '/api/admin/specialists/{id}/schedule'],
  ['get', '/api/admin/bookings'],
  ['get', '/api/admin/bookings/{id}'],
  ['post', '/api/admin/bookings'],
  ['post', '/api/admin/bookings/{id}/approve'],
  ['post', '/api/admin/bookings/{id}/complete'],
  ['post', '/api/admin/bookings/{id}/no-show'],
  ['post', '/api/admin/bookings/{id}/cancel'],
  ['post', '/api/admin/bookings/{id}/reschedule'],
  ['get', '/api/admin/contacts'],
  ['get', '/api/admin/contacts/{id}'],
  ['patch', '/api/admin/contacts/{id}'],
  ['get', '/api/admin/contacts/{id}/timeline'],
  ['patch', '/api/admin/clinic'],
  ['get', '/api/v1/contacts'],
  ['post', '/api/v1/contacts'],
  ['post', '/api/v1/contacts/{id}/tags'],
  ['delete', '/api/v1/contacts/{id}/tags/{tag}'],
  ['post', '/api/v1/bookings'],
  ['post', '/api/admin/contacts/import/preview'],
  ['post', '/api/admin/contacts/import'],
  ['get', '/api/admin/contacts/export.csv'],
  ['get', '/api/admin/bookings/export.csv'],
  // Events out (issue 7): REST hooks, polling and samples, as integration platforms call them.
  ['get', '/api/v1/event-types'],
  ['post', '/api/v1/hooks'],
  ['delete', '/api/v1/hooks/{id}'],
  ['get', '/api/v1/events/{type}'],
  ['get', '/api/v1/events/{type}/sample'],
];

describe('the OpenAPI document', () => {
  let t: TestApp;
  let doc: OpenApiDocument;

  beforeAll(async () => {
    t = await startTestApp();
    const response = await t.app.inject({ url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    doc = response.json();
  });
  afterAll(() => t.close());

  it('is OpenAPI 3 and documents every endpoint of the contract', () => {
    expect(doc.openapi).toMatch(/^3\./);
    const missing = CONTRACT.filter(([method, path]) => !doc.paths[path]?.[method]).map(([m, p]) => `${m.toUpperCase()} ${p}`);
    expect(missing).toEqual([]);
  });

  it('keeps the shape of booking and slots that integrators rely on', () => {
    expect(doc.paths['/api/bookings']!.post).toMatchSnapshot();
    expect(doc.paths['/api/specialists/{id}/slots']!.get!.responses!['200']).toMatchSnapshot();
  });

  it('keeps the shape of records sent in through the API, and says where the Idempotency-Key goes', () => {
    const upsert = doc.paths['/api/v1/contacts']!.post!;
    expect(upsert).toMatchSnapshot();
    expect(JSON.stringify(upsert)).toContain('idempotency-key');
    expect(Object.keys(doc.paths['/api/admin/contacts/import']!.post!.requestBody as object)).toContain('content');
    expect(doc.paths['/api/admin/contacts/import']!.post!.requestBody).toMatchObject({ content: { 'text/csv': {} } });
  });

  it('serves browsable docs', async () => {
    const page = await t.app.inject({ url: '/api/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
  });
});
