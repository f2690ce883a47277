/**
 * Writes history into the working set's change set. Rows created in this command are
 * completed in place (one insert); rows of earlier commands get a partial update.
 */
import type { ExecutableProcess, FlowNode } from '../model/executable-model';
import type {
  HistoricActivityInstanceRecord, HistoricProcessInstanceRecord, HistoricTaskRecord, ProcessDefinitionRecord, TaskRecord, TokenRecord,
} from '../persistence/records';
import type { WorkingSet } from './working-set';
import { currentUserId } from './user-operation-log';

/** History for one command. */
export class HistoryWriter {
  private readonly newActivities = new Map<string, HistoricActivityInstanceRecord>();
  private readonly newTasks = new Map<string, HistoricTaskRecord>();
  private newProcess: HistoricProcessInstanceRecord | null = null;

  constructor(
    private readonly ws: WorkingSet,
    private readonly definition: ProcessDefinitionRecord,
    private readonly model: ExecutableProcess,
  ) {}

  /** A new process instance. */
  processStarted(startActivityId: string): void {
    const i = this.ws.instance;
    this.newProcess = {
      id: i.id, businessKey: i.businessKey, definitionId: i.definitionId, definitionKey: i.definitionKey,
      definitionName: this.definition.name, definitionVersion: this.definition.version, startTime: i.startTime,
      endTime: null, startActivityId, endActivityId: null,
      state: 'ACTIVE', rootInstanceId: i.rootInstanceId, superInstanceId: i.superInstanceId, deleteReason: null, tenantId: i.tenantId,
      startUserId: currentUserId(),
    };
    this.ws.history.processInstanceInserts.push(this.newProcess);
    this.ws.emit('process.started', null);
  }

  /** The instance ended (completed or terminated). */
  processEnded(state: HistoricProcessInstanceRecord['state'], endActivityId: string | null, reason: string | null): void {
    const update = { id: this.ws.instance.id, endTime: this.ws.time(), state, endActivityId, deleteReason: reason };
    if (this.newProcess) Object.assign(this.newProcess, update);
    else this.ws.history.processInstanceUpdates.push(update);
  }

  /** A token entered an element. */
  activityStarted(token: TokenRecord, node: FlowNode): void {
    const row: HistoricActivityInstanceRecord = {
      id: token.activityInstanceId, instanceId: this.ws.instance.id, definitionId: this.definition.id, activityId: node.id,
      activityName: node.name, activityType: activityType(node), parentActivityInstanceId: token.scopeInstanceId,
      taskId: null, startTime: this.ws.time(), endTime: null, canceled: false, sequence: this.ws.instance.nextSequence++,
    };
    this.newActivities.set(row.id, row);
    this.ws.history.activityInserts.push(row);
  }

  /** A token left an element (completed) or was removed (canceled). */
  activityEnded(token: TokenRecord, canceled: boolean): void {
    const update = { id: token.activityInstanceId, endTime: this.ws.time(), canceled };
    const row = this.newActivities.get(update.id);
    if (row) Object.assign(row, { endTime: update.endTime, canceled });
    else this.ws.history.activityUpdates.push(update);
  }

  /** A user task was created. */
  taskCreated(task: TaskRecord): void {
    const activity = this.newActivities.get(task.activityInstanceId);
    if (activity) activity.taskId = task.id;
    const row: HistoricTaskRecord = {
      id: task.id, instanceId: task.instanceId, definitionId: task.definitionId, definitionKey: task.definitionKey,
      taskDefinitionKey: task.taskDefinitionKey, activityInstanceId: task.activityInstanceId, name: task.name,
      description: task.description, assignee: task.assignee, owner: task.owner, startTime: task.created, endTime: null,
      due: task.due, followUp: task.followUp, priority: task.priority, deleteReason: null,
    };
    this.newTasks.set(row.id, row);
    this.ws.history.taskInserts.push(row);
  }

  /** A user task's fields changed (assignee, …). */
  taskUpdated(task: TaskRecord): void {
    this.writeTask(task, null, null);
  }

  /** A user task ended ('completed' or 'deleted'). */
  taskEnded(task: TaskRecord, reason: string): void {
    this.writeTask(task, this.ws.time(), reason);
  }

  /** Updates carry every mutable field, so adapters can write them with one statement shape. */
  private writeTask(task: TaskRecord, endTime: Date | null, deleteReason: string | null): void {
    const fields = {
      name: task.name, description: task.description, assignee: task.assignee, owner: task.owner,
      due: task.due, followUp: task.followUp, priority: task.priority, endTime, deleteReason,
    };
    const row = this.newTasks.get(task.id);
    if (row) Object.assign(row, fields);
    else this.ws.history.taskUpdates.push({ id: task.id, ...fields });
  }
}

/** Camunda's activityType names (camelCase BPMN type). */
function activityType(node: FlowNode): string {
  const local = node.bpmnType.replace(/^bpmn:/, '');
  return local.charAt(0).toLowerCase() + local.slice(1);
}
