/**
 * File variables (Camunda's type `File`): bytes with a file name, MIME type and encoding. On
 * the wire the bytes travel base64 in `value` and the rest in `valueInfo`; reading a variable
 * returns `value: null` and the bytes come from the `/data` endpoints. Inside the engine the
 * value is this descriptor; the bytes (`content`, base64) ride along only in the command that
 * sets them, and the PostgreSQL adapter moves them into their own bytea row (`fileId`), so
 * loading an instance never loads file contents.
 */
import { randomUUID } from 'node:crypto';
import { InvalidRequestError } from '../errors';

/** Largest file a variable may hold (1 MiB); larger uploads are refused with a 400. */
export const MAX_FILE_VARIABLE_BYTES = 1024 * 1024;

/** The value of a File variable. */
export interface FileValue {
  readonly fileId: string;
  readonly filename: string | null;
  readonly mimeType: string | null;
  readonly encoding: string | null;
  readonly size: number;
  /** Base64 bytes, present only while the command that set them is written. */
  readonly content?: string;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function bad(name: string, why: string): InvalidRequestError {
  return new InvalidRequestError(`Variable '${name}': ${why}`, 'VARIABLE_INVALID');
}

function info(valueInfo: Record<string, unknown> | undefined, key: string): string | null {
  const v = valueInfo?.[key];
  return typeof v === 'string' && v !== '' ? v : null;
}

/** A File value from bytes (multipart uploads). */
export function fileValueFromBytes(name: string, bytes: Uint8Array, meta: { filename: string | null; mimeType: string | null; encoding: string | null }): FileValue {
  if (bytes.length > MAX_FILE_VARIABLE_BYTES) {
    throw bad(name, `file of ${bytes.length} bytes exceeds the limit of ${MAX_FILE_VARIABLE_BYTES} bytes`);
  }
  return { fileId: randomUUID(), ...meta, size: bytes.length, content: Buffer.from(bytes).toString('base64') };
}

/** A File value from Camunda's wire shape: base64 `value`, `valueInfo.filename/mimeType/encoding`. */
export function fileValueFromWire(name: string, value: unknown, valueInfo: Record<string, unknown> | undefined): FileValue {
  if (typeof value !== 'string') throw bad(name, 'value of type File must be a base64 string');
  const text = value.replace(/\s+/g, '');
  if (text.length % 4 === 1 || !BASE64.test(text)) throw bad(name, 'value of type File is not valid base64');
  const bytes = Buffer.from(text, 'base64');
  // Camunda spells it mimeType; some clients send mimetype.
  return fileValueFromBytes(name, bytes, { filename: info(valueInfo, 'filename'), mimeType: info(valueInfo, 'mimeType') ?? info(valueInfo, 'mimetype'), encoding: info(valueInfo, 'encoding') });
}

/** True for (whitespace-free) base64 text. */
export function isBase64(text: string): boolean {
  return text.length % 4 !== 1 && BASE64.test(text);
}

/**
 * A Bytes value (Camunda's byte array) from base64: kept inline as base64 text, since Camunda
 * returns it inline in variable reads; the same size limit as files applies.
 */
export function bytesValueFromWire(name: string, value: unknown): string {
  if (typeof value !== 'string') throw bad(name, 'value of type Bytes must be a base64 string');
  const text = value.replace(/\s+/g, '');
  if (!isBase64(text)) throw bad(name, 'value of type Bytes is not valid base64');
  const size = Buffer.from(text, 'base64').length;
  if (size > MAX_FILE_VARIABLE_BYTES) throw bad(name, `${size} bytes exceed the limit of ${MAX_FILE_VARIABLE_BYTES} bytes`);
  return Buffer.from(text, 'base64').toString('base64');
}

/** True for a File descriptor. */
export function isFileValue(v: unknown): v is FileValue {
  return typeof v === 'object' && v !== null && typeof (v as FileValue).fileId === 'string' && typeof (v as FileValue).size === 'number';
}

/** Camunda's valueInfo of a File variable. */
export function fileValueInfo(v: FileValue): Record<string, unknown> {
  return { filename: v.filename, mimeType: v.mimeType, encoding: v.encoding };
}
