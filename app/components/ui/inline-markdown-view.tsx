import { inlineSegments } from './inline-markdown';

const TAGS = { code: 'code', strong: 'strong', em: 'em' } as const;

/** Text with its inline Markdown shown as code, bold and emphasis (see inline-markdown.ts). */
export function InlineMarkdown({ text }: { text: string }) {
  return (
    <>
      {inlineSegments(text).map((segment, i) => {
        if (segment.kind === 'text') return segment.text;
        const Tag = TAGS[segment.kind];
        return <Tag key={i}>{segment.text}</Tag>;
      })}
    </>
  );
}
