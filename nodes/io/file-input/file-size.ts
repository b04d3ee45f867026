import { base64Bytes } from '../../core/file-bytes';

/**
 * The size rule of a File input (`maxFileMB`), measured one way wherever it is applied: by the node
 * when it runs, and by the upload routes before a run starts. A file's size is what its base64 holds,
 * not the `size` a client declares beside it.
 */
export function fileBytes(file: { contentBase64: string }): number {
  return base64Bytes(file.contentBase64);
}

/** The first file over `maxFileMB`, with its size, or undefined when all fit. */
export function firstOversizeFile<F extends { name: string; contentBase64: string }>(files: readonly F[], maxFileMB: number): { file: F; bytes: number } | undefined {
  for (const file of files) {
    const bytes = fileBytes(file);
    if (bytes > maxFileMB * 1024 * 1024) return { file, bytes };
  }
  return undefined;
}
