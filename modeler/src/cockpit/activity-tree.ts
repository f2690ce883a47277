/** Reading Camunda's activity instance tree: which activities are active, which have incidents. */
import type { ActivityInstanceDto } from '../../../api/client';

/** Every activity instance below the root (depth first). */
export function flattenTree(root: ActivityInstanceDto): ActivityInstanceDto[] {
  return root.childActivityInstances.flatMap((c) => [c, ...flattenTree(c)]);
}

/** Active activity ids (with multiplicity collapsed) and the ids with incidents. */
export function activeActivities(root: ActivityInstanceDto): { active: Set<string>; withIncident: Set<string> } {
  const all = flattenTree(root);
  return {
    active: new Set(all.map((a) => a.activityId)),
    withIncident: new Set(all.filter((a) => a.incidentIds.length > 0).map((a) => a.activityId)),
  };
}
