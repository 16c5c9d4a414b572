// passage serve, driven as an author uses it: a page open in Chromium shows an edit to a document's
// Markdown without a manual reload; a broken edit shows the build's diagnostics over the page while
// the previous site stays; fixing it reloads the page. Over HTTP on 127.0.0.1.
//   node tests/browser/serve.test.js <passage program> <content folder to copy>
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const http = require("node:http");
const os = require("node:os");
const path = require("node:path");
const { spawn } = require("node:child_process");
const { launch, watch } = require("./lib/browser.js");

const [program, content] = process.argv.slice(2);
if (!program || !content || !fs.existsSync(path.join(content, "site.json"))) {
  console.error("usage: node serve.test.js <passage program> <content folder>");
  process.exit(2);
}

let context, server, base, work, output = "";
const doc = () => path.join(work, "content", "documents", "desa-2004.md");
const siteJson = () => path.join(work, "content", "site.json");

// Resolves once the server has printed its address.
function startServer() {
  server = spawn(path.resolve(program), ["serve", "--port", "0", "--content", "content"], { cwd: work });
  server.stderr.on("data", (d) => { output += d; });
  return new Promise((resolve, reject) => {
    server.stdout.on("data", (d) => {
      output += d;
      const m = /serving (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (m && !base) {
        base = m[1];
        resolve();
      }
    });
    server.on("exit", (code) => { if (!base) reject(new Error(`passage serve exited (${code}):\n${output}`)); });
  });
}

before(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "passage-serve-test-"));
  fs.cpSync(content, path.join(work, "content"), { recursive: true });
  // A base URL with a path, which serve must not use: the site is built for where it is served.
  const json = JSON.parse(fs.readFileSync(siteJson(), "utf8"));
  json.base_url = "https://example.org/sub/path/";
  fs.writeFileSync(siteJson(), JSON.stringify(json, null, 1));
  await startServer();
  context = await launch();
});

after(async () => {
  if (context) await context.close();
  if (server && server.exitCode === null) server.kill("SIGTERM");
  if (work) fs.rmSync(work, { recursive: true, force: true });
});


// A mark set in the page's window: gone once the page has reloaded.
async function mark(page) {
  await page.evaluate(() => { window.passageTestMark = true; });
}
async function reloaded(page) {
  return page.evaluate(() => window.passageTestMark !== true);
}

test("an edit to a document's Markdown shows in the open page without a manual reload", async () => {
  const page = await context.newPage();
  const log = watch(page);
  await page.goto(base + "documents/desa-2004.html");
  assert.equal(await page.textContent("h1"), "A Social Perspective on International Migration");
  // The event stream is open before the edit.
  await page.waitForFunction(() => window.passageLiveState !== undefined);
  await mark(page);
  const started = Date.now();
  fs.appendFileSync(doc(), "\nA sentence added while the page was open: xyzzy-live-edit.\n");
  await page.waitForFunction(() => document.body.innerText.includes("xyzzy-live-edit"), null, { timeout: 20000 });
  console.log(`# edit to reload: ${Date.now() - started} ms`);
  assert.ok(await reloaded(page));
  assert.deepEqual(log.errors, []);
  await page.close();
});

test("a broken edit shows the diagnostics over the page, the previous site stays, a fix reloads", async () => {
  const page = await context.newPage();
  const log = watch(page);
  await page.goto(base + "documents/desa-2004.html");
  await page.waitForFunction(() => window.passageLiveState !== undefined);
  await mark(page);
  const good = fs.readFileSync(siteJson(), "utf8");
  fs.writeFileSync(siteJson(), '{"title": <b>broken</b>');

  const overlay = page.locator("#passage-build-failed");
  await overlay.waitFor({ state: "visible", timeout: 20000 });
  const report = await overlay.textContent();
  assert.match(report, /content\/site\.json:1:\d+: error\[json-syntax\]/);
  assert.match(report, /<b>broken<\/b>/);  // shown as text, not as markup
  assert.equal(await page.locator("#passage-build-failed b").count(), 0);
  assert.equal(await page.getAttribute("#passage-build-failed", "role"), "alertdialog");
  assert.equal(await reloaded(page), false);  // the page stays, under the report

  // The previous site is still served: a page opened now is the last good one, with the report.
  const other = await context.newPage();
  const response = await other.goto(base + "instruments/icmw.html");
  assert.equal(response.status(), 200);
  assert.match(await other.textContent("h1"), /Migrant Workers/);
  await other.locator("#passage-build-failed").waitFor({ state: "visible", timeout: 20000 });
  // Escape hides it.
  await other.keyboard.press("Escape");
  assert.equal(await other.locator("#passage-build-failed").count(), 0);
  await other.close();

  fs.writeFileSync(siteJson(), good);
  await page.waitForFunction(() => window.passageTestMark !== true, null, { timeout: 20000 });
  await page.waitForLoadState("load");
  assert.equal(await page.locator("#passage-build-failed").count(), 0);
  assert.equal(await page.textContent("h1"), "A Social Perspective on International Migration");
  assert.deepEqual(log.errors, []);
  await page.close();
});

test("the server answers only on 127.0.0.1, refuses paths out of the site, and stops on SIGTERM", async () => {
  const page = await context.newPage();
  const missing = await page.goto(base + "a/b/c/missing");
  assert.equal(missing.status(), 404);
  // site.json's base URL has a path; served, the 404 page's <base> is the server's root, so its
  // stylesheet and links work three folders down.
  assert.equal(await page.getAttribute("base", "href"), "/");
  assert.ok(await page.evaluate(() => document.styleSheets.length > 0 && [...document.styleSheets].every((s) => s.cssRules.length > 0)));
  const home = await page.goto(base + "index.html");
  assert.equal(home.status(), 200);
  assert.equal(await page.getAttribute("link[rel=canonical]", "href"), base);
  // Sent as it is (a browser would resolve the dots before sending).
  const status = await new Promise((resolve, reject) => {
    http.get(base + "x", { path: "/%2e%2e/%2e%2e/etc/passwd" }, (res) => { res.resume(); resolve(res.statusCode); }).on("error", reject);
  });
  assert.equal(status, 400);
  await page.close();

  const exited = new Promise((resolve) => server.on("exit", (code, signal) => resolve({ code, signal })));
  server.kill("SIGTERM");
  assert.deepEqual(await exited, { code: 0, signal: null });
  assert.match(output, /stopped\n$/);
});
