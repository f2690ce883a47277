/**
 * Workloads 2 and 3: instances that run from start to end in one command (one transaction):
 * straight-through (exclusive gateway, 5 no-op tasks) and parallel (10 branches, join).
 */
import type { Engine, VariableMap } from '@baton/engine';
import type { Iteration } from '../lib/load';

/** Process key of bench/processes/straight-through.bpmn. */
export const STRAIGHT_THROUGH_KEY = 'benchStraightThrough';
/** Process key of bench/processes/parallel-10.bpmn. */
export const PARALLEL_KEY = 'benchParallel';

const VARIABLES: VariableMap = { amount: { type: 'Integer', value: 42 } };

/** Starts one instance that must end within the same command. */
export function runToEnd(engine: Engine, key: string, variables: VariableMap = VARIABLES): Iteration {
  return async (r) => {
    const result = await r.time('start', () => engine.startProcessInstance({ key, variables }));
    if (!result.ended) throw new Error(`instance of ${key} did not end in its first transaction`);
  };
}
