import { describe, expect, it } from 'vitest';
import { adminAction, auditedKind, clientSelfAction, withOverride } from './audit-actions.js';

describe('which requests are audited', () => {
  it.each([
    ['GET', '/api/admin/contacts/:id', 'staff-admin'],
    ['PATCH', '/api/admin/contacts/:id', 'staff-admin'],
    ['GET', '/api/admin/audit', 'staff-admin'],
    ['POST', '/api/me/export', 'client-self'],
    ['GET', '/api/me/export', 'client-self'],
    ['POST', '/api/me/erasure', 'client-self'],
    ['POST', '/api/me/erasure/confirm', 'client-self'],
    ['POST', '/api/me/erasure-request', 'client-self'],
    ['POST', '/api/auth/login', 'login'],
    ['GET', '/api/auth/me', null],
    ['POST', '/api/bookings', null],
    ['GET', '/api/me/bookings', null],
    ['GET', '/api/administrator', null],
  ])('%s %s → %s', (method, route, kind) => {
    expect(auditedKind(method, route)).toBe(kind);
  });
});

describe('action names for staff requests', () => {
  it.each([
    ['GET', '/api/admin/contacts', 'contacts.list', 'contact'],
    ['GET', '/api/admin/contacts/:id', 'contact.read', 'contact'],
    ['PATCH', '/api/admin/contacts/:id', 'contact.update', 'contact'],
    ['PUT', '/api/admin/contacts/:id', 'contact.update', 'contact'],
    ['DELETE', '/api/admin/contacts/:id', 'contact.delete', 'contact'],
    ['POST', '/api/admin/contacts', 'contact.create', 'contact'],
    ['GET', '/api/admin/contacts/:id/timeline', 'contact.timeline.read', 'contact'],
    ['GET', '/api/admin/contacts/:id/export', 'contact.export', 'contact'],
    ['POST', '/api/admin/contacts/:id/erasure', 'contact.erase', 'contact'],
    ['POST', '/api/admin/contacts/import', 'contacts.import', 'contact'],
    ['GET', '/api/admin/bookings', 'bookings.list', 'booking'],
    ['GET', '/api/admin/bookings/:id', 'booking.read', 'booking'],
    ['POST', '/api/admin/bookings', 'booking.create', 'booking'],
    ['POST', '/api/admin/bookings/:id/approve', 'booking.approve', 'booking'],
    ['POST', '/api/admin/bookings/:id/no-show', 'booking.no_show', 'booking'],
    ['POST', '/api/admin/bookings/:id/reschedule', 'booking.reschedule', 'booking'],
    ['GET', '/api/admin/specialists/:id/schedule', 'specialist.schedule.read', 'specialist'],
    ['PUT', '/api/admin/specialists/:id/schedule', 'specialist.schedule.update', 'specialist'],
    ['GET', '/api/admin/email-templates', 'email_templates.list', 'email_template'],
    ['PUT', '/api/admin/email-templates/:key/:locale', 'email_template.update', 'email_template'],
    ['POST', '/api/admin/email-templates/:key/:locale/preview', 'email_template.preview', 'email_template'],
    ['GET', '/api/admin/outbox', 'outbox.list', 'outbox_message'],
    ['POST', '/api/admin/outbox/:id/retry', 'outbox_message.retry', 'outbox_message'],
    ['GET', '/api/admin/clinic', 'clinic.read', 'clinic'],
    ['PATCH', '/api/admin/clinic', 'clinic.update', 'clinic'],
    ['GET', '/api/admin/audit', 'audit.list', 'audit_entry'],
    ['DELETE', '/api/admin/contacts/:id/tags/:tag', 'contact.tags.delete', 'contact'],
  ])('%s %s → %s', (method, route, action, recordType) => {
    expect(adminAction(method, route)).toEqual({ action, recordType });
  });

  it('always yields names the audit table accepts', () => {
    for (const route of ['/api/admin/v2/Things/:id', '/api/admin/x-9/:id/do-it', '/api/admin/']) {
      for (const method of ['GET', 'POST', 'PATCH', 'DELETE']) {
        const { action, recordType } = adminAction(method, route);
        expect(action).toMatch(/^[a-z_]+(\.[a-z_]+)+$/);
        expect(recordType).toMatch(/^[a-z_]+$/);
      }
    }
  });

  it('lets a route name its own action and record type', () => {
    expect(withOverride(adminAction('GET', '/api/admin/audit/verify'), { action: 'audit.verify', recordType: 'audit_log' })).toEqual({
      action: 'audit.verify',
      recordType: 'audit_log',
    });
    expect(withOverride({ action: 'contact.read', recordType: 'contact' }, { action: 'contact.export' })).toEqual({ action: 'contact.export', recordType: 'contact' });
    expect(withOverride({ action: 'contact.read', recordType: 'contact' }, undefined)).toEqual({ action: 'contact.read', recordType: 'contact' });
  });
});

describe('action names for a client acting on their own record', () => {
  it('names export and erasure', () => {
    expect(clientSelfAction('POST', '/api/me/export')).toEqual({ action: 'contact.export', recordType: 'contact' });
    expect(clientSelfAction('GET', '/api/me/export')).toEqual({ action: 'contact.export', recordType: 'contact' });
    expect(clientSelfAction('POST', '/api/me/erasure')).toEqual({ action: 'contact.erase', recordType: 'contact' });
    expect(clientSelfAction('DELETE', '/api/me/erasure')).toEqual({ action: 'contact.erase', recordType: 'contact' });
    expect(clientSelfAction('POST', '/api/me/erasure-request')).toEqual({ action: 'contact.erasure_request', recordType: 'contact' });
    expect(clientSelfAction('GET', '/api/me/erasure-request')).toEqual({ action: 'contact.erasure_request.read', recordType: 'contact' });
    expect(clientSelfAction('POST', '/api/me/erasure/confirm')).toEqual({ action: 'contact.erasure_confirm', recordType: 'contact' });
    expect(clientSelfAction('GET', '/api/me/erasure')).toEqual({ action: 'contact.erasure.read', recordType: 'contact' });
  });
});
