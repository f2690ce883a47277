/** The parts of bpmnlint's API the modeler uses (bpmnlint ships JSDoc, not declarations, for rules). */

/** A moddle element as rules see it. */
export interface LintNode {
  readonly $type: string;
  readonly id?: string;
  readonly [key: string]: unknown;
}

/** Collects a rule's findings. */
export interface LintReporter {
  report(id: string, message: string, path?: unknown): void;
}

/** A rule: a `check` called for every element of the tree. */
export interface LintRule {
  check(node: LintNode, reporter: LintReporter): void;
  meta?: { documentation?: { url?: string } };
}

/** Builds a rule from its config. */
export type RuleFactory = (config?: unknown) => LintRule;

/** A bpmnlint config: parents and rule levels. */
export interface LintConfig {
  extends?: string | string[];
  rules?: Record<string, string | number | [string | number, unknown]>;
}

/** Finds rules and configs by package and name. */
export interface LintResolver {
  resolveRule(pkg: string, ruleName: string): RuleFactory | undefined;
  resolveConfig(pkg: string, configName: string): LintConfig | undefined;
}
