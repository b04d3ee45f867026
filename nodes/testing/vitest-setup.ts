import { afterAll } from 'vitest';
import { removeTempDirs } from './tiny-onnx';

// Runs in every test file: the temporary folders its tests made (models, tokenizers, caches) go
// when the file ends, whether or not each test cleaned up after itself. After-hooks run in reverse
// order, so this comes after the file's own.
afterAll(removeTempDirs);
