import juice from 'juice';

/**
 * CSS inlining for e-mail pages, and doing it once per template instead of once per message.
 *
 * juice parses a whole page, matches the layout's CSS against it and writes it back out: about
 * 1.5 ms, the largest part of rendering a message. Inlined CSS depends only on the page's
 * elements and their classes, not on the merged values (they are escaped text, never markup),
 * so a template can be inlined before Liquid runs, with every Liquid tag kept out of juice's
 * way as a placeholder. That holds only while Liquid cannot change which elements exist or
 * where: `inlineTemplate` refuses (returns null) a template where it could, and the renderer
 * then inlines each message's page as before.
 */

const JUICE_OPTIONS = { preserveMediaQueries: true, removeStyleTags: true, applyWidthAttributes: true };

/** Inlines a rendered page's CSS. */
export function inlinePage(page: string): string {
  return juice(page, JUICE_OPTIONS);
}

export interface InlinedTemplate {
  /** The layout with its CSS inlined into its own elements and the body's, and its body slot kept. */
  layout: string;
  /** The body template with the layout's CSS inlined into its elements. */
  body: string;
}

const LIQUID = /{{[\s\S]*?}}|{%[\s\S]*?%}/g;
const MARK = 'cfliquid';
const PLACEHOLDER = /cfliquid(\d+|start|end)x/g;
const HAS_PLACEHOLDER = /cfliquid(?:\d+|start|end)x/;
const placeholder = (name: number | 'start' | 'end'): string => `${MARK}${name}x`;

// Tags whose output is their source's text, or nothing: the elements around them stay as written.
// Others (capture, cycle, tablerow, break, continue, liquid, echo ...) could make or drop markup.
const BLOCK_OPENERS = new Set(['if', 'unless', 'for', 'case', 'comment', 'raw']);
const BRANCHES = new Set(['elsif', 'else', 'when']);
const SIMPLE = new Set(['assign', '#']);
const VOID_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
// Attributes that CSS selectors (or juice itself) read: Liquid in them could change what matches.
const STRUCTURAL_ATTRIBUTES = new Set(['class', 'id', 'style', 'width', 'height']);

interface Tokens {
  /** The source with each Liquid tag or output replaced by its placeholder. */
  text: string;
  /** The original Liquid, by placeholder number. */
  liquid: string[];
}

function tokenize(source: string, liquid: string[]): string {
  return source.replace(LIQUID, (token) => {
    liquid.push(token);
    return placeholder(liquid.length - 1);
  });
}

function restore(text: string, liquid: readonly string[]): string {
  return text.replace(PLACEHOLDER, (_, name: string) => liquid[Number(name)]!);
}

function tagName(liquid: string): string | null {
  const match = /^{%-?\s*([a-z#]+)/.exec(liquid);
  return match ? match[1]! : null;
}

/**
 * True when every Liquid tag or output sits where it cannot change the elements juice sees:
 * outputs in text or in the value of an attribute CSS does not match on, tags only in text, and
 * each block (if, for, case ...) opening and closing the same elements in each of its branches.
 */
function liquidLeavesElementsAlone(tokens: Tokens): boolean {
  const { text, liquid } = tokens;
  const stack: string[] = [];
  const blocks: Array<{ depth: number; elements: string }> = [];
  const parts = /<!--[\s\S]*?-->|<\/?([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|cfliquid(\d+)x/g;
  for (let match = parts.exec(text); match; match = parts.exec(text)) {
    const [whole, element, attributes, index] = match;
    if (whole.startsWith('<!--')) {
      if (HAS_PLACEHOLDER.test(whole)) return false;
      continue;
    }
    if (element !== undefined) {
      const name = element.toLowerCase();
      if (HAS_PLACEHOLDER.test(name)) return false;
      if (attributes && !outputsOnlyInPlainValues(attributes, liquid)) return false;
      if (whole.startsWith('</')) {
        if (stack[stack.length - 1] !== name) return false;
        stack.pop();
      } else if (!VOID_ELEMENTS.has(name) && !whole.endsWith('/>')) {
        stack.push(name);
      }
      continue;
    }
    const token = liquid[Number(index)];
    if (token === undefined || token.startsWith('{{')) continue;
    const name = tagName(token);
    const elements = stack.join('>');
    if (name === null) return false;
    if (BLOCK_OPENERS.has(name)) {
      blocks.push({ depth: stack.length, elements });
    } else if (BRANCHES.has(name)) {
      if (blocks[blocks.length - 1]?.elements !== elements) return false;
    } else if (name.startsWith('end') && BLOCK_OPENERS.has(name.slice(3))) {
      if (blocks.pop()?.elements !== elements) return false;
    } else if (!SIMPLE.has(name)) {
      return false;
    }
  }
  return stack.length === 0 && blocks.length === 0;
}

/** Within one start tag: only outputs (no tags), and only in the values of attributes CSS does not read. */
function outputsOnlyInPlainValues(attributes: string, liquid: readonly string[]): boolean {
  const attribute = /([^\s"'=<>/]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]*))?/g;
  for (let match = attribute.exec(attributes); match; match = attribute.exec(attributes)) {
    const [, name, value] = match;
    if (HAS_PLACEHOLDER.test(name!)) return false;
    const used = [...(value ?? '').matchAll(PLACEHOLDER)];
    if (used.length === 0) continue;
    if (STRUCTURAL_ATTRIBUTES.has(name!.toLowerCase())) return false;
    if (used.some(([, index]) => !liquid[Number(index)]?.startsWith('{{'))) return false;
  }
  return true;
}

/**
 * Inlines the layout's CSS into a layout and the body template it holds, both still Liquid, so
 * that rendering them gives what inlining each rendered page would. `slot` is the layout's
 * output that places the body. Null when the template is not one this can be done for.
 */
export function inlineTemplate(layoutSource: string, slot: string, bodySource: string): InlinedTemplate | null {
  if (bodySource.includes(MARK) || layoutSource.includes(MARK)) return null;
  // A body is a fragment; its own CSS or document tags would need more than the layout's rules.
  if (/<\s*\/?\s*(?:style|link|script|html|head|body)\b/i.test(bodySource)) return null;
  const liquid: string[] = [];
  const [before, after, ...more] = layoutSource.split(slot);
  if (before === undefined || after === undefined || more.length > 0) return null;
  const page = `${tokenize(before, liquid)}${placeholder('start')}${tokenize(bodySource, liquid)}${placeholder('end')}${tokenize(after, liquid)}`;
  // The <html> tag may carry Liquid (the lang attribute); juice never touches it, so it waits outside.
  const htmlTag = /<html(?:\b|(?=cfliquid))(?:[^>"']|"[^"]*"|'[^']*')*>/i.exec(page);
  if (!htmlTag) return null;
  const forJuice = page.replace(htmlTag[0], () => '<html>');
  if (!liquidLeavesElementsAlone({ text: forJuice, liquid })) return null;

  const inlined = juice(forJuice, JUICE_OPTIONS);
  const htmlAt = inlined.indexOf('<html>');
  if (htmlAt < 0 || inlined.indexOf('<html>', htmlAt + 1) >= 0) return null;
  const output = inlined.replace('<html>', () => htmlTag[0]);
  // Every placeholder must come out once, in the order it went in: nothing dropped, moved or doubled.
  const order = [...output.matchAll(PLACEHOLDER)].map(([, name]) => name);
  const expected = [...page.matchAll(PLACEHOLDER)].map(([, name]) => name);
  if (order.length !== expected.length || order.some((name, i) => name !== expected[i])) return null;

  const start = output.indexOf(placeholder('start'));
  const end = output.indexOf(placeholder('end'));
  return {
    layout: restore(`${output.slice(0, start)}${slot}${output.slice(end + placeholder('end').length)}`, liquid),
    body: restore(output.slice(start + placeholder('start').length, end), liquid),
  };
}
