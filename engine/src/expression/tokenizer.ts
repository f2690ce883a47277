/** Lexer for the body of one `${...}`: turns characters into tokens with absolute positions. */
import { syntaxError } from './failure';

/** Token kinds produced by the tokenizer. */
export type TokenType = 'number' | 'string' | 'literal' | 'identifier' | 'operator' | 'end';

/** A lexical token; `value` is canonical (word operators mapped to symbols, strings unescaped). */
export interface Token {
  readonly type: TokenType;
  readonly value: string;
  /** The token as written, for messages. */
  readonly raw: string;
  /** 0-based offset in the whole source. */
  readonly pos: number;
}

const WORD_OPERATORS: ReadonlyMap<string, string> = new Map([
  ['and', '&&'],
  ['or', '||'],
  ['not', '!'],
  ['eq', '=='],
  ['ne', '!='],
  ['lt', '<'],
  ['gt', '>'],
  ['le', '<='],
  ['ge', '>='],
  ['div', '/'],
  ['mod', '%'],
  ['empty', 'empty'],
]);
const LITERAL_WORDS: ReadonlySet<string> = new Set(['true', 'false', 'null']);
const RESERVED_WORDS: ReadonlySet<string> = new Set(['instanceof']);
const TWO_CHAR_OPERATORS: ReadonlySet<string> = new Set(['==', '!=', '<=', '>=', '&&', '||']);
const ONE_CHAR_OPERATORS: ReadonlySet<string> = new Set('<>!+-*/%?:.[](),');
const ESCAPABLE: ReadonlySet<string> = new Set(['\\', "'", '"']);
const NUMBER = /(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const IDENTIFIER = /[\p{L}_$][\p{L}\p{N}_$]*/uy;
const WHITESPACE: ReadonlySet<string> = new Set([' ', '\t', '\r', '\n']);

/** Splits an expression body found at `offset` in `source` into tokens, the last being 'end'. */
export function tokenize(body: string, offset: number, source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < body.length) {
    if (WHITESPACE.has(body.charAt(i))) {
      i++;
      continue;
    }
    const token = readToken(body, i, offset, source);
    tokens.push(token);
    i += token.raw.length;
  }
  tokens.push({ type: 'end', value: '', raw: '', pos: offset + body.length });
  return tokens;
}

function readToken(body: string, i: number, offset: number, source: string): Token {
  const pos = offset + i;
  const c = body.charAt(i);
  if (c === '"' || c === "'") return readString(body, i, offset, source);
  const number = matchAt(NUMBER, body, i);
  if (number !== undefined) return { type: 'number', value: number, raw: number, pos };
  const word = matchAt(IDENTIFIER, body, i);
  if (word !== undefined) return wordToken(word, pos, source);
  const two = body.slice(i, i + 2);
  if (TWO_CHAR_OPERATORS.has(two)) return { type: 'operator', value: two, raw: two, pos };
  if (ONE_CHAR_OPERATORS.has(c)) return { type: 'operator', value: c, raw: c, pos };
  throw syntaxError(`Unexpected character '${c}'`, pos, source);
}

function wordToken(word: string, pos: number, source: string): Token {
  const operator = WORD_OPERATORS.get(word);
  if (operator !== undefined) return { type: 'operator', value: operator, raw: word, pos };
  if (LITERAL_WORDS.has(word)) return { type: 'literal', value: word, raw: word, pos };
  if (RESERVED_WORDS.has(word)) throw syntaxError(`Reserved word '${word}'`, pos, source);
  return { type: 'identifier', value: word, raw: word, pos };
}

function readString(body: string, start: number, offset: number, source: string): Token {
  const quote = body.charAt(start);
  let value = '';
  let i = start + 1;
  while (i < body.length) {
    const c = body.charAt(i);
    if (c === quote) {
      return { type: 'string', value, raw: body.slice(start, i + 1), pos: offset + start };
    }
    if (c === '\\') {
      const next = body.charAt(i + 1);
      if (!ESCAPABLE.has(next)) {
        throw syntaxError(`Invalid escape sequence '\\${next}'`, offset + i, source);
      }
      value += next;
      i += 2;
      continue;
    }
    value += c;
    i++;
  }
  throw syntaxError('Unterminated string', offset + start, source);
}

function matchAt(pattern: RegExp, text: string, index: number): string | undefined {
  pattern.lastIndex = index;
  return pattern.exec(text)?.[0];
}
