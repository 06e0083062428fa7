import type { IApiVersion } from '@looker/sdk';
import type { ApiRoutes } from '../api-router';
import { sendJson } from '../api-router';

/** The Looker release the emulator presents itself as (the SDK generation it was checked against). */
export const EMULATED_LOOKER_RELEASE = '26.12';

/** `GET /versions`: public in Looker, handy as a health check. */
export function registerMetaRoutes(api: ApiRoutes): void {
  api.public('GET', '/versions', (ctx) => {
    const webUrl = ctx.services.webUrl();
    const current = {
      version: '4.0',
      full_version: `4.0.${EMULATED_LOOKER_RELEASE}`,
      status: 'current',
      swagger_url: `${webUrl}/api/4.0/swagger.json`,
    };
    const body: IApiVersion = {
      looker_release_version: `${EMULATED_LOOKER_RELEASE}.0`,
      current_version: current,
      supported_versions: [current],
      api_server_url: webUrl,
      web_server_url: webUrl,
    };
    sendJson(ctx, body);
  });
}
