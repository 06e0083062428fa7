import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import type { TileResult } from './dashboard-query';
import { labelOf, type TileShape } from './tile-shape';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip);
// Reachable from devtools and the browser test (`Chart.getChart(canvas)`); the bundle keeps it private otherwise.
(globalThis as { Chart?: typeof Chart }).Chart = Chart;

const palette = ['#1a73e8', '#e8710a', '#188038', '#d01884', '#9334e6', '#12b5cb'];

/** Draws a line or bar chart of one dimension against the measures; time series run oldest first. */
export function drawChart(canvas: HTMLCanvasElement, result: TileResult, shape: Extract<TileShape, { kind: 'line' | 'bar' }>): Chart {
  const rows = [...result.rows];
  if (shape.kind === 'line') rows.sort((a, b) => String(a[shape.dimension.name]).localeCompare(String(b[shape.dimension.name])));
  return new Chart(canvas, {
    type: shape.kind,
    data: {
      labels: rows.map((row) => String(row[shape.dimension.name] ?? '∅')),
      datasets: shape.measures.map((measure, index) => ({
        label: labelOf(measure),
        data: rows.map((row) => (typeof row[measure.name] === 'number' ? (row[measure.name] as number) : null)),
        backgroundColor: palette[index % palette.length],
        borderColor: palette[index % palette.length],
      })),
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      plugins: { legend: { display: shape.measures.length > 1 } },
    },
  });
}
