/** Every Apollo Server plugin of the subgraph, in the order `buildServer` lists them. */
export { authenticationRefusal, authenticationPlugin } from './authentication-plugin';
export { auditPlugin } from './audit-plugin';
export { operationCostPlugin, type CostLimits } from './cost-plugin';
export { cacheHintsPlugins, type CacheHintOptions } from './cache-hints-plugin';
export { operationMetricsPlugin } from './operation-metrics-plugin';
