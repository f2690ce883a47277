/**
 * Camunda 7's authorization model: resource types, permissions, and the check of a principal
 * against its rules. Precedence (as Camunda): user rules beat group rules beat global rules;
 * at the same level a revoke beats a grant. Admins (group camunda-admin) may do everything.
 */
import type { AuthorizationRecord } from './identity-store';

/** Camunda's resource type numbers. */
export const Resource = {
  APPLICATION: 0, USER: 1, GROUP: 2, GROUP_MEMBERSHIP: 3, AUTHORIZATION: 4, FILTER: 5, PROCESS_DEFINITION: 6, TASK: 7,
  PROCESS_INSTANCE: 8, DEPLOYMENT: 9, DECISION_DEFINITION: 10, TENANT: 11, TENANT_MEMBERSHIP: 12, BATCH: 13,
  DECISION_REQUIREMENTS_DEFINITION: 14, HISTORIC_TASK: 19, HISTORIC_PROCESS_INSTANCE: 20,
} as const;

/** Resource names as `/authorization/check` accepts them. */
export const RESOURCE_NAMES: Record<number, string> = Object.fromEntries(Object.entries(Resource).map(([k, v]) => [v, k.toLowerCase()]));

/** Camunda's group of administrators. */
export const ADMIN_GROUP = 'camunda-admin';

/** The signed-in user with everything needed to decide access. */
export interface Principal {
  readonly userId: string;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly groups: readonly string[];
  readonly admin: boolean;
  readonly rules: readonly AuthorizationRecord[];
}

type Level = 'user' | 'group' | 'global';

function levelOf(rule: AuthorizationRecord): Level {
  return rule.type === 0 ? 'global' : rule.userId ? 'user' : 'group';
}

function matches(rule: AuthorizationRecord, p: Principal, resourceType: number, resourceId: string, permission: string): boolean {
  if (rule.resourceType !== resourceType) return false;
  if (rule.resourceId !== '*' && rule.resourceId !== resourceId) return false;
  if (!rule.permissions.includes(permission) && !rule.permissions.includes('ALL')) return false;
  if (rule.type === 0) return true;
  return rule.userId ? rule.userId === p.userId || rule.userId === '*' : p.groups.includes(rule.groupId ?? '');
}

/** True when the principal has `permission` on the resource. */
export function isGranted(p: Principal, resourceType: number, resourceId: string, permission: string): boolean {
  if (p.admin) return true;
  for (const level of ['user', 'group', 'global'] as const) {
    const rules = p.rules.filter((r) => levelOf(r) === level && matches(r, p, resourceType, resourceId, permission));
    if (rules.some((r) => r.type === 2)) return false;
    if (rules.length > 0) return true;
  }
  return false;
}

/**
 * Resource ids on which the principal has `permission`, for list-query filters: '*' when
 * every id is allowed (no filter needed), else the explicit ids (revokes removed).
 */
export function grantedIds(p: Principal, resourceType: number, permission: string): '*' | string[] {
  if (p.admin || isGranted(p, resourceType, '*', permission)) return '*';
  const ids = new Set<string>();
  for (const r of p.rules) if (r.resourceType === resourceType && r.resourceId !== '*') ids.add(r.resourceId);
  return [...ids].filter((id) => isGranted(p, resourceType, id, permission));
}
