import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PieController,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import type { ResultField, TileResult } from './dashboard-query';
import { labelOf } from './result-cells';

Chart.register(
  ArcElement,
  BarController,
  BarElement,
  LineController,
  LineElement,
  PieController,
  PointElement,
  CategoryScale,
  LinearScale,
  Legend,
  Tooltip,
);
// Reachable from devtools and the browser test (`Chart.getChart(canvas)`); the bundle keeps it private otherwise.
(globalThis as { Chart?: typeof Chart }).Chart = Chart;

const palette = ['#1a73e8', '#e8710a', '#188038', '#d01884', '#9334e6', '#12b5cb', '#f9ab00', '#5f6368'];

/** The Looker visualization types drawn as Chart.js charts. */
export const chartVisTypes = new Set([
  'looker_line',
  'looker_area',
  'looker_column',
  'looker_bar',
  'looker_pie',
  'looker_donut_multiples',
]);

interface Series {
  readonly label: string;
  readonly values: (number | null)[];
  /** Looker's rendered strings, for tooltips. */
  readonly rendered: (string | null)[];
}

const numberOrNull = (value: unknown): number | null => (typeof value === 'number' ? value : null);
const stringOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

/** One series per measure, or per measure and pivot column when the result pivots (row totals left out). */
function seriesOf(result: TileResult, rowOrder: readonly number[]): Series[] {
  const measures = result.fields.filter((field) => field.isMeasure);
  const pivots = result.pivots.filter((pivot) => !pivot.isTotal);
  const series: Series[] = [];
  for (const measure of measures) {
    const cells = rowOrder.map((index) => ({
      raw: result.rows[index]?.[measure.name],
      rendered: result.renderedRows[index]?.[measure.name],
    }));
    if (pivots.length === 0) {
      series.push({
        label: labelOf(measure),
        values: cells.map((cell) => numberOrNull(cell.raw)),
        rendered: cells.map((cell) => stringOrNull(cell.rendered)),
      });
      continue;
    }
    for (const pivot of pivots) {
      const at = (cell: unknown) =>
        cell && typeof cell === 'object' ? (cell as Record<string, unknown>)[pivot.key] : undefined;
      series.push({
        label: measures.length > 1 ? `${labelOf(measure)} · ${pivot.label}` : pivot.label,
        values: cells.map((cell) => numberOrNull(at(cell.raw))),
        rendered: cells.map((cell) => stringOrNull(at(cell.rendered))),
      });
    }
  }
  return series;
}

/** The dimension along the axis: the first one that is not pivoted. */
function axisDimension(result: TileResult): ResultField | undefined {
  return result.fields.find((field) => !field.isMeasure && !field.isPivot);
}

/**
 * Draws a tile as Looker's visualization type would: `looker_line`/`looker_area` a line over the
 * dimension (time runs oldest first), `looker_column` vertical bars, `looker_bar` horizontal bars,
 * `looker_pie` a pie of the first measure. Labels and tooltips use Looker's rendered values.
 */
export function drawChart(canvas: HTMLCanvasElement, visType: string, result: TileResult): Chart {
  const dimension = axisDimension(result);
  const order = result.rows.map((_row, index) => index);
  const isTime = /^date|^time|_(date|week|month|quarter|year|time)$/.test(dimension?.type ?? '');
  if ((visType === 'looker_line' || visType === 'looker_area') && dimension && isTime) {
    order.sort((a, b) =>
      String(result.rows[a]?.[dimension.name]).localeCompare(String(result.rows[b]?.[dimension.name])),
    );
  }
  const labels = order.map((index) =>
    String(
      (dimension && (result.renderedRows[index]?.[dimension.name] ?? result.rows[index]?.[dimension.name])) ?? '∅',
    ),
  );
  const series = seriesOf(result, order);
  const tooltip = {
    callbacks: {
      label: (context: { datasetIndex: number; dataIndex: number; dataset: { label?: string } }) =>
        `${context.dataset.label ?? ''}: ${series[context.datasetIndex]?.rendered[context.dataIndex] ?? ''}`,
    },
  };

  if (visType === 'looker_pie' || visType === 'looker_donut_multiples') {
    const [first] = series;
    const config: ChartConfiguration<'pie'> = {
      type: 'pie',
      data: {
        labels,
        datasets: [
          {
            label: first?.label ?? '',
            data: (first?.values ?? []).map((value) => value ?? 0),
            backgroundColor: labels.map((_label, index) => palette[index % palette.length] ?? '#1a73e8'),
          },
        ],
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        plugins: { legend: { position: 'right' }, tooltip },
      },
    };
    return new Chart(canvas, config);
  }

  const line = visType === 'looker_line' || visType === 'looker_area';
  const datasets = series.map((entry, index) => ({
    label: entry.label,
    data: entry.values,
    backgroundColor: palette[index % palette.length],
    borderColor: palette[index % palette.length],
    fill: visType === 'looker_area',
  }));
  const common = {
    animation: false as const,
    responsive: true,
    maintainAspectRatio: false,
    plugins: { legend: { display: series.length > 1 }, tooltip },
  };
  if (line) return new Chart(canvas, { type: 'line', data: { labels, datasets }, options: common });
  return new Chart(canvas, {
    type: 'bar',
    data: { labels, datasets },
    options: { ...common, indexAxis: visType === 'looker_bar' ? 'y' : 'x' },
  });
}
