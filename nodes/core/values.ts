import { z } from 'zod';
import type { PortKind } from './ports';

/**
 * The value each port kind carries. These schemas validate data at the boundaries (run input, API)
 * and give the TypeScript types node executors are written against.
 */

const metadata = z.record(z.string(), z.unknown());

export const fileValue = z.object({
  name: z.string().min(1).max(512),
  mimeType: z.string().max(200).optional(),
  /** file bytes, base64: files cross process and queue boundaries as JSON. */
  contentBase64: z.string(),
  size: z.number().int().nonnegative().optional(),
  /** a stable id for re-ingestion (defaults to the name). */
  sourceId: z.string().max(512).optional(),
  metadata: metadata.optional(),
});
export type FileValue = z.infer<typeof fileValue>;

export const documentMetadata = z
  .object({
    source: z.string(),
    title: z.string(),
    mimeType: z.string(),
    contentHash: z.string(),
    page: z.number().int().positive().optional(),
    pageCount: z.number().int().positive().optional(),
    headingPath: z.array(z.string()).optional(),
  })
  .catchall(z.unknown());

/** A span of a document's text that came from one page or under one heading. */
export const documentSection = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  page: z.number().int().positive().optional(),
  headingPath: z.array(z.string()).optional(),
});

export const documentValue = z.object({
  id: z.string(),
  sourceId: z.string(),
  text: z.string(),
  metadata: documentMetadata,
  sections: z.array(documentSection).optional(),
});
export type DocumentValue = z.infer<typeof documentValue>;

export const chunkValue = z.object({
  id: z.string(),
  documentId: z.string(),
  sourceId: z.string(),
  text: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  ordinal: z.number().int().nonnegative(),
  page: z.number().int().positive().optional(),
  headingPath: z.array(z.string()).optional(),
  /** the larger chunk this one sits in (small-to-big retrieval). */
  parentId: z.string().optional(),
  /** a parent chunk carried along so the store can keep its text; not itself indexed. */
  isParent: z.boolean().optional(),
  metadata: metadata,
});
export type ChunkValue = z.infer<typeof chunkValue>;

/** Documents travel with their chunks so a store can upsert per document. */
export const chunksValue = z.object({
  documents: z.array(documentValue),
  chunks: z.array(chunkValue),
});
export type ChunksValue = z.infer<typeof chunksValue>;

export const embeddedChunksValue = chunksValue.extend({
  model: z.string(),
  dims: z.number().int().positive(),
  /** one vector per chunk, in the same order; parents carry none (empty array). */
  embeddings: z.array(z.array(z.number())),
});
export type EmbeddedChunksValue = z.infer<typeof embeddedChunksValue>;

/** One file a parser could not read, and why (an error code such as UNSUPPORTED_FORMAT, and its message). */
export const fileFailure = z.object({
  file: z.string(),
  code: z.string(),
  message: z.string(),
});
export type FileFailure = z.infer<typeof fileFailure>;

/** The most failed files a FileFailuresValue lists; the others are only counted. */
export const MAX_LISTED_FAILURES = 50;

/**
 * The files a parse node could not read and left out (its `failures` output, on a json port; the
 * example ingestion graph returns it as `rejected`): `count` is every one of them, `files` the first
 * MAX_LISTED_FAILURES, so `count - files.length` were not listed.
 */
export const fileFailuresValue = z.object({
  count: z.number().int().nonnegative(),
  files: z.array(fileFailure).max(MAX_LISTED_FAILURES),
});
export type FileFailuresValue = z.infer<typeof fileFailuresValue>;

/** How much conversation a run input carries: chat endpoints and the Run panel keep within it. */
export const CONVERSATION_LIMITS = { messages: 50, messageChars: 10_000 } as const;

/** One earlier turn of a conversation: what the user asked, or what the assistant answered. */
export const conversationTurn = z.object({
  role: z.enum(['user', 'assistant']),
  content: z.string().max(CONVERSATION_LIMITS.messageChars, `a history message is at most ${CONVERSATION_LIMITS.messageChars.toLocaleString('en')} characters`),
});
export type ConversationTurn = z.infer<typeof conversationTurn>;

/** The turns before the current question, oldest first. */
export const conversationHistory = z.array(conversationTurn).max(CONVERSATION_LIMITS.messages, `history holds at most ${CONVERSATION_LIMITS.messages} messages (send the latest)`);

export const queryValue = z.object({
  text: z.string(),
  filters: metadata.optional(),
  topK: z.number().int().positive().max(1000).optional(),
  /** earlier turns of the conversation, oldest first (chat endpoints send them) */
  history: conversationHistory.optional(),
});
export type QueryValue = z.infer<typeof queryValue>;

export const queryVectorValue = queryValue.extend({
  vector: z.array(z.number()),
  model: z.string(),
  dims: z.number().int().positive(),
});
export type QueryVectorValue = z.infer<typeof queryVectorValue>;

export const retrievedItem = z.object({
  chunkId: z.string(),
  documentId: z.string(),
  sourceId: z.string(),
  text: z.string(),
  score: z.number(),
  /** the parent chunk's text when the store returns small-to-big context. */
  parentText: z.string().optional(),
  metadata: metadata,
});
export type RetrievedItem = z.infer<typeof retrievedItem>;

export const retrievedValue = z.object({
  query: z.string(),
  items: z.array(retrievedItem),
});
export type RetrievedValue = z.infer<typeof retrievedValue>;

export const citation = z.object({
  marker: z.string(),
  chunkId: z.string(),
  sourceId: z.string(),
  title: z.string().optional(),
  quote: z.string().optional(),
});
export type Citation = z.infer<typeof citation>;

export const chatMessage = z.object({
  role: z.enum(['system', 'user', 'assistant']),
  content: z.string(),
});
export type ChatMessage = z.infer<typeof chatMessage>;

export const promptValue = z.object({
  messages: z.array(chatMessage),
  /** the context passages behind the markers in the messages. */
  context: z.array(citation.extend({ text: z.string() })),
  question: z.string(),
});
export type PromptValue = z.infer<typeof promptValue>;

export const answerValue = z.object({
  text: z.string(),
  citations: z.array(citation),
  /** who produced it: an LLM model id, or "extractive" for the built-in sentence selector. */
  producedBy: z.string().optional(),
  /** set when a guardrail or router ended the run before an answer was generated. */
  blocked: z.boolean().optional(),
});
export type AnswerValue = z.infer<typeof answerValue>;

export const verdictValue = z.object({
  allowed: z.boolean(),
  reasons: z.array(z.object({ rule: z.string(), message: z.string() })),
  /** the text after redaction (equal to the input when nothing was redacted). */
  text: z.string(),
  scores: z.record(z.string(), z.number()).optional(),
});
export type VerdictValue = z.infer<typeof verdictValue>;

export const PORT_VALUE_SCHEMAS = {
  file: z.array(fileValue),
  documents: z.array(documentValue),
  chunks: chunksValue,
  'embedded-chunks': embeddedChunksValue,
  query: queryValue,
  'query-vector': queryVectorValue,
  retrieved: retrievedValue,
  prompt: promptValue,
  text: z.string(),
  answer: answerValue,
  verdict: verdictValue,
  json: z.unknown(),
} satisfies Record<PortKind, z.ZodType>;

export type PortValue<K extends PortKind> = z.infer<(typeof PORT_VALUE_SCHEMAS)[K]>;
