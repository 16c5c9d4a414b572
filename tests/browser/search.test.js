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

/* Search that forgives: inflections, "did you mean", quoted phrases, ranking and short titles, each
   from file:// and over HTTP. */

// The results of `query` on the results page, with what the tests below read of each.
async function forgiving(page, query, url) {
  const results = await resultsPage(page, query, url);
  return results.map((r) => ({ ...r, at: r.href.replace(/^.*?\/(documents|instruments|organizations|themes|recommendations|annotations)\//, "$1/").replace(/\?hl=[^#]*/, "") }));
}

async function overBoth(fn) {
  const server = await serve(SITE);
  try {
    for (const [how, url] of [["file://", fileUrl], ["HTTP", (site, rel) => server.url(rel)]]) {
      const { page, log } = await fresh();
      await fn(page, url, how);
      assert.deepEqual(log.errors, [], how);
      await page.close();
    }
  } finally {
    await server.close();
  }
}

test("ratification finds 'ratified by only 23 countries' in DESA annex ¶8, under a short title, and ratified finds ratification", async () => {
  await overBoth(async (page, url, how) => {
    let results = await forgiving(page, "ratification", url);
    // The passage uses the word once in a long paragraph: it comes after the pages on ratification.
    while (!results.some((r) => r.at === "documents/desa-2004.html#annex-p8") && await page.isVisible("#search-more")) {
      const shown = results.length;
      await page.click("#search-more");
      await page.waitForFunction((n) => document.querySelectorAll("#search-results > li").length > n, shown);
      results = (await page.$$eval("#search-results > li", (items) => items.map((li) => ({
        href: li.getAttribute("data-href"),
        title: li.querySelector(".result-title").textContent,
        marks: Array.from(li.querySelectorAll("mark")).map((m) => m.textContent),
      })))).map((r) => ({ ...r, at: r.href.replace(/^.*?\/documents\//, "documents/").replace(/\?hl=[^#]*/, "") }));
    }
    const annex = results.find((r) => r.at === "documents/desa-2004.html#annex-p8");
    assert.ok(annex, `${how}: ${results.map((r) => r.at).join(" ")}`);
    assert.equal(annex.title, "DESA 2004, annex \u00b68", how);
    assert.ok(annex.marks.includes("ratified"), `${how}: ${annex.marks}`);
    // No result repeats the full title of its document.
    assert.ok(results.every((r) => !/A Social Perspective on International Migration,/.test(r.title)), how);
    // The other way round: a form of the verb finds the noun.
    const verb = await forgiving(page, "ratified", url);
    assert.ok(verb.some((r) => r.marks.some((m) => /^ratifications?$/i.test(m))), `${how}: ${verb.map((r) => r.marks).join(" | ")}`);
    const stems = await page.evaluate(async () => (await window.passageSearch.engine()).stems(["ratify", "ratified", "ratification", "ratifications"]));
    assert.equal(new Set(stems.filter(Boolean)).size, 1, `${how}: ${stems}`);
  });
});

test("a word without hits suggests the index's own words near it, and the suggestion leads to their results", async () => {
  await overBoth(async (page, url, how) => {
    const loaded = [];
    page.on("request", (r) => { const m = r.url().match(/\/search\/(v\d+)\.js$/); if (m) loaded.push(m[1]); });
    // A word with hits loads no vocabulary.
    const direct = (await forgiving(page, "ratification", url)).map((r) => r.href);
    assert.deepEqual(loaded, [], how);
    assert.deepEqual(await forgiving(page, "ratifcation", url), []);
    assert.match(await page.textContent("#search-status"), /No results for “ratifcation”/);
    await page.waitForSelector("#search-suggest a");
    assert.match(await page.textContent("#search-suggest"), /^Did you mean “ratification”/, how);
    assert.ok(loaded.length > 0 && loaded.length <= 5, `${how}: ${loaded}`);
    await page.click("#search-suggest a");
    await page.waitForFunction(() => /results? for “ratification”/.test(document.getElementById("search-status").textContent));
    const hrefs = await page.$$eval("#search-results > li", (l) => l.map((li) => li.getAttribute("data-href")));
    assert.ok(hrefs.length > 0, how);
    assert.deepEqual(hrefs, direct, how);
    // The search box offers it too, as an option the keyboard opens.
    await page.goto(url(SITE, "index.html"));
    await page.click("#search-q");
    await page.keyboard.type("ratifcation");
    await page.waitForSelector("#search-q-list[data-query='ratifcation'] .search-suggest");
    assert.equal(await page.textContent("#search-q-list .search-suggest"), "Did you mean “ratification”?");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await page.waitForURL(/search\.html\?q=ratification$/);
  });
});

test("a quoted phrase matches only as a phrase and the RCP page ranks first for regional consultative processes", async () => {
  await overBoth(async (page, url, how) => {
    const quoted = await forgiving(page, "\"regional consultative processes\"", url);
    assert.equal(quoted[0] && quoted[0].at, "organizations/regional-consultative-processes.html", `${how}: ${quoted.map((r) => r.at).join(" ")}`);
    const words = await forgiving(page, "regional consultative processes", url);
    assert.equal(words[0].at, "organizations/regional-consultative-processes.html", how);
    // Every record of the phrase holds its words in order, next to each other; the words in
    // another order are no phrase of the text.
    const check = await page.evaluate(async () => {
      const e = await window.passageSearch.engine();
      const phrase = await e.search("\"regional consultative processes\"", { complete: true });
      const loose = await e.search("regional consultative processes", { complete: true });
      const reversed = await e.search("\"processes consultative regional\"", { complete: true });
      // Every result whose text has the phrase is a result of the phrase; some results of the
      // words have them apart, and are not.
      const recs = await e.records(loose.hits.map((h) => h.record));
      const inPhrase = new Set(phrase.hits.map((h) => h.record));
      const literal = loose.hits.filter((h) => /regional\s+consultative\s+processes/i.test(recs.get(h.record)[2]));
      return { phrase: phrase.hits.length, loose: loose.hits.length, reversed: reversed.hits.length,
               subset: phrase.hits.every((h) => loose.hits.some((l) => l.record === h.record)),
               literal: literal.length, literalIn: literal.filter((h) => inPhrase.has(h.record)).length };
    });
    assert.ok(check.phrase > 0 && check.phrase < check.loose, `${how}: ${JSON.stringify(check)}`);
    assert.ok(check.subset, how);
    assert.equal(check.reversed, 0, how);
    assert.ok(check.literal > 0, `${how}: ${JSON.stringify(check)}`);
    assert.equal(check.literalIn, check.literal, `${how}: ${JSON.stringify(check)}`);
  });
});

test("an entity whose title holds the query ranks first, and for equal scores no footnote comes before a passage", async () => {
  await overBoth(async (page, url, how) => {
    await page.goto(url(SITE, "search.html"));
    const got = await page.evaluate(async () => {
      const e = await window.passageSearch.engine();
      const out = {};
      for (const q of ["migrants", "convention", "rights"]) {
        const r = await e.search(q, { complete: true });
        const recs = await e.records(r.hits.map((h) => h.record));
        out[q] = r.hits.map((h) => ({ score: h.score, title: h.title, note: h.note, kind: e.kind(recs.get(h.record)[3])[0], name: recs.get(h.record)[1].join(" ") }));
      }
      return out;
    });
    let mixed = 0;
    for (const [q, hits] of Object.entries(got)) {
      // The records whose title holds the word come first, and their title does hold it.
      const firstOther = hits.findIndex((h) => !h.title);
      assert.ok(firstOther > 0, `${how} ${q}: a title holds it`);
      assert.ok(hits.slice(firstOther).every((h) => !h.title), `${how} ${q}`);
      for (const h of hits.filter((x) => x.title)) assert.ok(h.name.toLowerCase().includes(q.slice(0, 5)), `${how} ${q}: ${h.name}`);
      for (let i = 0; i < hits.length; i++) {
        assert.equal(hits[i].note, hits[i].kind === "footnote", `${how} ${q}: the footnote flag of a ${hits[i].kind}`);
        const a = hits[i - 1], b = hits[i];
        if (!a || a.title !== b.title || Math.abs(a.score - b.score) > 1e-9 * Math.max(a.score, b.score)) continue;
        if (a.note !== b.note) mixed++;
        assert.ok(!(a.note && !b.note), `${how} ${q}: a footnote before a ${b.kind} at the same score`);
      }
    }
    // The rule was put to work: footnotes and passages of equal scores met.
    assert.ok(mixed > 0, how);
    // The Convention on migrant workers is named by "migrant workers": it leads.
    const icmw = await forgiving(page, "migrant workers", url);
    assert.equal(icmw[0].at.split("/")[0], "instruments", `${how}: ${icmw.map((r) => r.at).join(" ")}`);
  });
});
