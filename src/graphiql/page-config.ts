/**
 * What the GraphiQL page learns from the server that serves it. The server writes it into the page
 * as a JSON block (never executed, so the page's CSP can stay `script-src 'self'`), and the bundled
 * explorer in `web/graphiql/` reads it back.
 */

/** A demo identity the page may offer: a client of the demo OIDC issuer. */
export interface DemoIdentity {
  readonly clientId: string;
  /** Public on purpose: demo clients exist only on the loopback demo issuer. */
  readonly clientSecret: string;
  readonly label: string;
  readonly description: string;
}

/** The JSON the page carries. */
export interface GraphiqlPageConfig {
  /** Where GraphQL requests go (same origin). */
  readonly graphqlPath: string;
  /** This response's CSP nonce for the `<style>` elements GraphiQL's menus add (`__webpack_nonce__`). */
  readonly styleNonce: string;
  /** Present in the embedded demo only: identities and the issuer's token endpoint (same origin). */
  readonly demo?: {
    readonly tokenUrl: string;
    readonly identities: readonly DemoIdentity[];
    /** The identity the page starts with (its token fetched before the editor shows), so a first run gets data. */
    readonly initialClientId?: string;
  };
}

/** The id of the `<script type="application/json">` element that carries the config. */
export const PAGE_CONFIG_ELEMENT_ID = 'graphiql-config';
