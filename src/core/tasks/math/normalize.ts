/**
 * Normalizing a free-text answer before comparing it, the way MATH and GSM8K graders do (rules in
 * docs/math.md, in this order). The result is LaTeX-ish text without decoration:
 * 1. surrounding `$…$`, `\(…\)`, `\[…\]` and a trailing period go;
 * 2. `\text{…}`, `\textbf{…}`, `\mathrm{…}`, `\mbox{…}` become their content;
 * 3. spacing (`\,` `\;` `\:` `\!` `\ ` `~` `\quad` `\qquad`), `\left`, `\right`, `\displaystyle` go;
 * 4. `\dfrac`/`\tfrac` are `\frac`, and `\frac12` is `\frac{1}{2}`;
 * 5. degrees (`^\circ`, `°`), percent (`\%`, `%`) and currency (`\$`, `$`) signs go (a percent is
 *    compared as its number: "50%" ≡ "50", as the MATH grader strips `\%`);
 * 6. a leading `x =` (one variable and an equals sign) goes;
 * 7. unit words after a number go ("12 apples" → "12", "5 cm^2" → "5");
 * 8. thousands separators go when the number is grouped by threes ("1,234" → "1234"; "1,2" stays,
 *    a tuple);
 * 9. whitespace goes; a plain number is written canonically ("+0.50" → "0.5", ".5" → "0.5").
 */

function unwrapCommands(s: string, names: readonly string[]): string {
  for (const name of names) {
    const re = new RegExp(`\\\\${name}\\s*\\{`, 'g');
    let m: RegExpExecArray | null;
    while ((m = re.exec(s))) {
      let depth = 1;
      let i = m.index + m[0].length;
      for (; i < s.length && depth > 0; i++) {
        if (s[i] === '{') depth++;
        else if (s[i] === '}') depth--;
      }
      if (depth !== 0) break;
      s = s.slice(0, m.index) + s.slice(m.index + m[0].length, i - 1) + s.slice(i);
      re.lastIndex = m.index;
    }
  }
  return s;
}

const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;

/** "+0.50" → "0.5", "-.5" → "-0.5", "007" → "7"; other text unchanged. */
export function canonicalNumber(s: string): string {
  if (!PLAIN_NUMBER.test(s)) return s;
  const v = Number(s);
  return Number.isFinite(v) ? String(v === 0 ? 0 : v) : s;
}

export function normalizeMathAnswer(raw: string | null): string | null {
  if (raw === null) return null;
  let s = raw.trim();
  // 1. Math delimiters and a trailing period.
  for (let changed = true; changed;) {
    const before = s;
    s = s.replace(/^\$+([\s\S]*?)\$+$/, '$1').trim();
    s = s.replace(/^\\\(([\s\S]*)\\\)$/, '$1').trim();
    s = s.replace(/^\\\[([\s\S]*)\\\]$/, '$1').trim();
    s = s.replace(/\.$/, '').trim();
    changed = s !== before;
  }
  // 2. Text wrappers.
  s = unwrapCommands(s, ['text', 'textbf', 'textit', 'mathrm', 'mathbf', 'mbox']);
  // 3. Spacing and sizing.
  s = s
    .replace(/\\(?:qquad|quad|displaystyle|left|right)\b/g, '')
    .replace(/\\[,;:! ]/g, '')
    .replace(/~/g, '');
  // 4. Fractions.
  s = s.replace(/\\[dt]frac/g, '\\frac').replace(/\\frac\s*(\d)\s*(\d)/g, '\\frac{$1}{$2}');
  s = s.replace(/\\frac\s*\{([^{}]*)\}\s*(\d)/g, '\\frac{$1}{$2}');
  // 5. Degrees, percent, currency.
  s = s
    .replace(/\^\s*\{?\\circ\}?/g, '')
    .replace(/°/g, '')
    .replace(/\\?%/g, '')
    .replace(/\\?\$/g, '');
  s = s.trim();
  // 6. A leading "x =".
  s = s.replace(/^[A-Za-z]\s*=\s*(?=\S)/, '');
  // 7. Unit words after a number.
  const unit = /^([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s+[A-Za-z][A-Za-z^0-9./\s-]*$/.exec(s);
  if (unit) s = unit[1]!;
  // 8. Thousands separators.
  if (/^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(s)) s = s.replace(/,/g, '');
  // 9. Whitespace, canonical numbers.
  s = s.replace(/\s+/g, '');
  s = canonicalNumber(s);
  return s === '' ? null : s;
}
