import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findProfanity } from './profanity';

describe('profanity', () => {
  it.each(['you stupid bitch', 'what the fuck is this', 'fucking useless answer', 'this is bullshit', 'motherfucker', 'ʃ𝐟ʃὗƈｋ you', 'fuuuuuck off', 'sh1t answer'])(
    'flags %j',
    (text) => {
      expect(findProfanity(text).length).toBeGreaterThan(0);
    },
  );

  it.each([
    'CD28 signals regulate trafficking of murine auto-reactive T cells into target tissues.',
    'Cell autonomous sex determination in somatic cells occurs in Galliformes.',
    'Vaccinating the gastrointestinal tract induces protection of rectal and vaginal mucosa.',
    'Increased mobility of retrotransposons is assosciated with mutation.',
    'Human T-lymphotropic virus type-I-associated myelopathy / tropical spastic paraparesis',
    'Dickkopf-1 inhibits Wnt signalling; ABO blood group and skin prick tests; great tit populations.',
    'Growth retardation and semen quality in anal cancer survivors.',
    'Scunthorpe and Penistone are towns; analysis of cocktail assays.',
    'FKHR and PPARγ FKO mice after 5-FU; the F465L mutation in 455 carcinomas.',
  ])('does not flag %j', (text) => {
    expect(findProfanity(text)).toEqual([]);
  });

  it('flags none of the 1,109 SciFact queries', () => {
    const queries = readFileSync(new URL('./fixtures/scifact-queries.txt', import.meta.url), 'utf8').split('\n').filter(Boolean);
    expect(queries.length).toBe(1109);
    expect(queries.filter((q) => findProfanity(q).length > 0)).toEqual([]);
  });
});
