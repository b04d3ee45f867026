import type { ModelHost } from '../../core/context';
import { NodeError } from '../../core/errors';

/**
 * Language identification with fastText's lid.176 model, which ships inside the fasttext.wasm.js npm
 * package (nothing is downloaded). Loaded once per process through the model host (~1 MB, ~70 ms).
 */
export interface LanguageGuess {
  /** ISO 639-1 code when the language has one, else ISO 639-3 */
  code: string;
  alpha3: string;
  name: string;
  probability: number;
}

interface LidModel {
  identify(text: string, top: number): Promise<{ alpha2: string | null; alpha3: string; refName: string; possibility: number }[]>;
}

export const LANGUAGE_MODEL_KEY = 'fasttext-lid.176';

function loadLid(models: ModelHost): Promise<LidModel> {
  return models.get(LANGUAGE_MODEL_KEY, async () => {
    try {
      const { getLIDModel } = await import('fasttext.wasm.js');
      const model = await getLIDModel();
      await model.load();
      return model as unknown as LidModel;
    } catch (error) {
      throw new NodeError('MODEL_UNAVAILABLE', `the fastText language model (fasttext.wasm.js lid.176) could not be loaded: ${(error as Error).message}`, { cause: error });
    }
  });
}

/** The `top` most likely languages of a text, most likely first. */
export async function identifyLanguage(models: ModelHost, text: string, top = 3): Promise<LanguageGuess[]> {
  const lid = await loadLid(models);
  // fastText predicts one line: newlines would end the input early
  const guesses = await lid.identify(text.replace(/\s+/g, ' ').trim(), top);
  return guesses.map((g) => ({ code: g.alpha2 ?? g.alpha3, alpha3: g.alpha3, name: g.refName, probability: g.possibility }));
}
