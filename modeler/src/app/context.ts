/** What every view receives: the typed API client, the notice region and navigation. */
import { HttpClient, ModelerApi } from '../../../api/client';
import type { Notices } from './notices';
import type { Route } from './router';

/** Shared services of the app. */
export interface AppContext {
  readonly api: ModelerApi;
  readonly notices: Notices;
  navigate(route: Route): void;
}

/** The API client for same-origin requests (the server that serves the app). */
export function createApi(): ModelerApi {
  return new ModelerApi(new HttpClient(''));
}
