/**
 * The editor screen: toolbar (new, open, download, undo/redo), the bpmn-js canvas with the
 * properties panel, the problems list and the deploy form. The diagram is kept as a local
 * draft on every change and restored on reload.
 */
import type BpmnModeler from 'bpmn-js/lib/Modeler';
import type { AppContext } from '../app/context';
import { download, h, replace } from '../app/dom';
import { errorMessage } from '../app/notices';
import { deployPanel } from '../deploy/deploy-panel';
import { clearDeployErrors, showDeployErrors } from '../deploy/deploy-overlays';
import type { DeployProblem } from '../deploy/deploy-errors';
import { createModeler } from './create-modeler';
import { flattenIssues, type LintIssue } from './lint-issues';
import { DraftStore } from './draft-store';
import { newDiagramXml } from './new-diagram';
import { mergeProblems, renderProblems } from './problems-list';
import { editorToolbar } from './editor-toolbar';
import { fitBesidePalette } from './fit-diagram';

interface Selection { select(elements: unknown[]): void }
interface Registry { get(id: string): { businessObject?: { name?: string } } | undefined }
interface CanvasService { scrollToElement(el: unknown): void }

/** The editor; created once and kept while the app runs (switching screens keeps the diagram). */
export class EditorView {
  readonly element: HTMLElement;
  private readonly modeler: BpmnModeler;
  private readonly drafts = new DraftStore();
  private readonly problemsRoot = h('section', { class: 'problems-panel', 'aria-labelledby': 'problems-heading', 'data-testid': 'problems' });
  private readonly status = h('span', { class: 'draft-status muted', 'aria-live': 'polite' });
  private fileName = 'diagram.bpmn';
  private sourceDefinitionId: string | null = null;
  private lintIssues: LintIssue[] = [];
  private deployIssues: DeployProblem[] = [];
  private saveTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly ctx: AppContext) {
    const canvas = h('div', { class: 'canvas', 'data-testid': 'canvas', 'aria-label': 'Diagram canvas: drop a .bpmn file here', tabindex: 0 });
    const panel = h('aside', { class: 'properties-panel', 'aria-label': 'Properties panel', 'data-testid': 'properties-panel' });
    this.modeler = createModeler(canvas, panel);
    const toolbar = editorToolbar({
      onNew: () => void this.open(newDiagramXml(), 'diagram.bpmn', null),
      onOpenFile: (file) => void this.openFile(file),
      onDownloadXml: () => void this.saveXml().then((xml) => download(this.fileName, xml, 'application/xml')),
      onDownloadSvg: () => void this.modeler.saveSVG().then(({ svg }) => download(this.fileName.replace(/\.(bpmn|xml)$/i, '') + '.svg', svg, 'image/svg+xml')),
      onUndo: () => this.modeler.get<{ undo(): void }>('commandStack').undo(),
      onRedo: () => this.modeler.get<{ redo(): void }>('commandStack').redo(),
    }, this.status);
    const deploy = deployPanel(ctx, {
      xml: () => this.saveXml(),
      fileName: () => this.fileName,
      defaultName: () => this.processName() ?? this.fileName.replace(/\.(bpmn|xml)$/i, ''),
      showProblems: (problems) => this.setDeployProblems(problems),
    });
    this.element = h('section', { class: 'editor', 'aria-label': 'Editor' },
      toolbar,
      h('div', { class: 'editor-body' }, canvas, panel),
      h('div', { class: 'editor-footer' }, this.problemsRoot, h('section', { class: 'deploy-panel', 'aria-label': 'Deploy' }, h('h2', {}, 'Deploy'), deploy)),
    );
    this.wire(canvas);
  }

  /** Opens the draft (or a new diagram) the first time, a deployed version when asked. */
  async show(definitionId: string | null): Promise<void> {
    if (definitionId && definitionId !== this.sourceDefinitionId) {
      try {
        const [xml, def] = await Promise.all([this.ctx.api.definitionXml(definitionId), this.ctx.api.definition(definitionId)]);
        await this.open(xml, def.resource || `${def.key}.bpmn`, definitionId);
      } catch (err) {
        this.ctx.notices.error(err);
      }
      return;
    }
    if (this.modeler.getDefinitions()) return;
    const draft = this.drafts.load();
    if (draft) {
      const ok = await this.open(draft.xml, draft.fileName, draft.sourceDefinitionId);
      if (ok) this.status.textContent = `Draft restored (saved ${new Date(draft.savedAt).toLocaleString()})`;
      if (ok) return;
    }
    await this.open(newDiagramXml(), 'diagram.bpmn', null);
  }

  /** Imports XML; returns false (with the reason shown) when it cannot be read. */
  async open(xml: string, fileName: string, sourceDefinitionId: string | null): Promise<boolean> {
    try {
      const { warnings } = await this.modeler.importXML(xml);
      this.fileName = fileName;
      this.sourceDefinitionId = sourceDefinitionId;
      this.setDeployProblems([]);
      fitBesidePalette(this.modeler.get('canvas'));
      if (warnings.length) this.ctx.notices.info(`Opened ${fileName} with ${warnings.length} import warning(s)`);
      this.saveDraftSoon(0);
      return true;
    } catch (err) {
      this.ctx.notices.error(new Error(`Cannot open ${fileName}: ${errorMessage(err)}`));
      return false;
    }
  }

  private async openFile(file: File): Promise<void> {
    await this.open(await file.text(), file.name, null);
  }

  private wire(canvas: HTMLElement): void {
    this.modeler.on('commandStack.changed', () => this.saveDraftSoon(300));
    this.modeler.on('linting.completed', (e: { issues: Record<string, Array<Partial<LintIssue>>> }) => {
      this.lintIssues = flattenIssues(e.issues);
      this.renderProblems();
    });
    canvas.addEventListener('dragover', (e) => {
      e.preventDefault();
      canvas.classList.add('drop-target');
    });
    canvas.addEventListener('dragleave', () => canvas.classList.remove('drop-target'));
    canvas.addEventListener('drop', (e) => {
      e.preventDefault();
      canvas.classList.remove('drop-target');
      const file = e.dataTransfer?.files[0];
      if (file) void this.openFile(file);
    });
  }

  private setDeployProblems(problems: DeployProblem[]): void {
    clearDeployErrors(this.modeler, this.deployIssues.map((p) => p.elementId).filter((id): id is string => !!id));
    this.deployIssues = problems;
    showDeployErrors(this.modeler, problems);
    this.renderProblems();
  }

  private renderProblems(): void {
    const registry = this.modeler.get<Registry>('elementRegistry');
    renderProblems(this.problemsRoot, mergeProblems(this.lintIssues, this.deployIssues),
      (id) => registry.get(id)?.businessObject?.name || id,
      (id) => {
        const el = registry.get(id);
        if (!el) return;
        this.modeler.get<Selection>('selection').select([el]);
        this.modeler.get<CanvasService>('canvas').scrollToElement(el);
      });
  }

  private async saveXml(): Promise<string> {
    const { xml } = await this.modeler.saveXML({ format: true });
    return xml ?? '';
  }

  private processName(): string | null {
    const defs = this.modeler.getDefinitions() as { rootElements?: Array<{ $type: string; name?: string; id?: string }> } | undefined;
    const proc = defs?.rootElements?.find((e) => e.$type === 'bpmn:Process');
    return proc?.name || proc?.id || null;
  }

  private saveDraftSoon(ms: number): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.status.dataset.saved = 'pending';
    this.saveTimer = setTimeout(() => void this.saveDraft(), ms);
  }

  private async saveDraft(): Promise<void> {
    const xml = await this.saveXml();
    const ok = this.drafts.save({ xml, fileName: this.fileName, sourceDefinitionId: this.sourceDefinitionId });
    replace(this.status, ok ? `Draft saved ${new Date().toLocaleTimeString()}` : 'Draft could not be saved (browser storage full)');
    this.status.dataset.saved = ok ? 'true' : 'false';
  }
}
