// The jest environment of the SPA's component tests: jsdom, plus the web platform globals that a browser has
// and jsdom does not expose (React Router encodes with TextEncoder at import time). Chosen per test file with
// the docblock `@jest-environment <rootDir>/web/test/jsdom-environment.mjs`, because the shared unit project
// runs in `node`. fetch is deliberately absent, as in jsdom: tests mock it at the network boundary.
import { TextDecoder, TextEncoder } from 'node:util';
import { TestEnvironment } from 'jest-environment-jsdom';

export default class WebTestEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    const browserGlobals = { TextEncoder, TextDecoder };
    for (const [name, value] of Object.entries(browserGlobals)) {
      if (this.global[name] === undefined) this.global[name] = value;
    }
  }
}
