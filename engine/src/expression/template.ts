/** Splits a source into literal text and `${...}` / `#{...}` expression bodies. */
import { syntaxError } from './failure';

/** A template piece: literal text, or an expression body found at `offset` in the source. */
export type Segment =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'expression'; readonly body: string; readonly offset: number };

/** Splits a template into segments; throws EXPRESSION_SYNTAX for an unterminated `${`. */
export function splitTemplate(source: string): Segment[] {
  const segments: Segment[] = [];
  let text = '';
  let i = 0;
  while (i < source.length) {
    if (source.charAt(i) === '\\' && isOpening(source, i + 1)) {
      // JUEL escape: `\${` (or `\#{`) is the literal text `${`.
      text += source.slice(i + 1, i + 3);
      i += 3;
    } else if (isOpening(source, i)) {
      if (text !== '') segments.push({ kind: 'text', text });
      text = '';
      const end = findClosingBrace(source, i);
      segments.push({ kind: 'expression', body: source.slice(i + 2, end), offset: i + 2 });
      i = end + 1;
    } else {
      text += source.charAt(i);
      i++;
    }
  }
  if (text !== '') segments.push({ kind: 'text', text });
  return segments;
}

function isOpening(source: string, i: number): boolean {
  const c = source.charAt(i);
  return (c === '$' || c === '#') && source.charAt(i + 1) === '{';
}

/** Index of the `}` closing the expression opened at `openedAt`, skipping string literals. */
function findClosingBrace(source: string, openedAt: number): number {
  let i = openedAt + 2;
  while (i < source.length) {
    const c = source.charAt(i);
    if (c === '}') return i;
    i = c === "'" || c === '"' ? skipString(source, i) : i + 1;
  }
  const opening = source.slice(openedAt, openedAt + 2);
  throw syntaxError(`Unterminated '${opening}' (missing '}')`, openedAt, source);
}

/** Index just after the string literal at `start` (escapes are checked by the tokenizer). */
function skipString(source: string, start: number): number {
  const quote = source.charAt(start);
  let i = start + 1;
  while (i < source.length) {
    const c = source.charAt(i);
    if (c === quote) return i + 1;
    i += c === '\\' ? 2 : 1;
  }
  throw syntaxError('Unterminated string', start, source);
}
