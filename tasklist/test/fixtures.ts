/** Data for component tests, in the API's wire shapes. */
import type { FormDefinitionDto, SessionDto, TaskListItemDto } from '@baton/api/client';

/** John of sales. */
export const JOHN: SessionDto = { userId: 'john', firstName: 'John', lastName: 'Doe', groups: ['sales'], admin: false, csrfToken: 't' };

/** A list row. */
export function taskItem(patch: Partial<TaskListItemDto> = {}): TaskListItemDto {
  return {
    id: 'task-1', name: 'Approve invoice', assignee: null, owner: null, created: '2025-03-01T09:00:00.000+0000', lastUpdated: null,
    due: null, followUp: null, delegationState: null, description: null, executionId: 'e1', parentTaskId: null, priority: 50,
    processDefinitionId: 'invoice-approval:1:x', processInstanceId: 'pi-1', taskDefinitionKey: 'approveInvoice', caseExecutionId: null,
    caseInstanceId: null, caseDefinitionId: null, suspended: false, formKey: null, camundaFormRef: null, tenantId: null,
    processDefinitionName: 'Invoice approval', processDefinitionKey: 'invoice-approval', businessKey: 'INV-1', candidateGroups: ['sales'],
    candidateUsers: [], ...patch,
  };
}

/** A generated form (camunda:formData). */
export const EXPENSE_FORM: FormDefinitionDto = {
  kind: 'generated',
  fields: [
    { id: 'purpose', label: 'Purpose', type: 'string', defaultValue: null, constraints: [{ name: 'required', config: null }], values: [] },
    { id: 'amountCents', label: 'Amount (cents)', type: 'long', defaultValue: null, constraints: [{ name: 'min', config: '1' }], values: [] },
    { id: 'spentOn', label: 'Spent on', type: 'date', defaultValue: null, constraints: [], values: [] },
    { id: 'category', label: 'Category', type: 'enum', defaultValue: 'travel', constraints: [], values: [{ id: 'travel', name: 'Travel' }, { id: 'meals', name: 'Meals' }] },
    { id: 'receiptAttached', label: 'Receipt attached', type: 'boolean', defaultValue: 'false', constraints: [], values: [] },
  ],
};

/** A Camunda Form (form-js schema). */
export const APPROVE_FORM: FormDefinitionDto = {
  kind: 'camunda-form',
  source: { deploymentId: 'd1', resourceName: 'approve-invoice.form' },
  schema: {
    id: 'approve-invoice', type: 'default', schemaVersion: 16,
    components: [
      { id: 'creditorView', type: 'textfield', key: 'creditor', label: 'Creditor', readonly: true },
      { id: 'costCenterField', type: 'textfield', key: 'costCenter', label: 'Cost center', validate: { required: true, pattern: '^[A-Z]{2}-[0-9]{4}$' } },
      { id: 'amountField', type: 'number', key: 'amount', label: 'Amount', validate: { min: 1 } },
    ],
  },
};
