import fs from 'node:fs';
import { composeSupergraph, SUPERGRAPH_PATH } from './supergraph.js';

// `npm run compose`: writes schema/supergraph.graphql from the subgraph SDL files.
try {
  const sdl = composeSupergraph();
  fs.writeFileSync(SUPERGRAPH_PATH, sdl);
  console.log(`wrote ${SUPERGRAPH_PATH} (${sdl.length} bytes)`);
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
