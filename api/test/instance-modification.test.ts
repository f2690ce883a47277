import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineFixture, startTestServer, type TestServer } from './support/test-server';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer('instance_modification');
  await s.deploy({ 'modification.bpmn': engineFixture('modification.bpmn') });
});
afterAll(async () => {
  await s?.close();
});

describe('process instance modification over REST', () => {
  it('starts before an activity with a variable and cancels an activity instance; bad instructions are 400', async () => {
    const id = (await s.call('POST', '/process-definition/key/modify/start', {})).body.id;
    const tree = (await s.call('GET', `/process-instance/${id}/activity-instances`)).body;
    const review = tree.childActivityInstances.find((a: any) => a.activityId === 'review');
    const modified = await s.call('POST', `/process-instance/${id}/modification`, {
      skipCustomListeners: true,
      skipIoMappings: true,
      instructions: [
        { type: 'startBeforeActivity', activityId: 'approve', variables: { note: { value: 'skip review', type: 'String', local: false } } },
        { type: 'cancel', activityInstanceId: review.id },
      ],
      annotation: 'review not needed',
    });
    expect(modified.status).toBe(204);
    expect((await s.call('GET', `/task?processInstanceId=${id}`)).body.map((t: any) => t.taskDefinitionKey)).toEqual(['approve']);
    expect((await s.call('GET', `/process-instance/${id}/variables`)).body.note.value).toBe('skip review');

    const missing = await s.call('POST', `/process-instance/${id}/modification`, { instructions: [{ type: 'startBeforeActivity' }] });
    expect(missing.status).toBe(400);
    expect(missing.body.message).toBe("Instruction 1 (startBeforeActivity): 'activityId' must be set");
    const unknown = await s.call('POST', `/process-instance/${id}/modification`, { instructions: [{ type: 'startBeforeActivity', activityId: 'nope' }] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toContain("activity 'nope' does not exist");
    expect((await s.call('POST', '/process-instance/does-not-exist/modification', { instructions: [{ type: 'cancel', activityId: 'x' }] })).status).toBe(404);

    expect((await s.call('POST', `/process-instance/${id}/modification`, { instructions: [{ type: 'cancel', activityId: 'approve' }] })).status).toBe(204);
    expect((await s.call('GET', `/history/process-instance/${id}`)).body.state).toBe('EXTERNALLY_TERMINATED');
  });
});
