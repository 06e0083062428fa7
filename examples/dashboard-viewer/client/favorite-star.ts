import { gql, type ApolloClient, type TypedDocumentNode } from '@apollo/client';
import { graphQLErrorsOf } from './apollo';
import { element } from './dom';
import { describeError } from './graphql';

const SET_FAVORITE: TypedDocumentNode<
  { setFavorite: { favorite: boolean; dashboard: { id: string } | null } | null },
  { dashboardId: string; favorite: boolean }
> = gql`
  mutation FavoriteDashboard($dashboardId: ID!, $favorite: Boolean!) {
    setFavorite(input: { dashboardId: $dashboardId, favorite: $favorite }) {
      favorite
      dashboard {
        id
      }
    }
  }
`;

/**
 * A star that marks the dashboard as a favorite of the caller's own Looker user (`setFavorite`),
 * or unmarks it. The subgraph allows it only with per-user Looker identity; otherwise, or when
 * the caller may not write, the status line says why and the star stays as it was.
 */
export function favoriteStar(
  client: ApolloClient,
  dashboardId: string,
  report: (message: string) => void,
): HTMLButtonElement {
  // The word too: a font without the star glyph still shows what the button does.
  const star = element('button', 'favorite-star', '☆ Favourite');
  star.type = 'button';
  star.title = 'Favourite';
  star.setAttribute('aria-label', 'Favourite');
  star.setAttribute('aria-pressed', 'false');
  star.addEventListener('click', () => {
    const favorite = star.getAttribute('aria-pressed') !== 'true';
    star.disabled = true;
    client
      .mutate({ mutation: SET_FAVORITE, variables: { dashboardId, favorite }, errorPolicy: 'all' })
      .then(
        ({ data, error }) => {
          const answer = data?.setFavorite;
          if (!answer) {
            const first = graphQLErrorsOf(error)[0];
            report(`Not a favourite: ${first ? describeError(first) : 'no answer'}`);
            return;
          }
          star.setAttribute('aria-pressed', String(answer.favorite));
          star.textContent = answer.favorite ? '★ Favourite' : '☆ Favourite';
          report(answer.favorite ? 'Added to your favourites.' : 'Removed from your favourites.');
        },
        (error: unknown) => report(`Not a favourite: ${String(error)}`),
      )
      .finally(() => (star.disabled = false));
  });
  return star;
}
