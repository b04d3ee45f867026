import { defineExecutor } from '../../core/context';
import { NodeError } from '../../core/errors';
import { fileInput, fileInputFields } from './definition';

export const fileInputExecutor = defineExecutor(fileInput, {
  async execute(ctx, _inputs, config) {
    const parsed = fileInputFields.safeParse(ctx.runInput);
    if (!parsed.success) {
      throw new NodeError('INVALID_INPUT', `run input: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ')}`);
    }
    const limit = config.maxFileMB * 1024 * 1024;
    const files = parsed.data.files.map((file) => {
      const size = Math.floor((file.contentBase64.length * 3) / 4);
      if (size > limit) {
        throw new NodeError('TOO_LARGE', `file "${file.name}" is ${(size / 1048576).toFixed(1)} MB; this graph accepts at most ${config.maxFileMB} MB per file`);
      }
      return { ...file, size: file.size ?? size };
    });
    return { files };
  },
});
