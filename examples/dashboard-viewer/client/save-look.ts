import { gql, type ApolloClient, type TypedDocumentNode } from '@apollo/client';
import { graphQLErrorsOf } from './apollo';
import type { FilterValue } from './dashboard-query';
import { element } from './dom';
import { FOLDER_LOOKS } from './folder-looks';
import { describeError } from './graphql';

interface FilterExpression {
  readonly field: string;
  readonly expression: string;
}

interface TileQuery {
  readonly model: string;
  readonly view: string;
  readonly fields: string[];
  readonly filters: FilterExpression[];
  readonly sorts: string[];
  readonly limit: number | null;
  readonly pivots: string[];
}

/** A tile's saved query and the dashboard filters it listens to, with the chosen values. */
const TILE_QUERY: TypedDocumentNode<
  {
    dashboard: {
      id: string;
      tiles: {
        id: string;
        query: TileQuery | null;
        visConfig: Record<string, unknown> | null;
        appliedFilters: FilterExpression[] | null;
      }[];
    } | null;
  },
  { id: string; filters: FilterValue[] }
> = gql`
  query TileQueryToSave($id: ID!, $filters: [DashboardFilterValue!]) {
    dashboard(id: $id) {
      id
      tiles {
        id
        query {
          model
          view
          fields
          filters {
            field
            expression
          }
          sorts
          limit
          pivots
        }
        visConfig
        appliedFilters(filters: $filters) {
          field
          expression
        }
      }
    }
  }
`;

const CREATE_LOOK: TypedDocumentNode<
  {
    createLook: {
      look: { id: string; title: string; folder: { id: string; name: string } | null } | null;
      change: { replayed: boolean };
    } | null;
  },
  { input: Record<string, unknown> }
> = gql`
  mutation SaveTileAsLook($input: CreateLookInput!) {
    createLook(input: $input) {
      look {
        id
        title
        folder {
          id
          name
        }
      }
      change {
        replayed
      }
    }
  }
`;

/** What a save needs from the page when it is clicked. */
export interface SaveContext {
  readonly client: ApolloClient;
  readonly dashboardId: string;
  /** The dashboard filter values the tiles show now. */
  readonly filters: () => readonly FilterValue[];
  /** The folder looks are saved in (the policy must let the caller write there). */
  readonly folderId: string;
}

/**
 * The tile's query with the dashboard filters applied to it merged in: a filter on a field the
 * query already filters replaces that one, as Looker does when a dashboard filter applies.
 */
export function mergeFilters(
  saved: readonly FilterExpression[],
  applied: readonly FilterExpression[],
): FilterExpression[] {
  const byField = new Map(saved.map((filter) => [filter.field, filter.expression]));
  for (const filter of applied) byField.set(filter.field, filter.expression);
  return [...byField].map(([field, expression]) => ({ field, expression }));
}

/** The look's title: the tile's, then the filter values chosen (at most Looker's 255 characters). */
export function lookTitle(tileTitle: string, filters: readonly FilterValue[]): string {
  const chosen = filters.filter((filter) => filter.value !== '');
  const suffix = chosen.length ? ` (${chosen.map((filter) => `${filter.name}: ${filter.value}`).join(', ')})` : '';
  return `${tileTitle}${suffix}`.slice(0, 255);
}

/** A fresh idempotency key. */
function newKey(): string {
  // getRandomValues, unlike randomUUID, works on plain-http origins too.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `save-look-${[...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * "Save as look" on a tile: saves the tile's query, with the dashboard filter values applied now,
 * as a look in the save folder (`createLook`), then refetches the folder's looks. The button is
 * disabled while a save runs, and a save's idempotency key is reused for the same look until one
 * succeeds, so a double click or a retry after a lost answer writes one look (a different look, e.g.
 * after the filters changed, gets a key of its own: the subgraph refuses a key reused for another).
 */
export function saveLookButton(context: SaveContext, tileId: string, tileTitle: string): HTMLElement {
  const box = element('span', 'save-look');
  const button = element('button', 'save-look-button', 'Save as look');
  button.type = 'button';
  const outcome = element('span', 'save-look-outcome');
  outcome.setAttribute('role', 'status');
  box.append(button, outcome);
  // The key of the look being saved, and which look (its input without the key) it is for.
  let pending = { key: newKey(), input: '' };

  const save = async (): Promise<void> => {
    const filters = [...context.filters()];
    const read = await context.client.query({
      query: TILE_QUERY,
      variables: { id: context.dashboardId, filters },
      // The tile as it is now, not as it was when first saved from this page.
      fetchPolicy: 'network-only',
      errorPolicy: 'all',
    });
    const tile = read.data?.dashboard?.tiles.find((candidate) => candidate.id === tileId);
    if (!tile?.query) {
      const error = graphQLErrorsOf(read.error)[0];
      outcome.textContent = `Not saved: ${error ? describeError(error) : 'this tile has no query to save'}`;
      return;
    }
    const { model, view, fields, filters: savedFilters, sorts, limit, pivots } = tile.query;
    const look = {
      title: lookTitle(tileTitle, filters),
      folderId: context.folderId,
      query: {
        model,
        view,
        fields,
        filters: mergeFilters(savedFilters, tile.appliedFilters ?? []),
        sorts,
        pivots,
        ...(limit === null ? {} : { limit }),
      },
      ...(tile.visConfig ? { visConfig: tile.visConfig } : {}),
    };
    const fingerprint = JSON.stringify(look);
    if (pending.input !== fingerprint) pending = { key: newKey(), input: fingerprint };
    const input = { ...look, idempotencyKey: pending.key };
    const written = await context.client.mutate({
      mutation: CREATE_LOOK,
      variables: { input },
      errorPolicy: 'all',
      // The folder's list is the server's (order, paging): ask it again rather than guess it.
      refetchQueries: [{ query: FOLDER_LOOKS, variables: { folderId: context.folderId } }],
    });
    const saved = written.data?.createLook?.look;
    if (!saved) {
      const error = graphQLErrorsOf(written.error)[0];
      outcome.textContent = `Not saved: ${error ? describeError(error) : 'no look came back'}`;
      return;
    }
    pending = { key: newKey(), input: '' };
    outcome.textContent = `Saved "${saved.title}" as look ${saved.id}${saved.folder ? ` in ${saved.folder.name}` : ''}.`;
    outcome.dataset.lookId = saved.id;
  };

  button.addEventListener('click', () => {
    button.disabled = true;
    outcome.textContent = 'Saving…';
    delete outcome.dataset.lookId;
    save()
      .catch((error: unknown) => (outcome.textContent = `Not saved: ${String(error)}`))
      .finally(() => (button.disabled = false));
  });
  return box;
}
