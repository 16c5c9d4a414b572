// Shared by the browser tests: Debian's Chromium driven by playwright-core, the generated site
// opened from file:// or served over HTTP on 127.0.0.1, and helpers for the assertions.
"use strict";
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const http = require("node:http");
const { pathToFileURL } = require("node:url");

let playwright;
try {
  playwright = require("playwright-core");
} catch (err) {
  console.error("playwright-core is missing: run `npm ci --no-audit --no-fund` in tests/browser (scripts/test does).");
  process.exit(1);
}

const CHROMIUM = process.env.PASSAGE_CHROMIUM || "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
              "--disable-component-update", "--disable-sync"];

// The site folder: the first command-line argument (CTest gives it), else PASSAGE_SITE.
function siteFolder() {
  const dir = process.argv[2] || process.env.PASSAGE_SITE;
  if (!dir || !fs.existsSync(path.join(dir, "index.html"))) {
    console.error(`usage: node ${path.basename(process.argv[1])} <generated site folder>  (no index.html in ${dir})`);
    process.exit(2);
  }
  return path.resolve(dir);
}

// A fresh browser profile for each launch; the caller closes the returned context. `options` go to
// playwright's context (e.g. {hasTouch: true} for a phone's taps).
async function launch(options = {}) {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: install Debian's package chromium`);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "passage-chromium-"));
  const context = await playwright.chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, args: ARGS, timeout: 60000, ...options,
  });
  const close = context.close.bind(context);
  context.close = async () => {
    await close();
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return context;
}

// Records what a page does that a test should know about: errors, dialogs, failed loads.
function watch(page) {
  const log = { errors: [], dialogs: [], failed: [] };
  page.on("pageerror", (e) => log.errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") log.errors.push(m.text()); });
  page.on("dialog", (d) => { log.dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  page.on("requestfailed", (r) => log.failed.push(r.url()));
  return log;
}

function fileUrl(site, rel) {
  const [file, rest] = splitUrl(rel);
  return pathToFileURL(path.join(site, file)).href + rest;
}

function splitUrl(rel) {
  const i = rel.search(/[?#]/);
  return i < 0 ? [rel, ""] : [rel.slice(0, i), rel.slice(i)];
}

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".json": "application/json",
                ".xml": "application/xml", ".svg": "image/svg+xml" };

// Serves `site` on 127.0.0.1 (a free port); resolves with {url(rel), close()}. `options.delay(path)`
// may hold a response back for that many milliseconds (a slow network).
function serve(site, options = {}) {
  const sockets = new Set();
  const server = http.createServer((req, res) => {
    const wait = options.delay ? options.delay(new URL(req.url, "http://localhost").pathname) : 0;
    if (wait > 0) setTimeout(() => respond(req, res), wait);
    else respond(req, res);
  });
  server.on("connection", (s) => { sockets.add(s); s.on("close", () => sockets.delete(s)); });
  function respond(req, res) {
    const rel = decodeURIComponent(new URL(req.url, "http://localhost").pathname);
    if (rel === "/favicon.ico") {  // asked by the browser itself, not by the site
      res.writeHead(204);
      res.end();
      return;
    }
    const file = path.join(site, rel.endsWith("/") ? rel + "index.html" : rel);
    if (!file.startsWith(site) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404);
      res.end("not found");
      return;
    }
    res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] || "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  }
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const base = `http://127.0.0.1:${server.address().port}/`;
      const close = () => new Promise((r) => {
        server.close(r);
        for (const s of sockets) s.destroy();  // keep-alive connections of the browser
      });
      resolve({ url: (rel) => base + rel, close });
    });
  });
}

module.exports = { launch, watch, fileUrl, serve, siteFolder };
