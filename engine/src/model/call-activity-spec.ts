/**
 * Reads a `bpmn:callActivity`: the called process (`calledElement`, may be an expression),
 * Camunda's binding (`camunda:calledElementBinding` latest / deployment / version / versionTag)
 * and the `camunda:in` / `camunda:out` variable mappings, including the business key. What
 * Baton does not execute (CMMN cases, Java variable mapping delegates, tenant ids) is a problem.
 */
import type { ModelProblem } from '../errors';
import type { CompiledExpression } from '../expression';
import type { ModdleElement } from '../parser/parse-bpmn';
import { extensions, type Compile } from './job-specs';

/** Which version of the called process a call activity starts. */
export type CalledElementBinding = 'latest' | 'deployment' | 'version' | 'versionTag';

/** One `camunda:in` / `camunda:out` mapping. `local`: read (in) or write (out) the call activity's own scope only. */
export type CallVariableMapping =
  | { readonly kind: 'all'; readonly local: boolean }
  | { readonly kind: 'variable'; readonly source: string; readonly target: string; readonly local: boolean }
  | { readonly kind: 'expression'; readonly source: CompiledExpression; readonly target: string; readonly local: boolean };

/** What a call activity calls and which variables cross the instance boundary. */
export interface CallActivitySpec {
  readonly calledElement: CompiledExpression;
  readonly binding: CalledElementBinding;
  /** `camunda:calledElementVersion` (binding version), may be an expression. */
  readonly version: CompiledExpression | null;
  /** `camunda:calledElementVersionTag` (binding versionTag), may be an expression. */
  readonly versionTag: CompiledExpression | null;
  readonly inputs: readonly CallVariableMapping[];
  readonly outputs: readonly CallVariableMapping[];
  /** `<camunda:in businessKey="…"/>`: the child's business key. */
  readonly businessKey: CompiledExpression | null;
}

/** Extension elements a call activity may carry (build-model accepts them only there). */
export const CALL_ACTIVITY_EXTENSIONS: readonly string[] = ['camunda:In', 'camunda:Out'];

const BINDINGS = new Set<string>(['latest', 'deployment', 'version', 'versionTag']);
const UNSUPPORTED_ATTRIBUTES = ['caseRef', 'variableMappingClass', 'variableMappingDelegateExpression', 'calledElementTenantId'];

/** The call activity spec of `el`; problems go to `problems` (the returned spec is then not used). */
export function callActivitySpec(el: ModdleElement, id: string, compile: Compile, problems: ModelProblem[]): CallActivitySpec {
  const problem = (reason: string) => problems.push({ elementId: id, reason });
  for (const attr of UNSUPPORTED_ATTRIBUTES) if (str(el[attr])) problem(`camunda:${attr} is not supported yet`);
  const calledText = str(el.calledElement);
  if (!calledText) problem('a call activity needs a calledElement (the key of the process to call)');
  const binding = str(el.calledElementBinding) ?? 'latest';
  if (!BINDINGS.has(binding)) problem(`camunda:calledElementBinding '${binding}' is not one of latest, deployment, version, versionTag`);
  const versionText = str(el.calledElementVersion);
  const tagText = str(el.calledElementVersionTag);
  if (binding === 'version' && !versionText) problem('camunda:calledElementBinding="version" needs camunda:calledElementVersion');
  if (binding === 'versionTag' && !tagText) problem('camunda:calledElementBinding="versionTag" needs camunda:calledElementVersionTag');
  const x = (text: string | null, what: string) => (text ? compile(text, id, what) : null);
  let businessKey: CompiledExpression | null = null;
  const inputs: CallVariableMapping[] = [];
  const outputs: CallVariableMapping[] = [];
  for (const ext of extensions(el)) {
    if (ext.$type !== 'camunda:In' && ext.$type !== 'camunda:Out') continue;
    const isIn = ext.$type === 'camunda:In';
    if (isIn && str(ext.businessKey)) {
      businessKey = x(str(ext.businessKey), 'camunda:in businessKey');
      continue;
    }
    const mapping = readMapping(ext, id, compile, problem);
    if (mapping) (isIn ? inputs : outputs).push(mapping);
  }
  return {
    calledElement: x(calledText, 'calledElement') ?? NEVER,
    binding: binding as CalledElementBinding,
    version: x(versionText, 'camunda:calledElementVersion'),
    versionTag: x(tagText, 'camunda:calledElementVersionTag'),
    inputs, outputs, businessKey,
  };
}

function readMapping(ext: ModdleElement, id: string, compile: Compile, problem: (reason: string) => void): CallVariableMapping | null {
  const what = ext.$type === 'camunda:In' ? 'camunda:in' : 'camunda:out';
  const local = ext.local === true;
  if (str(ext.variables) === 'all') return { kind: 'all', local };
  const target = str(ext.target);
  const source = str(ext.source);
  const sourceExpression = str(ext.sourceExpression);
  if (!target || (!source && !sourceExpression)) {
    problem(`${what} needs source or sourceExpression with a target, variables="all" or (camunda:in) businessKey`);
    return null;
  }
  if (source) return { kind: 'variable', source, target, local };
  const expression = compile(sourceExpression!, id, `${what} sourceExpression`);
  return expression ? { kind: 'expression', source: expression, target, local } : null;
}

/** Placeholder for a missing calledElement; the deployment fails with a problem anyway. */
const NEVER: CompiledExpression = { source: '', isLiteral: true, evaluate: () => '' };

function str(value: unknown): string | null {
  return typeof value === 'string' && value.trim().length > 0 ? value.trim() : null;
}
