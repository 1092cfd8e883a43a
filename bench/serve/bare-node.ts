// The ceiling for any Node.js server on this machine: node:http in the same number of cluster workers, sending
// one file's bytes with the same headers as govportal and no other work. Run by run.ts as a reference:
//   node bench/serve/bare-node.ts <port> <workers> <file>
import cluster from 'node:cluster';
import fs from 'node:fs';
import http from 'node:http';
import { PORTAL_CSP } from '../../src/modules/portal/portal.service.ts';
import { validatorHeaders } from '../../src/modules/portal/page-response.ts';
import { makePage } from '../../src/modules/portal/portal-cache.ts';

const [port, workers, file] = [Number(process.argv[2]), Number(process.argv[3]), process.argv[4]!];

if (cluster.isPrimary) {
  for (let i = 0; i < workers; i++) cluster.fork();
  process.once('SIGTERM', () => {
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
    process.exit(0);
  });
} else {
  const page = makePage(fs.readFileSync(file), 'text/html; charset=utf-8', 200, new Date());
  const headers = Object.entries({
    ...validatorHeaders(page, null, { csp: PORTAL_CSP }),
    'content-type': page.contentType,
    'content-length': String(page.body.length),
  }).flat();
  http.createServer((_req, res) => res.writeHead(200, headers).end(page.body)).listen(port, '127.0.0.1');
}
