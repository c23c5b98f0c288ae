import { describe, expect, it } from 'vitest';
import { neutraliseCell } from './csv-export.js';
import { canonicalJson } from './idempotency.js';

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

describe('the same request, whatever the order of its fields', () => {
  it('gives one canonical JSON text for one body', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: null, e: 'x' }], c: true } })).toBe('{"a":{"c":true,"d":[2,{"e":"x","f":null}]},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
    expect(canonicalJson({ a: 1, skipped: undefined })).toBe('{"a":1}');
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: '1' }));
  });
});
