// The site published under a sub-path, as GitHub Pages serves a project site: a small HTTP server on
// 127.0.0.1 serves the site built with --base-url https://example.org/sub/path/ at /sub/path/, and
// 404.html (status 404) for any address that names no file, at any depth. In headless Chromium:
// navigation, search and the 404 page there.
//   node tests/browser/subpath.test.js <site generated from content/ with that base URL>
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const http = require("node:http");
const path = require("node:path");
const { launch, watch, siteFolder } = require("./lib/browser.js");

const SITE = siteFolder();
const PREFIX = "/sub/path/";
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".json": "application/json",
                ".xml": "application/xml", ".svg": "image/svg+xml", ".txt": "text/plain" };
let context, server, origin;

// Serves SITE at PREFIX; anything else, or a missing file, is 404.html with status 404.
function start() {
  const sockets = new Set();
  const s = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url, "http://localhost").pathname);
    if (rel === "/favicon.ico") {  // asked by the browser itself, not by the site
      res.writeHead(204);
      res.end();
      return;
    }
    let file = null;
    if (rel.startsWith(PREFIX)) {
      const inside = rel.slice(PREFIX.length);
      file = path.join(SITE, inside === "" || inside.endsWith("/") ? inside + "index.html" : inside);
      if (!file.startsWith(SITE + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) file = null;
    }
    if (!file) {
      res.writeHead(404, { "Content-Type": TYPES[".html"] });
      fs.createReadStream(path.join(SITE, "404.html")).pipe(res);
      return;
    }
    res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] || "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  s.on("connection", (c) => { sockets.add(c); c.on("close", () => sockets.delete(c)); });
  return new Promise((resolve) => s.listen(0, "127.0.0.1", () => {
    s.closeAll = () => new Promise((r) => { s.close(r); for (const c of sockets) c.destroy(); });
    resolve(s);
  }));
}

before(async () => {
  server = await start();
  origin = `http://127.0.0.1:${server.address().port}`;
  context = await launch();
});
after(async () => {
  if (context) await context.close();
  if (server) await server.closeAll();
});

async function fresh() {
  const page = await context.newPage();
  const log = watch(page);
  const missing = [];  // requests the server answered with 404 (the favicon aside)
  page.on("response", (r) => { if (r.status() === 404) missing.push(r.url()); });
  return { page, log, missing };
}

// The style sheet applied: the site header is laid out by the theme, not as plain HTML.
async function styled(page) {
  return page.evaluate(() => {
    const sheets = Array.from(document.styleSheets).filter((s) => { try { return s.cssRules.length > 0; } catch { return false; } });
    return sheets.length > 0 && getComputedStyle(document.querySelector(".site-header")).display !== "inline";
  });
}

test("the site is built for the sub-path: its pages name hashed style sheets and scripts, and no page of it is missing", async () => {
  const { page, log, missing } = await fresh();
  await page.goto(origin + PREFIX);
  assert.match(await page.getAttribute("link[rel=stylesheet]", "href"), /^assets\/passage\.[0-9a-f]{10}\.css$/);
  assert.ok(await styled(page), "the style sheet is applied");
  assert.deepEqual(missing, []);
  assert.deepEqual(log.errors, []);
  await page.close();
});

test("navigation under the sub-path: home → Documents → a document → an instrument it mentions, and back home", async () => {
  const { page, log, missing } = await fresh();
  await page.goto(origin + PREFIX + "index.html");
  await Promise.all([page.waitForURL(origin + PREFIX + "documents.html"), page.click(".site-nav a[href='documents.html']")]);
  const first = await page.getAttribute("main a[href^='documents/']", "href");
  await Promise.all([page.waitForURL(origin + PREFIX + first), page.click(`main a[href='${first}']`)]);
  assert.ok(await styled(page));
  const mention = page.locator("a.ref-instrument.mention").first();
  const href = await mention.getAttribute("href");
  assert.match(href, /^\.\.\/instruments\/[a-z0-9-]+\.html$/);
  await Promise.all([page.waitForURL(origin + PREFIX + href.slice(3)), mention.click()]);
  await Promise.all([page.waitForURL(origin + PREFIX + "index.html"), page.click("a.site-title")]);
  assert.deepEqual(missing, []);
  assert.deepEqual(log.errors, []);
  await page.close();
});

test("search under the sub-path: the header's form leads to results, whose links stay under it", async () => {
  const { page, log, missing } = await fresh();
  await page.goto(origin + PREFIX + "documents.html");
  await page.fill("#search-q", "remittances");
  await Promise.all([page.waitForURL(/\/sub\/path\/search\.html\?q=remittances$/), page.press("#search-q", "Enter")]);
  await page.waitForFunction(() => {
    const s = document.getElementById("search-status").textContent;
    return s && !/Loading/.test(s);
  });
  const hrefs = await page.$$eval("#search-results > li", (l) => l.map((li) => new URL(li.getAttribute("data-href"), document.baseURI).href));
  assert.ok(hrefs.length > 0, "results");
  for (const h of hrefs) assert.ok(h.startsWith(origin + PREFIX), h);
  await Promise.all([page.waitForURL((u) => u.href === hrefs[0]), page.click("#search-results > li >> nth=0")]);
  assert.ok(await styled(page));
  assert.deepEqual(missing, []);
  assert.deepEqual(log.errors, []);
  await page.close();
});

for (const address of ["missing", "a/b/c/missing", "documents/missing.html"]) {
  test(`the 404 page served for ${PREFIX}${address} is styled and its links lead into the site`, async () => {
    const { page, log, missing } = await fresh();
    const response = await page.goto(origin + PREFIX + address);
    assert.equal(response.status(), 404);
    assert.equal(await page.textContent("h1"), "Page not found");
    assert.ok(await styled(page), "the style sheet of 404.html loads at any depth");
    // Its links, the header's and the page's, name pages of the site under the sub-path.
    const links = await page.$$eval("a[href]", (l) => l.map((a) => a.href).filter((h) => !h.includes("#")));
    assert.ok(links.length >= 10, links.join(" "));
    for (const h of links) {
      assert.ok(h.startsWith(origin + PREFIX), `${h} is under ${PREFIX}`);
      const r = await page.request.get(h);
      assert.equal(r.status(), 200, h);
    }
    await Promise.all([page.waitForURL(origin + PREFIX + "index.html"), page.click("main a:has-text('home page')")]);
    assert.ok(await styled(page));
    await page.goBack();
    await page.fill("#search-q", "Palermo");
    await Promise.all([page.waitForURL(/\/sub\/path\/search\.html\?q=Palermo$/), page.press("#search-q", "Enter")]);
    // The only address missing is the page's own (loaded twice), and the browser's console says so only.
    assert.deepEqual([...new Set(missing)], [origin + PREFIX + address]);
    assert.deepEqual(log.errors.filter((e) => !/status of 404/.test(e)), []);
    await page.close();
  });
}

test("the same 404.html opened from file:// is styled and its links lead to the site's files beside it", async () => {
  const { page, log } = await fresh();
  const { pathToFileURL } = require("node:url");
  await page.goto(pathToFileURL(path.join(SITE, "404.html")).href);
  assert.ok(await styled(page), "the style sheet beside it applies");
  const home = await page.$eval("main a", (a) => a.href);
  assert.equal(home, pathToFileURL(path.join(SITE, "index.html")).href);
  await Promise.all([page.waitForURL(home), page.click("main a >> nth=0")]);
  assert.ok(await styled(page));
  // The <base> of the server is set aside before anything loads from it but the preload scanner's guesses.
  assert.deepEqual(log.errors.filter((e) => !/ERR_FILE_NOT_FOUND/.test(e)), []);
  await page.close();
});
