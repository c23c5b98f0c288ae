import { describe, expect, it } from 'vitest';
import { cellText, headerKey, mappingProblems, readRow, sniffDelimiter, suggestMapping } from './contact-import-rules.js';

describe('which column holds what, from the header row', () => {
  it('recognises Ukrainian headers, whatever the apostrophe or case', () => {
    expect(suggestMapping(['№', 'Ім’я', 'Телефон', 'Пошта', 'Мова', 'Теги'])).toEqual({ name: 1, phone: 2, email: 3, locale: 4, tags: 5 });
    expect(suggestMapping(["ІМ'Я", 'ЕЛ. ПОШТА'])).toEqual({ name: 0, email: 1 });
    expect(headerKey('Ім’я')).toBe(headerKey("ім'я"));
  });

  it('recognises English headers and what other systems export', () => {
    expect(suggestMapping(['E-mail', 'Full name', 'Phone number', 'Language', 'Labels'])).toEqual({ email: 0, name: 1, phone: 2, locale: 3, tags: 4 });
    expect(suggestMapping(['Email Address', 'Name', 'Mobile'])).toEqual({ email: 0, name: 1, phone: 2 });
  });

  it('takes the first of two columns with the same meaning, and leaves unknown columns out', () => {
    expect(suggestMapping(['Email', 'E-mail', 'Notes', 'Birthday'])).toEqual({ email: 0 });
    expect(suggestMapping(['Адреса', 'Номер'])).toEqual({});
  });
});

describe('the delimiter, from the first line', () => {
  it('is what separates the most cells outside quotes: Excel in Ukraine writes semicolons', () => {
    expect(sniffDelimiter('Ім’я;Телефон;Пошта\r\nОлена, мама;050;o@example.com')).toBe(';');
    expect(sniffDelimiter('name,email,"phone; mobile"\n')).toBe(',');
    expect(sniffDelimiter('name\temail\tphone')).toBe('\t');
    expect(sniffDelimiter('"Прізвище, ім’я";Пошта')).toBe(';');
  });

  it('is a comma when the file has one column', () => {
    expect(sniffDelimiter('email\na@example.com')).toBe(',');
    expect(sniffDelimiter('')).toBe(',');
  });
});

describe('whether a mapping fits the file', () => {
  it('needs the e-mail column, columns that exist, and each column once', () => {
    expect(mappingProblems({ email: 0, name: 1 }, 2)).toEqual({});
    expect(mappingProblems({ name: 1 }, 2)).toEqual({ email: 'choose the column that holds the e-mail address' });
    expect(mappingProblems({ email: 0, phone: 5 }, 3)).toEqual({ phone: 'column 5 does not exist: the file has 3 (0 to 2)' });
    expect(mappingProblems({ email: 0, name: 0 }, 3)).toEqual({ name: 'column 0 is already chosen for email' });
  });
});

describe('one row of the file', () => {
  const mapping = { email: 0, name: 1, phone: 2, locale: 3, tags: 4 };

  it('becomes the contact to upsert, cells tidied, language words understood, tags split', () => {
    expect(readRow([' olena@example.com ', 'Олена Петренко', "'+380 67 123 4567", 'Українська', 'VIP; коліно, vip'], mapping)).toEqual({
      contact: { email: 'olena@example.com', name: 'Олена Петренко', phone: '+380 67 123 4567', locale: 'uk', tags: ['vip', 'коліно'] },
      values: { email: 'olena@example.com', name: 'Олена Петренко', phone: '+380 67 123 4567', locale: 'Українська', tags: 'VIP; коліно, vip' },
      problems: [],
    });
    expect(readRow(['john@example.com', 'John', '', 'English', ''], mapping).contact).toEqual({ email: 'john@example.com', name: 'John', locale: 'en' });
  });

  it('leaves empty cells out, so they change nothing; a short row is as if its last cells were empty', () => {
    expect(readRow(['olena@example.com'], mapping).contact).toEqual({ email: 'olena@example.com' });
  });

  it('names each field at fault and what is wrong with it', () => {
    const read = readRow(['not an address', 'x'.repeat(201), '3.80671E+11', 'de', 't'.repeat(61)], mapping);
    expect(read.contact).toBeNull();
    expect(read.problems.map((p) => [p.field, p.message])).toEqual([
      ['locale', 'is not a language: use uk or en'],
      ['email', 'is not an e-mail address'],
      ['name', 'is too long (200 characters at most) or is not a name'],
      ['phone', 'is not a phone number: digits, spaces and + ( ) - only, 5 to 40 of them'],
      ['tags', 'has a tag that is longer than 60 characters'],
    ]);
    expect(readRow(['', 'Nobody'], mapping).problems).toEqual([{ field: 'email', value: '', message: 'is empty' }]);
  });

  it('takes off only the quote our own export puts before a formula-like cell', () => {
    expect(cellText("'+380 67 123 4567")).toBe('+380 67 123 4567');
    expect(cellText("'=SUM(A1)")).toBe('=SUM(A1)');
    expect(cellText("O'Brien")).toBe("O'Brien");
    expect(cellText("'quoted'")).toBe("'quoted'");
  });
});
