import { Ajv } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import type { ContactUpsert } from '../contacts/contact-upsert.js';
import { normaliseTags } from '../contacts/contact-service.js';
import { fieldsFromValidation } from '../http/error-handler.js';
import { ContactUpsertBody } from './records-schemas.js';

// The rules of a contacts CSV file, with no I/O: which column holds what, and what one row
// says. The row is checked against the very schema POST /api/v1/contacts uses.

export const IMPORT_FIELDS = ['email', 'name', 'phone', 'locale', 'tags'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
/** Which column (0-based) holds each field; a field without a column is not imported. */
export type ColumnMapping = Partial<Record<ImportField, number>>;

/**
 * Header names each field is recognised by, Ukrainian and English (and the Russian a clinic's
 * older spreadsheets often have). The first of each language is what exports write.
 */
export const HEADER_NAMES: Record<ImportField, { uk: string; en: string; others: string[] }> = {
  email: { uk: 'E-mail', en: 'E-mail', others: ['пошта', 'email', 'email address', 'e-mail address', 'mail', 'електронна пошта', 'ел. пошта', 'ел пошта', 'емейл', 'імейл', 'имейл', 'почта', 'эл. почта', 'электронная почта'] },
  name: { uk: 'Ім’я', en: 'Name', others: ['full name', "повне ім'я", 'піб', "прізвище та ім'я", "прізвище, ім'я", 'клієнт', 'пацієнт', 'контакт', 'client', 'patient', 'contact', 'contact name', 'имя', 'фио', 'клиент'] },
  phone: { uk: 'Телефон', en: 'Phone', others: ['тел', 'тел.', 'номер телефону', 'мобільний', 'phone number', 'telephone', 'tel', 'mobile', 'cell'] },
  locale: { uk: 'Мова', en: 'Language', others: ['locale', 'lang', 'мова листів', 'язык'] },
  tags: { uk: 'Мітки', en: 'Tags', others: ['теги', 'тег', 'мітка', 'tag', 'labels', 'label', 'метки', 'теги клієнта'] },
};

/** Lower-case letters and digits only, apostrophes of every kind dropped: "Ім’я" = "ім'я" = "ІМЯ". */
export function headerKey(header: string): string {
  return header.toLowerCase().normalize('NFC').replace(/[^\p{L}\p{N}]/gu, '');
}

const FIELD_BY_HEADER = new Map<string, ImportField>(
  IMPORT_FIELDS.flatMap((field) => {
    const names = HEADER_NAMES[field];
    return [names.uk, names.en, ...names.others].map((name) => [headerKey(name), field] as const);
  }),
);

/** The columns a file's header row suggests: each field its first recognised column. */
export function suggestMapping(headers: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  headers.forEach((header, index) => {
    const field = FIELD_BY_HEADER.get(headerKey(header));
    if (field && mapping[field] === undefined) mapping[field] = index;
  });
  return mapping;
}

const DELIMITERS = [',', ';', '\t'] as const;

/**
 * The file's delimiter, from its first line: comma, semicolon (what Excel writes where the
 * decimal mark is a comma, as in Ukraine) or tab, whichever separates the most cells outside
 * quotes; a comma when none does.
 */
export function sniffDelimiter(text: string): ',' | ';' | '\t' {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
  }
  return DELIMITERS.reduce((best, d) => (counts.get(d)! > counts.get(best)! ? d : best), DELIMITERS[0]);
}

/** What is wrong with a mapping for a file with these columns, by field; empty when it will do. */
export function mappingProblems(mapping: ColumnMapping, columnCount: number): Record<string, string> {
  const problems: Record<string, string> = {};
  if (mapping.email === undefined) problems.email = 'choose the column that holds the e-mail address';
  const seen = new Map<number, ImportField>();
  for (const field of IMPORT_FIELDS) {
    const column = mapping[field];
    if (column === undefined) continue;
    if (column >= columnCount) problems[field] = `column ${column} does not exist: the file has ${columnCount} (0 to ${columnCount - 1})`;
    else if (seen.has(column)) problems[field] = `column ${column} is already chosen for ${seen.get(column)}`;
    else seen.set(column, field);
  }
  return problems;
}

export interface RowProblem {
  /** As a spreadsheet numbers it: the header is row 1. */
  row: number;
  field: ImportField;
  /** The column's header, to find the cell. */
  column: string;
  value: string;
  message: string;
}

const LOCALES: Record<string, 'uk' | 'en'> = Object.fromEntries([
  ...['uk', 'ua', 'укр', 'українська', 'ukrainian', 'украинский'].map((word) => [headerKey(word), 'uk' as const]),
  ...['en', 'eng', 'англ', 'англійська', 'english', 'английский'].map((word) => [headerKey(word), 'en' as const]),
]);

const MESSAGES: Record<ImportField, string> = {
  email: 'is not an e-mail address',
  name: 'is too long (200 characters at most) or is not a name',
  phone: 'is not a phone number: digits, spaces and + ( ) - only, 5 to 40 of them',
  locale: 'is not a language: use uk or en',
  tags: 'has a tag that is longer than 60 characters',
};

// Exports put a quote before a cell that a spreadsheet would take for a formula ("'+380…");
// reading our own file back takes it off again.
const NEUTRALISED = /^'(?=[=+\-@\t\r])/;

/** A cell as written, tidied: trimmed, our export's formula guard taken off; '' when empty. */
export function cellText(value: string | undefined): string {
  return (value ?? '').trim().replace(NEUTRALISED, '');
}

const ajv = new Ajv({ allErrors: true, strict: false });
(addFormatsPlugin as unknown as (ajv: Ajv) => void)(ajv);
const checkContact = ajv.compile(ContactUpsertBody);

export interface ReadRow {
  contact: ContactUpsert | null;
  /** The cells of the mapped columns, tidied, for a preview. */
  values: Partial<Record<ImportField, string>>;
  problems: Array<Omit<RowProblem, 'row' | 'column'>>;
}

/**
 * One row of the file as a contact to upsert, or what is wrong with it. An empty cell changes
 * nothing (it never clears what the contact has); tags are split on commas and semicolons.
 */
export function readRow(cells: readonly string[], mapping: ColumnMapping): ReadRow {
  const values: Partial<Record<ImportField, string>> = {};
  for (const field of IMPORT_FIELDS) {
    const column = mapping[field];
    if (column !== undefined) values[field] = cellText(cells[column]);
  }
  const problems: ReadRow['problems'] = [];
  if (!values.email) problems.push({ field: 'email', value: '', message: 'is empty' });
  const locale = values.locale ? LOCALES[headerKey(values.locale)] : undefined;
  if (values.locale && !locale) problems.push({ field: 'locale', value: values.locale, message: MESSAGES.locale });
  const candidate = {
    email: values.email ?? '',
    ...(values.name ? { name: values.name } : {}),
    ...(values.phone ? { phone: values.phone } : {}),
    ...(locale ? { locale } : {}),
    ...(values.tags ? { tags: normaliseTags(values.tags.split(/[;,]/)) } : {}),
  };
  if (!checkContact(candidate)) {
    const fields = fieldsFromValidation(checkContact.errors as Parameters<typeof fieldsFromValidation>[0], 'body');
    for (const path of Object.keys(fields)) {
      const field = path.split('.')[0] as ImportField;
      if (!IMPORT_FIELDS.includes(field) || problems.some((p) => p.field === field)) continue;
      problems.push({ field, value: values[field] ?? '', message: MESSAGES[field] });
    }
  }
  return { contact: problems.length === 0 ? candidate : null, values, problems };
}
