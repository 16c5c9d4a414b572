// Reading a long text in headless Chromium, from file:// and over HTTP, at 1280 and 375 px: copying a
// citation (to the clipboard, or selected for Ctrl+C where there is none), previews of links (hover,
// focus, tap then tap again, Escape), the contents beside the text with the current section marked,
// the phone's compact header and folded front matter, the theme toggle remembered across a reload,
// and print without the reading aids.
//   node tests/browser/reading.test.js <site generated from content/>
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { launch, watch, fileUrl, serve, siteFolder } = require("./lib/browser.js");

const SITE = siteFolder();
const WIDE = { width: 1280, height: 900 };
const PHONE = { width: 375, height: 740 };
let context, server;

before(async () => {
  context = await launch();
  server = await serve(SITE);
});
after(async () => {
  if (context) await context.close();
  if (server) await server.close();
});

async function fresh(viewport = WIDE, ctx = context) {
  const page = await ctx.newPage();
  await page.setViewportSize(viewport);
  return { page, log: watch(page) };
}

const text = (s) => s.replace(/\s+/g, " ").trim();

test("copy citation over HTTP: the plain text goes to the clipboard; BibTeX and CSL-JSON are offered", async () => {
  const { page, log } = await fresh();
  const url = server.url("documents/desa-2004.html");
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(url).origin });
  await page.goto(url);
  const button = page.locator("[id='p12'] > .cite-button");
  assert.equal(await button.getAttribute("aria-label"), "Cite para. 12");
  await button.hover();
  await button.click();
  const panel = page.locator(".cite-panel");
  await panel.waitFor();
  await page.waitForFunction(() => /Copied/.test(document.querySelector(".cite-status").textContent));
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(copied, /A Social Perspective on International Migration/);
  assert.match(copied, /^United Nations Department of Economic and Social Affairs, “A Social Perspective on International Migration”, /);
  assert.match(copied, /, 16 January 2004, para\. 12\. /);
  assert.ok(copied.endsWith(`${url}#p12`), copied);
  assert.equal(await page.inputValue(".cite-panel textarea"), copied);

  await panel.locator("button", { hasText: "BibTeX" }).click();
  const bibtex = await page.inputValue(".cite-panel textarea");
  assert.match(bibtex, /^@techreport\{desa-2004-p12,\n/);
  assert.match(bibtex, /\n {2}note = \{para\. 12\}/);
  assert.match(bibtex, /\n {2}year = \{2004\}/);
  assert.match(bibtex, /\n {2}author = \{\{United Nations Department of Economic and Social Affairs\}\}/);
  assert.ok(bibtex.includes(`url = {${url}#p12}`), bibtex);
  await panel.locator("button", { hasText: "CSL-JSON" }).click();
  const [item] = JSON.parse(await page.inputValue(".cite-panel textarea"));
  assert.equal(item.type, "report");
  assert.equal(item.title, "A Social Perspective on International Migration: Background Note prepared by the Secretariat");
  assert.equal(item.locator, "para. 12");
  assert.equal(item.URL, `${url}#p12`);
  assert.deepEqual(item.issued["date-parts"][0].slice(0, 1), [2004]);
  await panel.locator("button", { hasText: "Copy" }).click();
  await page.waitForFunction(() => /Copied/.test(document.querySelector(".cite-status").textContent));
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), JSON.stringify([item], null, 2));

  // Escape closes it and gives the focus back to the button, which says it is closed.
  await page.keyboard.press("Escape");
  await panel.waitFor({ state: "detached" });
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute("aria-label")), "Cite para. 12");
  assert.equal(await button.getAttribute("aria-expanded"), "false");
  assert.deepEqual(log.errors, []);
  await page.close();
});

test("copy citation from file:// without a clipboard API: the citation is selected for Ctrl+C, with the keyboard alone", async () => {
  const { page, log } = await fresh();
  await page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, "clipboard", { get: () => undefined });
    window.__copy = [];
    document.execCommand = (command) => {
      const a = document.activeElement;
      window.__copy.push([command, a.value.slice(a.selectionStart, a.selectionEnd)]);
      return false;  // as a browser that refuses it
    };
  });
  const url = fileUrl(SITE, "documents/irri-2006.html");
  await page.goto(url);
  // A paragraph of a text without numbering: cited by its section.
  const first = await page.$eval(".doc-body .pp[id*='-para-']", (p) => p.id);
  const button = page.locator(`[id='${first}'] > .cite-button`);
  assert.match(await button.getAttribute("aria-label"), /^Cite .+, para\. 1$/);
  await button.focus();
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => /Ctrl\+C/.test(document.querySelector(".cite-status").textContent));
  const state = await page.evaluate(() => {
    const a = document.activeElement;
    return { tag: a.tagName, value: a.value, selected: a.value.slice(a.selectionStart, a.selectionEnd), copy: window.__copy };
  });
  assert.equal(state.tag, "TEXTAREA");
  assert.equal(state.selected, state.value, "the whole citation is selected");
  assert.deepEqual(state.copy, [["copy", state.value]]);
  assert.ok(state.value.endsWith(`${url}#${first}`), state.value);
  const label = (await button.getAttribute("aria-label")).slice(5);
  assert.ok(state.value.includes(`, ${label}. `), state.value);
  assert.match(state.value, /^Romeo Matsas, /);

  // The document as a whole: no passage, its address without a fragment.
  await page.click(".doc-cite .cite-button");
  await page.waitForFunction(() => !document.querySelector(`.pp .cite-panel`) && document.querySelector(".doc-cite + .cite-panel"));
  const whole = await page.inputValue(".cite-panel textarea");
  assert.ok(whole.endsWith(`. ${url}`), whole);
  assert.doesNotMatch(whole, /para\./);
  assert.deepEqual(log.errors, []);
  await page.close();
});

// The data of a page's preview file, as the build wrote it.
function previewFile(page) {
  const text = fs.readFileSync(path.join(SITE, page.replace(/\.html$/, ".preview.js")), "utf8");
  const head = `passagePreviews(${JSON.stringify(page)},`;
  assert.ok(text.startsWith(head) && text.endsWith(");\n"), text.slice(0, 80));
  return JSON.parse(text.slice(head.length, -3));
}

test("previews on hover and on focus: an instrument's key facts, an organization; Escape closes them", async () => {
  const { page, log } = await fresh();
  await page.goto(fileUrl(SITE, "documents/desa-2004.html"));
  const icmw = previewFile("instruments/icmw.html");
  assert.match(icmw.title, /Migrant Workers/);
  const mention = page.locator("a.ref-instrument.mention[href='../instruments/icmw.html']").first();
  await mention.scrollIntoViewIfNeeded();
  await mention.hover();
  const preview = page.locator(".fn-preview");
  await preview.waitFor({ state: "visible" });
  assert.equal(await preview.getAttribute("role"), "tooltip");
  const shown = text(await preview.textContent());
  assert.ok(shown.includes(icmw.title), shown);
  assert.match(shown, /Convention.*Binding.*Adopted 18 December 1990.*In force 1 July 2003/);
  assert.equal(await page.$$eval("script[src$='instruments/icmw.preview.js']", (l) => l.length), 1, "loaded once, by a <script>");
  await page.keyboard.press("Escape");
  await preview.waitFor({ state: "detached" });

  // The keyboard: focus an organization's link.
  const org = page.locator(".doc-body a.ref-organization.mention").first();
  const orgHref = await org.getAttribute("href");
  await org.focus();
  await preview.waitFor({ state: "visible" });
  assert.ok(text(await preview.textContent()).includes(previewFile(orgHref.replace("../", "")).title));
  assert.equal(await org.getAttribute("aria-describedby"), "fn-preview");
  await page.keyboard.press("Escape");
  await preview.waitFor({ state: "detached" });
  assert.equal(await org.getAttribute("aria-describedby"), null);
  assert.deepEqual(log.errors, []);
  assert.deepEqual(log.failed, []);
  await page.close();
});

test("a passage of another document previews from that document's preview file, from file:// and over HTTP", async () => {
  for (const open of [(rel) => fileUrl(SITE, rel), (rel) => server.url(rel)]) {
    const { page, log } = await fresh();
    await page.goto(open("instruments/icmw.html"));
    const link = page.locator("section.cited-by a.citation-anchor[href*='#']").first();
    const href = await link.getAttribute("href");
    await link.scrollIntoViewIfNeeded();
    await link.hover();
    const preview = page.locator(".fn-preview");
    await preview.waitFor({ state: "visible" });
    const shown = text(await preview.textContent());
    const [doc, anchor] = href.replace("../", "").split("#");
    assert.equal(await page.$$eval(`script[src$='${doc.replace(".html", ".preview.js")}']`, (l) => l.length), 1);
    const target = await fresh();
    await target.page.goto(open(doc));
    const words = text(await target.page.$eval(`[id='${anchor}']`, (e) => {
      const c = e.cloneNode(true);
      for (const x of c.querySelectorAll(".pilcrow, .cite-button, .margin-note, .cited-by, .fnref, .anchor")) x.remove();
      return c.textContent;
    })).split(" ").slice(0, 6).join(" ");
    assert.ok(shown.includes(words), `"${shown}" holds "${words}" (${href})`);
    assert.ok(shown.includes(await target.page.textContent("h1")), "and the document's title");
    await target.page.close();
    assert.deepEqual(log.errors, []);
    assert.deepEqual(log.failed, []);
    await page.close();
  }
});

test("on a phone: a first tap previews, a second follows; note markers are 24 px targets; compact header, folded front matter", async () => {
  const phone = await launch({ hasTouch: true, isMobile: true, viewport: PHONE });
  try {
    const { page, log } = await fresh(PHONE, phone);
    const url = fileUrl(SITE, "documents/desa-2004.html");
    await page.goto(url);
    const header = await page.locator(".site-header").boundingBox();
    assert.ok(header.height <= 130, `header ${header.height}px high`);
    assert.equal(await page.$eval(".front-matter", (d) => d.open), false, "front matter folded");
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), true);
    const h1 = await page.locator("h1").boundingBox();
    assert.ok(h1.y < 260, `the title starts at ${h1.y}px`);

    const mention = page.locator(".doc-body a.ref-instrument.mention[href='../instruments/icmw.html']").first();
    await mention.scrollIntoViewIfNeeded();
    await mention.tap();
    const preview = page.locator(".fn-preview");
    await preview.waitFor({ state: "visible" });
    assert.match(text(await preview.textContent()), /Migrant Workers/);
    assert.equal(page.url(), url, "the first tap does not follow the link");
    await Promise.all([page.waitForURL(/instruments\/icmw\.html$/), mention.tap()]);

    await page.goto(fileUrl(SITE, "documents/irri-2006.html"));
    const marker = page.locator(".fnref a").first();
    await marker.scrollIntoViewIfNeeded();
    const box = await marker.boundingBox();
    assert.ok(box.width >= 24 && box.height >= 24, JSON.stringify(box));
    await marker.tap();
    await preview.waitFor({ state: "visible" });
    assert.match(text(await preview.textContent()), /^Note \d+\./);
    assert.equal(new URL(page.url()).hash, "", "the first tap stays in the text");
    // A tap elsewhere closes it.
    await page.tap("h1");
    await preview.waitFor({ state: "detached" });
    assert.deepEqual(log.errors, []);
    await page.close();
  } finally {
    await phone.close();
  }
});

test("on a wide screen the contents stay beside the text and mark the section being read", async () => {
  const { page, log } = await fresh();
  await page.goto(fileUrl(SITE, "documents/desa-2004.html"));
  const toc = page.locator(".document > .toc");
  const body = await page.locator(".doc-body").boundingBox();
  let box = await toc.boundingBox();
  assert.ok(box.x + box.width <= body.x, "the contents are left of the text");
  const links = await page.$$eval(".toc a", (l) => l.map((a) => a.getAttribute("href").slice(1)));
  assert.ok(links.length >= 5, links.join(" "));
  const current = () => page.$eval(".toc", (t) => (t.querySelector("a[aria-current]") || { getAttribute: () => null }).getAttribute("href"));
  for (const id of [links[2], links[Math.floor((links.length * 2) / 3)]]) {
    await page.$eval(`[id='${id}']`, (h) => window.scrollTo(0, h.getBoundingClientRect().top + window.scrollY - 10));
    await page.waitForFunction((href) => {
      const a = document.querySelector(".toc a[aria-current]");
      return a && a.getAttribute("href") === href;
    }, `#${id}`);
    assert.equal(await current(), `#${id}`);
    box = await toc.boundingBox();
    assert.ok(box.y >= -1 && box.y < 50, `the contents stay in view (top ${box.y})`);
  }
  // Back to the top: a link at the end of the text.
  assert.equal(await page.getAttribute(".back-to-top a", "href"), "#main");
  await page.click(".back-to-top a");
  await page.waitForFunction(() => window.scrollY < 200);
  // Print: no contents, buttons or toggle.
  await page.emulateMedia({ media: "print" });
  for (const sel of [".toc", ".cite-button", ".theme-toggle", ".back-to-top"])
    assert.equal(await page.$eval(sel, (e) => getComputedStyle(e).display), "none", sel);
  assert.equal(await page.$eval(".front-matter", (d) => d.open), true);
  assert.deepEqual(log.errors, []);
  await page.close();
});

test("the theme toggle follows the system, then the reader's choice, kept across a reload (file:// and HTTP)", async () => {
  for (const url of [fileUrl(SITE, "documents/massiah-2015.html"), server.url("themes.html")]) {
    const { page, log } = await fresh();
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto(url);
    const toggle = page.locator(".theme-toggle");
    const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.equal(await toggle.isVisible(), true);
    assert.equal(await toggle.getAttribute("aria-pressed"), "true", "dark, as the system says");
    assert.equal(await bg(), "rgb(23, 23, 23)");
    await toggle.click();
    assert.equal(await toggle.getAttribute("aria-pressed"), "false");
    assert.equal(await bg(), "rgb(253, 252, 249)");
    await page.reload();
    assert.equal(await page.getAttribute("html", "data-theme"), "light");
    assert.equal(await bg(), "rgb(253, 252, 249)", "light kept over the system's dark");
    await page.locator(".theme-toggle").click();
    await page.emulateMedia({ colorScheme: "light" });
    await page.reload();
    assert.equal(await page.getAttribute("html", "data-theme"), "dark");
    assert.equal(await bg(), "rgb(23, 23, 23)", "dark kept over the system's light");
    assert.equal(await page.getAttribute(".theme-toggle", "aria-pressed"), "true");
    await page.evaluate(() => localStorage.removeItem("passage-theme"));
    assert.deepEqual(log.errors, []);
    await page.close();
  }
});
