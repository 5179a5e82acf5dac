import { Writable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { createLogger } from './logger.js';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, destination };
}

describe('createLogger', () => {
  it('writes JSON with the service name and a string level', () => {
    const { lines, destination } = capture();
    createLogger({ service: 'identity', destination }).info({ userId: 'u1' }, 'hello');
    const line = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
    expect(line).toMatchObject({ service: 'identity', level: 'info', userId: 'u1', msg: 'hello' });
  });

  it('redacts secrets at the top level, one level down, and in request headers', () => {
    const { lines, destination } = capture();
    createLogger({ service: 's', destination }).info(
      {
        password: 'hunter2-top',
        input: { password: 'hunter2-nested', refreshToken: 'rt-secret', email: 'a@b.c' },
        req: { headers: { authorization: 'Bearer abc.def.ghi', cookie: 'sid=zzz' } },
        res: { headers: { 'set-cookie': 'cbp_refresh=res-set-cookie; HttpOnly' } },
        headers: { 'set-cookie': 'cbp_refresh=nested-set-cookie' },
        'set-cookie': 'cbp_refresh=top-set-cookie',
      },
      'login',
    );
    const text = lines.join('');
    const secrets = [
      'hunter2-top',
      'hunter2-nested',
      'rt-secret',
      'abc.def.ghi',
      'sid=zzz',
      'res-set-cookie',
      'nested-set-cookie',
      'top-set-cookie',
    ];
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).toContain('a@b.c');
  });
});
