// Renders the edge and SPA nginx configurations into a temporary prefix so that the real nginx can
// test (`nginx -t`) and run them outside the compose network. Every rewrite is listed here, applied
// with an exact expected count, and fails loudly when the config no longer contains what it rewrites.
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoPath, run } from './tools.js';

export const DOMAIN = 'example.test';

export interface Rewrite {
  why: string;
  from: string;
  to: string;
  count: number;
}

export function applyRewrites(text: string, rewrites: Rewrite[], file: string): string {
  let out = text;
  for (const { why, from, to, count } of rewrites) {
    const found = out.split(from).length - 1;
    if (found !== count) {
      throw new Error(`${file}: expected ${count} × ${JSON.stringify(from)} to rewrite (${why}), found ${found}`);
    }
    out = out.split(from).join(to);
  }
  return out;
}

/** What the nginx image's 20-envsubst-on-templates.sh does with NGINX_ENVSUBST_FILTER=DOMAIN. */
export function envsubst(template: string, env: Record<string, string>): string {
  return template.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g, (match, braced, bare) => {
    const name = (braced ?? bare) as string;
    return Object.hasOwn(env, name) ? (env[name] ?? '') : match;
  });
}

export function nginxVersion(nginx: string): [number, number, number] {
  const probe = run(nginx, ['-v']);
  const match = /nginx\/(\d+)\.(\d+)\.(\d+)/.exec(`${probe.stdout}${probe.stderr}`);
  if (!match) throw new Error(`cannot read the nginx version from: ${probe.stderr}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function atLeast(version: [number, number, number], wanted: [number, number, number]): boolean {
  for (let i = 0; i < 3; i += 1) {
    if ((version[i] ?? 0) !== wanted[i]) return (version[i] ?? 0) > (wanted[i] ?? 0);
  }
  return true;
}

export function makeSelfSignedCert(dir: string, commonName: string): { cert: string; key: string } {
  mkdirSync(dir, { recursive: true });
  const cert = join(dir, 'fullchain.pem');
  const key = join(dir, 'privkey.pem');
  const result = run('openssl', [
    'req',
    '-x509',
    '-nodes',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-days',
    '1',
    '-subj',
    `/CN=${commonName}`,
    '-addext',
    `subjectAltName=DNS:${commonName}`,
    '-keyout',
    key,
    '-out',
    cert,
  ]);
  if (result.status !== 0) throw new Error(`openssl failed: ${result.stderr}`);
  return { cert, key };
}

function copyMimeTypes(prefix: string): void {
  const system = '/etc/nginx/mime.types';
  if (existsSync(system)) cpSync(system, join(prefix, 'mime.types'));
  else writeFileSync(join(prefix, 'mime.types'), 'types { text/html html; text/css css; application/javascript js; }\n');
}

/** http-level temp folders inside the temporary prefix (the compiled-in ones need root). */
function tempPaths(prefix: string): string {
  return ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((kind) => `    ${kind}_temp_path ${join(prefix, 'temp', kind)};`)
    .join('\n');
}

export interface EdgeOptions {
  prefix: string;
  nginxVersion: [number, number, number];
  gateway: string; // host:port standing in for gateway:8080
  web: string; // host:port standing in for web:8080
  /**
   * Keep the upstream names (`gateway`, `web`) and resolve them through this DNS server (host:port) instead of
   * Docker's: a name that does not resolve yet is the state right after `compose up`.
   */
  resolver?: string;
  /** Loopback ports and ACME webroot: needed to run the server, and for `nginx -t` without root. */
  runtime?: { httpPort: number; httpsPort: number; webroot: string };
}

/** Writes nginx.conf, snippets/, conf.d/edge.conf and a throwaway certificate under opts.prefix. */
export function renderEdge(opts: EdgeOptions): { nginxConf: string; edgeConf: string } {
  const { prefix, runtime } = opts;
  mkdirSync(join(prefix, 'conf.d'), { recursive: true });
  mkdirSync(join(prefix, 'temp'), { recursive: true });
  cpSync(repoPath('infra/nginx/snippets'), join(prefix, 'snippets'), { recursive: true });
  copyMimeTypes(prefix);
  const certDir = join(prefix, 'certs');
  makeSelfSignedCert(certDir, DOMAIN);

  const mainRewrites: Rewrite[] = [
    // The image has an `nginx` user; Debian does not (and an unprivileged test run has no use for it).
    { why: 'no nginx user outside the image', from: 'user nginx;\n', to: '', count: 1 },
    // `nginx -t` opens the pid file and creates temp folders: keep both writable without root.
    { why: 'pid file in the temporary prefix', from: 'pid /var/run/nginx.pid;', to: `pid ${join(prefix, 'nginx.pid')};`, count: 1 },
    { why: 'temp paths in the temporary prefix', from: 'http {\n', to: `http {\n${tempPaths(prefix)}\n`, count: 1 },
  ];
  const nginxConf = applyRewrites(readFileSync(repoPath('infra/nginx/nginx.conf'), 'utf8'), mainRewrites, 'nginx.conf');
  writeFileSync(join(prefix, 'nginx.conf'), nginxConf);

  const rendered = envsubst(readFileSync(repoPath('infra/nginx/templates/edge.conf.template'), 'utf8'), { DOMAIN });
  const edgeRewrites: Rewrite[] = [{ why: 'throwaway certificate', from: `/etc/letsencrypt/live/${DOMAIN}/`, to: `${certDir}/`, count: 2 }];
  if (opts.resolver) {
    edgeRewrites.push(
      { why: 'a DNS server of the test instead of Docker', from: 'resolver 127.0.0.11 ', to: `resolver ${opts.resolver} `, count: 1 },
      { why: 'fail fast on the unanswered lookups', from: 'resolver_timeout 5s;', to: 'resolver_timeout 1s;', count: 1 },
    );
  } else {
    edgeRewrites.push(
      {
        why: 'no compose DNS: gateway on loopback',
        from: 'set $cbp_gateway_url http://gateway:8080;',
        to: `set $cbp_gateway_url http://${opts.gateway};`,
        count: 1,
      },
      {
        why: 'no compose DNS: web on loopback',
        from: 'set $cbp_web_url http://web:8080;',
        to: `set $cbp_web_url http://${opts.web};`,
        count: 1,
      },
    );
  }
  if (!atLeast(opts.nginxVersion, [1, 25, 1])) {
    // `http2 on;` exists since nginx 1.25.1 (the image runs 1.27); older nginx spells it on `listen`.
    edgeRewrites.push(
      { why: 'http2 directive needs nginx >= 1.25.1', from: '    http2 on;\n', to: '', count: 1 },
      { why: 'http2 directive needs nginx >= 1.25.1', from: 'listen 443 ssl;', to: 'listen 443 ssl http2;', count: 1 },
    );
  }
  if (runtime) {
    const { httpPort, httpsPort, webroot } = runtime;
    edgeRewrites.push(
      {
        why: 'unprivileged loopback port',
        from: 'listen 80 default_server;',
        to: `listen 127.0.0.1:${httpPort} default_server;`,
        count: 1,
      },
      {
        why: 'unprivileged loopback port',
        from: 'listen 443 ssl default_server;',
        to: `listen 127.0.0.1:${httpsPort} ssl default_server;`,
        count: 1,
      },
      { why: 'unprivileged loopback port', from: 'listen 443 ssl', to: `listen 127.0.0.1:${httpsPort} ssl`, count: 1 },
      { why: 'ACME webroot in the temporary prefix', from: 'root /var/www/certbot;', to: `root ${webroot};`, count: 1 },
    );
  }
  const edgeConf = applyRewrites(rendered, edgeRewrites, 'edge.conf.template');
  writeFileSync(join(prefix, 'conf.d', 'edge.conf'), edgeConf);
  // Workers may run as `nobody` when the tests run as root: let them read the prefix.
  chmodSync(prefix, 0o755);
  return { nginxConf, edgeConf };
}

export interface SpaOptions {
  prefix: string;
  runtime?: { port: number; html: string };
}

/** Wraps infra/nginx/spa/default.conf in a minimal nginx.conf, as the unprivileged image includes it. */
export function renderSpa(opts: SpaOptions): void {
  const { prefix, runtime } = opts;
  mkdirSync(join(prefix, 'conf.d'), { recursive: true });
  mkdirSync(join(prefix, 'temp'), { recursive: true });
  copyMimeTypes(prefix);
  cpSync(repoPath('infra/nginx/spa/spa-security-headers.conf'), join(prefix, 'spa-security-headers.conf'));
  const rewrites: Rewrite[] = [];
  if (runtime) {
    rewrites.push(
      { why: 'free loopback port', from: 'listen 8080;', to: `listen 127.0.0.1:${runtime.port};`, count: 1 },
      { why: 'static files in the temporary prefix', from: 'root /usr/share/nginx/html;', to: `root ${runtime.html};`, count: 1 },
    );
  }
  const spa = applyRewrites(readFileSync(repoPath('infra/nginx/spa/default.conf'), 'utf8'), rewrites, 'spa/default.conf');
  writeFileSync(join(prefix, 'conf.d', 'default.conf'), spa);
  writeFileSync(
    join(prefix, 'nginx.conf'),
    [
      '# Stand-in for the nginx-unprivileged image nginx.conf (which includes conf.d/*.conf).',
      `pid ${join(prefix, 'nginx.pid')};`,
      'error_log stderr notice;',
      'events { worker_connections 64; }',
      'http {',
      tempPaths(prefix),
      '    include mime.types;',
      '    default_type application/octet-stream;',
      '    access_log off;',
      '    include conf.d/*.conf;',
      '}',
      '',
    ].join('\n'),
  );
  chmodSync(prefix, 0o755);
}
