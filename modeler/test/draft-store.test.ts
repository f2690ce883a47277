import { beforeEach, describe, expect, it } from 'vitest';
import { DraftStore } from '../src/editor/draft-store';

beforeEach(() => localStorage.clear());

describe('DraftStore', () => {
  it('keeps the draft across instances (a reload)', () => {
    new DraftStore().save({ xml: '<x/>', fileName: 'a.bpmn', sourceDefinitionId: 'a:1' }, new Date('2025-01-01T00:00:00Z'));
    expect(new DraftStore().load()).toEqual({ xml: '<x/>', fileName: 'a.bpmn', sourceDefinitionId: 'a:1', savedAt: '2025-01-01T00:00:00.000Z' });
  });

  it('ignores unreadable values and clears', () => {
    localStorage.setItem('baton.modeler.draft.v1', '{nope');
    expect(new DraftStore().load()).toBeNull();
    new DraftStore().save({ xml: '<x/>', fileName: 'a.bpmn', sourceDefinitionId: null });
    new DraftStore().clear();
    expect(new DraftStore().load()).toBeNull();
  });

  it('reports a full storage instead of throwing', () => {
    const full = { setItem: () => { throw new Error('QuotaExceededError'); } } as unknown as Storage;
    expect(new DraftStore(full).save({ xml: '<x/>', fileName: 'a', sourceDefinitionId: null })).toBe(false);
  });
});
