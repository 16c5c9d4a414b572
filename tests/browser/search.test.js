// Search on the real content, in headless Chromium, from file:// (and once over HTTP).
//   node tests/browser/search.test.js <site generated from content/>
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { pathToFileURL } = require("node:url");
const { launch, watch, fileUrl, serve, siteFolder } = require("./lib/browser.js");

const SITE = siteFolder();
let context;

before(async () => { context = await launch(); });
after(async () => { if (context) await context.close(); });

// Opens the results page for `query` and waits for the results (or the message that there are none).
async function resultsPage(page, query, url = fileUrl) {
  await page.goto(url(SITE, "search.html?q=" + encodeURIComponent(query)));
  await page.waitForFunction(() => {
    const s = document.getElementById("search-status").textContent;
    return s && !/Loading/.test(s);
  });
  return page.$$eval("#search-results > li", (items) => items.map((li) => ({
    href: li.getAttribute("data-href"),
    title: li.querySelector(".result-title").textContent,
    marks: Array.from(li.querySelectorAll("mark")).map((m) => m.textContent),
  })));
}

// The site-relative address of a result, without the highlighting query.
const SITE_URL = pathToFileURL(SITE).href + "/";
function target(href) {
  return href.replace(SITE_URL, "").replace(/\?hl=[^#]*/, "");
}

async function fresh() {
  const page = await context.newPage();
  return { page, log: watch(page) };
}

test("Palermo puts the Convention against Transnational Organized Crime and both its protocols in the top five", async () => {
  const { page, log } = await fresh();
  const top = (await resultsPage(page, "Palermo")).slice(0, 5).map((r) => target(r.href));
  for (const id of ["untoc", "trafficking-protocol", "smuggling-protocol"]) assert.ok(top.includes(`instruments/${id}.html`), `${id} in ${top}`);
  assert.deepEqual(log.errors, []);
  await page.close();
});

test("remittances returns passages of desa-2004 and irri-2006 and massiah-2015 with the word highlighted", async () => {
  const { page, log } = await fresh();
  const results = await resultsPage(page, "remittances");
  const urls = results.map((r) => target(r.href));
  for (const doc of ["desa-2004", "irri-2006", "massiah-2015"])
    assert.ok(urls.some((u) => u.startsWith(`documents/${doc}.html#`)), `a passage of ${doc} in ${urls}`);
  assert.ok(results.every((r) => r.marks.length > 0), "every result shows a highlighted word");
  assert.ok(results.some((r) => r.marks.some((m) => /^remittances$/i.test(m))));
  assert.deepEqual(log.errors, []);
  await page.close();
});

test("Belem without its accent finds paragraph 13 of massiah-2015 and the page highlights Belém there", async () => {
  const { page, log } = await fresh();
  const results = await resultsPage(page, "Belem");
  const hit = results.find((r) => target(r.href) === "documents/massiah-2015.html#p13");
  assert.ok(hit, results.map((r) => target(r.href)).join(" "));
  assert.deepEqual(hit.marks.filter((m) => m === "Belém").length > 0, true);
  await page.goto(hit.href);
  await page.waitForSelector("#p13 mark.search-hit");
  assert.equal(await page.textContent("#p13 mark.search-hit"), "Belém");
  assert.match(await page.textContent(".search-hl-bar"), /highlighted/);
  await page.click(".search-hl-bar button");
  assert.equal(await page.locator("mark.search-hit").count(), 0);
  assert.deepEqual(log.errors, []);
  await page.close();
});

test("a theme filter narrows the results and a deep link keeps it", async () => {
  const { page, log } = await fresh();
  const all = await resultsPage(page, "migrants");
  await page.selectOption("#search-filter-theme", "remittances");
  await page.waitForFunction(() => /Filtered from/.test(document.getElementById("search-status").textContent));
  const filtered = await page.$$eval("#search-results > li", (l) => l.length);
  const status = await page.textContent("#search-status");
  const [, shown, total] = status.match(/^(\d+) results?.*Filtered from (\d+)/);
  assert.ok(Number(shown) < Number(total), status);
  assert.ok(filtered > 0 && filtered <= Number(shown));
  assert.ok(all.length >= filtered);
  // Every result carries the theme, by the index's own facets.
  const themed = await page.evaluate(async () => {
    const e = await window.passageSearch.engine();
    const r = await e.search("migrants", { complete: true });
    await e.loadFacets(r.hits.map((h) => h.record));
    return r.hits.filter((h) => e.facets(h.record).themes.includes("remittances")).length;
  });
  assert.equal(themed, Number(shown));
  assert.match(page.url(), /[?&]theme=remittances/);
  // The address restores the filter.
  await page.goto(page.url());
  await page.waitForFunction(() => /Filtered from/.test(document.getElementById("search-status").textContent));
  assert.equal(await page.inputValue("#search-filter-theme"), "remittances");
  assert.deepEqual(log.errors, []);
  await page.close();
});

test("the search box of a page shows results as you type and the keyboard opens one", async () => {
  const { page, log } = await fresh();
  await page.goto(fileUrl(SITE, "documents/desa-2004.html"));
  const input = page.locator("#search-q");
  assert.equal(await input.getAttribute("role"), "combobox");
  assert.equal(await input.getAttribute("aria-expanded"), "false");
  await input.click();
  await page.keyboard.type("Belem", { delay: 20 });
  await page.waitForSelector("#search-q-list[data-query='Belem'] [role=option]");
  assert.equal(await input.getAttribute("aria-expanded"), "true");
  assert.equal(await input.getAttribute("aria-controls"), "search-q-list");
  assert.equal(await page.getAttribute("#search-q-list", "role"), "listbox");
  const options = await page.$$eval("#search-q-list [role=option]", (l) => l.map((o) => o.getAttribute("data-href")));
  const index = options.findIndex((h) => /massiah-2015\.html\?hl=belem#p13$/.test(h));
  assert.ok(index >= 0, options.join(" "));
  for (let i = 0; i <= index; i++) await page.keyboard.press("ArrowDown");
  const active = await input.getAttribute("aria-activedescendant");
  assert.equal(await page.getAttribute("#" + active, "aria-selected"), "true");
  assert.equal(await page.evaluate(() => document.activeElement.id), "search-q");
  await page.keyboard.press("Enter");
  await page.waitForURL(/massiah-2015\.html\?hl=belem#p13$/);
  await page.waitForSelector("#p13 mark.search-hit");
  // Escape closes the list, a second Escape clears the box.
  await page.click("#search-q");
  await page.keyboard.type("remittances", { delay: 10 });
  await page.waitForSelector("#search-q-list[data-query='remittances'] [role=option]");
  await page.keyboard.press("Escape");
  assert.equal(await page.getAttribute("#search-q", "aria-expanded"), "false");
  await page.keyboard.press("Escape");
  assert.equal(await page.inputValue("#search-q"), "");
  assert.deepEqual(log.errors, []);
  await page.close();
});

test("on the results page the arrow keys move through the results and Enter opens one", async () => {
  const { page, log } = await fresh();
  await resultsPage(page, "Palermo");
  const input = page.locator("#page-q");
  assert.equal(await input.getAttribute("role"), "combobox");
  assert.equal(await input.getAttribute("aria-controls"), "search-results");
  assert.equal(await page.getAttribute("#search-results", "role"), "listbox");
  await input.focus();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  const active = await input.getAttribute("aria-activedescendant");
  assert.equal(active, "search-results-opt-1");
  assert.equal(await page.getAttribute("#" + active, "aria-selected"), "true");
  const href = await page.getAttribute("#" + active, "data-href");
  await page.keyboard.press("Enter");
  await page.waitForURL(href);
  assert.deepEqual(log.errors, []);
  await page.close();
});

test("prefix matching finds the word being typed and a phrase ranks first", async () => {
  const { page } = await fresh();
  const typed = await resultsPage(page, "remitt");
  assert.ok(typed.length > 0 && typed.some((r) => r.marks.some((m) => /^remittances?$/i.test(m))));
  const phrase = await resultsPage(page, "trafficking in persons");
  assert.ok(phrase.slice(0, 3).some((r) => target(r.href) === "instruments/trafficking-protocol.html"), phrase.map((r) => target(r.href)).join(" "));
  await page.close();
});

test("a query without results and a query of common words say so", async () => {
  const { page, log } = await fresh();
  assert.deepEqual(await resultsPage(page, "xylophonequartz"), []);
  assert.match(await page.textContent("#search-status"), /No results for “xylophonequartz”/);
  assert.deepEqual(await resultsPage(page, "the of "), []);
  assert.match(await page.textContent("#search-status"), /common words/);
  assert.deepEqual(log.errors, []);
  await page.close();
});

test("over HTTP the results are those of file:// and a query typed before the index loads waits for it", async () => {
  const server = await serve(SITE, { delay: (p) => (p.endsWith("/search/manifest.js") ? 1500 : 0) });
  try {
    const { page, log } = await fresh();
    for (const q of ["Palermo", "remittances", "Belem"]) {
      const viaFile = (await resultsPage(page, q)).map((r) => target(r.href));
      const viaHttp = (await resultsPage(page, q, (site, rel) => server.url(rel))).map((r) => r.href.replace(server.url(""), "").replace(/\?hl=[^#]*/, ""));
      assert.deepEqual(viaHttp, viaFile, q);
    }
    // A fresh page: the manifest is slow to come; the box says so, then shows the results.
    const slow = await context.newPage();
    const slowLog = watch(slow);
    await slow.goto(server.url("index.html"));
    await slow.click("#search-q");
    await slow.keyboard.type("Palermo");
    await slow.waitForFunction(() => /Loading the search index/.test(document.getElementById("search-q-status").textContent));
    await slow.waitForSelector("#search-q-list[data-query='Palermo'] [role=option]", { timeout: 10000 });
    assert.equal(await slow.textContent("#search-q-status"), "");
    assert.deepEqual(slowLog.errors, []);
    assert.deepEqual(log.errors, []);
    await page.close();
    await slow.close();
  } finally {
    await server.close();
  }
});

test("a first query loads the manifest one term shard and the chunks of the results shown", async () => {
  const { page } = await fresh();
  const loaded = [];
  page.on("request", (r) => { if (/\/search\/[^/]+\.js$/.test(r.url())) loaded.push(r.url().replace(/^.*\/search\//, "")); });
  await resultsPage(page, "Belem");
  assert.ok(loaded.includes("manifest.js"));
  assert.equal(loaded.filter((f) => /^t\d+\.js$/.test(f)).length, 1, loaded.join(" "));
  assert.ok(loaded.filter((f) => /^r\d+\.js$/.test(f)).length <= 2, loaded.join(" "));
  await page.close();
});

test("a search highlight stands out from the page by at least 3:1, light and dark, its text readable", async () => {
  for (const scheme of ["light", "dark"]) {
    const { page, log } = await fresh();
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(fileUrl(SITE, "documents/massiah-2015.html?hl=belem#p13"));
    await page.waitForSelector("#p13 mark.search-hit");
    const c = await page.$eval("#p13 mark.search-hit", (m) => {
      const rgb = (s) => s.match(/[\d.]+/g).slice(0, 3).map(Number);
      const lum = ([r, g, b]) => [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
        .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
      const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
      const page = rgb(getComputedStyle(document.body).backgroundColor);
      const s = getComputedStyle(m);
      const fill = rgb(s.backgroundColor);
      const line = s.boxShadow === "none" ? fill : rgb(s.boxShadow);
      return { fill: ratio(fill, page), line: ratio(line, page), text: ratio(rgb(s.color), fill) };
    });
    assert.ok(Math.max(c.fill, c.line) >= 3, `${scheme}: ${JSON.stringify(c)}`);
    assert.ok(c.text >= 4.5, `${scheme}: ${JSON.stringify(c)}`);
    assert.deepEqual(log.errors, []);
    await page.close();
  }
});

test("'/' puts the keyboard in the search box, unless one is typing in a field", async () => {
  const { page, log } = await fresh();
  await page.goto(fileUrl(SITE, "documents/desa-2004.html"));
  await page.keyboard.press("/");
  assert.equal(await page.evaluate(() => document.activeElement.id), "search-q");
  assert.equal(await page.inputValue("#search-q"), "");  // the "/" itself is not typed
  await page.keyboard.type("a/b");
  assert.equal(await page.inputValue("#search-q"), "a/b");
  await page.goto(fileUrl(SITE, "search.html"));
  await page.keyboard.press("/");
  assert.equal(await page.evaluate(() => document.activeElement.id), "page-q");
  assert.deepEqual(log.errors, []);
  await page.close();
});
