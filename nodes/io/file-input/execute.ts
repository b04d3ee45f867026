import { defineExecutor } from '../../core/context';
import { NodeError } from '../../core/errors';
import { fileInput, fileInputFields } from './definition';
import { fileBytes, firstOversizeFile } from './file-size';

export const fileInputExecutor = defineExecutor(fileInput, {
  async execute(ctx, _inputs, config) {
    const parsed = fileInputFields.safeParse(ctx.runInput);
    if (!parsed.success) {
      throw new NodeError('INVALID_INPUT', `run input: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ')}`);
    }
    const oversize = firstOversizeFile(parsed.data.files, config.maxFileMB);
    if (oversize) {
      throw new NodeError('TOO_LARGE', `file "${oversize.file.name}" is ${(oversize.bytes / 1048576).toFixed(1)} MB; this graph accepts at most ${config.maxFileMB} MB per file`);
    }
    return { files: parsed.data.files.map((file) => ({ ...file, size: file.size ?? fileBytes(file) })) };
  },
});
