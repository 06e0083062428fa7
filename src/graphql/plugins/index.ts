/** Every Apollo Server plugin of the subgraph, in the order `buildServer` lists them. */
export { authenticationRefusal, authGatePlugin } from './auth-gate-plugin';
export { auditPlugin } from './audit-plugin';
export { operationCostPlugin, type CostLimits } from './cost-plugin';
export { cacheHintsPlugins, type CacheHintOptions } from './cache-hints-plugin';
export { operationMetricsPlugin } from './operation-metrics-plugin';
