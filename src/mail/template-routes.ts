import { Type } from '@sinclair/typebox';
import type { App, AppDeps } from '../app-deps.js';
import { requireStaff, staffOf } from '../http/auth.js';
import { errors, ListOf, Locale } from '../http/common-schemas.js';
import { registerCsvExport } from '../http/csv-download.js';
import { invalidInput, type AppError } from '../http/errors.js';
import { formatInstant } from '../http/instant.js';
import type { MailLocale } from './mail-data.js';
import { TEMPLATE_COLUMNS } from './outbox-csv.js';
import { queueEmail, readMessageContext } from './outbox.js';
import { mergeFieldsOf, sampleMailData, TEMPLATE_DESCRIPTIONS, TEMPLATE_KEYS, type TemplateKey } from './template-keys.js';
import { renderMail, TemplateError, type MailTemplateText } from './template-renderer.js';
import { listTemplates, loadTemplate, resetTemplate, saveTemplate, type MailTemplate, type MailTemplateSummary } from './template-repository.js';

// Lengths match the CHECKs of `mail_templates` (migrations/0002_email.sql).
const Subject = Type.String({ minLength: 1, maxLength: 500, description: 'Liquid; rendered to one line of at most 250 characters' });
const Html = Type.String({ maxLength: 200_000, description: 'Liquid; an HTML fragment placed in the clinic’s layout; merged values are escaped' });
const Text = Type.String({ maxLength: 100_000, description: 'Liquid; the plain-text body' });

const TemplateParams = Type.Object({
  key: Type.Unsafe<TemplateKey>(Type.String({ enum: [...TEMPLATE_KEYS], description: 'Which message' })),
  locale: Locale,
});

const TemplateSummaryBody = Type.Object({
  key: Type.String(),
  locale: Type.String(),
  description: Type.String(),
  subject: Type.String(),
  customised: Type.Boolean({ description: 'Staff saved their own version; false means the default applies' }),
  updatedAt: Type.Union([Type.String(), Type.Null()]),
});

const TemplateBody = Type.Object({
  key: Type.String(),
  locale: Type.String(),
  description: Type.String(),
  subject: Type.String(),
  html: Type.String(),
  text: Type.String(),
  customised: Type.Boolean(),
  updatedAt: Type.Union([Type.String(), Type.Null()]),
  updatedBy: Type.Union([Type.String(), Type.Null()], { description: 'The staff user who saved it' }),
  mergeFields: Type.Array(Type.String(), { description: 'Merge fields this message carries, e.g. client.name, offeredSlots[].url' }),
});

const TemplateUpdate = Type.Object({ subject: Subject, html: Html, text: Text }, { additionalProperties: false });
const TemplateDraft = Type.Object(
  { subject: Type.Optional(Subject), html: Type.Optional(Html), text: Type.Optional(Text) },
  { additionalProperties: false, description: 'Parts left out are taken from the current template' },
);
const RenderedBody = Type.Object({ subject: Type.String(), html: Type.String(), text: Type.String() });

// Up to 300,000 characters of template, each up to 4 bytes in UTF-8, plus JSON escapes.
const TEMPLATE_BODY_LIMIT = 2 * 1024 * 1024;

/** The current template with the parts a draft gives in place of its own. */
function withDraft(current: MailTemplate, draft: { subject?: string; html?: string; text?: string }): MailTemplate {
  return { ...current, subject: draft.subject ?? current.subject, html: draft.html ?? current.html, text: draft.text ?? current.text };
}

function invalidTemplate(err: TemplateError): AppError {
  return invalidInput({ [err.field]: `line ${err.line}: ${err.reason}` }, 'The template cannot be used: fix the line named.');
}

/**
 * Renders a template strictly with the key's sample data: a template that does not parse, runs
 * away, or names a merge field its messages don't carry is refused before anyone receives it.
 */
async function trialRender(key: TemplateKey, locale: MailLocale, template: MailTemplateText): Promise<MailTemplateText> {
  try {
    return await renderMail(template, sampleMailData(key, locale), { locale, strict: true });
  } catch (err) {
    if (err instanceof TemplateError) throw invalidTemplate(err);
    throw err;
  }
}

export function registerTemplateRoutes(app: App, deps: AppDeps): void {
  const tz = deps.config.clinicTimezone;
  const adminOnly = { onRequest: requireStaff('admin') };
  const at = (instant: Date | null): string | null => (instant ? formatInstant(instant, tz) : null);

  const summaryOf = (template: MailTemplateSummary) => ({
    key: template.key,
    locale: template.locale,
    description: TEMPLATE_DESCRIPTIONS[template.key][template.locale],
    subject: template.subject,
    customised: template.customised,
    updatedAt: at(template.updatedAt),
  });
  const bodyOf = (template: MailTemplate) => ({
    ...summaryOf(template),
    html: template.html,
    text: template.text,
    updatedBy: template.updatedBy,
    mergeFields: mergeFieldsOf(sampleMailData(template.key, template.locale)),
  });

  app.get(
    '/api/admin/email-templates',
    { ...adminOnly, schema: { tags: ['admin'], summary: 'Every e-mail template in every language, and which ones staff changed', response: { 200: ListOf(TemplateSummaryBody), ...errors(401, 403) } } },
    async () => ({ items: (await listTemplates(deps.db)).map(summaryOf) }),
  );

  registerCsvExport(app, deps, {
    url: '/api/admin/email-templates/export.csv',
    ...adminOnly,
    audit: { action: 'email_templates.export', recordType: 'email_template' },
    tags: ['admin'],
    summary: 'The e-mail templates as CSV: each one’s subject in each language, and which ones the clinic changed',
    fileName: 'email-templates',
    columns: TEMPLATE_COLUMNS,
    rows: () => listTemplates(deps.db),
  });

  app.get(
    '/api/admin/email-templates/:key/:locale',
    { ...adminOnly, schema: { tags: ['admin'], summary: 'One e-mail template, with the merge fields it may use', params: TemplateParams, response: { 200: TemplateBody, ...errors(400, 401, 403) } } },
    async (request) => bodyOf(await loadTemplate(deps.db, request.params.key, request.params.locale)),
  );

  app.put(
    '/api/admin/email-templates/:key/:locale',
    {
      ...adminOnly,
      bodyLimit: TEMPLATE_BODY_LIMIT,
      schema: {
        tags: ['admin'],
        summary: 'Replace an e-mail template with the clinic’s own version; refused with the line at fault if it does not render',
        params: TemplateParams,
        body: TemplateUpdate,
        response: { 200: TemplateBody, ...errors(400, 401, 403, 413) },
      },
    },
    async (request) => {
      const { key, locale } = request.params;
      await trialRender(key, locale, request.body);
      const saved = await saveTemplate(deps.db, key, locale, request.body, { by: staffOf(request).user.id, at: deps.now() });
      return bodyOf(saved);
    },
  );

  app.delete(
    '/api/admin/email-templates/:key/:locale',
    { ...adminOnly, schema: { tags: ['admin'], summary: 'Go back to the default template', params: TemplateParams, response: { 204: Type.Null(), ...errors(400, 401, 403) } } },
    async (request, reply) => {
      await resetTemplate(deps.db, request.params.key, request.params.locale);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/admin/email-templates/:key/:locale/preview',
    {
      ...adminOnly,
      bodyLimit: TEMPLATE_BODY_LIMIT,
      schema: {
        tags: ['admin'],
        summary: 'Render the template, or a draft of it, with sample data; nothing is saved or sent',
        params: TemplateParams,
        body: TemplateDraft,
        response: { 200: RenderedBody, ...errors(400, 401, 403, 413) },
      },
    },
    async (request) => {
      const { key, locale } = request.params;
      return trialRender(key, locale, withDraft(await loadTemplate(deps.db, key, locale), request.body));
    },
  );

  app.post(
    '/api/admin/email-templates/:key/:locale/test',
    {
      ...adminOnly,
      bodyLimit: TEMPLATE_BODY_LIMIT,
      schema: {
        tags: ['admin'],
        summary: 'Send the template, or a draft of it, with sample data to the signed-in staff member, through the outbox',
        params: TemplateParams,
        body: TemplateDraft,
        response: { 202: Type.Object({ emailId: Type.String(), to: Type.String() }), ...errors(400, 401, 403, 413) },
      },
    },
    async (request, reply) => {
      const { key, locale } = request.params;
      const me = staffOf(request).user;
      const now = deps.now();
      const emailId = await deps.db.transaction().execute(async (trx) => {
        // The current template comes with the clinic in one read; the draft goes over it.
        const context = await readMessageContext(trx, { contactId: null, templateKey: key, locale });
        const template = withDraft(context.template, request.body);
        // Refused exactly as a preview is; the transaction then writes nothing.
        await trialRender(key, locale, template);
        return queueEmail(
          trx,
          { queue: deps.queue, events: deps.events, outbox: deps.outbox },
          { templateKey: key, locale, contactId: null, to: { address: me.email, name: me.name }, data: sampleMailData(key, locale) },
          now,
          { ...context, template },
        );
      });
      return reply.status(202).send({ emailId: emailId!, to: me.email });
    },
  );
}
