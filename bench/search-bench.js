// The browser half of bench/search.sh: bytes loaded and query latency of passage's search and of
// Pagefind, in Debian's Chromium driven by playwright-core (bench/node_modules).
//
//   node bench/search-bench.js --passage SITE --pagefind DIR [--runs R] [--warm W] --out FILE.json
//
// SITE is a site built by passage; it is opened from file:// (search.html, which loads
// search-engine.js and search.js but no index until a query is made). DIR holds a Pagefind bundle in
// DIR/pagefind/; it is served over HTTP on 127.0.0.1 by a small server in this script, next to a
// blank start page. Both sides are queried through their JavaScript API, not their interface:
//
//   passage:  e = await passageSearch.engine(); r = await e.search(q);
//             recs = await e.records(top 10 of r.hits); snippet of each
//   Pagefind: pagefind = await import("/pagefind/pagefind.js"); s = await pagefind.search(q);
//             await Promise.all(top 10 of s.results .data())
//
// so that each query ends with what a results list shows: ten results with their title, address
// and snippet. Each query of QUERIES is typed word by word ("w1", "w1 w2", ...) in a fresh browser
// context (empty cache), once per run; every step is timed and the bytes it loaded are counted. The
// full query is then repeated W times in the same page (warm: the index parts it needs are loaded).
// In the first run each query is also typed character by character in another fresh context, to
// count what search-as-you-type loads on the way.
//
// Bytes: passage's files come from file://, so each is counted at its size on disk (every request
// the page makes, seen through Playwright's request events). Pagefind's are counted by the server:
// the bodies of the responses it sends (Pagefind's worker fetches the index, which page events may
// not all see). The server does not compress; Pagefind's wasm and index files are gzip files already,
// its pagefind.js, worker and pagefind-entry.json are not. Every file is also counted gzipped
// (level 6, unless it is gzip already): what a server that compresses would send.
"use strict";
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const http = require("node:http");
const zlib = require("node:zlib");
const { pathToFileURL, fileURLToPath } = require("node:url");

let playwright;
try {
  playwright = require("playwright-core");
} catch (err) {
  console.error("search-bench.js: playwright-core is missing: run `npm ci` in bench/ (bench/search.sh does)");
  process.exit(1);
}

const CHROMIUM = process.env.PASSAGE_CHROMIUM || "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
              "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const TOP = 10;  // results fetched with their text, as a results page shows them

// Queries typed word by word: words of the synthetic corpus (bench/gen_corpus.py). Single words
// from common ("migrants") to rare (a surname that only footnotes cite, a city), then phrases of
// two to four words, some with stop words.
const QUERIES = [
  ["migrants"], ["convention"], ["remittances"], ["xenophobia"], ["statelessness"], ["seafarers"],
  ["treaty"], ["Windhoek"], ["Wickramasekara"], ["Marrakesh"],
  ["migrant", "domestic", "workers"],
  ["trafficking", "in", "persons"],
  ["family", "reunification", "rights"],
  ["cost", "of", "sending", "remittances"],
  ["seasonal", "workers", "agriculture"],
  ["public", "perceptions", "migration"],
  ["brain", "drain", "circulation"],
  ["recognition", "of", "qualifications"],
  ["environmental", "displacement"],
  ["social", "security", "benefits"],
  ["ethical", "recruitment", "health", "workers"],
  ["labour", "market", "needs"],
  ["Helsinki", "Process"],
  ["Treaty", "of", "Harare"],
];

function parseArgs(argv) {
  const a = { runs: 3, warm: 5 };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i], v = argv[i + 1];
    if (k === "--passage") a.passage = path.resolve(v);
    else if (k === "--pagefind") a.pagefind = path.resolve(v);
    else if (k === "--out") a.out = path.resolve(v);
    else if (k === "--runs") a.runs = Number(v);
    else if (k === "--warm") a.warm = Number(v);
    else if (k === "--only") a.only = v;  // passage | pagefind (for trying the script)
    else { console.error(`search-bench.js: unknown argument ${k}`); process.exit(2); }
    i++;
  }
  if (!a.passage || !a.pagefind || !a.out || !(a.runs >= 1) || !(a.warm >= 1)) {
    console.error("usage: node search-bench.js --passage SITE --pagefind DIR [--runs R] [--warm W] --out FILE.json");
    process.exit(2);
  }
  if (!fs.existsSync(path.join(a.passage, "search.html"))) throw new Error(`no search.html in ${a.passage}`);
  if (!fs.existsSync(path.join(a.pagefind, "pagefind", "pagefind.js"))) throw new Error(`no pagefind/pagefind.js in ${a.pagefind}`);
  return a;
}

// Sizes of a file, raw and gzipped (level 6; a gzip file as it is), cached by path.
const sizeCache = new Map();
function sizes(file) {
  let s = sizeCache.get(file);
  if (!s) {
    const data = fs.readFileSync(file);
    const gzipped = data.length > 2 && data[0] === 0x1f && data[1] === 0x8b;
    s = { raw: data.length, gz: gzipped ? data.length : zlib.gzipSync(data, { level: 6 }).length };
    sizeCache.set(file, s);
  }
  return s;
}

// Counts what one side loads. `add(file)` records a file; `take()` returns what was recorded since
// the previous take(). `settle()` waits until no load has been seen for a while, so that a request
// still in flight when a query resolves is not counted for the next step.
class Meter {
  constructor() { this.files = []; this.pending = 0; this.last = Date.now(); }
  start() { this.pending++; this.last = Date.now(); }
  add(file) { this.files.push(file); this.pending = Math.max(0, this.pending - 1); this.last = Date.now(); }
  fail() { this.pending = Math.max(0, this.pending - 1); this.last = Date.now(); }
  async settle(quietMs = 60, maxMs = 5000) {
    const t0 = Date.now();
    while ((this.pending > 0 || Date.now() - this.last < quietMs) && Date.now() - t0 < maxMs) {
      await new Promise((r) => setTimeout(r, 10));
    }
  }
  take() {
    const out = tally(this.files);
    this.files = [];
    return out;
  }
}

// {raw, gz, files}: the bytes of a list of files.
function tally(files) {
  const out = { raw: 0, gz: 0, files: files.slice() };
  for (const f of files) { const s = sizes(f); out.raw += s.raw; out.gz += s.gz; }
  return out;
}

// The static server for Pagefind: DIR's files, and "/" as a blank page. Every file it sends is
// reported to the current meter (`server.meter`).
function serve(root) {
  const sockets = new Set();
  const TYPES = { ".js": "text/javascript", ".json": "application/json", ".css": "text/css", ".html": "text/html" };
  const server = http.createServer((req, res) => {
    const meter = server.meter;
    const rel = decodeURIComponent(new URL(req.url, "http://localhost").pathname);
    if (rel === "/") {
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
      res.end("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Pagefind bench</title></head><body></body></html>");
      return;
    }
    const file = path.join(root, rel);
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404);
      res.end();
      return;
    }
    if (meter) meter.start();
    const data = fs.readFileSync(file);
    res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] || "application/octet-stream", "Content-Length": data.length,
                         "Cache-Control": "no-store" });
    res.end(data, () => { if (meter) meter.add(file); });
  });
  server.on("connection", (s) => { sockets.add(s); s.on("close", () => sockets.delete(s)); });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      server.base = `http://127.0.0.1:${server.address().port}/`;
      server.stop = () => new Promise((r) => { server.close(r); for (const s of sockets) s.destroy(); });
      resolve(server);
    });
  });
}

/* ---- the two sides ------------------------------------------------------------------------- */

// Each side: open(context, meter) -> page ready for queries (its start page loaded, its page-load
// bytes taken as "machinery"); query(page, q) -> {ms, hits, shown}, run inside the page.

const passageSide = (site) => ({
  name: "passage",
  async open(context, meter) {
    const page = await context.newPage();
    page.on("request", (r) => { if (r.url().startsWith("file:")) meter.start(); });
    page.on("requestfinished", (r) => { if (r.url().startsWith("file:")) meter.add(fileURLToPath(r.url().split(/[?#]/)[0])); });
    page.on("requestfailed", () => meter.fail());
    await page.goto(pathToFileURL(path.join(site, "search.html")).href);
    await page.waitForFunction(() => window.passageSearch && typeof window.passageSearch.engine === "function");
    await meter.settle();
    // The search machinery loaded with the page: search-engine.js and search.js (not the site's
    // passage.js and passage.css, nor the page itself).
    const loaded = meter.take().files;
    return { page, machinery: tally(loaded.filter((f) => /[\\/]assets[\\/]search(-engine)?\.[^\\/]*js$/.test(f))) };
  },
  query(page, q) {
    return page.evaluate(async ([q, top]) => {
      const t0 = performance.now();
      const e = await window.passageSearch.engine();
      const r = await e.search(q);
      const shown = r.hits.slice(0, top);
      const recs = await e.records(shown.map((h) => h.record));
      let chars = 0;
      for (const h of shown) {
        const rec = recs.get(h.record);  // [url, title path, text]
        chars += rec[0].length + e.snippet(rec[1].join(" › "), r.highlight, 1000).length + e.snippet(rec[2], r.highlight, 40).length;
      }
      // The index (format 2 on) ranks a one-word query from the heads of its terms: `total` counts every match.
      const hits = typeof r.total === "number" ? r.total : r.hits.length;
      return { ms: performance.now() - t0, hits, shown: shown.length, chars };
    }, [q, TOP]);
  },
});

const pagefindSide = (server) => ({
  name: "pagefind",
  async open(context, meter) {
    server.meter = meter;
    const page = await context.newPage();
    await page.goto(server.base);
    await meter.settle();
    meter.take();  // the blank page itself: nothing of Pagefind's
    return { page, machinery: { raw: 0, gz: 0, files: [] } };  // pagefind.js loads with the first query
  },
  query(page, q) {
    return page.evaluate(async ([q, top]) => {
      const t0 = performance.now();
      if (!window.pf) {
        window.pf = await import("/pagefind/pagefind.js");
        await window.pf.init();
      }
      const s = await window.pf.search(q);
      const shown = s.results.slice(0, top);
      const data = await Promise.all(shown.map((r) => r.data()));
      let chars = 0;
      for (const d of data) chars += d.url.length + (d.meta.title || "").length + d.excerpt.length;
      return { ms: performance.now() - t0, hits: s.results.length, shown: shown.length, chars };
    }, [q, TOP]);
  },
});

/* ---- measuring ------------------------------------------------------------------------------ */

const median = (xs) => {
  if (!xs.length) return null;
  const s = xs.slice().sort((a, b) => a - b), m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
// [path relative to the site, raw bytes, gzipped bytes] of each file.
const names = (files, root) => files.map((f) => [path.relative(root, f), sizes(f).raw, sizes(f).gz]);

// One query typed word by word in a fresh context, then repeated warm.
async function typed(browser, side, root, words, warm) {
  const context = await browser.newContext();
  const meter = new Meter();
  try {
    const { page, machinery } = await side.open(context, meter);
    const steps = [];
    for (let k = 1; k <= words.length; k++) {
      const q = words.slice(0, k).join(" ");
      const r = await side.query(page, q);
      await meter.settle();
      const b = meter.take();
      steps.push({ q, ms: r.ms, hits: r.hits, shown: r.shown, chars: r.chars, raw: b.raw, gz: b.gz, files: names(b.files, root) });
    }
    const q = words.join(" "), warmMs = [];
    for (let i = 0; i < warm; i++) warmMs.push((await side.query(page, q)).ms);
    await meter.settle();
    const extra = meter.take();
    return { machinery: { raw: machinery.raw, gz: machinery.gz, files: names(machinery.files, root) }, steps,
             warm_ms: median(warmMs), warm_extra_raw: extra.raw };
  } finally {
    await context.close();
  }
}

// One query typed character by character in a fresh context: the bytes of every prefix's query.
async function charByChar(browser, side, words) {
  const context = await browser.newContext();
  const meter = new Meter();
  try {
    const { page, machinery } = await side.open(context, meter);
    const text = words.join(" ");
    let raw = machinery.raw, gz = machinery.gz, queries = 0;
    for (let i = 1; i <= text.length; i++) {
      await side.query(page, text.slice(0, i));
      queries++;
    }
    await meter.settle();
    const b = meter.take();
    return { raw: raw + b.raw, gz: gz + b.gz, queries };
  } finally {
    await context.close();
  }
}

async function main() {
  const a = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: install Debian's package chromium`);
  const server = await serve(a.pagefind);
  const browser = await playwright.chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS, timeout: 60000 });
  const sides = [passageSide(a.passage), pagefindSide(server)].filter((s) => !a.only || s.name === a.only);
  const roots = { passage: a.passage, pagefind: a.pagefind };
  const result = { top: TOP, runs: a.runs, warm: a.warm, chromium: browser.version(), cpus: os.cpus().length, queries: QUERIES, sides: {} };
  for (const s of sides) result.sides[s.name] = { typed: [], char_by_char: [] };
  try {
    // A first, unrecorded query per side: Chromium's own start-up effects (disk cache of the
    // binary, compilation) should not land on the first measured query.
    for (const s of sides) await typed(browser, s, roots[s.name], ["migration"], 1);
    for (let run = 1; run <= a.runs; run++) {
      for (let qi = 0; qi < QUERIES.length; qi++) {
        // The order of the sides alternates from query to query.
        const order = (run + qi) % 2 ? sides : sides.slice().reverse();
        for (const s of order) {
          const t = await typed(browser, s, roots[s.name], QUERIES[qi], a.warm);
          result.sides[s.name].typed.push({ run, query: qi, ...t });
        }
      }
      process.stderr.write(`search-bench.js: run ${run}/${a.runs} done\n`);
    }
    for (let qi = 0; qi < QUERIES.length; qi++) {
      for (const s of sides) result.sides[s.name].char_by_char.push({ query: qi, ...(await charByChar(browser, s, QUERIES[qi])) });
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  result.load_end = os.loadavg();
  fs.writeFileSync(a.out, JSON.stringify(result, null, 1) + "\n");
}

main().catch((err) => {
  console.error(`search-bench.js: ${err && err.stack ? err.stack : err}`);
  process.exit(1);
});
