/**
 * Pins Baton's deploy errors on the failing elements (a red marker and an overlay with the
 * reason), so that the analyst sees where, not only that, the deploy failed.
 */
import type BpmnModeler from 'bpmn-js/lib/Modeler';
import type { DeployProblem } from './deploy-errors';

interface Overlays {
  add(element: string, type: string, overlay: { position: Record<string, number>; html: HTMLElement }): string;
  remove(filter: { type: string }): void;
}
interface Canvas {
  addMarker(element: string, marker: string): void;
  removeMarker(element: string, marker: string): void;
}
interface ElementRegistry {
  get(id: string): unknown;
}

const TYPE = 'baton-deploy-error';
const MARKER = 'baton-deploy-error';

/** Shows the problems; returns the ids that could be placed on the canvas. */
export function showDeployErrors(modeler: BpmnModeler, problems: readonly DeployProblem[]): string[] {
  clearDeployErrors(modeler, problems.map((p) => p.elementId).filter((id): id is string => !!id));
  const overlays = modeler.get<Overlays>('overlays');
  const canvas = modeler.get<Canvas>('canvas');
  const registry = modeler.get<ElementRegistry>('elementRegistry');
  const placed: string[] = [];
  for (const p of problems) {
    if (!p.elementId || !registry.get(p.elementId)) continue;
    canvas.addMarker(p.elementId, MARKER);
    const note = document.createElement('div');
    note.className = 'deploy-error-overlay';
    note.setAttribute('role', 'note');
    note.textContent = p.message;
    overlays.add(p.elementId, TYPE, { position: { bottom: -6, left: 0 }, html: note });
    placed.push(p.elementId);
  }
  return placed;
}

/** Removes deploy error overlays and markers (of the given ids, plus all overlays). */
export function clearDeployErrors(modeler: BpmnModeler, ids: readonly string[]): void {
  modeler.get<Overlays>('overlays').remove({ type: TYPE });
  const canvas = modeler.get<Canvas>('canvas');
  const registry = modeler.get<ElementRegistry>('elementRegistry');
  for (const id of ids) if (registry.get(id)) canvas.removeMarker(id, MARKER);
}
