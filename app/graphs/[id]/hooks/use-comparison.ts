'use client';
import { useReactFlow } from '@xyflow/react';
import { useState } from 'react';
import { diffSpecs } from '../../../../nodes/core/diff';
import type { VersionSummary } from '../../../lib/api-types';
import { buildDiffOverlay, isSameGraph, type DiffOverlay } from '../../../lib/editor/diff-overlay';
import { useEditorStore } from '../../../lib/editor/react';
import { compareVersions, type SavedSpec } from '../../../lib/editor/version-comparison';
import { errorMessage } from '../../../lib/errors';
import type { Versioning } from './use-versioning';

/** Which row's comparison is loading, and with what: its buttons say "Loading…" meanwhile. */
export interface ComparisonLoading {
  versionId: string;
  with: 'draft' | 'version';
}

/**
 * History's comparisons: a saved version with the draft, drawn on the canvas, or two saved versions
 * (drawn only when that is true of the canvas, see `compareVersions`). `onError` hears which version
 * could not be loaded, and `null` when a new comparison starts.
 */
export function useComparison(versioning: Versioning, onError: (message: string | null) => void) {
  const store = useEditorStore();
  const flow = useReactFlow();
  const [loading, setLoading] = useState<ComparisonLoading | null>(null);

  const load = async (version: { id: string; number: number }): Promise<SavedSpec> => {
    try {
      return { number: version.number, spec: await versioning.fetchSpec(version.id) };
    } catch (e) {
      throw new Error(`Could not load version ${version.number}: ${errorMessage(e)}`);
    }
  };

  const showOnCanvas = (overlay: DiffOverlay) => {
    const state = store.getState();
    state.select([], []);
    state.setDiff(overlay);
    void flow.fitView({ padding: 0.2, duration: 200, maxZoom: 1 });
  };

  const run = async (version: VersionSummary, kind: ComparisonLoading['with'], compare: () => Promise<void>) => {
    onError(null);
    setLoading({ versionId: version.id, with: kind });
    try {
      await compare();
    } catch (e) {
      onError(errorMessage(e));
    } finally {
      setLoading(null);
    }
  };

  const withDraft = (version: VersionSummary) =>
    run(version, 'draft', async () => {
      const before = await load(version);
      const { base } = versioning;
      const draft = store.getState().spec;
      // a draft that is still its base version (just saved, or just opened) is named as that version
      const draftIsBase = base && base.id !== version.id && isSameGraph(diffSpecs((await load(base)).spec, draft));
      showOnCanvas(buildDiffOverlay(diffSpecs(before.spec, draft), `v${version.number} → ${draftIsBase ? `v${base.number} (the current draft)` : 'current draft'}`));
    });

  const withVersion = (version: VersionSummary, other: VersionSummary) =>
    run(version, 'version', async () => {
      const [a, b] = await Promise.all([load(version), load(other)]);
      const result = compareVersions(a, b, store.getState().spec);
      if ('onCanvas' in result) showOnCanvas(result.onCanvas);
      else store.getState().setVersionComparison(result.listed);
    });

  return { loading, withDraft, withVersion };
}
