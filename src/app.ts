import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import { databaseRateLimitStore } from './http/rate-limit-store.js';
import swagger from '@fastify/swagger';
import { registerApiKeyRoutes } from './integrations/api-key-routes.js';
import { registerWebhookAdminRoutes } from './integrations/webhook-admin-routes.js';
import { registerWebhookRoutes } from './integrations/webhook-routes.js';
import { registerIdempotency } from './integrations/idempotency.js';
import { registerRecordsRoutes } from './integrations/records-routes.js';
import { registerCsvRoutes } from './integrations/csv-routes.js';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyReply } from 'fastify';
import { registerAuthRoutes } from './accounts/auth-routes.js';
import { registerMagicLinkRoutes } from './accounts/magic-link-routes.js';
import { registerStaffRoutes } from './accounts/staff-routes.js';
import { registerPortalRoutes } from './portal/portal-routes.js';
import type { App, AppDeps } from './app-deps.js';
import type { Config } from './config.js';
import { registerAuditHooks } from './audit/audit-hooks.js';
import { registerAuditRoutes } from './audit/audit-routes.js';
import { registerClinicRoutes } from './clinic/clinic-routes.js';
import { registerContactRoutes } from './contacts/contact-routes.js';
import { registerAuth } from './http/auth.js';
import { ErrorBody } from './http/common-schemas.js';
import { apiNotFound, registerErrorHandler } from './http/error-handler.js';
import { registerWebApp, webAppBuilt } from './http/web-app.js';
import { registerOutboxRoutes } from './mail/outbox-routes.js';
import { registerTemplateRoutes } from './mail/template-routes.js';
import { registerMessageRoutes } from './messaging/message-routes.js';
import { registerBookingStatusPage } from './pages/booking-status-route.js';
import { registerBookingRoutes } from './scheduling/booking-routes.js';
import { registerEmailLinkRoutes } from './scheduling/email-link-routes.js';
import { registerResendRoutes } from './scheduling/resend-routes.js';
import { registerSpecialistRoutes } from './specialists/specialist-routes.js';

export interface BuildOptions {
  logger?: boolean | { level: string };
}

/** TRUST_PROXY as Fastify takes it: a number of proxies is "believe the nearest N hops". */
function proxiesToTrust(setting: Config['trustProxy']): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof setting === 'number' ? (_address, hop) => hop < setting : setting;
}

/** Wires the HTTP application: plugins, error shape, auth, OpenAPI and every domain's routes. */
export async function buildApp(deps: AppDeps, options: BuildOptions = {}): Promise<App> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 256 * 1024,
    trustProxy: proxiesToTrust(deps.config.trustProxy),
    ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: false } },
    // A path Fastify cannot even route (bad %-encoding, an over-long parameter) is answered
    // before any hook runs: give it the API's error shape and the security headers by hand.
    frameworkErrors: (error, _request, rawReply) => {
      const reply = rawReply as unknown as FastifyReply;
      void reply
        .code(error.statusCode ?? 400)
        .headers({ 'content-security-policy': "default-src 'self'", 'x-content-type-options': 'nosniff', 'x-frame-options': 'SAMEORIGIN', 'referrer-policy': 'no-referrer' })
        .send({ error: { code: error.statusCode === 414 ? 'uri_too_long' : 'bad_url', message: 'This address is not valid.' } });
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  registerErrorHandler(app);
  // The API speaks JSON only; anything else is a 415, not a string that fails validation later.
  app.removeContentTypeParser('text/plain');
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        // The API docs page needs inline styles and its own scripts.
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'https:'],
      },
    },
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false, ...(deps.rateLimits === 'database' ? { store: databaseRateLimitStore(deps.db, deps.now) } : {}) });
  app.addSchema(ErrorBody);

  await app.register(swagger, {
    // Shared schemas keep their $id as their name in components (ErrorBody, BookingCreatedEvent, ...), not def-0, def-1.
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Clinicflow API',
        version: '1',
        description: 'The clinic’s public site, client portal, staff console and integrations all use this API.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'cf_session' },
          apiKey: { type: 'http', scheme: 'bearer', description: 'An API key made by an administrator (console or `clinicflow apikey create`); acts as a manager within its scopes' },
        },
      },
      tags: [
        { name: 'clinic', description: 'The clinic’s public information' },
        { name: 'specialists', description: 'Specialists and their free slots' },
        { name: 'bookings', description: 'Booking a consultation' },
        { name: 'auth', description: 'Signing in and out' },
        { name: 'portal', description: 'The signed-in client: profile, appointments, messages, data rights' },
        { name: 'admin', description: 'Staff: appointments, contacts, specialists, the clinic' },
        { name: 'integrations', description: 'API keys, webhooks and REST hooks, records in and out (/api/v1 takes an API key; so does every staff route a manager may use)' },
      ],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  registerAuth(app, { db: deps.db, publicUrl: deps.config.publicUrl, now: deps.now });
  registerAuditHooks(app, deps);
  registerIdempotency(app, deps);
  // A POST without a body (approve, cancel, ...) validates as an empty object, so a missing
  // required field is named rather than reported as "body must be object".
  app.addHook('preValidation', async (request) => {
    if (request.body === undefined && request.method !== 'GET' && request.method !== 'HEAD') request.body = {};
  });

  app.get('/api/health', { schema: { tags: ['clinic'], summary: 'Is the service up' } }, async () => ({ status: 'ok' }));
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  registerClinicRoutes(app, deps);
  registerSpecialistRoutes(app, deps);
  registerBookingRoutes(app, deps);
  registerResendRoutes(app, deps);
  registerContactRoutes(app, deps);
  registerAuthRoutes(app, deps);
  registerMagicLinkRoutes(app, deps);
  registerStaffRoutes(app, deps);
  registerPortalRoutes(app, deps);
  registerTemplateRoutes(app, deps);
  registerOutboxRoutes(app, deps);
  registerEmailLinkRoutes(app, deps);
  registerBookingStatusPage(app, deps);
  registerAuditRoutes(app, deps);
  registerMessageRoutes(app, deps);
  registerApiKeyRoutes(app, deps);
  registerWebhookRoutes(app, deps);
  registerWebhookAdminRoutes(app, deps);
  registerRecordsRoutes(app, deps);
  await registerCsvRoutes(app, deps);

  if (webAppBuilt()) await registerWebApp(app);
  else {
    app.setNotFoundHandler(apiNotFound);
    app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/api/docs'));
  }
  return app;
}
