// Bytes of the search index a first query loads, on a built site, in Debian's Chromium from file://.
//
//   node bench/first-query-bytes.js SITE [query ...]      (default: the ten queries below)
//
// Each query runs in a fresh page of a fresh browser profile (nothing cached), twice:
//   box:     typed into the search box of index.html, until its list of results shows
//            (the manifest, the term shards, the record chunks of the six results shown);
//   results: search.html?q=..., until the results page shows its first ten (every posting of the
//            words, the facets for the filters, the record chunks of the ten).
// Every search/*.js the page asks for is counted once, at its size on disk. Prints one line per
// query and the totals; the same site gives the same figures.
// playwright-core comes from bench/node_modules or tests/browser/node_modules (either `npm ci`).
"use strict";
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { pathToFileURL } = require("node:url");

let playwright;
for (const dir of ["node_modules", "../tests/browser/node_modules"]) {
  try {
    playwright = require(path.join(__dirname, dir, "playwright-core"));
    break;
  } catch (err) { /* the next one */ }
}
if (!playwright) {
  console.error("first-query-bytes.js: playwright-core is missing: run `npm ci` in bench/ or tests/browser/");
  process.exit(1);
}

const QUERIES = ["migrants", "remittances", "Palermo", "Belem", "ratification", "health", "trafficking in persons",
                 "human rights", "regional consultative processes", "\"regional consultative processes\""];
const CHROMIUM = process.env.PASSAGE_CHROMIUM || "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
              "--disable-component-update", "--disable-sync"];

const [site, ...given] = process.argv.slice(2);
if (!site || !fs.existsSync(path.join(site, "search", "manifest.js"))) {
  console.error("usage: node bench/first-query-bytes.js SITE [query ...]   (SITE: a site built by passage)");
  process.exit(2);
}
const SITE = path.resolve(site);
const queries = given.length ? given : QUERIES;

// Runs `act` in a fresh profile; resolves with the search files it loaded and their bytes.
async function measure(act) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "passage-bench-"));
  const context = await playwright.chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS });
  try {
    const page = await context.newPage();
    const files = new Set();
    page.on("request", (r) => {
      const m = r.url().match(/\/search\/([^/?#]+\.js)$/);
      if (m) files.add(m[1]);
    });
    await act(page);
    let bytes = 0;
    const by = {};  // bytes by kind of file: m(anifest), t(erm shard), x (tail), r(ecords), f(acets), l(abels), v(ocabulary)
    for (const f of files) {
      const size = fs.statSync(path.join(SITE, "search", f)).size;
      bytes += size;
      by[f[0]] = (by[f[0]] || 0) + size;
    }
    return { files: files.size, bytes, by };
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

const url = (rel) => pathToFileURL(path.join(SITE, rel)).href;

async function box(page, q) {
  await page.goto(url("index.html"));
  await page.fill("#search-q", q);
  await page.waitForFunction((query) => {
    const list = document.getElementById("search-q-list");
    const status = document.getElementById("search-q-status");
    return (list && list.getAttribute("data-query") === query) || (status && /^No results/.test(status.textContent));
  }, q, { timeout: 30000 });
}

async function results(page, q) {
  await page.goto(url("search.html") + "?q=" + encodeURIComponent(q));
  await page.waitForFunction(() => {
    const s = document.getElementById("search-status").textContent;
    return s && !/Loading/.test(s) && !/^Type a word/.test(s);
  }, null, { timeout: 30000 });
}

(async () => {
  const total = { box: 0, results: 0 };
  console.log("query\tbox files\tbox bytes\tresults files\tresults bytes\tbox by kind\tresults by kind");
  const kinds = (by) => Object.keys(by).sort().map((k) => k + ":" + by[k]).join(" ");
  for (const q of queries) {
    const b = await measure((page) => box(page, q));
    const r = await measure((page) => results(page, q));
    total.box += b.bytes;
    total.results += r.bytes;
    console.log(`${q}\t${b.files}\t${b.bytes}\t${r.files}\t${r.bytes}\t${kinds(b.by)}\t${kinds(r.by)}`);
  }
  console.log(`total\t\t${total.box}\t\t${total.results}`);
  let index = 0;
  for (const f of fs.readdirSync(path.join(SITE, "search"))) index += fs.statSync(path.join(SITE, "search", f)).size;
  console.log(`index on disk: ${fs.readdirSync(path.join(SITE, "search")).length} files, ${index} bytes`);
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
