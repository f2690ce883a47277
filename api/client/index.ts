export * from './contract';
export { ApiError, HttpClient, type RequestOptions } from './http-client';
export * from './tasklist-api';
