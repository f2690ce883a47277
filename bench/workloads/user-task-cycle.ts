/**
 * Workload 1, the user-task cycle: start an instance (it stops at the user task), find its
 * task, complete it (the instance ends). Three calls per instance, through the engine API or
 * through REST; the same steps a Camunda 7 client performs.
 */
import type { Engine, VariableMap } from '@baton/engine';
import type { RestClient } from '../lib/http-client';
import type { Iteration } from '../lib/load';

/** Process key of bench/processes/user-task-cycle.bpmn. */
export const USER_TASK_KEY = 'benchUserTask';

const START_VARIABLES: VariableMap = { amount: { type: 'Integer', value: 42 } };
const COMPLETE_VARIABLES: VariableMap = { approved: { type: 'Boolean', value: true } };

/** One cycle through the engine API. */
export function engineUserTaskCycle(engine: Engine): Iteration {
  return async (r) => {
    const started = await r.time('start', () => engine.startProcessInstance({ key: USER_TASK_KEY, variables: START_VARIABLES }));
    const [task] = await r.time('query', () => engine.reads.findTasks({ processInstanceId: started.instanceId }));
    if (!task) throw new Error(`instance ${started.instanceId} has no open task`);
    const done = await r.time('complete', () => engine.completeTask(task.id, COMPLETE_VARIABLES));
    if (!done.ended) throw new Error(`instance ${started.instanceId} did not end after completing its task`);
  };
}

/** One cycle through /engine-rest. */
export function restUserTaskCycle(client: RestClient): Iteration {
  return async (r) => {
    const started = await r.time('start', () =>
      client.call<{ id: string }>('POST', `/process-definition/key/${USER_TASK_KEY}/start`, { variables: { amount: { value: 42, type: 'Integer' } } }),
    );
    const tasks = await r.time('query', () => client.call<{ id: string }[]>('GET', `/task?processInstanceId=${started.id}`));
    const task = tasks[0];
    if (!task) throw new Error(`instance ${started.id} has no open task`);
    await r.time('complete', () => client.call('POST', `/task/${task.id}/complete`, { variables: { approved: { value: true, type: 'Boolean' } } }));
  };
}
