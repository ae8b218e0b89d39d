import { describe, expect, it } from 'vitest';
import { PRESETS } from '../experiment/presets';
import { presetDeck, readDeck } from './deck';

describe('decks', () => {
  it('the built-in deck is the presets, in order', () => {
    expect(presetDeck().map((s) => s.title)).toEqual(PRESETS.map((p) => p.title));
  });

  it('a deck file’s slides change only what their links name', () => {
    const { slides, messages } = readDeck(
      JSON.stringify({
        format: 'ttc-deck',
        version: 1,
        slides: [
          { title: 'Voting', link: '/?levels=3-4&s=majority&k=32&fp=0.3' },
          { title: 'Bad', link: '?n=3&verifier=<script>' },
          { link: '' },
        ],
      }),
      'talk.json',
    );
    expect(slides[0]).toEqual({
      title: 'Voting',
      caption: '',
      settings: {
        levels: [3, 4],
        strategies: ['majority'],
        budget: 32,
        noisy: { falsePositive: 0.3, falseNegative: 0.1, noise: 0 },
      },
    });
    // A slide with only bad settings still counts (it changes nothing), and says why.
    expect(slides[1]).toEqual({ title: 'Bad', caption: '', settings: {} });
    expect(messages.join('\n')).toMatch(/slide 2: Ignored n="3"/);
    expect(messages.join('\n')).toMatch(/slide 3 has no link/);
  });

  it('says what is wrong with a file that is not a deck', () => {
    expect(() => readDeck('{', 'd.json')).toThrow(/not JSON/);
    expect(() => readDeck('{"format":"x"}', 'd.json')).toThrow(/not a deck/);
    expect(() => readDeck('{"format":"ttc-deck","version":2,"slides":[]}', 'd.json')).toThrow(
      /version 2/,
    );
    expect(() => readDeck('{"format":"ttc-deck","version":1,"slides":[]}', 'd.json')).toThrow(
      /no usable slides/,
    );
  });
});
