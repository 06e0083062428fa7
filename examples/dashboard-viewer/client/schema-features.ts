import type { SchemaFeatures } from '../schema-probe';
import { bearer } from './graphql';

export type { SchemaFeatures };

/** Which optional fields the subgraph has, as this page's server found with the token. */
export async function probeSchema(token: string): Promise<SchemaFeatures> {
  const response = await fetch('schema-features', { headers: bearer(token) });
  if (!response.ok) return { tileExports: false, dashboardEmbed: false, filterSuggestions: false };
  return (await response.json()) as SchemaFeatures;
}
