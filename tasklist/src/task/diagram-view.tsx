/**
 * The process diagram with the task's element highlighted (bpmn-js navigated viewer:
 * pan and zoom, no editing). Loaded lazily: the viewer is large and not needed for lists.
 */
import { useEffect, useRef, useState } from 'react';
import 'bpmn-js/dist/assets/diagram-js.css';
import { useApi } from '../api-context';
import { errorText } from '../ui/notice';

/** Props of the diagram. */
export interface DiagramViewProps {
  readonly definitionId: string;
  readonly activityId: string;
}

/** The diagram. */
export function DiagramView({ definitionId, activityId }: DiagramViewProps) {
  const api = useApi();
  const container = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let viewer: { destroy(): void } | null = null;
    let cancelled = false;
    (async () => {
      const [{ default: NavigatedViewer }, xml] = await Promise.all([import('bpmn-js/lib/NavigatedViewer'), api.definitionXml(definitionId)]);
      if (cancelled || !container.current) return;
      const v = new NavigatedViewer({ container: container.current });
      viewer = v;
      await v.importXML(xml);
      const canvas = v.get('canvas') as { zoom(mode: string): void; addMarker(id: string, cls: string): void };
      canvas.zoom('fit-viewport');
      canvas.addMarker(activityId, 'highlight');
    })().catch((err: unknown) => !cancelled && setError(errorText(err)));
    return () => {
      cancelled = true;
      viewer?.destroy();
    };
  }, [api, definitionId, activityId]);

  return (
    <figure className="diagram">
      <div ref={container} className="diagram-canvas" role="img" aria-label={`Process diagram; the current task ${activityId} is highlighted`} />
      {error && <figcaption className="field-error">Diagram unavailable: {error}</figcaption>}
    </figure>
  );
}
