/**
 * Shows the screen of a route in the shell: the editor (kept alive), the processes list, a
 * definition's cockpit or an instance. Leaving a cockpit screen stops its live refresh.
 */
import type { AppContext } from './context';
import type { Route } from './router';
import type { Shell } from './shell';
import { EditorView } from '../editor/editor-view';
import { processesView } from '../definitions/processes-view';
import { definitionView } from '../cockpit/definition-view';
import { instanceView } from '../cockpit/instance-view';

/** A screen that may hold timers. */
export interface Screen {
  readonly element: HTMLElement;
  dispose?(): void;
}

let editor: EditorView | null = null;
let current: Screen | null = null;

/** Replaces the main region with the route's screen. */
export async function showRoute(ctx: AppContext, frame: Shell, route: Route): Promise<void> {
  current?.dispose?.();
  current = null;
  frame.setActive(route.name === 'editor' ? 'editor' : 'processes');
  if (route.name === 'editor') {
    editor ??= new EditorView(ctx);
    frame.main.replaceChildren(editor.element);
    document.title = 'Editor · Baton Modeler';
    await editor.show(route.definitionId);
    return;
  }
  current = route.name === 'processes' ? processesView(ctx) : route.name === 'definition' ? definitionView(ctx, route.id) : instanceView(ctx, route.id);
  frame.main.replaceChildren(current.element);
}
