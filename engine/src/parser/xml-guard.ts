/**
 * Checks raw XML before any parser sees it. Why here and not in the parser: bpmn-moddle's
 * saxen tokenizer does not resolve external entities, but it does not reject DOCTYPEs either,
 * and a DOCTYPE has no legitimate use in BPMN. Rejecting it outright closes XXE and entity
 * expansion (billion laughs) without relying on parser internals.
 */
import { BatonError } from '../errors';

/** Default cap on one BPMN resource, in bytes (10 MB). */
export const DEFAULT_MAX_XML_BYTES = 10 * 1024 * 1024;

/** Rejects oversized input and any DOCTYPE/ENTITY declaration; returns the text. */
export function guardXml(input: string | Uint8Array, resourceName: string, maxBytes = DEFAULT_MAX_XML_BYTES): string {
  const size = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength;
  if (size > maxBytes) {
    throw new BatonError(
      'BPMN_TOO_LARGE',
      `Resource '${resourceName}' is ${size} bytes; the limit is ${maxBytes} bytes`,
    );
  }
  const text = typeof input === 'string' ? withUtf8Declaration(input) : decode(Buffer.from(input));
  if (/<!DOCTYPE/i.test(text) || /<!ENTITY/i.test(text)) {
    throw new BatonError(
      'BPMN_FORBIDDEN_DOCTYPE',
      `Resource '${resourceName}' contains a DOCTYPE or ENTITY declaration; these are not allowed in BPMN files (XXE/entity expansion protection)`,
    );
  }
  return text;
}

/**
 * Decodes bytes by the XML declaration's encoding: UTF-8 (default) or ISO-8859-1/Latin-1 (some
 * modeling tools still write it). The declaration is rewritten to UTF-8, since the result is
 * a JS string and the parser must not warn about an encoding it no longer has.
 */
function decode(bytes: Buffer): string {
  const head = bytes.subarray(0, 200).toString('latin1');
  const declared = /^\s*<\?xml[^>]*encoding=["']([^"']+)["']/i.exec(head)?.[1]?.toLowerCase();
  if (declared === 'iso-8859-1' || declared === 'latin1' || declared === 'latin-1') {
    return withUtf8Declaration(bytes.toString('latin1'));
  }
  return bytes.toString('utf8');
}

function withUtf8Declaration(text: string): string {
  return text.replace(/^(\s*<\?xml[^>]*encoding=["'])[^"']+(["'])/i, '$1UTF-8$2');
}
