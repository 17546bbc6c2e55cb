import { describe, expect, it } from 'vitest';
import type { Trial } from '../../lib/search-hp/search.ts';
import { defaults } from '../shared/settings.ts';
import { SETTINGS, defaultWorkers } from './config.ts';
import { AXES, DEFAULT_ORDER, axisControlsMarkup, hyperSearchMarkup, tableHeadMarkup, tableRowsMarkup } from './markup.ts';
import { linePath, lineColour } from './plot-svg.ts';

const trial = (id: number, history: number[], status: Trial['status'] = 'finished'): Trial => ({
  id,
  params: { learningRate: 0.001, hiddenUnits: 64, dropout: 0.2, batchSize: 32 },
  status,
  epochs: history.length,
  history,
  stoppedAt: null,
  worker: null,
});

describe('hyper-search markup', () => {
  it('shows the empty axes, one title per axis, and an empty table before Start', () => {
    const html = hyperSearchMarkup(defaults(SETTINGS));
    for (const label of ['Learning rate', 'Hidden units', 'Dropout', 'Batch size', 'Validation accuracy']) expect(html).toContain(`>${label}</text>`);
    expect(html).toContain('No trials yet');
    expect(html).toContain('role="status"');
  });

  it('disables moving the first axis left and the last right', () => {
    const html = axisControlsMarkup(AXES, DEFAULT_ORDER, {});
    expect(html).toMatch(/data-move="-1" data-axis="learningRate"[^>]*disabled/);
    expect(html).toMatch(/data-move="1" data-axis="accuracy"[^>]*disabled/);
    expect(html).not.toMatch(/data-move="1" data-axis="learningRate"[^>]*disabled/);
  });

  it('marks the sorted column with aria-sort and hides rows outside the filters', () => {
    expect(tableHeadMarkup({ key: 'accuracy', direction: 'descending' })).toMatch(/aria-sort="descending"><button[^>]*data-sort="accuracy"/);
    const rows = tableRowsMarkup([trial(1, [0.9]), trial(2, [0.5], 'stopped')], (t) => t.id === 1, 1);
    expect(rows).toMatch(/<tr data-trial="1" data-status="finished">/);
    expect(rows).toMatch(/<tr data-trial="2" data-status="stopped" hidden data-filtered>/);
    expect(rows).toContain('best');
  });

  it('cuts a line where a trial has no accuracy yet, and colours it as "no result"', () => {
    expect(linePath(trial(1, []), AXES, DEFAULT_ORDER).match(/[ML]/g)).toEqual(['M', 'L', 'L', 'L']);
    expect(linePath(trial(1, [0.5]), AXES, DEFAULT_ORDER).match(/[ML]/g)).toEqual(['M', 'L', 'L', 'L', 'L']);
    expect(lineColour(null, AXES.at(-1)!)).toBe('var(--tk-hp-none)');
    expect(lineColour(1, AXES.at(-1)!)).toContain('var(--tk-hp-high) 100%');
  });

  it('defaults to one worker per core, at most four', () => {
    expect([undefined, 1, 2, 8, 0].map(defaultWorkers)).toEqual([2, 1, 2, 4, 2]);
  });
});
