import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine, InMemoryStore, runAsUser, type PersistencePort } from '../../src';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import { fixture, vars } from '../support/scenario';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('engine_op_log');
});
afterAll(async () => {
  await db?.drop();
});

async function setUp(store: PersistencePort) {
  const engine = new Engine({ store });
  await engine.deploy({ name: 'op-log', resources: [{ name: 'parallel-gateway.bpmn', content: fixture('parallel-gateway.bpmn') }] });
  return engine;
}

describe('user operation log in the engine', () => {
  it('commands run as a user write entries with the change; commands without a user and failed commands write none', async () => {
    const engine = await setUp(db.store);
    const pool = db.store.pool;
    const entries = async () => (await pool.query('SELECT user_id, operation_type, entity_type, property, org_value, new_value FROM user_operation_log ORDER BY timestamp, id')).rows;

    const started = await engine.startProcessInstance({ key: 'parallel' });
    const [task] = await engine.reads.findTasks({ processInstanceId: started.instanceId });
    expect(await entries()).toEqual([]);

    await runAsUser('ann', () => engine.claimTask(task!.id, 'ann'));
    await expect(runAsUser('bob', () => engine.claimTask(task!.id, 'bob'))).rejects.toThrow(/already claimed/);
    await runAsUser('ann', () => engine.updateTask(task!.id, { priority: 80, due: new Date('2030-01-01T00:00:00Z') }));
    expect(await entries()).toEqual([
      { user_id: 'ann', operation_type: 'Claim', entity_type: 'Task', property: 'assignee', org_value: null, new_value: 'ann' },
      { user_id: 'ann', operation_type: 'Update', entity_type: 'Task', property: 'priority', org_value: '50', new_value: '80' },
      { user_id: 'ann', operation_type: 'Update', entity_type: 'Task', property: 'dueDate', org_value: null, new_value: String(Date.parse('2030-01-01T00:00:00Z')) },
    ]);
    // Entries of one operation share the operation id.
    const ids = (await pool.query(`SELECT DISTINCT operation_id FROM user_operation_log WHERE operation_type = 'Update'`)).rows;
    expect(ids).toHaveLength(1);
  });

  it('keeps the entries in the in-memory adapter too', async () => {
    const store = new InMemoryStore();
    const engine = await setUp(store);
    const started = await runAsUser('carl', () => engine.startProcessInstance({ key: 'parallel', variables: vars({ x: 1 }) }));
    await runAsUser('carl', () => engine.setInstanceSuspended(started.instanceId, true));
    expect(store.userOperations().map((e) => [e.userId, e.operationType])).toEqual([['carl', 'Create'], ['carl', 'Suspend']]);
  });
});
