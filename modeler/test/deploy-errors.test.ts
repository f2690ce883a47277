import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import { deployProblems } from '../src/deploy/deploy-errors';

describe('deployProblems', () => {
  it('reads element ids and reasons from a ParseException', () => {
    const err = new ApiError(400, {
      type: 'ParseException', message: 'invalid',
      details: { 'a.bpmn': { errors: [
        { message: 'unsupported element type bpmn:ServiceTask', mainElementId: 'Task_1', elementIds: ['Task_1'] },
        { message: 'has no none start event', mainElementId: null, elementIds: [] },
      ], warnings: [] } },
    });
    expect(deployProblems(err)).toEqual([
      { elementId: 'Task_1', message: 'unsupported element type bpmn:ServiceTask' },
      { elementId: null, message: 'has no none start event' },
    ]);
  });

  it('keeps the message of a ParseException without details, ignores other errors', () => {
    expect(deployProblems(new ApiError(400, { type: 'ParseException', message: 'malformed XML' }))).toEqual([{ elementId: null, message: 'malformed XML' }]);
    expect(deployProblems(new ApiError(403, { type: 'AuthorizationException', message: 'no' }))).toEqual([]);
    expect(deployProblems(new Error('network'))).toEqual([]);
  });
});
