import { describe, expect, it } from 'vitest';
import { Linter } from 'bpmnlint';
import { buildModel, supportedElementKinds } from '../../engine/src/model/build-model';
import { lintConfig, lintResolver } from '../src/lint/lint-config';
import { engineSupportedKinds } from '../src/lint/baton-rules';
import { fixture, parseDefinitions } from './support';

async function lint(xml: string) {
  const linter = new Linter({ config: lintConfig, resolver: lintResolver });
  const results = await linter.lint(await parseDefinitions(xml));
  return Object.entries(results).flatMap(([rule, reports]) => reports.map((r) => ({ rule, id: r.id, message: r.message, category: r.category })));
}

const approval = fixture('approval.bpmn');

describe('lint rule set', () => {
  it('passes the approval process without errors', async () => {
    const errors = (await lint(approval)).filter((r) => r.category === 'error');
    expect(errors).toEqual([]);
  });

  it('flags an element kind the engine does not execute, with the engine reason', async () => {
    const xml = approval.replace('<bpmn:userTask ', '<bpmn:businessRuleTask ').replace('</bpmn:userTask>', '</bpmn:businessRuleTask>');
    const reports = await lint(xml);
    expect(reports).toContainEqual(expect.objectContaining({ rule: 'baton/engine-support', id: 'Task_approve', category: 'error' }));
    expect(reports.find((r) => r.id === 'Task_approve')?.message).toMatch(/BusinessRuleTask/);
  });

  it('reports exactly what the engine rejects at deploy time', async () => {
    const xml = approval.replace('${approved}', '${approved ==}');
    const definitions = await parseDefinitions(xml);
    const engineIds = buildModel(definitions).problems.map((p) => p.elementId);
    const lintIds = (await lint(xml)).filter((r) => r.rule === 'baton/engine-support').map((r) => r.id);
    expect(engineIds).toEqual(['Flow_yes']);
    expect(lintIds).toEqual(engineIds);
  });

  it('flags a missing label with the recommended rules', async () => {
    const reports = await lint(approval.replace(' name="Approve request"', ''));
    expect(reports).toContainEqual(expect.objectContaining({ rule: 'label-required', id: 'Task_approve' }));
  });

  it('allows inclusive gateways, which Baton executes', async () => {
    expect(lintConfig.rules?.['no-inclusive-gateway']).toBe('off');
    expect(engineSupportedKinds).toEqual(supportedElementKinds);
    expect(engineSupportedKinds).toContain('inclusiveGateway');
  });
});
