import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FILE_VARIABLE_BYTES } from '@baton/engine';
import { authHeader, engineFixture, startTestServer, type Credentials, type TestServer } from './support/test-server';

let s: TestServer;
let john: Credentials;

const TEXT = 'Grüße aus Baton\n';
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** Downloads binary data (s.call parses JSON; this keeps the bytes). */
async function download(path: string, as?: Credentials | null) {
  const res = await fetch(s.base + path, { headers: authHeader(as) });
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()), type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition') };
}

/** Uploads a file as Camunda's multipart `data` part. */
async function upload(path: string, bytes: Uint8Array | string, opts: { filename?: string; mime?: string; valueType?: string; as?: Credentials | null } = {}) {
  const form = new FormData();
  form.append('data', new Blob([bytes], { type: opts.mime ?? 'application/octet-stream' }), opts.filename ?? 'file.bin');
  if (opts.valueType !== undefined) form.append('valueType', opts.valueType);
  const res = await fetch(s.base + path, { method: 'POST', body: form, headers: authHeader(opts.as) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

async function startInstance(extra: Record<string, unknown> = {}) {
  const res = await s.call('POST', '/process-definition/key/userTaskProcess/start', { variables: { subject: { value: 'x' }, reviewer: { value: 'john' }, prio: { value: 1 }, ...extra } });
  expect(res.status).toBe(200);
  const [task] = (await s.call('GET', `/task?processInstanceId=${res.body.id}`)).body;
  return { instanceId: res.body.id as string, taskId: task.id as string };
}

beforeAll(async () => {
  s = await startTestServer('file-variables');
  john = await s.createUser('john', ['sales']);
  await s.deploy({ 'u.bpmn': engineFixture('user-task.bpmn') });
});
afterAll(async () => {
  await s?.close();
});

describe('File variables', () => {
  it('stores a base64 File from JSON: the variable shows its valueInfo, /data returns the bytes', async () => {
    const { instanceId } = await startInstance({ invoice: { value: b64(TEXT), type: 'file', valueInfo: { filename: 'invoice.txt', mimeType: 'text/plain', encoding: 'UTF-8' } } });
    const v = await s.call('GET', `/process-instance/${instanceId}/variables/invoice`);
    expect(v.body).toEqual({ value: null, type: 'File', valueInfo: { filename: 'invoice.txt', mimeType: 'text/plain', encoding: 'UTF-8' } });
    const data = await download(`/process-instance/${instanceId}/variables/invoice/data`);
    expect(data.status).toBe(200);
    expect(data.bytes.toString('utf8')).toBe(TEXT);
    expect(data.type).toBe('text/plain; charset=UTF-8');
    expect(data.disposition).toBe('attachment; filename="invoice.txt"');
    // The bytes live in variable_file (bytea), not in the variable's jsonb.
    const row = (await s.db.store.pool.query(`SELECT value FROM variable WHERE name = 'invoice' AND process_instance_id = $1`, [instanceId])).rows[0];
    expect(row.value.content).toBeUndefined();
    const file = (await s.db.store.pool.query('SELECT content FROM variable_file WHERE id = $1', [row.value.fileId])).rows[0];
    expect(Buffer.from(file.content).toString('utf8')).toBe(TEXT);
  });

  it('uploads multipart data to task, task-local and execution variables and serves it from every /data endpoint, history included', async () => {
    const { instanceId, taskId } = await startInstance();
    const pdf = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x10]);
    expect((await upload(`/task/${taskId}/localVariables/scan/data`, pdf, { filename: 'scan.pdf', mime: 'application/pdf', valueType: 'File' }, )).status).toBe(204);
    expect((await upload(`/task/${taskId}/variables/shared/data`, 'shared', { filename: 's.txt', mime: 'text/plain' })).status).toBe(204);
    expect((await upload(`/execution/${instanceId}/localVariables/atExecution/data`, 'exec', { filename: 'e.txt', mime: 'text/plain' })).status).toBe(204);

    expect((await download(`/task/${taskId}/localVariables/scan/data`)).bytes).toEqual(pdf);
    expect((await download(`/task/${taskId}/variables/shared/data`)).bytes.toString()).toBe('shared');
    expect((await download(`/process-instance/${instanceId}/variables/shared/data`)).bytes.toString()).toBe('shared');
    expect((await download(`/execution/${instanceId}/localVariables/atExecution/data`)).bytes.toString()).toBe('exec');
    const [scan] = (await s.call('GET', `/variable-instance?variableName=scan&processInstanceIdIn=${instanceId}`)).body;
    expect(scan).toMatchObject({ type: 'File', value: null, valueInfo: { filename: 'scan.pdf', mimeType: 'application/pdf' } });
    const byInstance = await download(`/variable-instance/${scan.id}/data`);
    expect([byInstance.bytes, byInstance.type]).toEqual([pdf, 'application/pdf']);

    expect((await s.call('POST', `/task/${taskId}/complete`, {})).status).toBe(204);
    const [historic] = (await s.call('GET', `/history/variable-instance?processInstanceId=${instanceId}&variableName=scan`)).body;
    expect(historic).toMatchObject({ type: 'File', value: null, valueInfo: { filename: 'scan.pdf' } });
    expect((await download(`/history/variable-instance/${historic.id}/data`)).bytes).toEqual(pdf);
    // Deleting the history deletes the file too.
    expect((await s.call('DELETE', `/history/process-instance/${instanceId}`)).status).toBe(204);
    expect((await download(`/history/variable-instance/${historic.id}/data`)).status).toBe(404);
  });

  it('stores Bytes inline (base64 in reads), from JSON and from a multipart upload without valueType (Camunda’s default)', async () => {
    const { instanceId } = await startInstance({ raw: { value: b64('abc'), type: 'bytes' } });
    expect((await s.call('GET', `/process-instance/${instanceId}/variables/raw`)).body).toEqual({ value: b64('abc'), type: 'Bytes', valueInfo: {} });
    const data = await download(`/process-instance/${instanceId}/variables/raw/data`);
    expect([data.status, data.type, data.bytes.toString()]).toEqual([200, 'application/octet-stream', 'abc']);
    expect((await upload(`/process-instance/${instanceId}/variables/uploaded/data`, 'xyz', { filename: 'x.bin' })).status).toBe(204);
    expect((await s.call('GET', `/process-instance/${instanceId}/variables/uploaded`)).body).toEqual({ value: b64('xyz'), type: 'Bytes', valueInfo: {} });
  });

  it('answers 400 for bad input, a too large file, serialized Java objects, and /data of a non-file variable', async () => {
    const { instanceId, taskId } = await startInstance();
    const badBase64 = await s.call('PUT', `/process-instance/${instanceId}/variables/f`, { value: 'not base64!', type: 'File', valueInfo: { filename: 'f' } });
    expect([badBase64.status, badBase64.body.message]).toEqual([400, "Variable 'f': value of type File is not valid base64"]);
    const javaObject = await s.call('PUT', `/process-instance/${instanceId}/variables/o`, { value: 'rO0ABX', type: 'Object', valueInfo: { objectTypeName: 'com.acme.Order', serializationDataFormat: 'application/x-java-serialized-object' } });
    expect(javaObject.status).toBe(400);
    expect(javaObject.body.message).toContain('serialized Java objects');
    const tooLarge = await upload(`/task/${taskId}/localVariables/big/data`, new Uint8Array(MAX_FILE_VARIABLE_BYTES + 1), { filename: 'big.bin' });
    expect(tooLarge.status).toBe(400);
    expect(tooLarge.body).toEqual({ type: 'InvalidRequestException', message: `File too large: a file variable may hold at most ${MAX_FILE_VARIABLE_BYTES} bytes` });
    expect((await upload(`/task/${taskId}/localVariables/b/data`, 'x', { valueType: 'Object' })).status).toBe(400);
    expect((await s.call('PUT', `/process-instance/${instanceId}/variables/b`, { value: 'not base64!', type: 'Bytes' })).status).toBe(400);
    expect((await s.call('POST', `/task/${taskId}/localVariables/b/data`, {})).status).toBe(400);
    const notBinary = await s.call('GET', `/process-instance/${instanceId}/variables/subject/data`);
    expect(notBinary.status).toBe(400);
    expect(notBinary.body.message).toMatch(/is not a binary value/);
  });

  it('answers 401 without credentials, 403 without permission and 404 for unknown ids and names', async () => {
    const { instanceId, taskId } = await startInstance({ doc: { value: b64('secret'), type: 'File', valueInfo: { filename: 'd.txt' } } });
    expect((await download(`/process-instance/${instanceId}/variables/doc/data`, null)).status).toBe(401);
    expect((await upload(`/process-instance/${instanceId}/variables/doc/data`, 'x', { as: null })).status).toBe(401);
    // john works on the task but may not read or write the instance's variables directly.
    expect((await download(`/process-instance/${instanceId}/variables/doc/data`, john)).status).toBe(403);
    expect((await upload(`/process-instance/${instanceId}/variables/doc/data`, 'x', { as: john })).status).toBe(403);
    expect((await download(`/task/${taskId}/variables/doc/data`, john)).bytes.toString()).toBe('secret');
    expect((await download(`/process-instance/${instanceId}/variables/nope/data`)).status).toBe(404);
    expect((await download(`/process-instance/no-such-instance/variables/doc/data`)).status).toBe(404);
    expect((await download(`/task/no-such-task/variables/doc/data`)).status).toBe(404);
    expect((await download(`/variable-instance/no-such-variable/data`)).status).toBe(404);
    expect((await download(`/history/variable-instance/no-such-variable/data`)).status).toBe(404);
    expect((await upload(`/execution/no-such-execution/localVariables/x/data`, 'x')).status).toBe(404);
  });
});
