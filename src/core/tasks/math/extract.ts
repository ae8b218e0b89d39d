/**
 * The final answer in a free-text solution, looked for in this order (docs/math.md):
 * 1. the last `\boxed{…}` or `\fbox{…}` (nested braces allowed);
 * 2. the last "The answer is …" / "The final answer is …" (case-insensitive; up to the end of the
 *    line or sentence, a trailing period dropped);
 * 3. GSM8K's `#### …` (the last one);
 * 4. the last number in the text (`-1,234.5`, `3/4`).
 * `null` when none of them is there. The text found is raw: `normalizeAnswer` cleans it.
 */

/** The content of the last `\boxed{…}` / `\fbox{…}`, braces balanced, or null. */
export function lastBoxed(text: string): string | null {
  let found: string | null = null;
  const re = /\\(?:boxed|fbox)\s*\{/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let depth = 1;
    let i = m.index + m[0].length;
    for (; i < text.length && depth > 0; i++) {
      if (text[i] === '\\' && i + 1 < text.length)
        i++; // an escaped brace is not a brace
      else if (text[i] === '{') depth++;
      else if (text[i] === '}') depth--;
    }
    if (depth === 0) found = text.slice(m.index + m[0].length, i - 1);
  }
  return found;
}

const ANSWER_IS = /\b(?:the\s+)?(?:final\s+)?answer\s+is\s*:?\s*/gi;

/** What follows the last "The (final) answer is", up to the end of the line or sentence. */
export function answerIs(text: string): string | null {
  let at = -1;
  for (let m = ANSWER_IS.exec(text); m; m = ANSWER_IS.exec(text)) at = m.index + m[0].length;
  if (at < 0) return null;
  const rest = text.slice(at).split('\n')[0]!;
  // A sentence ends at ". " or a final "." — not at a decimal point ("3.5") or inside $…$.
  let end = rest.length;
  let inMath = false;
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '$') inMath = !inMath;
    if (!inMath && rest[i] === '.' && !/\d/.test(rest[i + 1] ?? '')) {
      end = i;
      break;
    }
  }
  const answer = rest.slice(0, end).trim();
  return answer === '' ? null : answer;
}

/** What follows the last GSM8K `####` marker, to the end of its line. */
export function gsm8kMarker(text: string): string | null {
  const i = text.lastIndexOf('####');
  if (i < 0) return null;
  const answer = text
    .slice(i + 4)
    .split('\n')[0]!
    .trim();
  return answer === '' ? null : answer;
}

const NUMBER = /-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?(?:\/\d+)?|-?\.\d+/g;

export function lastNumber(text: string): string | null {
  const all = text.match(NUMBER);
  return all ? all[all.length - 1]! : null;
}

export function extractMathAnswer(text: string): string | null {
  return lastBoxed(text) ?? answerIs(text) ?? gsm8kMarker(text) ?? lastNumber(text);
}
