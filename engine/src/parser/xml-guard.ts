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
  const text = typeof input === 'string' ? input : Buffer.from(input).toString('utf8');
  if (/<!DOCTYPE/i.test(text) || /<!ENTITY/i.test(text)) {
    throw new BatonError(
      'BPMN_FORBIDDEN_DOCTYPE',
      `Resource '${resourceName}' contains a DOCTYPE or ENTITY declaration; these are not allowed in BPMN files (XXE/entity expansion protection)`,
    );
  }
  return text;
}
