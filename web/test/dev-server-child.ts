// Runs startWebDevServer the way the platform launcher does (plain Node with tsx, any cwd), for
// dev-server.int.test.ts: `node --import tsx web/test/dev-server-child.ts PORT GATEWAY_URL`.
// Prints one JSON line, {"url": …} or {"error": …}; closes the server when stdin ends or on SIGTERM.
import { startWebDevServer } from '../dev-server.js';

const [portArg, gatewayUrl] = process.argv.slice(2);
if (portArg === undefined || gatewayUrl === undefined) {
  process.stdout.write(`${JSON.stringify({ error: 'usage: dev-server-child.ts PORT GATEWAY_URL' })}\n`);
  process.exit(2);
}

try {
  const server = await startWebDevServer({ port: Number(portArg), host: '127.0.0.1', gatewayUrl, logLevel: 'silent' });
  process.stdout.write(`${JSON.stringify({ url: server.url, cwd: process.cwd() })}\n`);
  let closing = false;
  const stop = () => {
    if (closing) return;
    closing = true;
    void server.close().finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.stdin.once('end', stop);
  process.stdin.resume();
} catch (err) {
  process.stdout.write(`${JSON.stringify({ error: err instanceof Error ? err.message : String(err) })}\n`);
  process.exit(1);
}
