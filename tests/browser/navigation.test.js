// A reader's path through the real site, from file:// in headless Chromium: home → a document → a
// mention of the Migrant Workers Convention → the Convention's "Cited in" list → back to a citing
// passage; footnote previews with the keyboard and the pointer; margin notes; no layout shift.
//   node tests/browser/navigation.test.js <site generated from content/>
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { launch, watch, fileUrl, siteFolder } = require("./lib/browser.js");

const SITE = siteFolder();
let context;

before(async () => { context = await launch(); });
after(async () => { if (context) await context.close(); });

async function fresh(viewport = { width: 1280, height: 900 }) {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  return { page, log: watch(page) };
}

// The path of the page's address inside the site, with its fragment.
function where(page) {
  const url = new URL(page.url());
  const site = new URL(fileUrl(SITE, "index.html")).pathname.replace(/index\.html$/, "");
  return url.pathname.replace(site, "") + url.hash;
}

test("home → document → mention of the ICMW → its Cited in list → the citing passage, which is the :target", async () => {
  const { page, log } = await fresh();
  await page.goto(fileUrl(SITE, "index.html"));
  await Promise.all([page.waitForURL(/documents\/desa-2004\.html$/), page.click(".cards a[href='documents/desa-2004.html']")]);
  assert.equal(await page.textContent("h1"), "A Social Perspective on International Migration");

  // A mention link: an instrument's, told apart from an organization's by more than colour.
  const mention = page.locator("a.ref.ref-instrument.mention[href='../instruments/icmw.html']").first();
  const look = (sel) => page.$eval(sel, (a) => {
    const s = getComputedStyle(a);
    return { line: s.textDecorationLine, style: s.textDecorationStyle };
  });
  const instrument = await look("a.ref-instrument.mention");
  const organization = await look("a.ref-organization.mention");
  assert.match(instrument.line, /underline/);
  assert.match(organization.line, /underline/);
  assert.notEqual(instrument.style, organization.style, "instrument and organization mentions differ in their underline");
  await Promise.all([page.waitForURL(/instruments\/icmw\.html$/), mention.click()]);
  assert.match(await page.textContent("h1"), /Migrant Workers/);

  // "Cited in": every citing passage, grouped by document; follow one to a paragraph or a note.
  const citations = await page.$$eval("section.cited-by a.citation-anchor", (l) => l.map((a) => a.getAttribute("href")));
  assert.ok(citations.length >= 5, citations.join(" "));
  const href = citations.find((h) => /^\.\.\/documents\/[a-z0-9-]+\.html#((?:[a-z0-9-]+-)?p\d+|fn-\d+|(?:[a-z0-9-]+-)?para-\d+)$/.test(h));
  assert.ok(href, `a citation of a paragraph or a note among ${citations.join(" ")}`);
  await Promise.all([page.waitForURL((u) => u.href.endsWith(href.slice(2))), page.click(`section.cited-by a[href='${href}']`)]);
  const id = href.split("#")[1];
  assert.equal(where(page), href.slice(3));
  const target = await page.evaluate(() => {
    const t = document.querySelector(":target");
    if (!t) return null;
    const r = t.getBoundingClientRect();
    return { id: t.id, top: r.top, inView: r.top > -2 && r.top < window.innerHeight, text: t.textContent.trim().slice(0, 80) };
  });
  assert.ok(target, "an element is the :target");
  assert.equal(target.id, id);
  assert.ok(target.inView, `#${id} scrolled into view (top ${target.top})`);
  assert.ok(target.text.length > 0);
  // Its passage mentions the Convention, and a link back to the instrument is there.
  assert.ok(await page.$(`[id='${id}'] a[href='../instruments/icmw.html']`), `#${id} links back to the ICMW`);
  assert.deepEqual(log.errors, []);
  // The pointer resting on a link on its way to click it may start loading the preview file of what
  // it leads to, which following the link then cuts short (reading.test.js checks these files load).
  assert.deepEqual(log.failed.filter((u) => !u.endsWith(".preview.js")), []);
  await page.close();
});

test("a footnote preview opens with the keyboard, holds the note's text, and Escape closes it", async () => {
  const { page, log } = await fresh();
  await page.goto(fileUrl(SITE, "documents/irri-2006.html"));
  let focused = null;
  for (let i = 0; i < 300 && !focused; i++) {
    await page.keyboard.press("Tab");
    focused = await page.evaluate(() => (document.activeElement.matches(".fnref a") ? document.activeElement.getAttribute("href") : null));
  }
  assert.ok(focused, "Tab reaches a note reference");
  const preview = page.locator(".fn-preview");
  await preview.waitFor({ state: "visible" });
  assert.equal(await preview.getAttribute("role"), "tooltip");
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute("aria-describedby")), await preview.getAttribute("id"));
  const note = (await page.textContent(`[id='${focused.slice(1)}'] .footnote-body`)).replace(/\s+/g, " ").trim();
  const shown = (await preview.textContent()).replace(/\s+/g, " ").trim();
  assert.ok(note.length > 0 && shown.includes(note), `the preview "${shown}" holds the note "${note}"`);
  // The preview is on screen, below the reference, inside the window's width.
  const box = await preview.boundingBox();
  const ref = await page.locator(".fnref a:focus").boundingBox();
  assert.ok(box.y >= ref.y + ref.height - 1 && box.x >= 0 && box.x + box.width <= 1280, JSON.stringify({ box, ref }));
  // A visible focus ring on the reference.
  assert.notEqual(await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle), "none");
  await page.keyboard.press("Escape");
  await preview.waitFor({ state: "detached" });
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute("href")), focused, "focus stays on the reference");
  assert.equal(await page.evaluate(() => document.activeElement.hasAttribute("aria-describedby")), false);
  // Tab to the next reference: its own note.
  await page.keyboard.press("Tab");
  if (await page.evaluate(() => document.activeElement.matches(".fnref a"))) {
    await preview.waitFor({ state: "visible" });
  }
  assert.deepEqual(log.errors, []);
  await page.close();
});

test("a footnote preview opens on hover, can be hovered itself, and closes when the pointer leaves", async () => {
  const { page, log } = await fresh();
  await page.goto(fileUrl(SITE, "documents/irri-2006.html"));
  const ref = page.locator(".fnref a").first();
  await ref.scrollIntoViewIfNeeded();
  await ref.hover();
  const preview = page.locator(".fn-preview");
  await preview.waitFor({ state: "visible" });
  const box = await preview.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
  await page.waitForTimeout(500);
  assert.equal(await preview.isVisible(), true, "the preview stays while the pointer is on it");
  await page.mouse.move(4, box.y + box.height + 200, { steps: 4 });  // to the margin: no link there
  await preview.waitFor({ state: "detached" });
  assert.deepEqual(log.errors, []);
  await page.close();
});

test("on a wide screen the margin notes sit beside the text, in order, without overlapping, and nothing shifts", async () => {
  const { page, log } = await fresh();
  // Layout shifts from the first paint on, recorded before the page's own scripts run.
  await page.addInitScript(() => {
    window.__shift = 0;
    new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__shift += e.value; })
      .observe({ type: "layout-shift", buffered: true });
  });
  await page.goto(fileUrl(SITE, "documents/desa-2004.html"));
  const notes = await page.$$eval(".np > .margin-note", (l) => l.map((n) => {
    const r = n.getBoundingClientRect();
    const p = n.parentNode.querySelector("p").getBoundingClientRect();
    return { id: n.id, top: r.top + scrollY, bottom: r.bottom + scrollY, left: r.left, right: r.right, textRight: p.right, paraTop: p.top + scrollY };
  }));
  assert.ok(notes.length >= 5, `${notes.length} margin notes`);
  for (let i = 0; i < notes.length; i++) {
    const n = notes[i];
    assert.ok(n.left > n.textRight, `${n.id} is beside the text, not over it`);
    assert.ok(n.right <= 1280, `${n.id} fits in the window`);
    assert.ok(n.top >= n.paraTop - 1, `${n.id} does not start above its paragraph`);
    if (i > 0) assert.ok(n.top >= notes[i - 1].bottom, `${n.id} does not overlap ${notes[i - 1].id}`);
  }
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  assert.equal(await page.evaluate(() => window.__shift), 0, "cumulative layout shift");
  // On a phone the same notes follow their paragraph, in the column.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForFunction(() => getComputedStyle(document.querySelector(".np > .margin-note")).position === "static");
  const narrow = await page.$$eval(".np > .margin-note", (l) => l.every((n) => {
    const r = n.getBoundingClientRect();
    return r.left >= 0 && r.right <= document.documentElement.clientWidth && n.style.top === "";
  }));
  assert.ok(narrow, "notes inside the column at 390 px, with no offset left from the wide layout");
  assert.deepEqual(log.errors, []);
  await page.close();
});

test("every text has passage anchors; in a text without numbering a paragraph is cited, not its heading", async () => {
  const { page, log } = await fresh();
  for (const [doc, numbered] of [["desa-2004", true], ["massiah-2015", true], ["irri-2006", false], ["iom-health-2013", false],
                                  ["icmw-ratification-2017", false]]) {
    await page.goto(fileUrl(SITE, `documents/${doc}.html`));
    const anchors = await page.$$eval(".np[id], .pp[id]", (els) => els.map((e) => e.id));
    assert.ok(anchors.length >= 5, `${doc}: ${anchors.length} passage anchors`);
    if (!numbered) {
      const first = await page.$eval(".pp[id]", (e) => e.id);
      assert.match(first, /(^|-)para-\d+$/);
      // Its mark is hidden until the paragraph is the target (or hovered, or focused), then links to it.
      const mark = `.pp[id="${first}"] > a.pilcrow`;
      assert.equal(await page.$eval(mark, (a) => getComputedStyle(a).opacity), "0");
      await page.goto(fileUrl(SITE, `documents/${doc}.html#${first}`));
      assert.equal(await page.$eval(":target", (e) => e.id), first);
      assert.equal(await page.$eval(mark, (a) => getComputedStyle(a).opacity), "1");
      assert.equal(await page.getAttribute(mark, "href"), `#${first}`);
    }
  }
  // The Migrant Workers Convention's page cites passages of the 2017 article, which has no numbering.
  await page.goto(fileUrl(SITE, "instruments/icmw.html"));
  const hrefs = await page.$$eval(".cited-by a.citation-anchor", (as) => as.map((a) => a.getAttribute("href")));
  const article = hrefs.filter((h) => h.includes("icmw-ratification-2017.html#"));
  assert.ok(article.length >= 5, `${article.length} citations of the 2017 article`);
  assert.ok(article.every((h) => /-para-\d+$|#fn-\d+$|#para-\d+$/.test(h)), article.join(" "));
  assert.deepEqual(log.errors, []);
});
