import './style.css';
import { createApolloClient } from './apollo';
import { fetchDashboard, listDashboards, type Dashboard, type FilterValue } from './dashboard-query';
import { embedButton } from './embed-link';
import { filterBar } from './filter-bar';
import { favoriteStar } from './favorite-star';
import { folderLooksPanel } from './folder-looks';
import { errorAt } from './graphql';
import { saveLookButton, type SaveContext } from './save-look';
import { probeSchema, type SchemaFeatures } from './schema-features';
import { placeTiles } from './tile-grid';
import { downloadButtons, type DownloadContext } from './tile-downloads';
import { tileView } from './tile-view';
import { CONTENT_WRITE, viewerScopes } from './viewer-scopes';

interface Identity {
  readonly clientId: string;
  readonly label: string;
  readonly description: string;
}

function byId<T extends HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} is missing from the page`);
  return node as T;
}

const form = byId<HTMLFormElement>('controls');
const identitySelect = byId<HTMLSelectElement>('identity');
const tokenInput = byId<HTMLInputElement>('token');
const dashboardSelect = byId<HTMLSelectElement>('dashboard-id');
const status = byId<HTMLParagraphElement>('status');
const filtersBox = byId<HTMLElement>('filters');
const actionsBox = byId<HTMLElement>('dashboard-actions');
const tiles = byId<HTMLElement>('tiles');
const saveFolderBox = byId<HTMLElement>('save-folder');

/**
 * What the page shows now: the token's optional fields and whether it may write, the dashboard,
 * its applied filters, the folder "Save as look" saves in (from the server's config), and the
 * watch on that folder's looks.
 */
const state: {
  features: SchemaFeatures | undefined;
  featuresFor: string;
  canWrite: boolean;
  dashboard: Dashboard | undefined;
  filters: readonly FilterValue[];
  saveFolderId: string | undefined;
  stopWatchingFolder: () => void;
} = {
  features: undefined,
  featuresFor: '',
  canWrite: false,
  dashboard: undefined,
  filters: [],
  saveFolderId: undefined,
  stopWatchingFolder: () => undefined,
};

const token = () => tokenInput.value.trim();
const apollo = createApolloClient(token);
const report = (message: string) => (status.textContent = message);

/**
 * In the demo, the server lists identities it can get tokens for and the one to start as; elsewhere
 * the list is empty. Resolves with the starting identity's client id, if any.
 */
async function offerIdentities(): Promise<string | undefined> {
  const { identities, initialClientId, saveFolderId } = (await (await fetch('config.json')).json()) as {
    identities: Identity[];
    initialClientId?: string;
    saveFolderId?: string;
  };
  state.saveFolderId = saveFolderId;
  if (identities.length === 0) return undefined;
  for (const identity of identities)
    identitySelect.append(new Option(`${identity.label} — ${identity.description}`, identity.clientId));
  byId('identity-field').hidden = false;
  if (!identities.some((identity) => identity.clientId === initialClientId)) return undefined;
  identitySelect.value = initialClientId as string;
  return initialClientId;
}

async function useIdentity(clientId: string): Promise<void> {
  if (!clientId) return;
  report('Getting a token…');
  const response = await fetch('demo-token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ clientId }),
  });
  const body = (await response.json()) as { accessToken?: string; errors?: { message: string }[] };
  tokenInput.value = body.accessToken ?? '';
  report(body.accessToken ? `Token set for ${clientId}.` : `No token: ${body.errors?.[0]?.message ?? response.status}`);
}

/**
 * Once per token: which optional fields the subgraph has, whether the token may write content,
 * and the dashboards for the picker. Apollo's cache is the previous token's: emptied first.
 */
async function prepareForToken(): Promise<SchemaFeatures> {
  const current = token();
  if (state.features && state.featuresFor === current) return state.features;
  state.stopWatchingFolder();
  await apollo.clearStore();
  const [features, dashboards, scopes] = await Promise.all([
    probeSchema(current),
    listDashboards(current),
    viewerScopes(apollo, current),
  ]);
  // The token changed meanwhile: what was found belongs to the old one.
  if (current !== token()) return features;
  state.canWrite = scopes.has(CONTENT_WRITE);
  const chosen = dashboardSelect.value;
  dashboardSelect.replaceChildren(
    ...dashboards.map((dashboard) => new Option(`${dashboard.title} (${dashboard.id})`, dashboard.id)),
  );
  // A dashboard the search does not list (e.g. a LookML dashboard's model::name id) stays choosable.
  if (chosen && !dashboards.some((dashboard) => dashboard.id === chosen))
    dashboardSelect.prepend(new Option(chosen, chosen));
  dashboardSelect.value = chosen;
  state.features = features;
  state.featuresFor = current;
  return features;
}

const downloadContext = (): DownloadContext => ({
  token: token(),
  dashboardId: state.dashboard?.id ?? '',
  filters: state.filters,
  report,
});

function describeFilters(filters: readonly FilterValue[]): string {
  const chosen = filters.filter((filter) => filter.value !== '');
  return chosen.length ? ` Filters: ${chosen.map((filter) => `${filter.name} = ${filter.value}`).join('; ')}.` : '';
}

/** "Save as look" is offered to tokens that may write content, when the page knows where to save. */
function saveContext(dashboard: Dashboard): SaveContext | undefined {
  if (!state.canWrite || !state.saveFolderId) return undefined;
  return { client: apollo, dashboardId: dashboard.id, filters: () => state.filters, folderId: state.saveFolderId };
}

/** A data tile's buttons: downloads where the subgraph has them, "Save as look" for writers. */
function tileActions(
  features: SchemaFeatures,
  save: SaveContext | undefined,
  tile: Dashboard['tiles'][number],
): HTMLElement | undefined {
  if (tile.type === 'text' || tile.visType === 'text') return undefined;
  const actions = features.tileExports ? downloadButtons(downloadContext, tile.id) : undefined;
  if (!save) return actions;
  const box = actions ?? document.createElement('div');
  box.className = 'tile-actions';
  box.append(saveLookButton(save, tile.id, tile.title ?? tile.look?.title ?? `Tile ${tile.id}`));
  return box;
}

/** Draws the tiles of `dashboard` on its grid. */
function drawTiles(dashboard: Dashboard, errors: Parameters<typeof errorAt>[0], features: SchemaFeatures): void {
  const save = saveContext(dashboard);
  const cards = dashboard.tiles.map((tile, index) => {
    const actions = tileActions(features, save, tile);
    return { tile, card: tileView(tile, errorAt(errors, ['dashboard', 'tiles', index, 'result']), actions) };
  });
  tiles.replaceChildren();
  placeTiles(tiles, dashboard.layout?.columns ?? 24, cards);
  const denied = tiles.querySelectorAll('.tile-denied').length;
  tiles.dataset.filters = JSON.stringify(state.filters);
  report(
    `${dashboard.tiles.length} tiles${denied ? `, ${denied} without data for this token` : ''}.${describeFilters(state.filters)}`,
  );
}

let shows = 0;

/** Shows the chosen dashboard anew: header, filter controls (from its defaults) and tiles. */
async function show(): Promise<void> {
  // A later show (another identity or dashboard picked meanwhile) wins: this one stops drawing.
  const run = ++shows;
  report('Loading…');
  tiles.replaceChildren();
  filtersBox.replaceChildren();
  actionsBox.replaceChildren();
  state.stopWatchingFolder();
  saveFolderBox.replaceChildren();
  const id = dashboardSelect.value;
  const features = await prepareForToken();
  if (run !== shows) return;
  history.replaceState(null, '', `?dashboard=${encodeURIComponent(id)}`);
  const answer = await fetchDashboard(token(), id, []);
  if (run !== shows) return;
  const dashboard = answer.data?.dashboard ?? undefined;
  byId('dashboard-title').textContent = dashboard?.title ?? '';
  byId('dashboard-description').textContent = dashboard?.description ?? '';
  state.dashboard = dashboard;
  state.filters = dashboard?.filters.map((filter) => ({ name: filter.name, value: filter.defaultValue ?? '' })) ?? [];
  if (!dashboard) {
    report(
      answer.errors[0]?.message ??
        (answer.status === 200 ? 'No such dashboard (or not visible to you).' : `HTTP ${answer.status}`),
    );
    return;
  }
  if (features.dashboardEmbed) actionsBox.append(embedButton(token, dashboard.id, report));
  if (state.canWrite) actionsBox.prepend(favoriteStar(apollo, dashboard.id, report));
  if (state.canWrite && state.saveFolderId) {
    const panel = folderLooksPanel(apollo, state.saveFolderId);
    saveFolderBox.append(panel.node);
    state.stopWatchingFolder = panel.stop;
  }
  if (dashboard.filters.length > 0) {
    filtersBox.append(
      filterBar({
        filters: dashboard.filters,
        source: { token: token(), dashboardId: dashboard.id, useFilterField: features.filterSuggestions },
        onApply: (values) => void applyFilters(values).catch((error: unknown) => report(String(error))),
      }),
    );
  }
  drawTiles(dashboard, answer.errors, features);
}

/** Re-queries the tiles with the chosen filter values (each tile's `result(filters: …)`). */
async function applyFilters(values: readonly FilterValue[]): Promise<void> {
  const { dashboard } = state;
  if (!dashboard) return;
  report('Applying filters…');
  const features = await prepareForToken();
  const answer = await fetchDashboard(token(), dashboard.id, values);
  if (!answer.data?.dashboard) {
    report(answer.errors[0]?.message ?? `HTTP ${answer.status}`);
    return;
  }
  state.filters = values;
  drawTiles(answer.data.dashboard, answer.errors, features);
}

const fail = (error: unknown) => report(String(error));
identitySelect.addEventListener('change', () => {
  useIdentity(identitySelect.value).then(show, fail);
});
dashboardSelect.addEventListener('change', () => {
  if (token()) show().catch(fail);
});
form.addEventListener('submit', (event) => {
  event.preventDefault();
  show().catch(fail);
});
const fromUrl = new URLSearchParams(location.search).get('dashboard') ?? '1';
dashboardSelect.replaceChildren(new Option(fromUrl, fromUrl));
dashboardSelect.value = fromUrl;
// In the demo the page signs in as the starting identity and shows the dashboard at once.
offerIdentities()
  .then(async (initialClientId) => {
    if (!initialClientId) return;
    await useIdentity(initialClientId);
    if (token()) await show();
  })
  .catch(fail);
