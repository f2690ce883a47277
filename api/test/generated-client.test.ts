/**
 * A client generated from Camunda 7's OpenAPI document (npm @visaright/camunda-rest-client,
 * openapi-generator + axios) deploys, starts, queries and completes through Baton unchanged.
 */
import FormData from 'form-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Configuration, DeploymentApi, HistoricProcessInstanceApi, ProcessDefinitionApi, ProcessInstanceApi, TaskApi } from '@visaright/camunda-rest-client';
import { ADMIN, engineFixture, startTestServer, type TestServer } from './support/test-server';

const BOUNDARY = 'baton-generated-client-boundary';

/** form-data with a known boundary, so the request headers can name it. */
class FixedBoundaryForm extends FormData {
  constructor() {
    super();
    (this as unknown as { _boundary: string })._boundary = BOUNDARY;
  }
  override append(field: string, value: unknown): void {
    const part = Buffer.isBuffer(value) ? value : String(value);
    super.append(field, part, field === 'data' ? { filename: 'user-task.bpmn' } : undefined);
  }
}

/** The 7.15 document (and so this client) types a variable value as `object`; Camunda takes any JSON value. */
const v = (value: unknown) => value as object;

let s: TestServer;
let config: Configuration;
beforeAll(async () => {
  s = await startTestServer('generated_client');
  // Camunda's document declares no security scheme, so credentials go in as axios options.
  config = new Configuration({ basePath: s.base, baseOptions: { auth: { username: ADMIN.user, password: ADMIN.password } } });
});
afterAll(async () => {
  await s?.close();
});

describe('the generated Camunda 7 REST client', () => {
  it('deploys, starts, queries and completes', async () => {
    // In Node the generated client needs a stream FormData (formDataCtor) and the multipart
    // boundary in the headers — what Node users of this client do.
    const multipart = new Configuration({ basePath: s.base, baseOptions: config.baseOptions, formDataCtor: FixedBoundaryForm });
    const deployment = await new DeploymentApi(multipart).createDeployment(
      { deploymentName: 'generated-client', deployChangedOnly: true, data: Buffer.from(engineFixture('user-task.bpmn')) },
      { headers: { 'Content-Type': `multipart/form-data; boundary=${BOUNDARY}` } },
    );
    expect(deployment.status).toBe(200);
    const definitions = Object.values(deployment.data.deployedProcessDefinitions ?? {});
    expect(definitions.map((d) => d.key)).toEqual(['userTaskProcess']);

    const definition = await new ProcessDefinitionApi(config).getProcessDefinitionByKey({ key: 'userTaskProcess' });
    expect(definition.data.version).toBe(1);

    const started = await new ProcessDefinitionApi(config).startProcessInstanceByKey({
      key: 'userTaskProcess',
      startProcessInstanceDto: {
        businessKey: 'gen-1',
        variables: { subject: { value: v('report'), type: 'String' }, reviewer: { value: v('admin'), type: 'String' }, prio: { value: v(70), type: 'Integer' } },
      },
    });
    const instanceId = started.data.id!;
    expect(started.data.businessKey).toBe('gen-1');

    const instance = await new ProcessInstanceApi(config).getProcessInstance({ id: instanceId });
    expect(instance.data.ended).toBe(false);
    const variables = await new ProcessInstanceApi(config).getProcessInstanceVariables({ id: instanceId });
    expect(variables.data.prio).toMatchObject({ value: 70, type: 'Integer' });

    const tasks = await new TaskApi(config).getTasks({ processInstanceId: instanceId, assignee: 'admin' });
    expect(tasks.data.map((t) => t.name)).toEqual(['Review report']);
    const count = await new TaskApi(config).getTasksCount({ processInstanceId: instanceId });
    expect(count.data.count).toBe(1);

    const done = await new TaskApi(config).complete({ id: tasks.data[0]!.id!, completeTaskDto: { variables: { approved: { value: v(true), type: 'Boolean' } } } });
    expect(done.status).toBe(204);

    const history = await new HistoricProcessInstanceApi(config).getHistoricProcessInstance({ id: instanceId });
    expect(history.data.state).toBe('COMPLETED');
  });
});
