import { runSubgraph } from '../src/main';
import { demoBanner, startDemo } from './start-demo';

// `npm start`: the embedded demo when nothing is configured, else the configured subgraph as
// `npm run serve` runs it. Production starts src/main.ts, which never loads this folder.
runSubgraph(async (config, logger) => {
  const stack = await startDemo(config, logger);
  return { banner: demoBanner(stack), stop: () => stack.stop() };
});
