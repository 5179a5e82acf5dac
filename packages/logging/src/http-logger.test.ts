// Rule: the per-request log line never carries credentials: no Authorization or Cookie request header and no
// Set-Cookie response header (the gateway's refresh cookie), whatever pino-http would log by default.
import { Socket } from 'node:net';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { httpLogger } from './http-logger.js';
import { createLogger } from './logger.js';

describe('httpLogger', () => {
  it('logs method, path and status only: no Cookie, Set-Cookie or Authorization', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const middleware = httpLogger(createLogger({ service: 'gateway', destination }));
    const req = new IncomingMessage(new Socket());
    req.method = 'POST';
    req.url = '/graphql?x=1';
    req.headers = {
      cookie: 'cbp_refresh=cookie-secret.value',
      authorization: 'Bearer bearer-secret',
      'x-refresh-token-transport': 'cookie',
    };
    const res = new ServerResponse(req);
    middleware(req, res, () => undefined);
    res.statusCode = 200;
    res.setHeader('set-cookie', 'cbp_refresh=set-cookie-secret.value; Path=/graphql; HttpOnly; Secure; SameSite=Strict');
    res.emit('finish');
    await new Promise((resolve) => setImmediate(resolve));

    const text = lines.join('');
    const line = JSON.parse(lines[0] ?? '{}') as { req?: unknown; res?: unknown };
    expect(line.req).toEqual({ method: 'POST', url: '/graphql' });
    expect(Object.keys(line.res ?? {})).toEqual(['statusCode']);
    for (const secret of ['cookie-secret', 'set-cookie-secret', 'bearer-secret']) expect(text).not.toContain(secret);
  });
});
