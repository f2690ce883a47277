/**
 * Reads Baton's deploy errors (Camunda's ParseException with `details[resource].errors[]`)
 * into element problems that the editor pins on the failing elements.
 */
import { ApiError } from '../../../api/client';

/** One problem of a rejected deployment; elementId null when it concerns the whole file. */
export interface DeployProblem {
  readonly elementId: string | null;
  readonly message: string;
}

interface ParseDetails {
  [resource: string]: { errors?: Array<{ message?: string; mainElementId?: string | null; elementIds?: string[] }> };
}

/** The element problems in a deploy error; empty when the error is not a ParseException. */
export function deployProblems(err: unknown): DeployProblem[] {
  if (!(err instanceof ApiError) || err.body.type !== 'ParseException') return [];
  const details = err.body.details as ParseDetails | undefined;
  if (!details || typeof details !== 'object') return [{ elementId: null, message: err.message }];
  return Object.values(details).flatMap((resource) =>
    (resource?.errors ?? []).map((e) => ({ elementId: e.mainElementId ?? e.elementIds?.[0] ?? null, message: e.message ?? 'invalid' })),
  );
}
