/**
 * The production web server: Next.js's request handler behind the shared-link page cache
 * (app/lib/page-cache/page-cache.ts). `npm start`, the benchmarks and the browser tests run it as
 * `node --import tsx scripts/serve.ts --port N` with DATABASE_URL set (and DATABASE_REPLICA_URL
 * when there is a standby); FRAMESCOPE_PAGE_CACHE=off serves every request from Next.js alone.
 * The data version that keys the cache is read as app/lib/page-cache/versions.ts describes.
 */
// First, before Next.js and React are loaded: they pick their production builds from it.
import "./lib/production-env";
import http from "node:http";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";
import next from "next";
import {
  CACHE_STATUS_HEADER,
  type CachedPage,
  PageCache,
  cacheKey,
  capturePage,
  isCacheableRequest,
  renderPage,
} from "../app/lib/page-cache/page-cache";
import { newNonce } from "../app/lib/csp-nonce";
import { versionReader } from "../app/lib/page-cache/versions";
import { parseArgsOrExit } from "./lib/args";

const gzip = promisify(zlib.gzip);
const root = path.resolve(__dirname, "..");
const { port } = parseArgsOrExit("serve", "usage: node --import tsx scripts/serve.ts --port 3000", {
  port: { type: "number", integer: true, min: 1, max: 65535, default: 3000 },
}).values;
const log = (msg: string) => console.log(`[serve] ${msg}`);

const cacheOn = process.env.FRAMESCOPE_PAGE_CACHE !== "off";
const versions = versionReader(process.env.DATABASE_URL ?? "", process.env.DATABASE_REPLICA_URL);

function acceptsGzip(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(",") : (header ?? "");
  return value.split(",").some((entry) => {
    const [name, ...params] = entry.trim().toLowerCase().split(";");
    if (name.trim() !== "gzip") return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

async function sendKept(req: http.IncomingMessage, res: http.ServerResponse, page: CachedPage) {
  const { headers, body } = renderPage(page, newNonce());
  const zipped = acceptsGzip(req.headers["accept-encoding"]) ? await gzip(body) : null;
  res.statusCode = page.status;
  for (const [name, value] of headers) res.setHeader(name, value);
  res.setHeader(CACHE_STATUS_HEADER, "hit");
  if (zipped) res.setHeader("content-encoding", "gzip");
  res.setHeader("content-length", (zipped ?? body).length);
  res.end(zipped ?? body);
}

/**
 * Lets Next.js render the response as usual, collecting what it writes; resolves to the page to
 * keep once the response has finished (null if it broke off or must not be kept). The request
 * is rendered uncompressed, since a kept body must be readable to renew its nonce.
 */
function renderAndKeep(
  handle: ReturnType<ReturnType<typeof next>["getRequestHandler"]>,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<CachedPage | null> {
  delete req.headers["accept-encoding"];
  const chunks: Buffer[] = [];
  const collect = (chunk: unknown, encoding?: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === "function") return;
    chunks.push(
      typeof chunk === "string"
        ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8")
        : Buffer.from(chunk as Uint8Array),
    );
  };
  const write = res.write;
  const end = res.end;
  const writeHead = res.writeHead;
  res.write = function (this: http.ServerResponse, chunk: unknown, ...rest: unknown[]) {
    collect(chunk, rest[0]);
    return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof res.write;
  res.end = function (this: http.ServerResponse, chunk?: unknown, ...rest: unknown[]) {
    collect(chunk, rest[0]);
    return (end as (...args: unknown[]) => http.ServerResponse).call(this, chunk, ...rest);
  } as typeof res.end;
  // Headers given to writeHead are not kept by Node for getHeaders(); set them first so they are.
  res.writeHead = function (this: http.ServerResponse, status: number, ...rest: unknown[]) {
    const headers = typeof rest[0] === "string" ? rest[1] : rest[0];
    if (headers && typeof headers === "object" && !Array.isArray(headers)) {
      for (const [name, value] of Object.entries(headers))
        if (value !== undefined) this.setHeader(name, value as string | string[]);
      return (writeHead as (...args: unknown[]) => http.ServerResponse).call(
        this,
        status,
        ...(typeof rest[0] === "string" ? [rest[0]] : []),
      );
    }
    return (writeHead as (...args: unknown[]) => http.ServerResponse).call(this, status, ...rest);
  } as typeof res.writeHead;
  res.setHeader(CACHE_STATUS_HEADER, "miss");

  const kept = new Promise<CachedPage | null>((resolve) => {
    res.once("finish", () => {
      resolve(capturePage(res.statusCode, res.getHeaders() as never, Buffer.concat(chunks)));
    });
    res.once("close", () => resolve(null));
  });
  void handle(req, res);
  return kept;
}

async function main() {
  const app = next({ dev: false, dir: root, port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const cache = new PageCache();

  const serveCacheable = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const current = await versions.read();
    if (!current) return void handle(req, res);
    cache.seeVersion(current.version);
    const key = cacheKey(current.version, req.url ?? "/");
    const page = cache.get(key) ?? (await cache.pending(key));
    if (page) return sendKept(req, res, page);
    const rendered = renderAndKeep(handle, req, res);
    if (current.keep) cache.track(key, rendered);
  };

  const server = http.createServer((req, res) => {
    if (!cacheOn || !isCacheableRequest(req.method, req.url ?? "/", req.headers))
      return void handle(req, res);
    serveCacheable(req, res).catch((err) => {
      log(`page cache: ${(err as Error).message}`);
      if (!res.headersSent) void handle(req, res);
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 65_000;
  server.listen(port, () => {
    console.log(`✓ Ready on port ${port}${cacheOn ? "" : " (page cache off)"}`);
  });

  const stop = () => {
    server.close();
    void versions.end().then(() => process.exit(0));
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((err) => {
  console.error(`[serve] could not start: ${(err as Error).message}`);
  process.exit(1);
});
