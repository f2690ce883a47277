/**
 * A read-only diagram (bpmn-js NavigatedViewer: pan and zoom) with helpers to pin overlays
 * and markers on activities, for the cockpit screens.
 */
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';

interface Overlays {
  add(element: string, type: string, overlay: { position: Record<string, number>; html: HTMLElement }): string;
  remove(filter: { type: string }): void;
}
interface Canvas {
  addMarker(element: string, marker: string): void;
  removeMarker(element: string, marker: string): void;
  zoom(level: string): void;
}
interface Registry {
  get(id: string): { width?: number; height?: number; type: string; businessObject?: { name?: string } } | undefined;
  getAll(): Array<{ id: string; type: string }>;
}

/** A cockpit diagram. */
export class DiagramViewer {
  readonly element: HTMLElement;
  private readonly viewer: NavigatedViewer;
  private readonly markers = new Map<string, Set<string>>();

  constructor(label: string) {
    this.element = document.createElement('div');
    this.element.className = 'cockpit-canvas';
    this.element.setAttribute('role', 'img');
    this.element.setAttribute('aria-label', label);
    this.viewer = new NavigatedViewer({ container: this.element });
  }

  /**
   * Shows the XML, fitted to the viewport. A model bpmn-js cannot draw (deployed without a
   * diagram layout, BPMNDiagram) shows a note instead and answers false, so that the screen's
   * other parts (incidents, variables, history) still render.
   */
  async load(xml: string): Promise<boolean> {
    this.element.querySelector('.diagram-unavailable')?.remove();
    try {
      await this.viewer.importXML(xml);
    } catch (err) {
      const note = document.createElement('p');
      note.className = 'diagram-unavailable muted';
      note.dataset.testid = 'diagram-unavailable';
      note.textContent = `No diagram to show (${(err as Error).message}): the process was deployed without a diagram layout.`;
      this.element.prepend(note);
      return false;
    }
    this.viewer.get<Canvas>('canvas').zoom('fit-viewport');
    return true;
  }

  /** True when the diagram has this element. */
  has(id: string): boolean {
    return !!this.viewer.get<Registry>('elementRegistry').get(id);
  }

  /** Width/height of an element (0 when unknown). */
  size(id: string): { width: number; height: number } {
    const el = this.viewer.get<Registry>('elementRegistry').get(id);
    return { width: el?.width ?? 0, height: el?.height ?? 0 };
  }

  /** The element's label, or its id. */
  nameOf(id: string): string {
    return this.viewer.get<Registry>('elementRegistry').get(id)?.businessObject?.name || id;
  }

  /** Replaces all overlays of `type` with the given ones. */
  setOverlays(type: string, overlays: ReadonlyArray<{ id: string; position: Record<string, number>; html: HTMLElement }>): void {
    const service = this.viewer.get<Overlays>('overlays');
    service.remove({ type });
    for (const o of overlays) if (this.has(o.id)) service.add(o.id, type, { position: o.position, html: o.html });
  }

  /** Sets `marker` on exactly the given elements. */
  setMarkers(marker: string, ids: Iterable<string>): void {
    const canvas = this.viewer.get<Canvas>('canvas');
    // A multi-instance or loop body (`<id>#multiInstanceBody`, `<id>#loopBody`) is drawn as its activity.
    const next = new Set([...ids].map((id) => id.replace(/#(multiInstanceBody|loopBody)$/, '')).filter((id) => this.has(id)));
    const prev = this.markers.get(marker) ?? new Set<string>();
    for (const id of prev) if (!next.has(id)) canvas.removeMarker(id, marker);
    for (const id of next) if (!prev.has(id)) canvas.addMarker(id, marker);
    this.markers.set(marker, next);
  }

  /** The diagram as SVG. */
  async svg(): Promise<string> {
    return (await this.viewer.saveSVG()).svg;
  }

  /** Releases the viewer. */
  destroy(): void {
    this.viewer.destroy();
  }
}
