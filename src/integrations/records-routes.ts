import type { App, AppDeps } from '../app-deps.js';
import { findContactByEmail, findContactById } from '../contacts/contact-repository.js';
import { toContactBody } from '../contacts/contact-routes.js';
import { ContactBody } from '../contacts/contact-schemas.js';
import { changeTags } from '../contacts/contact-tags.js';
import { upsertContacts } from '../contacts/contact-upsert.js';
import { actorOf, requireStaff } from '../http/auth.js';
import { errors, IdParams, ListOf } from '../http/common-schemas.js';
import { notFound } from '../http/errors.js';
import { staffBookingFrom, toBookingBody } from '../scheduling/booking-routes.js';
import { BookingBody, StaffBookingBody } from '../scheduling/booking-schemas.js';
import { bookAsStaff } from '../scheduling/booking-service.js';
import { idempotencyHeaderDoc } from './idempotency.js';
import { ContactLookupQuery, ContactUpsertBody, TagParams, TagsBody } from './records-schemas.js';

/**
 * Records in through the integration API: contacts upserted by e-mail, tags, staff bookings.
 * Every POST here takes an Idempotency-Key (see idempotency.ts). An API key acts as a manager.
 */
export function registerRecordsRoutes(app: App, deps: AppDeps): void {
  const tz = deps.config.clinicTimezone;
  const staffOrKey = { onRequest: requireStaff('admin', 'manager') };
  const security: Array<Record<string, string[]>> = [{ apiKey: [] }, { session: [] }];

  app.get(
    '/api/v1/contacts',
    {
      ...staffOrKey,
      schema: {
        tags: ['integrations'],
        summary: 'Find a contact by e-mail address (any case): a list of one, or empty',
        security,
        querystring: ContactLookupQuery,
        response: { 200: ListOf(ContactBody), ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const contact = await findContactByEmail(deps.db, request.query.email.trim());
      return { items: contact ? [toContactBody(contact, tz)] : [] };
    },
  );

  app.post(
    '/api/v1/contacts',
    {
      ...staffOrKey,
      schema: {
        tags: ['integrations'],
        summary: 'Create or update a contact by e-mail address: 201 when made, 200 when it existed (changed or not)',
        description: 'Fields left out keep their values; tags are added. The timeline records contact.created or contact.updated, and webhooks follow.',
        security,
        headers: idempotencyHeaderDoc,
        body: ContactUpsertBody,
        response: { 200: ContactBody, 201: ContactBody, ...errors(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const [result] = await upsertContacts(deps, {
        rows: [{ email: body.email.trim(), name: body.name, phone: body.phone, locale: body.locale, tags: body.tags }],
        actor: actorOf(request),
        source: 'api',
        now: deps.now(),
      });
      const contact = await findContactById(deps.db, result!.id);
      return reply.status(result!.outcome === 'created' ? 201 : 200).send(toContactBody(contact!, tz));
    },
  );

  app.post(
    '/api/v1/contacts/:id/tags',
    {
      ...staffOrKey,
      schema: {
        tags: ['integrations'],
        summary: 'Put tags on a contact; the tags it has stay',
        security,
        headers: idempotencyHeaderDoc,
        params: IdParams,
        body: TagsBody,
        response: { 200: ContactBody, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      await changeTags(deps, { contactId: request.params.id, add: request.body.tags, actor: actorOf(request), now: deps.now() });
      const contact = await findContactById(deps.db, request.params.id);
      if (!contact) throw notFound('The contact', 'id');
      return toContactBody(contact, tz);
    },
  );

  app.delete(
    '/api/v1/contacts/:id/tags/:tag',
    {
      ...staffOrKey,
      schema: {
        tags: ['integrations'],
        summary: 'Take a tag off a contact (a tag it does not have is no error)',
        security,
        params: TagParams,
        response: { 200: ContactBody, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => {
      await changeTags(deps, { contactId: request.params.id, remove: [request.params.tag], actor: actorOf(request), now: deps.now() });
      const contact = await findContactById(deps.db, request.params.id);
      if (!contact) throw notFound('The contact', 'id');
      return toContactBody(contact, tz);
    },
  );

  app.post(
    '/api/v1/bookings',
    {
      ...staffOrKey,
      schema: {
        tags: ['integrations'],
        summary: 'Book as staff do: straight to booked, for a contact (contactId, or e-mail and name: found or made)',
        description: 'Working hours do not bind it; a time that overlaps another active appointment of the specialist is refused with 409 slot_taken.',
        security,
        headers: idempotencyHeaderDoc,
        body: StaffBookingBody,
        response: { 201: BookingBody, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const appointment = await bookAsStaff(deps, staffBookingFrom(request.body), actorOf(request), 'api', deps.now());
      return reply.status(201).send(toBookingBody(appointment, tz));
    },
  );
}
