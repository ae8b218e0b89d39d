/**
 * A deck: a scripted sequence of experiments a presenter steps through with the keyboard (Page Down /
 * Page Up, as presentation clickers send, or n / p). The built-in deck is the presets; a deck file
 * (`?deck=/path/on/this/site.json`) lists links. Deck files come from strangers: the file is checked
 * against `deck.schema.json` (the one validator), each slide's link goes through the same hardened parser as the address bar, and bad slides are dropped with a message.
 */
import { PRESETS } from '../experiment/presets';
import type { Experiment } from '../experiment/settings';
import { SETTINGS } from '../experiment/table';
import { parseExperiment } from '../experiment/urlCodec';
import { defSchema, shown, validateJson, type JsonSchema } from '../../core/schema/validateJson';
import { parseJsonFile } from '../export/parseJsonFile';
import schema from './deck.schema.json' with { type: 'json' };

export interface Slide {
  title: string;
  caption: string;
  /** What the slide changes (applied over the current experiment, as presets are). */
  settings: Partial<Experiment>;
}

export const presetDeck = (): Slide[] =>
  PRESETS.map((p) => ({ title: p.title, caption: p.caption, settings: p.settings }));

export const MAX_DECK_BYTES = 1 << 20;
const slideSchema = defSchema(schema as JsonSchema, 'slide');

export function readDeck(raw: string, name: string): { slides: Slide[]; messages: string[] } {
  if (raw.length > MAX_DECK_BYTES) throw new Error(`${name} is larger than 1 MB`);
  const json = parseJsonFile(raw, name);
  const deck = json as { format?: unknown; version?: unknown; slides?: unknown };
  if (
    typeof json !== 'object' ||
    json === null ||
    !Object.hasOwn(deck, 'format') ||
    deck.format !== 'ttc-deck'
  )
    throw new Error(`${name} is not a deck (format "ttc-deck")`);
  if (deck.version !== 1)
    throw new Error(`${name}: deck version ${shown(deck.version)} is not supported (1 is)`);
  if (!Array.isArray(deck.slides)) throw new Error(`${name} has no slides`);
  // Anything wrong outside the slides refuses the file; a bad slide is dropped with a message.
  const envelope = validateJson(schema as JsonSchema, { ...json, slides: [] }, 1)[0];
  if (envelope)
    throw new Error(`${name} is not a valid deck: ${envelope.path}: ${envelope.message}`);
  const badSlides = new Map<number, string>();
  (deck.slides as unknown[]).forEach((slide, i) => {
    const e = validateJson(slideSchema, slide, 1)[0];
    if (!e) return;
    const noLink = e.path === '$.link' && /required|at least 1/.test(e.message);
    badSlides.set(
      i,
      noLink ? 'has no link' : `${e.path.replace(/^\$\.?/, '') || 'it'} ${e.message}`,
    );
  });
  const list = deck.slides as Record<string, unknown>[];
  const messages: string[] = [];
  const slides: Slide[] = [];
  list.forEach((slide, i) => {
    const bad = badSlides.get(i);
    if (bad) return messages.push(`${name}: slide ${i + 1} ${bad}; skipped.`);
    const link = (slide.link as string).replace(/^[^?]*\?/, '');
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
        .filter((k) => SETTINGS[k].url.some((key) => q.has(key)))
        .map((k) => [k, parsed.experiment[k]]),
    ) as Partial<Experiment>;
    slides.push({
      title: (slide.title as string | undefined) || `Slide ${i + 1}`,
      caption: (slide.caption as string | undefined) ?? '',
      settings,
    });
  });
  if (slides.length === 0) throw new Error(`${name} has no usable slides`);
  return { slides, messages };
}
