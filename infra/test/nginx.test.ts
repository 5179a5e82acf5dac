// infra/nginx: the edge (TLS 1.3, HSTS, ACME, proxying) and the SPA server. The text is checked for the
// required directives, then the real nginx tests the configuration (`nginx -t`) and finally runs it on
// loopback ports in front of two stand-in upstreams to check routing, headers, TLS and error bodies.
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import dgram from 'node:dgram';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import type { TLSSocket } from 'node:tls';
import { join } from 'node:path';
import { DOMAIN, envsubst, nginxVersion, renderEdge, renderSpa } from './nginx-config.js';
import { checkToolPresence, findTool, readRepoFile, repoPath } from './tools.js';

const nginx = findTool('nginx', ['-v']);
const openssl = findTool('openssl', ['version']);
const canRun = Boolean(nginx && openssl);
const itWithNginx = canRun ? it : it.skip;
const describeWithNginx = canRun ? describe : describe.skip;

const HSTS = 'max-age=63072000; includeSubDomains; preload';
const GATEWAY_LOCATIONS = [
  'location = /graphql',
  'location /auth/',
  'location /admin/',
  'location = /explorer',
  'location /explorer/',
  'location = /.well-known/jwks.json',
  'location = /.well-known/openid-configuration',
  'location = /healthz',
];

const mainConf = readRepoFile('infra/nginx/nginx.conf');
const template = readRepoFile('infra/nginx/templates/edge.conf.template');
const snippets = Object.fromEntries(
  readdirSync(repoPath('infra/nginx/snippets')).map((name) => [name, readRepoFile('infra/nginx/snippets', name)]),
);
const allEdgeText = [mainConf, template, ...Object.values(snippets)].join('\n');

/** The bodies of every block opened by `opener {` (brace matching). */
function blocks(text: string, opener: string): string[] {
  const bodies: string[] = [];
  let from = 0;
  for (;;) {
    const start = text.indexOf(`${opener} {`, from);
    if (start === -1) return bodies;
    const open = text.indexOf('{', start);
    let depth = 0;
    let end = -1;
    for (let i = open; i < text.length; i += 1) {
      if (text[i] === '{') depth += 1;
      if (text[i] === '}') depth -= 1;
      if (depth === 0) {
        end = i;
        break;
      }
    }
    if (end === -1) throw new Error(`unbalanced block ${opener}`);
    bodies.push(text.slice(open + 1, end));
    from = end;
  }
}

/** The body of the only block opened by `opener {` inside `text`. */
function block(text: string, opener: string): string {
  const found = blocks(text, opener);
  if (found.length !== 1) throw new Error(`expected one "${opener} {" block, found ${found.length}`);
  return found[0] ?? '';
}

function withoutComments(text: string): string {
  return text
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('#'))
    .join('\n');
}

const servers = blocks(withoutComments(template), 'server');
const httpServer = servers.find((s) => s.includes('listen 80 ')) ?? '';
const platformServer = servers.find((s) => s.includes('server_name ${DOMAIN};')) ?? '';

/**
 * `nginx -t` on a prefix. stdout is /dev/null rather than node's default (a socket, which
 * `access_log /dev/stdout` cannot open; in a container stdout is a pipe).
 */
function nginxTest(prefix: string): { status: number | null; stderr: string } {
  const result = spawnSync(nginx ?? '', ['-t', '-p', `${prefix}/`, '-c', join(prefix, 'nginx.conf'), '-e', 'stderr'], {
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 30_000,
  });
  if (result.error) throw result.error;
  return { status: result.status, stderr: result.stderr };
}

function tmp(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `cbp-${prefix}-`));
}

describe('nginx tools', () => {
  it('nginx and openssl are installed (required in CI: apt-get install -y nginx openssl)', () => {
    checkToolPresence('nginx', nginx, 'nginx');
    checkToolPresence('openssl', openssl, 'openssl');
  });
});

describe('edge nginx configuration text', () => {
  it('allows TLS 1.3 only, with the session settings, in every 443 server', () => {
    expect(snippets['ssl.conf']).toMatch(/^ssl_protocols TLSv1\.3;$/m);
    expect(allEdgeText).not.toMatch(/TLSv1(\.[012])?\b(?!\.3)/);
    expect(template.match(/listen 443 ssl/g)?.length).toBe(2);
    expect(template.match(/include snippets\/ssl\.conf;/g)?.length).toBe(2);
  });

  it('sends HSTS (2 years, subdomains, preload) and nosniff on every response, hides server tokens', () => {
    expect(snippets['security-headers.conf']).toContain(`add_header Strict-Transport-Security "${HSTS}" always;`);
    expect(snippets['security-headers.conf']).toContain('add_header X-Content-Type-Options "nosniff" always;');
    expect(mainConf).toMatch(/^\s*server_tokens off;$/m);
    // add_header is not inherited into a location with its own add_header: each such location includes the snippet.
    const locations = template.split(/\n\s*location /).slice(1);
    for (const location of locations) {
      if (location.includes('add_header')) expect(location).toContain('include snippets/security-headers.conf;');
    }
  });

  it('enables gzip and caps request bodies at 1m', () => {
    expect(mainConf).toMatch(/^\s*gzip on;$/m);
    expect(mainConf).toMatch(/^\s*client_max_body_size 1m;$/m);
  });

  it("uses the Let's Encrypt paths for ${DOMAIN} through the envsubst template, and only ${DOMAIN}", () => {
    expect(template).toContain('ssl_certificate     /etc/letsencrypt/live/${DOMAIN}/fullchain.pem;');
    expect(template).toContain('ssl_certificate_key /etc/letsencrypt/live/${DOMAIN}/privkey.pem;');
    expect(template).toContain('server_name ${DOMAIN};');
    const variables = new Set([...template.matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]));
    expect([...variables]).toEqual(['DOMAIN']);
    // Nothing outside the template is rendered, so nothing else may contain ${VAR}.
    for (const text of [mainConf, ...Object.values(snippets)]) expect(withoutComments(text)).not.toMatch(/\$\{\w+\}/);
    // nginx's own variables are lower case: envsubst with DOMAIN alone leaves them untouched.
    const rendered = envsubst(template, { DOMAIN });
    expect(rendered).toContain(`server_name ${DOMAIN};`);
    expect(rendered).toContain(`return 301 https://${DOMAIN}$request_uri;`);
    expect(rendered).not.toContain('${');
  });

  it('port 80 serves the ACME webroot, a loopback-only health probe, and redirects the rest to https', () => {
    expect(servers.length).toBe(3);
    const port80 = httpServer.replace(/\s+/g, ' ');
    expect(port80).toContain('listen 80 default_server;');
    expect(port80).toMatch(/location \^~ \/\.well-known\/acme-challenge\/ \{ root \/var\/www\/certbot;/);
    expect(port80).toMatch(/location = \/nginx-health \{[^}]*allow 127\.0\.0\.1; deny all;/);
    expect(port80).toContain('location / { return 301 https://${DOMAIN}$request_uri; }');
  });

  it.each(GATEWAY_LOCATIONS)('%s is proxied to the gateway upstream', (location) => {
    expect(block(platformServer, location)).toContain('include snippets/proxy-gateway.conf;');
  });

  it('proxies everything else to the SPA, and denies /metrics and /readyz', () => {
    const rest = block(platformServer, 'location /');
    expect(rest).toContain('proxy_pass $cbp_web_url;');
    expect(block(platformServer, 'location ~ ^/(metrics|readyz)(/|$)')).toContain('deny all;');
    expect(platformServer).toContain('set $cbp_gateway_url http://gateway:8080;');
    expect(platformServer).toContain('set $cbp_web_url http://web:8080;');
    expect(snippets['proxy-gateway.conf']).toContain('proxy_pass $cbp_gateway_url;');
  });

  it('resolves the upstream names per request through Docker DNS, never once at start', () => {
    // A `server name:port` in an upstream block (or a literal name in proxy_pass) is resolved when nginx starts:
    // nginx would refuse to start while the gateway container is missing, and keep a stale address after it moves.
    expect(withoutComments(template)).not.toMatch(/^\s*upstream\s/m);
    expect(withoutComments(template)).toMatch(/^resolver 127\.0\.0\.11 valid=\d+s ipv6=off;$/m);
    for (const text of [withoutComments(template), ...Object.values(snippets).map(withoutComments)]) {
      for (const [, target] of text.matchAll(/proxy_pass\s+([^;]+);/g)) expect(target).toMatch(/^\$cbp_(gateway|web)_url$/);
    }
  });

  it('forwards the client address, scheme and a request id, with bounded timeouts', () => {
    const proxy = snippets['proxy-common.conf'] ?? '';
    expect(proxy).toContain('proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;');
    expect(proxy).toContain('proxy_set_header X-Forwarded-Proto $scheme;');
    expect(proxy).toContain('proxy_set_header X-Request-Id $cbp_request_id;');
    expect(proxy).toContain('proxy_set_header Host $host;');
    for (const directive of ['proxy_connect_timeout', 'proxy_send_timeout', 'proxy_read_timeout']) {
      expect(proxy).toMatch(new RegExp(`^${directive} \\d+s;$`, 'm'));
    }
    expect(snippets['proxy-gateway.conf']).toContain('include snippets/proxy-common.conf;');
  });
});

describe('nginx -t', () => {
  itWithNginx('accepts the edge configuration (rendered template, throwaway certificate)', async () => {
    const prefix = tmp('edge-t');
    try {
      // Loopback ports even for -t: nginx -t may bind the listen sockets, and 80/443 need root.
      const [httpPort, httpsPort] = [await freePort(), await freePort()];
      renderEdge({
        prefix,
        nginxVersion: nginxVersion(nginx ?? ''),
        gateway: '127.0.0.1:8080',
        web: '127.0.0.1:8081',
        runtime: { httpPort, httpsPort, webroot: join(prefix, 'webroot') },
      });
      const result = nginxTest(prefix);
      expect({ status: result.status, stderr: result.stderr }).toEqual({
        status: 0,
        stderr: expect.stringContaining('test is successful'),
      });
      expect(result.stderr).not.toMatch(/\[(warn|emerg|alert|crit)\]/);
    } finally {
      rmSync(prefix, { recursive: true, force: true });
    }
  });

  itWithNginx('accepts the SPA server configuration', () => {
    const prefix = tmp('spa-t');
    try {
      renderSpa({ prefix });
      const result = nginxTest(prefix);
      expect({ status: result.status, stderr: result.stderr }).toEqual({
        status: 0,
        stderr: expect.stringContaining('test is successful'),
      });
    } finally {
      rmSync(prefix, { recursive: true, force: true });
    }
  });
});

describeWithNginx('the edge, before its upstreams exist', () => {
  itWithNginx(
    'starts while the gateway name does not resolve, and answers the API 503 JSON',
    async () => {
      const prefix = tmp('edge-nodns');
      // A UDP port nobody answers on: every lookup of `gateway` and `web` fails, as before compose created them.
      const silentDns = dgram.createSocket('udp4');
      await new Promise<void>((resolve) => silentDns.bind(0, '127.0.0.1', resolve));
      let running: { child: ChildProcess; log: () => string } | undefined;
      try {
        const [httpPort, httpsPort] = [await freePort(), await freePort()];
        renderEdge({
          prefix,
          nginxVersion: nginxVersion(nginx ?? ''),
          gateway: '',
          web: '',
          resolver: `127.0.0.1:${silentDns.address().port}`,
          runtime: { httpPort, httpsPort, webroot: join(prefix, 'webroot') },
        });
        expect(nginxTest(prefix).status).toBe(0);
        running = startNginx(prefix);
        await waitForPort(httpsPort, running.child, running.log);
        const reply = await request(https, {
          host: '127.0.0.1',
          port: httpsPort,
          path: '/healthz',
          servername: DOMAIN,
          rejectUnauthorized: false,
          headers: { Host: DOMAIN },
        });
        expect(reply.status).toBe(503);
        expect(JSON.parse(reply.body)).toEqual({
          error: { code: 'SERVICE_UNAVAILABLE', message: 'The service is temporarily unavailable.' },
        });
      } finally {
        await stop(running?.child);
        silentDns.close();
        rmSync(prefix, { recursive: true, force: true });
      }
    },
    30_000,
  );
});

// ------------------------------------------------------------------------------------------------
// Running the edge for real, on loopback, in front of stand-in upstreams
// ------------------------------------------------------------------------------------------------
interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  bodyLength: number;
}

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  protocol?: string | null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function standIn(name: string, seen: Seen[]): http.Server {
  return http.createServer((req, res) => {
    let bodyLength = 0;
    req.on('data', (chunk: Buffer) => {
      bodyLength += chunk.length;
    });
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, bodyLength });
      if (req.url?.endsWith('.css')) {
        res.writeHead(200, { 'Content-Type': 'text/css' });
        res.end(`body { color: black; }\n`.repeat(200));
        return;
      }
      // Headers the edge must replace or drop.
      res.setHeader('Strict-Transport-Security', 'max-age=1');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('X-Powered-By', 'Express');
      if (name === 'web') {
        res.writeHead(200, { 'Content-Type': 'text/html' });
        res.end(`<!doctype html><title>web</title>${' '.repeat(2048)}`);
      } else {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ upstream: name, url: req.url, padding: 'x'.repeat(2048) }));
      }
    });
  });
}

async function listen(server: http.Server): Promise<number> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
}

function request(module: typeof http | typeof https, options: https.RequestOptions & { body?: string }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = module.request({ agent: false, ...options }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('latin1'),
          protocol: 'getProtocol' in res.socket ? (res.socket as TLSSocket).getProtocol() : null,
        }),
      );
    });
    req.on('error', reject);
    req.setTimeout(5000, () => req.destroy(new Error('request timed out')));
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

async function waitForPort(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}: ${log()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`nginx did not listen on ${port}: ${log()}`);
}

async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.pid === undefined) return;
  let timer: NodeJS.Timeout | undefined;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM'); // nginx master: fast shutdown, workers exit with it
  await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, 5000)))]);
  clearTimeout(timer);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

function startNginx(prefix: string): { child: ChildProcess; log: () => string } {
  let stderr = '';
  const child = spawn(nginx ?? '', ['-p', `${prefix}/`, '-c', join(prefix, 'nginx.conf'), '-e', 'stderr', '-g', 'daemon off;'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return { child, log: () => stderr };
}

describeWithNginx('the edge, running', () => {
  const gatewaySeen: Seen[] = [];
  const webSeen: Seen[] = [];
  const gateway = standIn('gateway', gatewaySeen);
  const web = standIn('web', webSeen);
  let prefix = '';
  let webroot = '';
  let httpPort = 0;
  let httpsPort = 0;
  let nginxProcess: { child: ChildProcess; log: () => string } | undefined;

  const tls = (path: string, extra: https.RequestOptions & { body?: string } = {}): Promise<Reply> =>
    request(https, {
      host: '127.0.0.1',
      port: httpsPort,
      path,
      servername: DOMAIN,
      rejectUnauthorized: false,
      ...extra,
      headers: { Host: DOMAIN, ...(extra.headers ?? {}) },
    });

  const plain = (path: string): Promise<Reply> => request(http, { host: '127.0.0.1', port: httpPort, path, headers: { Host: DOMAIN } });

  beforeAll(async () => {
    prefix = tmp('edge-run');
    webroot = join(prefix, 'webroot');
    mkdirSync(join(webroot, '.well-known', 'acme-challenge'), { recursive: true });
    writeFileSync(join(webroot, '.well-known', 'acme-challenge', 'token-123'), 'token-123.thumbprint');
    for (const dir of [webroot, join(webroot, '.well-known'), join(webroot, '.well-known', 'acme-challenge')]) chmodSync(dir, 0o755);
    const [gatewayPort, webPort] = await Promise.all([listen(gateway), listen(web)]);
    [httpPort, httpsPort] = [await freePort(), await freePort()];
    renderEdge({
      prefix,
      nginxVersion: nginxVersion(nginx ?? ''),
      gateway: `127.0.0.1:${gatewayPort}`,
      web: `127.0.0.1:${webPort}`,
      runtime: { httpPort, httpsPort, webroot },
    });
    nginxProcess = startNginx(prefix);
    await waitForPort(httpsPort, nginxProcess.child, nginxProcess.log);
    await waitForPort(httpPort, nginxProcess.child, nginxProcess.log);
  }, 30_000);

  afterAll(async () => {
    await stop(nginxProcess?.child);
    gateway.closeAllConnections();
    web.closeAllConnections();
    await Promise.all([new Promise((r) => gateway.close(r)), new Promise((r) => web.close(r))]);
    if (prefix) rmSync(prefix, { recursive: true, force: true });
  }, 30_000);

  it('negotiates TLS 1.3 and refuses TLS 1.2', async () => {
    const reply = await tls('/');
    expect(reply.protocol).toBe('TLSv1.3');
    await expect(tls('/', { minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' })).rejects.toThrow();
  });

  it('refuses the TLS handshake for any other server name', async () => {
    await expect(tls('/', { servername: 'other.test', headers: { Host: 'other.test' } })).rejects.toThrow();
  });

  it.each([
    ['POST', '/graphql'],
    ['POST', '/auth/login'],
    ['GET', '/admin/ping'],
    ['GET', '/explorer'],
    ['GET', '/.well-known/jwks.json'],
    ['GET', '/.well-known/openid-configuration'],
    ['GET', '/healthz'],
  ])('%s %s reaches the gateway', async (method, path) => {
    const before = gatewaySeen.length;
    const reply = await tls(path, { method, body: method === 'POST' ? '{}' : undefined, headers: { 'Content-Type': 'application/json' } });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ upstream: 'gateway', url: path });
    expect(gatewaySeen.length).toBe(before + 1);
    expect(gatewaySeen.at(-1)?.method).toBe(method);
  });

  it.each(['/', '/login', '/verify-email?token=abc', '/admin-console', '/.well-known/security.txt'])(
    'GET %s reaches the SPA',
    async (path) => {
      const reply = await tls(path);
      expect(reply.status).toBe(200);
      expect(reply.body).toContain('<title>web</title>');
      expect(webSeen.at(-1)?.url).toBe(path);
    },
  );

  it.each(['/metrics', '/metrics/', '/readyz'])('GET %s is denied and reaches no upstream', async (path) => {
    const [g, w] = [gatewaySeen.length, webSeen.length];
    const reply = await tls(path);
    expect(reply.status).toBe(403);
    expect([gatewaySeen.length, webSeen.length]).toEqual([g, w]);
  });

  it('forwards client address, scheme, host and request id to the gateway', async () => {
    await tls('/graphql', { method: 'POST', body: '{}', headers: { 'X-Forwarded-For': '203.0.113.7' } });
    const minted = gatewaySeen.at(-1)?.headers ?? {};
    expect(minted['x-forwarded-for']).toBe('203.0.113.7, 127.0.0.1');
    expect(minted['x-real-ip']).toBe('127.0.0.1');
    expect(minted['x-forwarded-proto']).toBe('https');
    expect(minted.host).toBe(DOMAIN);
    expect(minted['x-request-id']).toMatch(/^[0-9a-f]{32}$/);

    await tls('/graphql', { method: 'POST', body: '{}', headers: { 'X-Request-Id': 'req-42.abc' } });
    expect(gatewaySeen.at(-1)?.headers['x-request-id']).toBe('req-42.abc');

    await tls('/graphql', { method: 'POST', body: '{}', headers: { 'X-Request-Id': 'bad id; with spaces' } });
    expect(gatewaySeen.at(-1)?.headers['x-request-id']).toMatch(/^[0-9a-f]{32}$/);
  });

  it("answers with exactly one HSTS and nosniff header (the edge's), no version, no X-Powered-By", async () => {
    for (const path of ['/graphql', '/']) {
      const reply = await tls(path, { method: path === '/graphql' ? 'POST' : 'GET', body: path === '/graphql' ? '{}' : undefined });
      expect(reply.headers['strict-transport-security']).toBe(HSTS);
      expect(reply.headers['x-content-type-options']).toBe('nosniff');
      expect(reply.headers.server).toBe('nginx');
      expect(reply.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('compresses static text but not API JSON (BREACH)', async () => {
    const css = await tls('/assets/app.css', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(css.headers['content-encoding']).toBe('gzip');
    const api = await tls('/graphql', { method: 'POST', body: '{}', headers: { 'Accept-Encoding': 'gzip' } });
    expect(api.headers['content-encoding']).toBeUndefined();
  });

  it('rejects request bodies over 1m with 413', async () => {
    const reply = await tls('/graphql', { method: 'POST', body: 'x'.repeat(1024 * 1024 + 1) });
    expect(reply.status).toBe(413);
  });

  it('port 80 serves ACME challenges from the webroot and redirects everything else to https', async () => {
    const challenge = await plain('/.well-known/acme-challenge/token-123');
    expect(challenge.status).toBe(200);
    expect(challenge.body).toBe('token-123.thumbprint');
    const redirect = await plain('/login?next=%2Fadmin');
    expect(redirect.status).toBe(301);
    expect(redirect.headers.location).toBe(`https://${DOMAIN}/login?next=%2Fadmin`);
    const health = await plain('/nginx-health');
    expect(health.status).toBe(200);
  });

  it('throttles floods on /auth/ with a 429 in the API error shape', async () => {
    const replies: Reply[] = [];
    for (let i = 0; i < 80; i += 1) replies.push(await tls('/auth/login', { method: 'POST', body: '{}' }));
    const limited = replies.filter((reply) => reply.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    const first = limited[0];
    expect(JSON.parse(first?.body ?? '{}')).toEqual({
      error: { code: 'RATE_LIMITED', message: expect.any(String) },
    });
    expect(first?.headers['retry-after']).toBe('1');
    expect(first?.headers['content-type']).toBe('application/json');
    expect(first?.headers['strict-transport-security']).toBe(HSTS);
  }, 30_000);

  it('answers 503 in the API error shape when the gateway is down', async () => {
    gateway.closeAllConnections();
    await new Promise((resolve) => gateway.close(resolve));
    const reply = await tls('/graphql', { method: 'POST', body: '{}' });
    expect(reply.status).toBe(503);
    expect(JSON.parse(reply.body)).toEqual({ error: { code: 'SERVICE_UNAVAILABLE', message: expect.any(String) } });
    expect(reply.headers['strict-transport-security']).toBe(HSTS);
    // The SPA is unaffected.
    expect((await tls('/')).status).toBe(200);
  });
});

describeWithNginx('the SPA server, running', () => {
  let prefix = '';
  let port = 0;
  let nginxProcess: { child: ChildProcess; log: () => string } | undefined;
  const get = (path: string): Promise<Reply> => request(http, { host: '127.0.0.1', port, path });

  beforeAll(async () => {
    prefix = tmp('spa-run');
    const html = join(prefix, 'html');
    mkdirSync(join(html, 'assets'), { recursive: true });
    writeFileSync(
      join(html, 'index.html'),
      '<!doctype html><div id="root"></div><script type="module" src="/assets/app-1a2b.js"></script>',
    );
    writeFileSync(join(html, 'assets', 'app-1a2b.js'), 'console.log("app");');
    for (const dir of [html, join(html, 'assets')]) chmodSync(dir, 0o755);
    port = await freePort();
    renderSpa({ prefix, runtime: { port, html } });
    nginxProcess = startNginx(prefix);
    await waitForPort(port, nginxProcess.child, nginxProcess.log);
  }, 30_000);

  afterAll(async () => {
    await stop(nginxProcess?.child);
    if (prefix) rmSync(prefix, { recursive: true, force: true });
  }, 30_000);

  it('falls back to index.html for client-side routes, uncached', async () => {
    for (const path of ['/', '/admin/users', '/verify-email?token=abc', '/reset-password']) {
      const reply = await get(path);
      expect(reply.status).toBe(200);
      expect(reply.body).toContain('<div id="root">');
      expect(reply.headers['cache-control']).toBe('no-cache');
      expect(reply.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(reply.headers['content-security-policy']).toContain("img-src 'self' data:");
    }
  });

  it('serves hashed assets with a long immutable cache, and 404s missing ones', async () => {
    const asset = await get('/assets/app-1a2b.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await get('/assets/missing.js')).status).toBe(404);
  });

  it('answers its health check', async () => {
    const reply = await get('/healthz');
    expect(reply.status).toBe(200);
    expect(reply.body).toBe('ok\n');
  });
});

describe('infra/nginx files the containers read', () => {
  it('the SPA Dockerfile installs the SPA config and its headers file where the include expects it', () => {
    const dockerfile = readFileSync(repoPath('infra/docker/web.Dockerfile'), 'utf8');
    expect(dockerfile).toContain('COPY infra/nginx/spa/spa-security-headers.conf /etc/nginx/spa-security-headers.conf');
    expect(readRepoFile('infra/nginx/spa/default.conf')).toContain('include spa-security-headers.conf;');
  });
});
