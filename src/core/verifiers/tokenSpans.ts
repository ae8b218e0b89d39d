/**
 * Token spans of a completion's steps for any tokenizer: steps are the text between the task's
 * delimiters (empty ones skipped, each step's span includes its delimiter), and a token belongs to
 * the step its first character falls in. Tokens that decode to nothing (end-of-sequence, other
 * special tokens) join the step before them. `charEnds[t]` is where token t's text ends.
 */
export function tokenStepSpans(
  text: string,
  charEnds: readonly number[],
  delimiter: string,
): [number, number][] {
  const stepEnds: number[] = [];
  let at = 0;
  for (const part of text.split(delimiter)) {
    const end = Math.min(at + part.length + delimiter.length, text.length);
    if (part.trim() !== '') stepEnds.push(end);
    else if (stepEnds.length) stepEnds[stepEnds.length - 1] = end;
    at += part.length + delimiter.length;
  }
  if (stepEnds.length === 0) return charEnds.length ? [[0, charEnds.length]] : [];
  const spans: [number, number][] = stepEnds.map(() => [0, 0]);
  let step = 0;
  let start = 0;
  for (let t = 0; t < charEnds.length; t++) {
    const first = t === 0 ? 0 : charEnds[t - 1]!;
    const empty = charEnds[t]! === first;
    while (!empty && step < stepEnds.length - 1 && first >= stepEnds[step]!) {
      spans[step] = [start, t];
      start = t;
      step++;
    }
  }
  spans[step] = [start, charEnds.length];
  // Steps no token started in (possible only for a malformed decode) are dropped.
  return spans.slice(0, step + 1).filter(([a, b]) => b > a);
}
