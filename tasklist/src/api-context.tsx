/**
 * The API client as a React context, so that components use the shared typed client and
 * component tests can hand in a client bound to a stub fetch.
 */
import { createContext, useContext } from 'react';
import { HttpClient, TasklistApi } from '@baton/api/client';

/** The app's API client (same origin as the page). */
export const defaultApi = new TasklistApi(new HttpClient());

const ApiContext = createContext<TasklistApi>(defaultApi);

/** Provides an API client to the tree. */
export const ApiProvider = ApiContext.Provider;

/** The API client of the tree. */
export function useApi(): TasklistApi {
  return useContext(ApiContext);
}
