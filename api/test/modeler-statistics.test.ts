import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authHeader, startTestServer, type Credentials, type TestServer } from './support/test-server';

const approval = readFileSync(join(import.meta.dirname, '..', '..', 'processes', 'approval.bpmn'), 'utf8');

let s: TestServer;
let root: string;
let definitionId: string;
const instances: string[] = [];

async function start(businessKey: string): Promise<string> {
  const r = await s.call('POST', `/process-definition/${definitionId}/start`, { businessKey });
  expect(r.status).toBe(200);
  return r.body.id as string;
}

async function completeTask(instanceId: string, approved: boolean): Promise<void> {
  const [task] = (await s.call('GET', `/task?processInstanceId=${instanceId}`)).body;
  expect((await s.call('POST', `/task/${task.id}/complete`, { variables: { approved: { value: approved, type: 'Boolean' } } })).status).toBe(204);
}

async function kpi(as?: Credentials | null) {
  const res = await fetch(`${root}/baton/api/kpi/process-definition/${definitionId}`, { headers: authHeader(as) });
  return { status: res.status, body: (await res.json()) as any };
}

beforeAll(async () => {
  s = await startTestServer('modeler-statistics');
  root = s.base.replace('/engine-rest', '');
  const deployed = await s.deploy({ 'approval.bpmn': approval }, { 'deployment-name': 'approval' });
  expect(deployed.status).toBe(200);
  definitionId = Object.keys(deployed.body.deployedProcessDefinitions)[0]!;
  for (const key of ['a', 'b', 'c', 'd']) instances.push(await start(key));
  await completeTask(instances[0]!, true);
  await completeTask(instances[1]!, false);
  expect((await s.call('DELETE', `/process-instance/${instances[2]}`)).status).toBe(204);
});
afterAll(async () => {
  await s?.close();
});

describe('GET /process-definition/{id}/statistics', () => {
  it('counts the running activity instances per activity', async () => {
    const r = await s.call('GET', `/process-definition/${definitionId}/statistics`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/json');
    expect(r.body).toEqual([{ id: 'Task_approve', instances: 1, failedJobs: 0, incidents: [] }]);
  });

  it('reports incidents per type and failed jobs when asked', async () => {
    const { rows } = await s.db.store.pool.query(`SELECT state FROM process_instance WHERE id = $1`, [instances[3]]);
    const token = rows[0].state.tokens[0];
    await s.db.store.pool.query(
      `INSERT INTO incident (id, process_instance_id, definition_id, activity_id, token_id, incident_type, error_code, message, timestamp)
       VALUES ('inc-1', $1, $2, 'Task_approve', $3, 'failedJob', 'JOB_FAILED', 'boom', now())`,
      [instances[3], definitionId, token.id],
    );
    try {
      const plain = await s.call('GET', `/process-definition/${definitionId}/statistics`);
      expect(plain.body[0]).toMatchObject({ failedJobs: 0, incidents: [] });
      const full = await s.call('GET', `/process-definition/${definitionId}/statistics?incidents=true&failedJobs=true`);
      expect(full.body).toEqual([{ id: 'Task_approve', instances: 1, failedJobs: 1, incidents: [{ incidentType: 'failedJob', incidentCount: 1 }] }]);
      // Cockpit's rootIncidents: every Baton incident is its own root cause.
      const roots = await s.call('GET', `/process-definition/${definitionId}/statistics?rootIncidents=true`);
      expect(roots.body[0].incidents).toEqual([{ incidentType: 'failedJob', incidentCount: 1 }]);
      const other = await s.call('GET', `/process-definition/${definitionId}/statistics?incidentsForType=failedExternalTask`);
      expect(other.body[0].incidents).toEqual([]);
      const tree = await s.call('GET', `/process-instance/${instances[3]}/activity-instances`);
      expect(tree.body.childActivityInstances[0].incidentIds).toEqual(['inc-1']);
    } finally {
      await s.db.store.pool.query(`DELETE FROM incident WHERE id = 'inc-1'`);
    }
  });

  it('answers by key (latest version) and 404 for unknown definitions', async () => {
    expect((await s.call('GET', '/process-definition/key/approval/statistics')).body).toHaveLength(1);
    expect((await s.call('GET', '/process-definition/nope/statistics')).status).toBe(404);
  });

  it('needs a signed-in user', async () => {
    expect((await s.call('GET', `/process-definition/${definitionId}/statistics`, undefined, null)).status).toBe(401);
    expect((await s.call('GET', '/process-definition/statistics', undefined, null)).status).toBe(401);
    expect((await kpi(null)).status).toBe(401);
  });
});

describe('GET /process-definition/statistics', () => {
  it('lists every definition with its running instances (not taken for a definition id)', async () => {
    const r = await s.call('GET', '/process-definition/statistics?incidents=true');
    expect(r.status).toBe(200);
    expect(r.body).toHaveLength(1);
    expect(r.body[0]).toMatchObject({ id: definitionId, instances: 1, failedJobs: 0, incidents: [], definition: { id: definitionId, key: 'approval', version: 1 } });
  });

  it('shows a user only the definitions they may read', async () => {
    const nobody = await s.createUser('nobody', []);
    expect((await s.call('GET', '/process-definition/statistics', undefined, nobody)).body).toEqual([]);
    expect((await s.call('GET', `/process-definition/${definitionId}/statistics`, undefined, nobody)).status).toBe(403);
    expect((await kpi(nobody)).status).toBe(403);
  });
});

describe('GET /process-instance/{id}/activity-instances', () => {
  it('returns the Camunda activity instance tree from the tokens', async () => {
    const r = await s.call('GET', `/process-instance/${instances[3]}/activity-instances`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: instances[3], parentActivityInstanceId: null, activityId: definitionId, activityType: 'processDefinition', processInstanceId: instances[3] });
    expect(r.body.childActivityInstances).toHaveLength(1);
    expect(r.body.childActivityInstances[0]).toMatchObject({
      activityId: 'Task_approve', activityType: 'userTask', activityName: 'Approve request', parentActivityInstanceId: instances[3], childActivityInstances: [], incidentIds: [],
    });
    expect((await s.call('GET', `/process-instance/${instances[0]}/activity-instances`)).status).toBe(404);
  });
});

describe('GET /baton/api/kpi/process-definition/{id}', () => {
  it('computes counts, percentiles, error-path share and the cycle time histogram in SQL', async () => {
    const pool = s.db.store.pool;
    // Make the durations exact: the approvals of instances a and b took 1 s and 3 s; a ran 10 s, b 20 s.
    await pool.query(`UPDATE history_activity_instance SET start_time = end_time - ($2 || ' milliseconds')::interval WHERE process_instance_id = $1 AND activity_id = 'Task_approve'`, [instances[0], '1000']);
    await pool.query(`UPDATE history_activity_instance SET start_time = end_time - ($2 || ' milliseconds')::interval WHERE process_instance_id = $1 AND activity_id = 'Task_approve'`, [instances[1], '3000']);
    await pool.query(`UPDATE history_process_instance SET start_time = end_time - interval '10 seconds' WHERE id = $1`, [instances[0]]);
    await pool.query(`UPDATE history_process_instance SET start_time = end_time - interval '20 seconds' WHERE id = $1`, [instances[1]]);
    await pool.query(
      `INSERT INTO history_activity_instance (id, process_instance_id, definition_id, activity_id, activity_type, parent_activity_instance_id, start_time, end_time, canceled, sequence)
       VALUES ('err-1', $1, $2, 'End_rejected', 'errorEndEvent', $1, now(), now(), false, 99)`,
      [instances[1], definitionId],
    );
    const { status, body } = await kpi();
    expect(status).toBe(200);
    expect(body).toMatchObject({ definitionId, started: 4, running: 1, completed: 2, errorPath: 1, errorPathShare: 0.5 });
    expect(body.cycleTime).toMatchObject({ minMs: 10_000, medianMs: 15_000, p90Ms: 19_000, maxMs: 20_000 });
    expect(body.cycleTime.buckets).toHaveLength(10);
    expect(body.cycleTime.buckets[0]).toEqual({ fromMs: 10_000, toMs: 11_000, count: 1 });
    expect(body.cycleTime.buckets[9]).toEqual({ fromMs: 19_000, toMs: 20_000, count: 1 });
    const task = body.activities.find((a: { activityId: string }) => a.activityId === 'Task_approve');
    // 4 started: a and b completed, c canceled, d still waiting.
    expect(task).toEqual({ activityId: 'Task_approve', activityType: 'userTask', count: 4, completed: 2, medianMs: 2000, p90Ms: 2800, incidents: 0, incidentRate: 0 });
  });

  it('uses the KPI indexes (migration 0005) for the aggregations', async () => {
    const client = await s.db.store.pool.connect();
    const plan = async (sql: string) => (await client.query(`EXPLAIN ${sql}`, [definitionId])).rows.map((r) => r['QUERY PLAN']).join('\n');
    try {
      // A test table is tiny, so the planner would scan it; forbid that to see which index it picks.
      await client.query('SET enable_seqscan = off');
      expect(await plan(`SELECT activity_id, min(activity_type), count(*) FILTER (WHERE end_time IS NOT NULL AND NOT canceled), max(end_time - start_time)
        FROM history_activity_instance WHERE definition_id = $1 GROUP BY activity_id`)).toMatch(/history_activity_instance_kpi_idx/);
      expect(await plan(`SELECT count(*), max(end_time - start_time) FROM history_process_instance WHERE definition_id = $1 AND state = 'COMPLETED'`))
        .toMatch(/history_process_instance_definition_idx/);
    } finally {
      await client.query('RESET enable_seqscan');
      client.release();
    }
  });
});
