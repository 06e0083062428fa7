import { UnStyledButton, useEditorContext, type GraphiQLPlugin } from '@graphiql/react';
import type { ExampleOperation } from './example-operations';

/** A list with a run mark: the sidebar button that opens the examples. */
function ExamplesIcon() {
  return (
    <svg height="1em" viewBox="0 0 24 20" fill="none" aria-hidden="true">
      <path d="M1 3.75h13M1 9.75h9M1 15.75h9" stroke="currentColor" strokeWidth={1.5} />
      <path d="M14.75 8.5v9l7-4.5z" stroke="currentColor" strokeWidth={1.5} strokeLinejoin="round" />
    </svg>
  );
}

/** The plugin pane: each example with what it shows; a click puts it in the query editor. */
function ExamplesList({ examples }: { readonly examples: readonly ExampleOperation[] }) {
  const { queryEditor, setOperationName } = useEditorContext({ nonNull: true });
  const choose = (example: ExampleOperation) => {
    queryEditor?.setValue(example.document);
    // GraphiQL reads the new operation's name from the text only ~100 ms later; a ▶ pressed sooner
    // would send the old name with the new document, which the server refuses.
    setOperationName(example.name);
  };
  return (
    <section className="explorer-examples" aria-label="Examples">
      <div className="graphiql-doc-explorer-title">Examples</div>
      <p className="explorer-examples-hint">A click puts the example in the editor; the run button runs it.</p>
      <ul className="explorer-examples-list">
        {examples.map((example) => (
          <li key={example.name}>
            <UnStyledButton type="button" className="explorer-example" onClick={() => choose(example)}>
              <span className="explorer-example-name">{example.name}</span>
              <span className="explorer-example-summary">{example.summary}</span>
            </UnStyledButton>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * A GraphiQL plugin titled "Examples" listing `examples`. Create it once for the page's life:
 * GraphiQL compares plugins by identity.
 */
export function examplesPlugin(examples: readonly ExampleOperation[]): GraphiQLPlugin {
  return {
    title: 'Examples',
    icon: ExamplesIcon,
    content: () => <ExamplesList examples={examples} />,
  };
}
