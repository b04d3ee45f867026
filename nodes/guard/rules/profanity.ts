import { DataSet, englishDataset, englishRecommendedTransformers, RegExpMatcher } from 'obscenity';

/**
 * Profanity and slurs with the `obscenity` English preset (it sees through leetspeak, confusable
 * Unicode and repeated letters), tuned for questions about documents, which are often scientific:
 * - clinical and scientific words the preset lists are removed: "sex", "anal", "semen", "vagina",
 *   "spastic", "retard(ation)", "ABO" (blood group), "tit" (a bird), "cock" (a rooster), "prick"
 *   (skin-prick test), "dick" (Dickkopf genes), "scat" (ecology), "cum" (cum laude), ...;
 * - a match must start at a word start, and end at a word end unless it is an unambiguous word
 *   ("fucking"); inside a word only the literal word counts ("motherfucker", but not the "ffick" the
 *   preset finds in "trafficking" nor the "ass" of a misspelt "assosciated");
 * - short all-caps or digit matches are acronyms and identifiers (FKHR, 5-FU, F465L), not words.
 * On the 53k sentences of the SciFact corpus this leaves one hit ("bitches", in a veterinary study).
 */
const CLINICAL_OR_AMBIGUOUS = new Set([
  'abo', 'anal', 'anus', 'cock', 'cum', 'dick', 'ejaculate', 'hooker', 'incest', 'masturbate', 'orgasm', 'penis',
  'prick', 'rape', 'retard', 'scat', 'semen', 'sex', 'spastic', 'tit', 'vagina', 'boob',
]);

/** Words whose prefix forms are profane too ("fucking", "bitches"). */
const UNAMBIGUOUS = new Set(['fuck', 'shit', 'cunt', 'bitch', 'nigger', 'whore', 'slut', 'wank', 'twat', 'bastard', 'jizz', 'dildo', 'pussy', 'porn', 'fag', 'kike', 'bollocks']);

let matcher: { match: RegExpMatcher; dataset: DataSet<{ originalWord: string }> } | undefined;

function getMatcher() {
  if (!matcher) {
    const dataset = new DataSet<{ originalWord: string }>()
      .addAll(englishDataset)
      .removePhrasesIf((phrase) => CLINICAL_OR_AMBIGUOUS.has(phrase.metadata?.originalWord ?? ''));
    matcher = { match: new RegExpMatcher({ ...dataset.build(), ...englishRecommendedTransformers }), dataset };
  }
  return matcher;
}

export interface ProfanityHit {
  word: string;
  excerpt: string;
}

export function findProfanity(text: string): ProfanityHit[] {
  const { match, dataset } = getMatcher();
  const hits: ProfanityHit[] = [];
  for (const m of match.getAllMatches(text, true)) {
    const word = dataset.getPayloadWithPhraseMetadata(m).phraseMetadata?.originalWord ?? '';
    const start = m.startIndex;
    const end = m.endIndex + 1;
    const excerpt = text.slice(start, end);
    const atStart = !isWordChar(text, start - 1);
    const atEnd = !isWordChar(text, end);
    // short all-caps or digit runs are acronyms and identifiers: "FK" (FKHR), "5-FU", "F465L", "455"
    const acronym = excerpt.length <= 3 && !/\p{Ll}/u.test(excerpt);
    const keep = !acronym && (atStart ? atEnd || UNAMBIGUOUS.has(word) : UNAMBIGUOUS.has(word) && excerpt.toLowerCase() === word);
    if (keep) hits.push({ word, excerpt });
  }
  return hits;
}

function isWordChar(text: string, index: number): boolean {
  if (index < 0 || index >= text.length) return false;
  return /[\p{L}\p{N}]/u.test(text[index]!);
}
