const LABELS = { chat: 'Chat', embedder: 'Embedder', ingestion: 'Ingestion', other: 'Graph' } as const;
const TITLES = {
  chat: 'Answers questions: callable as OpenAI chat completions',
  embedder: 'Returns a vector: callable as OpenAI embeddings',
  ingestion: 'Takes files: accepts uploads to its collection',
  other: 'Callable through its own endpoint',
} as const;

export function KindBadge({ kind }: { kind: keyof typeof LABELS }) {
  return (
    <span className="badge" title={TITLES[kind]}>
      {LABELS[kind]}
    </span>
  );
}

/** "v3", "latest (v4)", plus the canary share. */
export function routingLabel(e: { versionNumber: number | null; latestVersionNumber?: number | null; servedVersionNumber?: number | null; canaryVersionNumber: number | null; canaryPercent: number }): string {
  const latest = e.latestVersionNumber ?? e.servedVersionNumber;
  const main = e.versionNumber ? `v${e.versionNumber}` : `latest${latest ? ` (v${latest})` : ''}`;
  if (!e.canaryVersionNumber) return main;
  return `${main} · canary v${e.canaryVersionNumber} ${e.canaryPercent === 0 ? 'staged' : `${e.canaryPercent}%`}`;
}
