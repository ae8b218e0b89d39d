import { describe, expect, it } from 'vitest';
import { seriesCsv } from './csv';

describe('curves as CSV', () => {
  it('writes one row per strategy and budget, quoting labels with commas', () => {
    const csv = seriesCsv(
      [
        {
          id: 'bon-outcome@v',
          key: 'bon',
          label: 'Best-of-N, "strong"',
          color: '#000',
          missing: '',
          points: [
            { k: 1, x: 1, accuracy: 0.5, band: [0.4, 0.6] },
            { k: 2, x: 2, accuracy: 0.75, band: [0.6, 0.9] },
          ],
        },
      ],
      'samples',
    );
    expect(csv).toBe(
      'strategy,label,k,accuracy,lo,hi,samples\n' +
        'bon-outcome@v,"Best-of-N, ""strong""",1,0.5,0.4,0.6,1\n' +
        'bon-outcome@v,"Best-of-N, ""strong""",2,0.75,0.6,0.9,2\n',
    );
  });
});
