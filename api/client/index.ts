/** Baton's typed API client, shared by the tasklist and the modeler. */
export * from './contract';
export { ApiError, HttpClient, type RequestOptions } from './http-client';
export * from './modeler-api';
export * from './tasklist-api';
