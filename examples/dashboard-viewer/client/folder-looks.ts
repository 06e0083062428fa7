import { gql, type ApolloClient, type TypedDocumentNode } from '@apollo/client';
import { graphQLErrorsOf } from './apollo';
import { element } from './dom';
import { describeError } from './graphql';

/** The looks of one folder, newest saves included once a write refetches this query. */
export const FOLDER_LOOKS: TypedDocumentNode<
  { folder: { id: string; name: string } | null; looks: { nodes: { id: string; title: string }[] } },
  { folderId: string }
> = gql`
  query FolderLooks($folderId: ID!) {
    folder(id: $folderId) {
      id
      name
    }
    looks(folderId: $folderId, first: 50) {
      nodes {
        id
        title
      }
    }
  }
`;

/**
 * A panel listing the save folder's looks. It watches the query in Apollo's cache, so when "Save as
 * look" refetches it the new look appears here with no code of its own. Returns the panel and a
 * function that stops watching.
 */
export function folderLooksPanel(client: ApolloClient, folderId: string): { node: HTMLElement; stop: () => void } {
  const node = element('section', 'folder-looks');
  node.setAttribute('aria-label', 'Looks in the save folder');
  const heading = element('h3', undefined, 'Saved looks');
  const list = element('ul');
  const note = element('p', 'folder-looks-note');
  node.append(heading, list, note);
  const subscription = client
    .watchQuery({ query: FOLDER_LOOKS, variables: { folderId }, errorPolicy: 'all' })
    .subscribe((result) => {
      const error = graphQLErrorsOf(result.error)[0];
      // Only a complete answer redraws the list: a partial one (while loading) keeps what is shown.
      if (result.dataState === 'complete') {
        const { data } = result;
        if (data.folder) heading.textContent = `Saved looks in ${data.folder.name}`;
        list.replaceChildren(
          ...data.looks.nodes.map((look) => {
            const item = element('li', undefined, `${look.title} (look ${look.id})`);
            item.dataset.lookId = look.id;
            return item;
          }),
        );
        note.textContent = error ? describeError(error) : data.looks.nodes.length === 0 ? 'None yet.' : '';
      } else if (error) note.textContent = describeError(error);
    });
  return { node, stop: () => subscription.unsubscribe() };
}
