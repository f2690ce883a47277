/**
 * Status messages: a polite live region for notices, an alert for errors.
 */
import type { ReactNode } from 'react';

/** A notice (info) or an error (alert) banner. */
export function Notice({ kind = 'info', children, onClose }: { kind?: 'info' | 'error' | 'success'; children: ReactNode; onClose?: () => void }) {
  return (
    <div className={`notice notice-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      <span>{children}</span>
      {onClose && (
        <button type="button" className="link-button" onClick={onClose} aria-label="Dismiss">
          ×
        </button>
      )}
    </div>
  );
}

/** Text of any error for the UI. */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
