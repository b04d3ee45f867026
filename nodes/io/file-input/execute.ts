import { defineExecutor } from '../../core/context';
import { readRunInput } from '../../core/io';
import { NodeError } from '../../core/errors';
import { fileInput, fileInputFields } from './definition';
import { fileBytes, firstOversizeFile } from './file-size';

export const fileInputExecutor = defineExecutor(fileInput, {
  async execute(ctx, _inputs, config) {
    const { files } = readRunInput(ctx.runInput, fileInputFields);
    const oversize = firstOversizeFile(files, config.maxFileMB);
    if (oversize) {
      throw new NodeError('TOO_LARGE', `file "${oversize.file.name}" is ${(oversize.bytes / 1048576).toFixed(1)} MB; this graph accepts at most ${config.maxFileMB} MB per file`);
    }
    return { files: files.map((file) => ({ ...file, size: file.size ?? fileBytes(file) })) };
  },
});
