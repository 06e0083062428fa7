import { Looker40SDK, type IWriteQuery } from '@looker/sdk';
import { NodeSession, NodeSettings } from '@looker/sdk-node';
import { DefaultSettings, type IApiSection, type ITransportSettings } from '@looker/sdk-rtl';
import {
  appliedTileFilters,
  dashboardFilterValues,
  embeddedTileQuery,
  filteredTileQuery,
  tileQueryId,
} from '../src/input/dashboard-tile';
import { aggregateQuery, dashboardIds, explore, hotLookId, type ScenarioId } from './scenarios';

/** Hands the SDK the emulator's API3 credentials (NodeSettings otherwise reads only the environment). */
class FloorSettings extends NodeSettings {
  constructor(
    private readonly baseUrl: string,
    private readonly clientId: string,
    private readonly clientSecret: string,
  ) {
    super('LOOKER_BENCH_FLOOR_UNSET_', {
      ...DefaultSettings(),
      base_url: baseUrl,
      verify_ssl: true,
      timeout: 30,
      agentTag: 'bench-floor',
    });
  }

  override readConfig(): IApiSection {
    return { base_url: this.baseUrl, client_id: this.clientId, client_secret: this.clientSecret, verify_ssl: 'true' };
  }
}

/** The stock `@looker/sdk-node` stack: NodeSettings, NodeSession, its own NodeTransport. */
export function floorSdk(baseUrl: string, clientId: string, clientSecret: string): Looker40SDK {
  return new Looker40SDK(new NodeSession(new FloorSettings(baseUrl, clientId, clientSecret)));
}

/**
 * Per-call options. The stock transport prints a debug line on every call made without a signal,
 * so a careful client passes one; it also bounds the call as the SDK's unused `timeout` would.
 */
const callOptions = (): Partial<ITransportSettings> => ({ signal: AbortSignal.timeout(30_000) });

/** One operation of a scenario, written by hand against the SDK with the fewest calls it needs. */
export type FloorOperation = (sdk: Looker40SDK) => Promise<unknown>;

/** What a hand-written client does for each scenario. */
export const floorOperations: Readonly<Record<ScenarioId, FloorOperation>> = {
  // One call, projected to the title.
  '1': (sdk) => sdk.ok(sdk.look(hotLookId, 'title', callOptions())),

  // One call: each look embeds its folder and its model's label.
  '2': async (sdk) => {
    const looks = await sdk.ok(
      sdk.search_looks(
        { limit: 50, sorts: 'title,id', fields: 'id,title,folder(id,name),model(id,label)' },
        callOptions(),
      ),
    );
    return looks.map((l) => ({ title: l.title, folder: l.folder?.name, model: l.model?.label }));
  },

  // Both dashboards in parallel, then one run per distinct query, all in parallel. Like the
  // dashboard itself (and the subgraph), a tile listening to a filter with a value runs its query
  // with that filter laid over it; the others run their saved query by id.
  '3': async (sdk) => {
    const dashboards = await Promise.all(
      dashboardIds.map((id) =>
        sdk.ok(
          sdk.dashboard(
            id,
            'id,title,dashboard_filters(name,default_value),dashboard_elements(id,title,type,query_id,query,look(query_id,query),result_maker(query_id,query,filterables))',
            callOptions(),
          ),
        ),
      ),
    );
    const saved = new Set<string>();
    const inline = new Map<string, IWriteQuery>();
    for (const dashboard of dashboards) {
      const values = dashboardFilterValues(dashboard, []);
      for (const element of dashboard.dashboard_elements ?? []) {
        const tile = { ...element, dashboardFilterValues: values };
        const queryId = tileQueryId(tile);
        const applied = appliedTileFilters(tile);
        const query = embeddedTileQuery(tile);
        if (Object.keys(applied).length > 0 && query) {
          const body = filteredTileQuery(query, applied, undefined);
          inline.set(JSON.stringify(body), body);
        } else if (queryId) saved.add(queryId);
      }
    }
    return Promise.all([
      ...[...saved].map((queryId) =>
        sdk.ok(sdk.run_query({ query_id: queryId, result_format: 'json_bi' }, callOptions())),
      ),
      ...[...inline.values()].map((body) =>
        sdk.ok(sdk.run_inline_query({ result_format: 'json_bi', body }, callOptions())),
      ),
    ]);
  },

  // One call, projected to the fields' names and types.
  '4': (sdk) =>
    sdk.ok(
      sdk.lookml_model_explore(
        {
          lookml_model_name: explore.model,
          explore_name: explore.name,
          fields: 'name,fields(dimensions(name,type),measures(name,type))',
        },
        callOptions(),
      ),
    ),

  // One call: the query runs inline, never saved.
  '5': (sdk) =>
    sdk.ok(
      sdk.run_inline_query(
        {
          result_format: 'json_bi',
          body: { ...aggregateQuery, fields: [...aggregateQuery.fields], sorts: [...aggregateQuery.sorts] },
        },
        callOptions(),
      ),
    ),
};
