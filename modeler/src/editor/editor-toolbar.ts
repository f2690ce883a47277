/** The editor's toolbar: new, open (file picker; drag-and-drop works on the canvas), downloads, undo/redo. */
import { h } from '../app/dom';

/** Toolbar actions. */
export interface ToolbarActions {
  onNew(): void;
  onOpenFile(file: File): void;
  onDownloadXml(): void;
  onDownloadSvg(): void;
  onUndo(): void;
  onRedo(): void;
}

/** Builds the toolbar; `status` shows the draft state at its end. */
export function editorToolbar(a: ToolbarActions, status: HTMLElement): HTMLElement {
  const file = h('input', { type: 'file', id: 'open-file', accept: '.bpmn,.xml,application/xml,text/xml', class: 'visually-hidden', 'data-testid': 'open-file' });
  file.addEventListener('change', () => {
    const f = file.files?.[0];
    if (f) a.onOpenFile(f);
    file.value = '';
  });
  const button = (label: string, onclick: () => void, title: string) => h('button', { type: 'button', onclick, title }, label);
  return h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Diagram actions' },
    button('New', a.onNew, 'Start a new diagram'),
    h('label', { for: 'open-file', class: 'button', tabindex: 0, title: 'Open a .bpmn file (or drop it on the canvas)',
      onkeydown: (e: Event) => {
        if ((e as KeyboardEvent).key === 'Enter' || (e as KeyboardEvent).key === ' ') file.click();
      } }, 'Open file…'), file,
    button('Download XML', a.onDownloadXml, 'Download the BPMN XML'),
    button('Download SVG', a.onDownloadSvg, 'Download the diagram as SVG'),
    button('Undo', a.onUndo, 'Undo (Ctrl+Z)'),
    button('Redo', a.onRedo, 'Redo (Ctrl+Y)'),
    status,
  );
}
