import { describe, expect, it } from 'vitest';
import { AppError } from '../http/errors.js';
import { messageBody, previewOf } from './message-text.js';

const refusal = (raw: string): Record<string, string> | undefined => {
  try {
    messageBody(raw);
  } catch (err) {
    if (err instanceof AppError) return err.fields;
    throw err;
  }
  return undefined;
};

describe('a message body', () => {
  it('is kept as written, without the whitespace around it', () => {
    expect(messageBody('  Hello,\n\n  <b>doctor</b> & nurse \t\n')).toBe('Hello,\n\n  <b>doctor</b> & nurse');
  });

  it('may not be empty or only whitespace, of any kind', () => {
    for (const raw of ['', ' ', '\n\t\r ', '\u00a0\u2003\u3000']) expect(refusal(raw)).toEqual({ body: 'is empty; write a message' });
  });

  it('holds at most 5,000 characters, counting an emoji as one', () => {
    expect(messageBody('a'.repeat(5000))).toHaveLength(5000);
    expect(messageBody('🩺'.repeat(5000))).toBe('🩺'.repeat(5000));
    expect(refusal('a'.repeat(5001))).toEqual({ body: 'is longer than 5000 characters' });
    expect(refusal('🩺'.repeat(5001))).toHaveProperty('body');
    expect(messageBody(` ${'a'.repeat(5000)} `)).toHaveLength(5000);
  });
});

describe('a preview', () => {
  it('is the first 140 characters on one line', () => {
    expect(previewOf('Hello,\n\nis the  clinic open\ton Sunday?')).toBe('Hello, is the clinic open on Sunday?');
    expect(previewOf('x'.repeat(500))).toBe('x'.repeat(140));
  });

  it('never cuts a character in half', () => {
    expect(previewOf('🩺'.repeat(200))).toBe('🩺'.repeat(140));
    expect(Array.from(previewOf(`${'a'.repeat(139)}🩺🩺`))).toHaveLength(140);
  });
});
