import { explorerPlugin } from '@graphiql/plugin-explorer';
import { GraphiQL } from 'graphiql';
import { useMemo, useState } from 'react';
import type { GraphiqlPageConfig } from '../../src/graphiql/page-config';
import { bearerHeaders } from './demo-token';
import { exampleOperations } from './example-operations';
import { createFetcher } from './fetcher';
import { IdentityPicker } from './identity-picker';

// One instance for the page's life: GraphiQL compares plugins by identity.
const explorer = explorerPlugin({ showAttribution: false });

/**
 * GraphiQL for the subgraph: example operations, the headers editor open, the explorer plugin (a
 * query clicked together from the schema's fields) and in the demo an identity picker.
 */
export function ExplorerApp({ config }: { readonly config: GraphiqlPageConfig }) {
  const fetcher = useMemo(() => createFetcher(config.graphqlPath), [config.graphqlPath]);
  // Lifted here because GraphiQL replaces the headers editor's text whenever this prop changes.
  const [headers, setHeaders] = useState<string | undefined>(undefined);
  const { demo } = config;

  return (
    <GraphiQL
      fetcher={fetcher}
      plugins={[explorer]}
      defaultQuery={exampleOperations}
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
            onToken={(token) => setHeaders(bearerHeaders(token))}
          />
        )}
      </GraphiQL.Logo>
    </GraphiQL>
  );
}
