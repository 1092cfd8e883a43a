// The HTTP rules every response follows, whatever route answers it:
//   - requests the HTTP parser refuses (431 headers too large, malformed requests) and bad URLs are answered
//     in Chinese as `{error:{code,message}}`;
//   - API responses are never cached or sniffed (`Cache-Control: no-store`, `X-Content-Type-Options: nosniff`);
//   - HSTS when the site is served over HTTPS (GOVPORTAL_SECURE_COOKIES=true);
//   - an upload larger than allowed is refused from its Content-Length, before a byte of it is read;
//   - under load, new dynamic reads are shed with a clear 503 before the event loop drowns (writes and /healthz
//     pass: a submission is never dropped for load, and the load balancer keeps seeing the node).
// The node:http level (`installEdge`) answers /healthz and adds HSTS to pages the portal's front door answers.
import { STATUS_CODES, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import underPressure from '@fastify/under-pressure';
import { AppError, type ErrorCode } from './errors.ts';
import type { App } from './http.ts';
import type { HealthMonitor } from './health.ts';
import { sendUnavailable } from './unavailable.ts';
import { MAX_UPLOAD_BYTES } from './files/upload-policy.ts';

export const HSTS = 'max-age=31536000; includeSubDomains';
/** Multipart framing around the file: boundaries, part headers, a few small fields. */
const MULTIPART_OVERHEAD = 64 * 1024;

function rawResponse(status: number, code: ErrorCode): string {
  const body = JSON.stringify(new AppError(code).toBody());
  return [
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Cache-Control: no-store',
    'X-Content-Type-Options: nosniff',
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

/** Fastify's clientErrorHandler: what the HTTP parser refused, in Chinese. */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  if (error.code === 'HPE_HEADER_OVERFLOW') socket.end(rawResponse(431, 'HEADERS_TOO_LARGE'));
  else if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') socket.end(rawResponse(408, 'REQUEST_TIMEOUT'));
  else socket.end(rawResponse(400, 'BAD_REQUEST'));
}

/** Fastify's frameworkErrors: a URL it cannot decode, or a request it cannot route. */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const code: ErrorCode = error.code === 'FST_ERR_BAD_URL' ? 'BAD_URL' : 'BAD_REQUEST';
  void reply.status(400).header('cache-control', 'no-store').send(new AppError(code).toBody());
}

/** Client errors Fastify raises itself, with their catalogue code. */
export function clientErrorCode(error: FastifyError): ErrorCode | null {
  if (error.statusCode === 413) return 'PAYLOAD_TOO_LARGE';
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return 'UNSUPPORTED_MEDIA_TYPE';
  if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY')
    return 'INVALID_JSON';
  if (error.statusCode === 408) return 'REQUEST_TIMEOUT';
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return 'BAD_REQUEST';
  return null;
}

const isApi = (url: string) => url.startsWith('/api/');

export interface GuardOptions {
  secure: boolean;
  /** Event-loop delay (ms) past which dynamic reads are shed; 0 never sheds. */
  shedDelayMs: number;
}

export async function registerHttpGuards(app: App, options: GuardOptions): Promise<void> {
  app.addHook('onRequest', async (request, reply) => {
    if (options.secure) reply.header('strict-transport-security', HSTS);
    const length = Number(request.headers['content-length'] ?? 0);
    if (
      length > MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD &&
      (request.headers['content-type'] ?? '').startsWith('multipart/')
    ) {
      // Refused before reading: the client is told at once and the connection closed, not drained.
      reply.header('connection', 'close');
      return reply
        .status(413)
        .header('cache-control', 'no-store')
        .send(new AppError('UPLOAD_TOO_LARGE', { limit: MAX_UPLOAD_BYTES / 1024 / 1024 }).toBody());
    }
  });
  app.addHook('onSend', async (request, reply, payload) => {
    if (isApi(request.url)) {
      // Never cached unless the route says otherwise (the open data API is public and cacheable).
      if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
      reply.header('x-content-type-options', 'nosniff');
    }
    return payload;
  });
  if (options.shedDelayMs > 0) {
    // @fastify/under-pressure measures the event loop; the decision is ours (its handler lets every request
    // through). A new read is turned away when this process already has more requests in progress than it can
    // answer promptly, or when the loop lags with many requests waiting. A lagging loop alone (start-up, one large
    // export) sheds nothing; writes are never shed, nor /healthz.
    await app.register(underPressure, {
      maxEventLoopDelay: options.shedDelayMs,
      sampleInterval: 200,
      exposeStatusRoute: false,
      pressureHandler: () => undefined,
    });
    const counted = new WeakSet<object>();
    const done = async (request: FastifyRequest) => {
      if (counted.delete(request)) inFlight -= 1;
    };
    app.addHook('onResponse', done);
    app.addHook('onRequestAbort', done);
    app.addHook('onRequest', async (request, reply) => {
      inFlight += 1;
      counted.add(request);
      if ((request.method !== 'GET' && request.method !== 'HEAD') || request.url === '/healthz') return;
      const lagging = app.memoryUsage().eventLoopDelay > options.shedDelayMs;
      if (inFlight > MAX_IN_FLIGHT || (lagging && inFlight >= MIN_IN_FLIGHT_TO_SHED)) {
        shed += 1;
        return sendUnavailable(request, reply, 'SERVER_BUSY');
      }
    });
  }
}

let shed = 0;
let inFlight = 0;
/** Fewer requests in progress than this are never shed, however late the event loop is. */
const MIN_IN_FLIGHT_TO_SHED = 16;
/**
 * More requests in progress than this in one process are more than it answers promptly (search takes a few
 * milliseconds of CPU each; 32 queued is ~100–200 ms of work on a busy core): the surplus gets 503 at once.
 */
const MAX_IN_FLIGHT = 32;
/** Requests shed for load in this process (counted for the fault suites and the soak bench). */
export const shedCount = (): number => shed;

export interface EdgeOptions {
  health: HealthMonitor;
  secure: boolean;
}

/**
 * Wraps the server's request listener (outermost, around the portal's front door): /healthz is answered from the
 * health monitor without entering Fastify, and HSTS is added to every response, cached pages included.
 */
export function installEdge(server: Server, options: EdgeOptions): boolean {
  const listeners = server.listeners('request') as RequestListener[];
  if (listeners.length !== 1) return false;
  const inner = listeners[0]!;
  server.removeListener('request', inner);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (options.secure) res.setHeader('strict-transport-security', HSTS);
    if (req.url === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
      void answerHealth(options.health, req, res);
      return;
    }
    inner(req, res);
  });
  return true;
}

async function answerHealth(health: HealthMonitor, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const report = await health.report();
  const body = JSON.stringify(report);
  res.writeHead(report.status === 'ok' ? 200 : 503, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
