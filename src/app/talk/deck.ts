/**
 * A deck: a scripted sequence of experiments a presenter steps through with the keyboard (Page Down /
 * Page Up, as presentation clickers send, or n / p). The built-in deck is the presets; a deck file
 * (`?deck=/path/on/this/site.json`) lists links. Deck files come from strangers: each slide's link
 * goes through the same hardened parser as the address bar, and bad slides are dropped with a message.
 */
import { PRESETS } from '../experiment/presets';
import type { Experiment } from '../experiment/settings';
import { parseExperiment } from '../experiment/urlCodec';
import { parseJsonFile } from '../export/parseJsonFile';

export interface Slide {
  title: string;
  caption: string;
  /** What the slide changes (applied over the current experiment, as presets are). */
  settings: Partial<Experiment>;
}

export const presetDeck = (): Slide[] =>
  PRESETS.map((p) => ({ title: p.title, caption: p.caption, settings: p.settings }));

export const MAX_DECK_BYTES = 1 << 20;
const text = (v: unknown, max: number) => (typeof v === 'string' ? v.slice(0, max) : '');

export function readDeck(raw: string, name: string): { slides: Slide[]; messages: string[] } {
  if (raw.length > MAX_DECK_BYTES) throw new Error(`${name} is larger than 1 MB`);
  const json = parseJsonFile(raw, name);
  const deck = json as { format?: unknown; version?: unknown; slides?: unknown };
  if (typeof json !== 'object' || json === null || deck.format !== 'ttc-deck')
    throw new Error(`${name} is not a deck (format "ttc-deck")`);
  if (deck.version !== 1)
    throw new Error(
      `${name}: deck version ${String(deck.version).slice(0, 10)} is not supported (1 is)`,
    );
  if (!Array.isArray(deck.slides)) throw new Error(`${name} has no slides`);
  const messages: string[] = [];
  const slides: Slide[] = [];
  deck.slides.slice(0, 100).forEach((s: unknown, i) => {
    const slide = (typeof s === 'object' && s !== null ? s : {}) as Record<string, unknown>;
    const link = text(slide.link, 4096).replace(/^[^?]*\?/, '');
    if (!link) return messages.push(`${name}: slide ${i + 1} has no link; skipped.`);
    const parsed = parseExperiment(link);
    for (const m of parsed.messages) messages.push(`${name}, slide ${i + 1}: ${m}`);
    const q = new URLSearchParams(link);
    // A rejected value falls back to its default in the parse; a slide leaves it alone instead.
    for (const m of parsed.messages) {
      const key = /^Ignored ([a-z]+)=/.exec(m)?.[1];
      if (key) q.delete(key);
    }
    // Only what the link names changes: the rest stays the presenter's (like a preset).
    const settings = Object.fromEntries(
      (Object.keys(parsed.experiment) as (keyof Experiment)[])
        .filter((k) => (KEYS_OF[k] ?? [k]).some((key) => q.has(key)))
        .map((k) => [k, parsed.experiment[k]]),
    ) as Partial<Experiment>;
    slides.push({
      title: text(slide.title, 200) || `Slide ${i + 1}`,
      caption: text(slide.caption, 1000),
      settings,
    });
  });
  if (slides.length === 0) throw new Error(`${name} has no usable slides`);
  return { slides, messages };
}

/** The URL keys of settings whose key is not their name (docs/formats.md). */
const KEYS_OF: Partial<Record<keyof Experiment, string[]>> = {
  noisy: ['fp', 'fn', 'noise'],
  temperatures: ['temp'],
  strategies: ['s'],
  estimator: ['est'],
  budget: ['k'],
  problem: ['p'],
  treeN: ['tn'],
  treeM: ['tm'],
  treeCurves: ['tc'],
  treeSeeds: ['tseeds'],
};
