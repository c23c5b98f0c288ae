import { invalidInput } from '../http/errors.js';

/** The longest message, in characters (Unicode code points, as PostgreSQL's length() and Ajv count them). */
export const MESSAGE_MAX_CHARS = 5000;
/** How much of a message the inbox, the timeline and webhooks show. */
export const PREVIEW_CHARS = 140;

/** Counts characters as people do: an emoji is one, not two UTF-16 units. */
function charCount(text: string): number {
  let count = 0;
  for (const _char of text) count += 1;
  return count;
}

/**
 * A message body as it is stored: the text as written, without leading and trailing
 * whitespace. Refuses an empty or whitespace-only body and one over 5,000 characters,
 * naming `body`. Pure.
 */
export function messageBody(raw: string): string {
  const body = raw.trim();
  if (body.length === 0) throw invalidInput({ body: 'is empty; write a message' });
  if (charCount(body) > MESSAGE_MAX_CHARS) throw invalidInput({ body: `is longer than ${MESSAGE_MAX_CHARS} characters` });
  return body;
}

/** The first 140 characters of a message on one line: line breaks and runs of spaces become one space. Pure. */
export function previewOf(body: string): string {
  const oneLine = body.replace(/\s+/g, ' ').trim();
  return Array.from(oneLine).slice(0, PREVIEW_CHARS).join('');
}
