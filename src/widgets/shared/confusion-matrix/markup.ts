/**
 * The confusion matrix's empty table as a string (built at build time, filled by matrix.ts): a
 * head row of column names under the column axis title, one row per class with its name, and an
 * empty cell per pair. Rows are the true class, columns the prediction (the model's, or the
 * prediction after an attack). No DOM here.
 */
import { escapeHtml } from '../html.ts';

export interface MatrixMarkupOptions {
  /** The name of each class, rows and columns alike ('0'…'9', or 'T-shirt/top'…). */
  classes: readonly string[];
  /** Over the columns: 'Predicted digit →'. */
  columnTitle: string;
  /** Over the row names: 'True ↓'. */
  rowTitle: string;
  /** The table's accessible name: what its rows and columns are. */
  label: string;
  /** `data-part` of the table (default 'matrix'). */
  part?: string;
}

/** The table, empty. Long class names (more than 2 characters) set their column heads upright (`tk-matrix--names`). */
export function matrixMarkup({ classes, columnTitle, rowTitle, label, part = 'matrix' }: MatrixMarkupOptions): string {
  const names = classes.some((c) => c.length > 2);
  const cells = classes.map(() => '<td class="tk-matrix__cell"></td>').join('');
  const head = `<tr><td class="tk-matrix__corner"></td><th scope="colgroup" colspan="${classes.length}" class="tk-matrix__axis">${escapeHtml(columnTitle)}</th></tr>
<tr><th scope="col" class="tk-matrix__axis tk-matrix__axis--rows">${escapeHtml(rowTitle)}</th>${classes.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('')}</tr>`;
  const rows = classes.map((c) => `<tr><th scope="row">${escapeHtml(c)}</th>${cells}</tr>`).join('\n');
  return `<table class="tk-matrix${names ? ' tk-matrix--names' : ''}" role="grid" aria-label="${escapeHtml(label)}" data-part="${escapeHtml(part)}">
<thead>${head}</thead>
<tbody>
${rows}
</tbody>
</table>`;
}
