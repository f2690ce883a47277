/**
 * The local draft: the diagram being edited is saved to localStorage on every change, so a
 * reload (or a crash) does not lose unsaved work. One draft per browser profile.
 */

/** What is kept of the editing session. */
export interface Draft {
  readonly xml: string;
  readonly fileName: string;
  readonly savedAt: string;
  /** The definition it was opened from, if any (for "only if changed" deploys). */
  readonly sourceDefinitionId: string | null;
}

const KEY = 'baton.modeler.draft.v1';

/** Reads and writes the draft in a Storage (localStorage in the app). */
export class DraftStore {
  constructor(private readonly storage: Storage = localStorage) {}

  /** The saved draft, or null (also when the stored value is unreadable). */
  load(): Draft | null {
    const raw = this.storage.getItem(KEY);
    if (!raw) return null;
    try {
      const d = JSON.parse(raw) as Partial<Draft>;
      return typeof d.xml === 'string' && typeof d.fileName === 'string'
        ? { xml: d.xml, fileName: d.fileName, savedAt: String(d.savedAt ?? ''), sourceDefinitionId: d.sourceDefinitionId ?? null }
        : null;
    } catch {
      return null;
    }
  }

  /** Saves the draft; returns false when the storage refused it (quota). */
  save(draft: Omit<Draft, 'savedAt'>, now = new Date()): boolean {
    try {
      this.storage.setItem(KEY, JSON.stringify({ ...draft, savedAt: now.toISOString() }));
      return true;
    } catch {
      return false;
    }
  }

  /** Forgets the draft. */
  clear(): void {
    this.storage.removeItem(KEY);
  }
}
