/**
 * Token spans of a completion's step lines and answer line, for character-level vocabularies: token i
 * is character i, then end-of-sequence when the sample ended. A step line's span includes its newline;
 * the answer line's includes end-of-sequence. Same split as the task's parser (empty lines skipped,
 * nothing after the answer line).
 */
export function lineSpans(
  completion: string,
  ended: boolean,
): { steps: [number, number][]; answer?: [number, number] } {
  const limit = completion.length + (ended ? 1 : 0);
  const steps: [number, number][] = [];
  let at = 0;
  for (const line of completion.split('\n')) {
    const end = Math.min(at + line.length + 1, limit);
    if (line.startsWith('A:')) return { steps, answer: [at, end] };
    if (line !== '') steps.push([at, end]);
    at += line.length + 1;
  }
  return { steps };
}
