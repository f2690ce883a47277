/**
 * Baton's additions to the Camunda 7 REST API, described in OpenAPI 3 (tag "Baton"). They are
 * merged into Baton's document by generate.ts. Paths are relative to /engine-rest; the session
 * endpoints live at /baton/api and are listed with their absolute path.
 */

const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });
const error = { description: 'Error', ...json({ $ref: '#/components/schemas/ExceptionDto' }) };
const obj = { type: 'object', additionalProperties: true };
const ok = (schema: unknown) => ({ description: 'OK', ...json(schema) });
const id = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const key = { name: 'key', in: 'path', required: true, schema: { type: 'string' } };
const operationId = { name: 'operationId', in: 'path', required: true, schema: { type: 'string' } };
const query = (name: string, schema: unknown = { type: 'string' }) => ({ name, in: 'query', schema });
const PAGING = [query('sortBy', { type: 'string', enum: ['timestamp'] }), query('sortOrder', { type: 'string', enum: ['asc', 'desc'] }), query('firstResult', { type: 'integer' }), query('maxResults', { type: 'integer' })];
const USER_OPERATION_FILTERS = [
  ...['deploymentId', 'processDefinitionId', 'processDefinitionKey', 'processInstanceId', 'executionId', 'caseDefinitionId', 'caseInstanceId', 'caseExecutionId',
    'taskId', 'externalTaskId', 'batchId', 'jobId', 'jobDefinitionId', 'userId', 'operationId', 'operationType', 'entityType', 'entityTypeIn', 'category',
    'categoryIn', 'property'].map((name) => query(name)),
  query('afterTimestamp', { type: 'string' }), query('beforeTimestamp', { type: 'string' }),
];

/** Paths and schemas of Baton's additions. */
export const BATON_ADDITIONS: { paths: Record<string, Record<string, unknown>>; schemas: Record<string, unknown> } = {
  schemas: {
    BatonSessionDto: {
      type: 'object',
      required: ['userId', 'groups', 'admin', 'csrfToken'],
      properties: {
        userId: { type: 'string' }, firstName: { type: 'string', nullable: true }, lastName: { type: 'string', nullable: true },
        groups: { type: 'array', items: { type: 'string' } }, admin: { type: 'boolean' }, csrfToken: { type: 'string' },
      },
    },
    UserOperationLogEntryDto: {
      type: 'object',
      properties: Object.fromEntries(
        [
          'id', 'deploymentId', 'processDefinitionId', 'processDefinitionKey', 'processInstanceId', 'executionId', 'caseDefinitionId', 'caseInstanceId',
          'caseExecutionId', 'taskId', 'jobId', 'jobDefinitionId', 'batchId', 'userId', 'timestamp', 'operationId', 'externalTaskId', 'operationType',
          'entityType', 'property', 'orgValue', 'newValue', 'removalTime', 'rootProcessInstanceId', 'category', 'annotation',
        ].map((name) => [name, { type: 'string', nullable: true }]),
      ),
    },
    AnnotationDto: { type: 'object', properties: { annotation: { type: 'string', nullable: true } } },
    BatonLoginDto: { type: 'object', required: ['username', 'password'], properties: { username: { type: 'string' }, password: { type: 'string' } } },
  },
  paths: {
    '/../baton/api/login': {
      post: {
        tags: ['Baton'], operationId: 'batonLogin', summary: 'Sign in (session cookie for the web apps)',
        requestBody: json({ $ref: '#/components/schemas/BatonLoginDto' }),
        responses: { 200: { description: 'Signed in; sets the httpOnly cookie baton.sid', ...json({ $ref: '#/components/schemas/BatonSessionDto' }) }, 401: error, 429: error },
      },
    },
    '/../baton/api/me': {
      get: { tags: ['Baton'], operationId: 'batonMe', summary: 'The signed-in user', responses: { 200: { description: 'The session', ...json({ $ref: '#/components/schemas/BatonSessionDto' }) }, 401: error } },
    },
    '/../baton/api/logout': {
      post: { tags: ['Baton'], operationId: 'batonLogout', summary: 'Sign out', responses: { 204: { description: 'Signed out' } } },
    },

    // Camunda 7's user operation log; the 7.15 OpenAPI document lacks it, so Baton describes it here.
    '/history/user-operation': {
      get: {
        tags: ['Historic User Operation Log'], operationId: 'queryUserOperationEntries', summary: 'Who did what: user operation log entries',
        parameters: [...USER_OPERATION_FILTERS, ...PAGING], responses: { 200: ok({ type: 'array', items: { $ref: '#/components/schemas/UserOperationLogEntryDto' } }), 400: error },
      },
    },
    '/history/user-operation/count': {
      get: { tags: ['Historic User Operation Log'], operationId: 'queryUserOperationCount', summary: 'Number of user operation log entries', parameters: USER_OPERATION_FILTERS, responses: { 200: ok({ $ref: '#/components/schemas/CountResultDto' }), 400: error } },
    },
    '/history/user-operation/{operationId}/set-annotation': {
      put: {
        tags: ['Historic User Operation Log'], operationId: 'setAnnotationUserOperationLog', summary: 'Annotate all entries of an operation',
        parameters: [operationId], requestBody: json({ $ref: '#/components/schemas/AnnotationDto' }), responses: { 204: { description: 'Annotated' }, 400: error, 403: error },
      },
    },
    '/history/user-operation/{operationId}/clear-annotation': {
      put: { tags: ['Historic User Operation Log'], operationId: 'clearAnnotationUserOperationLog', summary: 'Clear the annotation of an operation', parameters: [operationId], responses: { 204: { description: 'Cleared' }, 400: error, 403: error } },
    },
    '/history/variable-instance/{id}/data': {
      get: {
        tags: ['Historic Variable Instance'], operationId: 'getHistoricVariableInstanceBinary', summary: 'The bytes of a historic File variable (missing from the 7.15 document)',
        parameters: [id], responses: { 200: { description: 'The file', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } }, 400: error, 404: error },
      },
    },
    '/incident/{id}/retry': {
      post: {
        tags: ['Baton'], operationId: 'batonRetryIncident', summary: 'Retry what failed (failed job, failed external task, or the failed step itself)',
        parameters: [id], responses: { 204: { description: 'Retried' }, 403: error, 404: error },
      },
    },
    '/task/{id}/form-definition': { get: { tags: ['Baton'], operationId: 'batonTaskFormDefinition', summary: 'The form of a task (Camunda Form JSON or generated fields) with its validation schema', parameters: [id], responses: { 200: ok(obj), 403: error, 404: error } } },
    '/process-definition/{id}/form-definition': { get: { tags: ['Baton'], operationId: 'batonStartFormDefinition', summary: 'The start form of a definition', parameters: [id], responses: { 200: ok(obj), 403: error, 404: error } } },
    '/process-definition/key/{key}/form-definition': { get: { tags: ['Baton'], operationId: 'batonStartFormDefinitionByKey', summary: 'The start form of the latest version', parameters: [key], responses: { 200: ok(obj), 403: error, 404: error } } },
    '/tasklist/tasks': { get: { tags: ['Baton'], operationId: 'batonTasklistTasks', summary: 'Task list page with process names and candidate groups, for the tasklist', responses: { 200: ok(obj) } } },
    '/tasklist/tasks/{id}': { get: { tags: ['Baton'], operationId: 'batonTasklistTask', summary: 'One task with everything the task page shows', parameters: [id], responses: { 200: ok(obj), 403: error, 404: error } } },
    '/tasklist/counts': { get: { tags: ['Baton'], operationId: 'batonTasklistCounts', summary: 'Counts of the standard lists and saved filters', responses: { 200: ok(obj) } } },
    '/tasklist/version': { get: { tags: ['Baton'], operationId: 'batonTasklistVersion', summary: 'Change version of the task tables (live updates, ETag)', responses: { 200: ok(obj), 304: { description: 'Unchanged' } } } },
    '/filter': { get: { tags: ['Filter'], operationId: 'getFilterList', summary: "Camunda's filter query (missing from the 7.15 document)", responses: { 200: ok({ type: 'array', items: obj }) } } },
    '/filter/count': { get: { tags: ['Filter'], operationId: 'getFilterCount', summary: 'Number of filters', responses: { 200: ok(obj) } } },
    '/filter/create': { post: { tags: ['Filter'], operationId: 'createFilter', summary: 'Create a task filter', responses: { 200: ok(obj), 400: error } } },
    '/filter/{id}': {
      get: { tags: ['Filter'], operationId: 'getFilterSingleResult', summary: 'One filter', parameters: [id], responses: { 200: ok(obj), 404: error } },
      put: { tags: ['Filter'], operationId: 'updateFilter', summary: 'Update a filter', parameters: [id], responses: { 204: { description: 'Updated' }, 404: error } },
      delete: { tags: ['Filter'], operationId: 'deleteFilter', summary: 'Delete a filter', parameters: [id], responses: { 204: { description: 'Deleted' }, 404: error } },
    },
    '/filter/{id}/list': { get: { tags: ['Filter'], operationId: 'executeFilterList', summary: "The filter's tasks", parameters: [id], responses: { 200: ok({ type: 'array', items: obj }) } } },
    '/filter/{id}/count': { get: { tags: ['Filter'], operationId: 'executeFilterCount', summary: "Number of the filter's tasks", parameters: [id], responses: { 200: ok(obj) } } },
    '/filter/{id}/singleResult': { get: { tags: ['Filter'], operationId: 'executeFilterSingleResult', summary: "The filter's single task", parameters: [id], responses: { 200: ok(obj) } } },
    '/filter/{id}/shares': {
      get: { tags: ['Baton'], operationId: 'batonFilterShares', summary: 'Groups a filter is shared with', parameters: [id], responses: { 200: ok(obj) } },
      put: { tags: ['Baton'], operationId: 'batonSetFilterShares', summary: 'Share a filter with groups (READ authorizations)', parameters: [id], responses: { 204: { description: 'Shared' } } },
    },
    '/../baton/api/kpi/process-definition/{id}': {
      get: { tags: ['Baton'], operationId: 'batonDefinitionKpis', summary: 'Per-activity count, median, p90 and incident rate; cycle-time distribution and error-path share', parameters: [id], responses: { 200: ok(obj), 403: error, 404: error } },
    },
  },
};
