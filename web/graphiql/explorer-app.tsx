import { explorerPlugin } from '@graphiql/plugin-explorer';
import { GraphiQL } from 'graphiql';
import { useMemo, useState } from 'react';
import type { GraphiqlPageConfig } from '../../src/graphiql/page-config';
import { bearerHeaders } from './demo-token';
import { exampleOperations, startingDocument } from './example-operations';
import { examplesPlugin } from './examples-plugin';
import { createFetcher } from './fetcher';
import { IdentityPicker } from './identity-picker';
import type { StartingIdentity } from './starting-identity';

// One instance of each for the page's life: GraphiQL compares plugins by identity.
const examples = examplesPlugin(exampleOperations);
const explorer = explorerPlugin({ showAttribution: false });

/**
 * GraphiQL for the subgraph: one example operation in the editor (▶ runs it at once), the others in
 * the Examples plugin, the headers editor open, the explorer plugin (a query clicked together from
 * the schema's fields) and in the demo an identity picker, starting as `starting` (signed in before
 * the page renders).
 */
export function ExplorerApp({
  config,
  starting,
}: {
  readonly config: GraphiqlPageConfig;
  readonly starting?: StartingIdentity;
}) {
  const fetcher = useMemo(() => createFetcher(config.graphqlPath), [config.graphqlPath]);
  // Lifted here because GraphiQL replaces the headers editor's text whenever this prop changes.
  const [headers, setHeaders] = useState<string | undefined>(
    starting && 'token' in starting ? bearerHeaders(starting.token) : undefined,
  );
  const { demo } = config;

  return (
    <GraphiQL
      fetcher={fetcher}
      plugins={[examples, explorer]}
      defaultQuery={startingDocument}
      headers={headers}
      isHeadersEditorEnabled
      defaultEditorToolsVisibility="headers"
      // Tokens stay out of localStorage unless the user turns persistence on in the settings.
      shouldPersistHeaders={false}
    >
      <GraphiQL.Logo>
        <span className="explorer-title">Looker subgraph</span>
        {demo && (
          <IdentityPicker
            tokenUrl={demo.tokenUrl}
            identities={demo.identities}
            starting={starting}
            onToken={(token) => setHeaders(bearerHeaders(token))}
          />
        )}
      </GraphiQL.Logo>
    </GraphiQL>
  );
}
