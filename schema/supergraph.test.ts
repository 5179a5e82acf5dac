import fs from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { composeSupergraph, SUPERGRAPH_PATH } from './supergraph.js';

describe('supergraph', () => {
  it('composes from the checked-in subgraph SDL, and the checked-in supergraph is current (run `npm run compose`)', () => {
    const composed = composeSupergraph();
    expect(fs.readFileSync(SUPERGRAPH_PATH, 'utf8')).toBe(composed);
  });

  it('has a User entity that every subgraph contributes to', () => {
    const sdl = composeSupergraph();
    const user = /type User\s[^{]*\{/.exec(sdl)?.[0] ?? '';
    for (const graph of ['IDENTITY', 'ADMIN', 'ANALYTICS']) expect(user).toContain(`@join__type(graph: ${graph}, key: "id")`);
  });
});
