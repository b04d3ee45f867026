/**
 * A document is known by its file name in a collection (its sourceId), so two files of the same name
 * in one upload would replace each other and one would be lost without a word. Both upload paths (the
 * public multipart route and the editor's tRPC upload) refuse that with this message.
 */
export function firstRepeatedName(names: Iterable<string>): string | undefined {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) return name;
    seen.add(name);
  }
  return undefined;
}

export function repeatedNameMessage(name: string): string {
  return `two files in this upload are named "${name}"; a document is known by its name in the collection, so one would replace the other: rename one`;
}
