import { EN_TEMPLATES } from './default-templates-en.js';
import { UK_TEMPLATES } from './default-templates-uk.js';
import type { MailLocale } from './mail-data.js';
import type { TemplateKey } from './template-keys.js';
import type { MailTemplateText } from './template-renderer.js';

/**
 * The templates every installation starts with, one file per language. Staff may replace
 * any of them (`mail_templates`); resetting deletes the stored row and this default applies again.
 */
export const DEFAULT_TEMPLATES: Record<MailLocale, Record<TemplateKey, MailTemplateText>> = {
  uk: UK_TEMPLATES,
  en: EN_TEMPLATES,
};

/** The default of one template, as a fresh object the caller may change. */
export function defaultTemplate(key: TemplateKey, locale: MailLocale): MailTemplateText {
  const template = DEFAULT_TEMPLATES[locale][key];
  return { subject: template.subject, html: template.html, text: template.text };
}
