import { describe, expect, it } from 'vitest';
import { neutraliseCell } from './csv-download.js';

describe('a cell a spreadsheet would run as a formula', () => {
  it('gets a quote in front, whatever the formula starts with', () => {
    for (const cell of ['=HYPERLINK("http://evil.example","click")', '+380 67 123 4567', '-2+3', '@SUM(A1:A2)', '\t=1+1', '\r=1+1']) {
      expect(neutraliseCell(cell)).toBe(`'${cell}`);
    }
  });

  it('leaves every other cell as it is', () => {
    for (const cell of ['Олена Петренко', 'olena@example.com', "O'Brien", '', ' =not at the start', '2026-12-08T10:00:00+02:00']) {
      expect(neutraliseCell(cell)).toBe(cell);
    }
  });
});
