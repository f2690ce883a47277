/**
 * Baton's additions to the Camunda 7 REST API, described in OpenAPI 3 (tag "Baton"). They are
 * merged into Baton's document by generate.ts. Paths are relative to /engine-rest; the session
 * endpoints live at /baton/api and are listed with their absolute path.
 */

const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });
const error = { description: 'Error', ...json({ $ref: '#/components/schemas/ExceptionDto' }) };

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
  },
};
