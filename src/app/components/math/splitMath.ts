/**
 * Splits model or problem text into plain parts and LaTeX parts (`$…$`, `$$…$$`, `\(…\)`, `\[…\]`),
 * so the plain parts render as text and only the LaTeX parts go to KaTeX. An unclosed delimiter is
 * plain text; `\$` is a dollar sign, not a delimiter.
 */
export type MathPart =
  { kind: 'text'; text: string } | { kind: 'math'; tex: string; display: boolean };

const OPEN = /\$\$|\$|\\\(|\\\[/g;
const CLOSE: Record<string, string> = { $$: '$$', $: '$', '\\(': '\\)', '\\[': '\\]' };

export function splitMath(text: string): MathPart[] {
  const parts: MathPart[] = [];
  let plain = '';
  let at = 0;
  OPEN.lastIndex = 0;
  for (let m = OPEN.exec(text); m; m = OPEN.exec(text)) {
    if (m.index > 0 && text[m.index - 1] === '\\' && m[0].startsWith('$')) continue; // \$
    const close = CLOSE[m[0]]!;
    let end = text.indexOf(close, m.index + m[0].length);
    while (end > 0 && close === '$' && text[end - 1] === '\\') end = text.indexOf('$', end + 1);
    if (end < 0) continue;
    const tex = text.slice(m.index + m[0].length, end);
    if (tex.trim() === '') continue;
    plain += text.slice(at, m.index);
    if (plain) parts.push({ kind: 'text', text: plain });
    plain = '';
    parts.push({ kind: 'math', tex, display: m[0] === '$$' || m[0] === '\\[' });
    at = end + close.length;
    OPEN.lastIndex = at;
  }
  plain += text.slice(at);
  if (plain) parts.push({ kind: 'text', text: plain });
  return parts;
}
