/**
 * Baton's bpmnlint rule set, in one place: what the engine cannot deploy is flagged while
 * drawing. The rule runs the engine's own model builder (the deploy-time validator), so the
 * canvas shows exactly the errors a deploy would return: unsupported element kinds (checked
 * against the engine's `supportedElementKinds`), unsupported camunda: attributes, missing
 * start events, bad expressions. When the engine learns an element, the lint follows with no
 * change here. To add a Baton-specific rule, add it to `batonRules`.
 */
// Why a relative import: the engine package exports only its full surface (runtime, stores);
// the model builder alone is pure TypeScript and safe to bundle for the browser.
import { buildModel, supportedElementKinds } from '../../../engine/src/model/build-model';
import type { LintNode, LintReporter, LintRule, RuleFactory } from './lint-types';

/** Short name of Baton's rule package (`baton/<rule>` in configs). */
export const BATON_PLUGIN = 'bpmnlint-plugin-baton';

/** Element kinds the engine executes, for the help text next to the problems. */
export const engineSupportedKinds: readonly string[] = supportedElementKinds;

/** Flags every element the engine would reject at deploy time, with the engine's reason. */
const engineSupport: RuleFactory = (): LintRule => ({
  check(node: LintNode, reporter: LintReporter) {
    if (node.$type !== 'bpmn:Definitions') return;
    const { problems } = buildModel(node);
    for (const p of problems) {
      reporter.report(p.elementId ?? String(node.id ?? ''), `Baton cannot run this: ${p.reason}`);
    }
  },
});

/** Baton's rules by name. */
export const batonRules: Readonly<Record<string, RuleFactory>> = {
  'engine-support': engineSupport,
};
