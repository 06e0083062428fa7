import 'graphiql/style.css';
import '@graphiql/plugin-explorer/style.css';
import './explorer.css';
import { createRoot } from 'react-dom/client';
import { PAGE_CONFIG_ELEMENT_ID, type GraphiqlPageConfig } from '../../src/graphiql/page-config';
import { ExplorerApp } from './explorer-app';
import { signInStartingIdentity } from './starting-identity';

/** Reads the config block the server wrote into the page. */
function readConfig(): GraphiqlPageConfig {
  const text = document.getElementById(PAGE_CONFIG_ELEMENT_ID)?.textContent;
  if (!text) throw new Error(`the page has no #${PAGE_CONFIG_ELEMENT_ID} block`);
  return JSON.parse(text) as GraphiqlPageConfig;
}

const config = readConfig();
// react-style-singleton (behind GraphiQL's menus) tags the <style> it adds with this nonce,
// which the page's CSP allows; no other inline style is.
(globalThis as { __webpack_nonce__?: string }).__webpack_nonce__ = config.styleNonce;
const root = document.getElementById('graphiql');
if (!root) throw new Error('the page has no #graphiql element');
// The demo's starting identity is signed in first: a run pressed at once already carries its token.
void signInStartingIdentity(config).then((starting) => {
  createRoot(root).render(<ExplorerApp config={config} starting={starting} />);
});
