import { element } from './dom';
import { describeError, graphql } from './graphql';

const DASHBOARD_EMBED_URL = /* GraphQL */ `
  query DashboardEmbed($id: ID!) {
    dashboard(id: $id) {
      embedUrl
    }
  }
`;

/**
 * "Open in Looker": asks for a signed embed URL on click (Looker accepts one once, within
 * minutes) and opens it in a new tab; when the token may not embed, says why.
 */
export function embedButton(
  token: () => string,
  dashboardId: string,
  report: (message: string) => void,
): HTMLButtonElement {
  const button = element('button', 'open-in-looker', 'Open in Looker');
  button.type = 'button';
  button.addEventListener('click', () => {
    graphql<{ dashboard: { embedUrl: string | null } | null }>(token(), DASHBOARD_EMBED_URL, { id: dashboardId }).then(
      (answer) => {
        const url = answer.data?.dashboard?.embedUrl;
        if (!url)
          return report(
            `Cannot open in Looker: ${answer.errors[0] ? describeError(answer.errors[0]) : 'no embed URL'}`,
          );
        const opened = window.open(url, '_blank');
        if (opened) opened.opener = null;
        else report('The browser blocked the new tab; allow pop-ups for this page.');
      },
      (error: unknown) => report(`Cannot open in Looker: ${String(error)}`),
    );
  });
  return button;
}
