import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import type { AppDeps } from '../app-deps.js';
import type { Db } from '../db/engine.js';
import { registerErrorHandler } from '../http/error-handler.js';
import { registerAuditHooks } from './audit-hooks.js';
import { storableDetails, storableText } from './audit-log.js';

describe('what the audit log stores', () => {
  it('redacts secrets wherever they appear in the details', () => {
    expect(
      storableDetails({ query: { q: 'koval', token: 'abc', Password: 'x', nested: { apiKey: 'k', sessionCookie: 'c' } }, authorization: 'Bearer x' }),
    ).toEqual({ query: { q: 'koval', token: '[redacted]', Password: '[redacted]', nested: { apiKey: '[redacted]', sessionCookie: '[redacted]' } }, authorization: '[redacted]' });
  });

  it('keeps only what round-trips through jsonb unchanged', () => {
    const stored = storableDetails({ a: undefined, b: Number.NaN, c: 10n, d: new Date('2026-12-07T08:00:00Z'), e: 'x\u0000y', f: [undefined, 1], g: () => 1 });
    expect(stored).toEqual({ b: 'NaN', c: '10', d: '2026-12-07T08:00:00.000Z', e: 'xy', f: [null, 1] });
  });

  it('cuts long text without splitting a character, and mends broken surrogates', () => {
    expect(storableText('é'.repeat(600))).toHaveLength(500);
    expect(storableText('🙂'.repeat(600))).toBe('🙂'.repeat(500));
    expect(storableText('a\uD800b')).toBe('a\uFFFDb');
  });
});

describe('when the audit entry cannot be written', () => {
  it('withholds a read (503), lets a change answer, logs both loudly, and keeps answering', async () => {
    const lines: string[] = [];
    const app = Fastify({ logger: { level: 'info', stream: { write: (line: string) => void lines.push(line) } } }).withTypeProvider<TypeBoxTypeProvider>();
    registerErrorHandler(app);
    app.decorateRequest('session', null);
    app.addHook('onRequest', async (request) => {
      request.session = { kind: 'staff', sessionId: 's', user: { id: '5b0c5c2e-6a53-4b8a-9d0e-6a8e0f1f2a3b', email: 'manager@clinic.test', name: '', role: 'manager', active: true } };
    });
    const brokenDb = {
      isTransaction: false,
      transaction: () => ({
        execute: async () => {
          throw new Error('disk full');
        },
      }),
    } as unknown as Db;
    registerAuditHooks(app, { db: brokenDb, now: () => new Date('2026-12-07T08:00:00Z') } as unknown as AppDeps);
    app.get('/api/admin/contacts/:id', async () => ({ name: 'Olena' }));
    app.patch('/api/admin/contacts/:id', async () => ({ name: 'Olena', phone: '+380 50 765 4321' }));

    const url = '/api/admin/contacts/0f8e1c7a-2b7d-4a9e-8f4a-1c2d3e4f5a6b';
    for (let i = 0; i < 2; i += 1) {
      const read = await app.inject({ url });
      expect(read.statusCode).toBe(503);
      expect(read.json()).toMatchObject({ error: { code: 'audit_unavailable' } });
      expect(read.body).not.toContain('Olena');
    }
    const change = await app.inject({ method: 'PATCH', url, payload: { phone: '+380 50 765 4321' } });
    expect(change.statusCode).toBe(200);
    await app.close();
    const errors = lines.map((line) => JSON.parse(line) as { level: number; msg: string; err?: { message: string }; audit?: { route: string; method: string } }).filter((entry) => entry.level >= 50 && entry.msg.includes('AUDIT ENTRY NOT WRITTEN'));
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatchObject({ err: { message: 'disk full' }, audit: { route: '/api/admin/contacts/:id', method: 'GET' } });
    expect(errors[2]).toMatchObject({ err: { message: 'disk full' }, audit: { route: '/api/admin/contacts/:id', method: 'PATCH' } });
  });
});
