// The jest environment of the SPA's component tests: jsdom, plus the web platform globals that a browser has
// and jsdom does not expose (React Router encodes with TextEncoder at import time). Chosen per test file with
// the docblock `@jest-environment <rootDir>/web/test/jsdom-environment.mjs`, because the shared unit project
// runs in `node`. React Router's data router also builds a Request (with an AbortSignal) for every navigation,
// so Request, Response and Headers come from Node, with Node's AbortController so that its signal is accepted.
// fetch is deliberately absent, as in jsdom: tests mock it at the network boundary.
import { TextDecoder, TextEncoder } from 'node:util';
import { TestEnvironment } from 'jest-environment-jsdom';

export default class WebTestEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    const browserGlobals = { TextEncoder, TextDecoder, Request, Response, Headers };
    for (const [name, value] of Object.entries(browserGlobals)) {
      if (this.global[name] === undefined) this.global[name] = value;
    }
    this.global.AbortController = AbortController;
    this.global.AbortSignal = AbortSignal;
  }
}
