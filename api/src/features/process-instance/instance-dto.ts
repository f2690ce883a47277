/** Camunda's ProcessInstanceDto and variable maps. */
import { toWire, type VariableRecord } from '@baton/engine';
import { selfLink } from '../../http/context';

/** Fields of a ProcessInstanceDto. */
export interface InstanceFields {
  readonly id: string;
  readonly definitionId: string;
  readonly businessKey: string | null;
  readonly ended: boolean;
  readonly suspended: boolean;
  readonly tenantId: string | null;
}

/** → Camunda 7 ProcessInstanceDto. */
export function instanceDto(req: Parameters<typeof selfLink>[0], i: InstanceFields) {
  return {
    links: [selfLink(req, `/process-instance/${i.id}`)], id: i.id, definitionId: i.definitionId, businessKey: i.businessKey,
    caseInstanceId: null, ended: i.ended, suspended: i.suspended, tenantId: i.tenantId,
  };
}

/** Variable records → Camunda's `{ name: { value, type, valueInfo } }`. */
export function variablesDto(vars: readonly VariableRecord[]) {
  return Object.fromEntries(vars.map((v) => [v.name, toWire({ type: v.type, value: v.value })]));
}
