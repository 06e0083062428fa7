import './style.css';
import { fetchDashboard, tileResultError } from './dashboard-query';
import { tileView } from './tile-view';

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
const dashboardInput = byId<HTMLInputElement>('dashboard-id');
const status = byId<HTMLParagraphElement>('status');
const tiles = byId<HTMLElement>('tiles');

/** In the demo, the server lists identities it can get tokens for; elsewhere the list is empty. */
async function offerIdentities(): Promise<void> {
  const { identities } = (await (await fetch('config.json')).json()) as { identities: Identity[] };
  if (identities.length === 0) return;
  for (const identity of identities) {
    const option = new Option(`${identity.label} — ${identity.description}`, identity.clientId);
    identitySelect.append(option);
  }
  byId('identity-field').hidden = false;
}

async function useIdentity(clientId: string): Promise<void> {
  if (!clientId) return;
  status.textContent = 'Getting a token…';
  const response = await fetch('demo-token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ clientId }) });
  const body = (await response.json()) as { accessToken?: string; errors?: { message: string }[] };
  tokenInput.value = body.accessToken ?? '';
  status.textContent = body.accessToken ? `Token set for ${clientId}.` : `No token: ${body.errors?.[0]?.message ?? response.status}`;
}

async function show(): Promise<void> {
  status.textContent = 'Loading…';
  tiles.replaceChildren();
  const answer = await fetchDashboard(dashboardInput.value.trim(), tokenInput.value.trim());
  byId('dashboard-title').textContent = answer.dashboard?.title ?? '';
  byId('dashboard-description').textContent = answer.dashboard?.description ?? '';
  if (!answer.dashboard) {
    status.textContent = answer.errors[0]?.message ?? (answer.status === 200 ? 'No such dashboard (or not visible to you).' : `HTTP ${answer.status}`);
    return;
  }
  answer.dashboard.tiles.forEach((tile, index) => tiles.append(tileView(tile, tileResultError(answer.errors, index))));
  const denied = tiles.querySelectorAll('.tile-denied').length;
  status.textContent = `${answer.dashboard.tiles.length} tiles${denied ? `, ${denied} without data for this token` : ''}.`;
}

identitySelect.addEventListener('change', () => {
  useIdentity(identitySelect.value).then(show, (error: unknown) => (status.textContent = String(error)));
});
form.addEventListener('submit', (event) => {
  event.preventDefault();
  show().catch((error: unknown) => (status.textContent = String(error)));
});
const fromUrl = new URLSearchParams(location.search).get('dashboard');
if (fromUrl) dashboardInput.value = fromUrl;
offerIdentities().catch((error: unknown) => (status.textContent = String(error)));
