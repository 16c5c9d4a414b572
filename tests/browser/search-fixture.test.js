// Search on the fixture site of tests/search/site: the shared normalisation table run in the browser,
// and hostile text (a title that closes a script, U+2028 and U+2029 in a passage).
//   node tests/browser/search-fixture.test.js <site generated from tests/search/site>
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");
const { launch, watch, fileUrl, siteFolder } = require("./lib/browser.js");

const SITE = siteFolder();
const PARITY = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "search", "parity.json"), "utf8"));
const HOSTILE = "</script><script>alert(1)</script>";
let context;

before(async () => { context = await launch(); });
after(async () => { if (context) await context.close(); });

async function fresh(rel) {
  const page = await context.newPage();
  const log = watch(page);
  // Anything that runs from the data would call one of these.
  await page.addInitScript(() => {
    window.__ran = [];
    window.alert = (m) => window.__ran.push(String(m));
  });
  await page.goto(fileUrl(SITE, rel));
  return { page, log };
}

async function results(page, query) {
  await page.fill("#page-q", query);
  await page.waitForFunction((q) => {
    const s = document.getElementById("search-status").textContent;
    return s.includes("\u201c" + q + "\u201d") && !/Loading/.test(s);
  }, query);
  return page.$$eval("#search-results > li", (l) => l.map((li) => ({
    title: li.querySelector(".result-title").textContent,
    snippet: li.querySelector(".result-snippet").textContent,
    href: li.getAttribute("data-href"),
  })));
}

test("every case of the shared parity table tokenizes folds and stems in the browser as in C++", async () => {
  const { page, log } = await fresh("index.html");
  const got = await page.evaluate(async (cases) => {
    const e = await window.passageSearch.engine();
    const out = [];
    for (const c of cases) {
      const tokens = e.tokenize(c.input).map((t) => t.folded);
      const terms = await e.stems(tokens.filter((t) => !e.stop.has(t)));
      out.push({ name: c.name, tokens, terms });
    }
    return out;
  }, PARITY.cases);
  for (let i = 0; i < PARITY.cases.length; i++) {
    const c = PARITY.cases[i];
    assert.deepEqual(got[i].tokens, c.tokens, `tokens of: ${c.name}`);
    assert.deepEqual(got[i].terms, c.terms, `terms of: ${c.name}`);
  }
  assert.deepEqual(log.errors, []);
  await page.close();
});

test("a query folds like the text: Belem and BELÉM and Bele\u0301m find the same passage", async () => {
  const { page } = await fresh("search.html");
  const a = await results(page, "Belem"), b = await results(page, "BELÉM"), c = await results(page, "Bele\u0301m");
  assert.ok(a.length > 0);
  assert.deepEqual(b, a);
  assert.deepEqual(c.map((r) => r.href), a.map((r) => r.href));
  await page.close();
});

test("a document titled with a script end tag is found and shown as text and runs nothing", async () => {
  const { page, log } = await fresh("search.html");
  for (const q of ["zebrafish", "alert"]) {
    const found = await results(page, q);
    const hostile = found.find((r) => r.title.startsWith(HOSTILE));
    assert.ok(hostile, `${q}: ${found.map((r) => r.title).join(" | ")}`);
  }
  // The popup of the search box too.
  await page.click("#search-q");
  await page.keyboard.type("okapi");
  await page.waitForSelector("#search-q-list[data-query='okapi'] [role=option]");
  assert.ok((await page.textContent("#search-q-list")).includes(HOSTILE));
  assert.equal(await page.locator("#search-results script, #search-q-list script").count(), 0);
  assert.deepEqual(await page.evaluate(() => window.__ran), []);
  assert.deepEqual(log.dialogs, []);
  assert.deepEqual(log.errors, []);
  await page.close();
});

test("a suggestion for a hostile query is shown as text, on the results page and in the search box", async () => {
  const { page, log } = await fresh("search.html");
  // Every word but the last is in the fixture (the hostile title): only "zebrafsh" lacks hits.
  const query = HOSTILE + " zebrafsh";
  await results(page, query);
  await page.waitForSelector("#search-suggest a");
  const link = page.locator("#search-suggest a").first();
  assert.equal(await link.textContent(), "\u201c" + HOSTILE + " zebrafish\u201d");
  assert.equal(new URL(await link.getAttribute("href")).searchParams.get("q"), HOSTILE + " zebrafish");
  await page.click("#search-q");
  await page.keyboard.type(query);
  await page.waitForSelector("#search-q-list .search-suggest");
  assert.equal(await page.textContent("#search-q-list .search-suggest"), "Did you mean \u201c" + HOSTILE + " zebrafish\u201d?");
  assert.equal(await page.locator("#search-suggest script, #search-q-list script, #search-suggest img").count(), 0);
  assert.deepEqual(await page.evaluate(() => window.__ran), []);
  assert.deepEqual(log.dialogs, []);
  assert.deepEqual(log.errors, []);
  await page.close();
});

test("a passage holding U+2028 and U+2029 loads and its words are found on both sides of them", async () => {
  const { page, log } = await fresh("search.html");
  for (const q of ["separator", "zebrafish"]) {
    const found = await results(page, q);
    const passage = found.find((r) => r.href.includes("hostile.html?hl=") && r.href.endsWith("#hostile-passages"));
    assert.ok(passage, `${q}: ${found.map((r) => r.href).join(" ")}`);
  }
  // The target page highlights without running anything either.
  const found = await results(page, "zebrafish");
  await page.goto(found[0].href);
  await page.waitForSelector("mark.search-hit");
  assert.deepEqual(await page.evaluate(() => window.__ran), []);
  assert.deepEqual(log.dialogs, []);
  assert.deepEqual(log.errors, []);
  await page.close();
});

test("a word in more passages than the head: one word ranks from its head, the results page loads its tail", async () => {
  const { page, log } = await fresh("search.html");
  const loaded = [];
  page.on("request", (r) => { if (/\/search\/[^/]+\.js$/.test(r.url())) loaded.push(r.url().replace(/^.*\/search\//, "")); });
  const got = await page.evaluate(async () => {
    const e = await window.passageSearch.engine();
    const ids = (r) => r.hits.map((h) => h.record);
    const head = await e.search("okavango"), full = await e.search("okavango", { complete: true });
    const two = await e.search("okavango delta"), twoFull = await e.search("okavango delta", { complete: true });
    return { head: ids(head), headTotal: head.total, full: ids(full), fullTotal: full.total, two: ids(two), twoFull: ids(twoFull) };
  });
  // Nine records name it (eight parts and the document's summary). The fixture's head is 2: the two
  // best passages, exactly as the complete ranking has them.
  assert.equal(got.full.length, 9);
  assert.equal(got.fullTotal, 9);
  assert.equal(got.headTotal, 9);
  assert.deepEqual(got.head, got.full.slice(0, 2));
  // Two words need every posting: the same hits either way.
  assert.ok(got.two.length >= 2);
  assert.deepEqual(got.two, got.twoFull);
  assert.ok(loaded.some((f) => /^x\d+\.js$/.test(f)), loaded.join(" "));
  // The popup of a fresh page: the head only, and the count of every match.
  const p2 = (await fresh("index.html")).page;
  const loaded2 = [];
  p2.on("request", (r) => { if (/\/search\/[^/]+\.js$/.test(r.url())) loaded2.push(r.url().replace(/^.*\/search\//, "")); });
  await p2.click("#search-q");
  await p2.keyboard.type("okavango ");
  await p2.waitForSelector("#search-q-list[data-query='okavango '] [role=option]");
  assert.match(await p2.textContent("#search-q-list .search-all"), /^All 9 results for/);
  assert.equal(loaded2.filter((f) => /^x\d+\.js$/.test(f)).length, 0, loaded2.join(" "));
  // The results page lists them all (ten to a page).
  assert.equal((await results(page, "okavango")).length, 9);
  assert.deepEqual(log.errors, []);
  await p2.close();
  await page.close();
});

test("every index file is a script that only registers data", () => {
  const dir = path.join(SITE, "search");
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".js"));
  assert.ok(files.includes("manifest.js"));
  assert.ok(files.some((f) => /^x\d+\.js$/.test(f)), "the fixture has a term tail");
  for (const f of files) {
    const js = fs.readFileSync(path.join(dir, f), "latin1");
    assert.ok(/^[\x20-\x7e\n]*$/.test(js), `${f} is printable ASCII`);
    assert.ok(!/<\/script|<!--|-->/i.test(js), `${f} has no script end, comment open or close`);
    const calls = [];
    vm.runInNewContext(js, { passageSearchRegister: (name, data) => calls.push([name, data]) });
    assert.equal(calls.length, 1, f);
    assert.equal(calls[0][0] + ".js", f);
  }
});
