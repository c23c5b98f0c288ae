import type { Db } from '../db/engine.js';
import { defaultTemplate } from './default-templates.js';
import { MAIL_LOCALES, type MailLocale } from './mail-data.js';
import { TEMPLATE_KEYS, type TemplateKey } from './template-keys.js';
import type { MailTemplateText } from './template-renderer.js';

/** The template a message of (key, locale) is rendered with: the staff's version, or the default. */
export interface MailTemplate extends MailTemplateText {
  key: TemplateKey;
  locale: MailLocale;
  /** Staff saved their own version; resetting brings the default back. */
  customised: boolean;
  updatedAt: Date | null;
  updatedBy: string | null;
}

export type MailTemplateSummary = Omit<MailTemplate, 'html' | 'text' | 'updatedBy'>;

const columns = ['key', 'locale', 'subject', 'html', 'text', 'updated_at', 'updated_by'] as const;

function toTemplate(row: { key: string; locale: string; subject: string; html: string; text: string; updated_at: Date; updated_by: string | null }): MailTemplate {
  return {
    key: row.key as TemplateKey,
    locale: row.locale as MailLocale,
    subject: row.subject,
    html: row.html,
    text: row.text,
    customised: true,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

function fromDefault(key: TemplateKey, locale: MailLocale): MailTemplate {
  return { key, locale, ...defaultTemplate(key, locale), customised: false, updatedAt: null, updatedBy: null };
}

/** The template of (key, locale): staff's stored version when there is one, else the default. */
export function templateFrom(
  key: TemplateKey,
  locale: MailLocale,
  stored: { subject: string; html: string; text: string; updated_at: Date; updated_by: string | null } | null,
): MailTemplate {
  return stored ? toTemplate({ key, locale, ...stored }) : fromDefault(key, locale);
}

/** The template to render (key, locale) with. Works inside a transaction: pass it as `db`. */
export async function loadTemplate(db: Db, key: TemplateKey, locale: MailLocale): Promise<MailTemplate> {
  const row = await db.selectFrom('mail_templates').select(columns).where('key', '=', key).where('locale', '=', locale).executeTakeFirst();
  return templateFrom(key, locale, row ?? null);
}

/** Every key in every language, in TEMPLATE_KEYS order, saying which ones staff changed. */
export async function listTemplates(db: Db): Promise<MailTemplateSummary[]> {
  const rows = await db.selectFrom('mail_templates').select(['key', 'locale', 'subject', 'updated_at']).execute();
  const stored = new Map(rows.map((row) => [`${row.key}/${row.locale}`, row]));
  return TEMPLATE_KEYS.flatMap((key) =>
    MAIL_LOCALES.map((locale): MailTemplateSummary => {
      const row = stored.get(`${key}/${locale}`);
      return row
        ? { key, locale, subject: row.subject, customised: true, updatedAt: row.updated_at }
        : { key, locale, subject: defaultTemplate(key, locale).subject, customised: false, updatedAt: null };
    }),
  );
}

/** Stores staff's version of a template, replacing an earlier one. */
export async function saveTemplate(
  db: Db,
  key: TemplateKey,
  locale: MailLocale,
  template: MailTemplateText,
  change: { by: string | null; at: Date },
): Promise<MailTemplate> {
  const values = { subject: template.subject, html: template.html, text: template.text, updated_at: change.at, updated_by: change.by };
  const row = await db
    .insertInto('mail_templates')
    .values({ key, locale, ...values })
    .onConflict((oc) => oc.columns(['key', 'locale']).doUpdateSet(values))
    .returning(columns)
    .executeTakeFirstOrThrow();
  return toTemplate(row);
}

/** Deletes staff's version, so the default applies again. False when there was none. */
export async function resetTemplate(db: Db, key: TemplateKey, locale: MailLocale): Promise<boolean> {
  const result = await db.deleteFrom('mail_templates').where('key', '=', key).where('locale', '=', locale).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

