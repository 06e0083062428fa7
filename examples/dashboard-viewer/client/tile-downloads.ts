import type { FilterValue } from './dashboard-query';
import { element } from './dom';
import { bearer, describeError, graphql } from './graphql';

const TILE_EXPORT_URL = /* GraphQL */ `
  query TileExport($id: ID!, $filters: [DashboardFilterValue!], $format: ExportFormat!) {
    dashboard(id: $id) {
      tiles {
        id
        exportUrl(format: $format, filters: $filters)
      }
    }
  }
`;

/** What a download needs: whose token, which dashboard, which filters are applied. */
export interface DownloadContext {
  readonly token: string;
  readonly dashboardId: string;
  readonly filters: readonly FilterValue[];
  /** Tells the page what happened (errors included). */
  report(message: string): void;
}

/** The file name from a `Content-Disposition` header, else a fallback. */
function fileNameOf(disposition: string | null, fallback: string): string {
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '')?.[1];
  if (encoded) return decodeURIComponent(encoded);
  return /filename="?([^";]+)"?/i.exec(disposition ?? '')?.[1] ?? fallback;
}

/**
 * Downloads one tile's data as Looker's CSV or XLSX: asks the subgraph for a fresh export URL
 * (they expire within minutes, so only on click), fetches it through this origin's `/exports/`
 * proxy with the bearer token (a plain link could not send it), and saves the answer through an
 * object URL.
 */
export async function downloadTile(context: DownloadContext, tileId: string, format: 'CSV' | 'XLSX'): Promise<void> {
  context.report(`Preparing ${format}…`);
  const answer = await graphql<{ dashboard: { tiles: { id: string; exportUrl: string | null }[] } | null }>(
    context.token,
    TILE_EXPORT_URL,
    { id: context.dashboardId, filters: context.filters, format },
  );
  const url = answer.data?.dashboard?.tiles.find((tile) => tile.id === tileId)?.exportUrl;
  if (!url) {
    context.report(
      `No ${format} download: ${answer.errors[0] ? describeError(answer.errors[0]) : 'the subgraph gave no URL'}`,
    );
    return;
  }
  // The URL names the subgraph; the page may only talk to its own origin, which proxies /exports/.
  const target = new URL(url, location.href);
  const response = await fetch(`${target.pathname}${target.search}`, { headers: bearer(context.token) });
  if (!response.ok) {
    context.report(`The ${format} download failed: HTTP ${response.status}`);
    return;
  }
  const blob = await response.blob();
  const name = fileNameOf(response.headers.get('content-disposition'), `tile-${tileId}.${format.toLowerCase()}`);
  const link = element('a');
  link.href = URL.createObjectURL(blob);
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
  context.report(`Downloaded ${name} (${blob.size} bytes).`);
}

/** The CSV and XLSX buttons of one tile. */
export function downloadButtons(context: () => DownloadContext, tileId: string): HTMLElement {
  const box = element('div', 'tile-actions');
  for (const format of ['CSV', 'XLSX'] as const) {
    const button = element('button', 'tile-download', format);
    button.type = 'button';
    button.title = `Download this tile's data as ${format}`;
    button.addEventListener('click', () => {
      const current = context();
      downloadTile(current, tileId, format).catch((error: unknown) =>
        current.report(`The ${format} download failed: ${String(error)}`),
      );
    });
    box.append(button);
  }
  return box;
}
