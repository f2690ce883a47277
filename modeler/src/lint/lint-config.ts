/**
 * The linter configuration the modeler uses: bpmnlint's recommended rules, adjusted to what
 * Baton runs, plus Baton's own rule set (baton-rules.ts).
 */
import { batonRules, BATON_PLUGIN } from './baton-rules';
import { bpmnlintRules, recommendedConfig } from './bpmnlint-recommended';
import type { LintConfig, LintResolver } from './lint-types';

/** Rules enabled on top of `bpmnlint:recommended`. */
export const lintConfig: LintConfig = {
  extends: 'bpmnlint:recommended',
  rules: {
    // Baton executes inclusive gateways (with the join semantics of Camunda 7).
    'no-inclusive-gateway': 'off',
    'baton/engine-support': 'error',
  },
};

/** Resolves rule and config names to the statically imported modules. */
export const lintResolver: LintResolver = {
  resolveRule(pkg, ruleName) {
    if (pkg === 'bpmnlint') return bpmnlintRules[ruleName];
    if (pkg === BATON_PLUGIN) return batonRules[ruleName];
    return undefined;
  },
  resolveConfig(pkg, configName) {
    return pkg === 'bpmnlint' && configName === 'recommended' ? recommendedConfig : undefined;
  },
};

/** The `linting.bpmnlint` option of bpmn-js-bpmnlint. */
export const bpmnlintOptions = { config: lintConfig, resolver: lintResolver };
