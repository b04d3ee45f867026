'use client';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { FormDialog } from '../../components/ui/form-dialog';
import { errorMessage } from '../../lib/errors';
import { useTRPC } from '../../lib/trpc';
import { CrawlFields, crawlOfDraft, draftOf, type CrawlDraft, type CrawlSettings } from '../crawl-fields';

/**
 * A web source's crawl settings, edited in place: how deep, which links, how many pages, what to
 * skip, the private network, JavaScript. They apply from its next load; its addresses stay (other
 * addresses are another source).
 */
export function WebSourceSettingsDialog({ source, onClose, onSaved }: { source: { id: string; urls: string[]; crawl: CrawlSettings }; onClose(): void; onSaved(): void }) {
  const trpc = useTRPC();
  const [draft, setDraft] = useState<CrawlDraft>(() => draftOf(source.crawl));
  const { crawl, problem } = crawlOfDraft(draft);
  const save = useMutation(trpc.collection.setWebSourceCrawl.mutationOptions({ onSuccess: onSaved }));
  return (
    <FormDialog wide title="Web source settings" submitLabel={save.isPending ? 'Saving…' : 'Save settings'} canSubmit={!problem && !save.isPending} onSubmit={() => save.mutate({ id: source.id, ...crawl })} onClose={onClose}>
      <p className="muted small" style={{ marginTop: 0, overflowWrap: 'anywhere' }}>
        <span className="mono">{source.urls.join(', ')}</span>: the next load, by hand or on schedule, goes by these.
      </p>
      <CrawlFields id="source" value={draft} onChange={setDraft} disabled={save.isPending} />
      {(problem || save.error) && (
        <div className="alert error" role="alert" style={{ marginTop: 10 }}>
          {problem ?? errorMessage(save.error)}
        </div>
      )}
    </FormDialog>
  );
}
