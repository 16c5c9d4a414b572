// The EPUB edition, unzipped (tests/edition/editions.cmake does), opened page by page in headless
// Chromium from file://: every page parses as XHTML and runs no script, every link leads to a file
// of the book and an id of it (or to the web), each note reference points at a footnote aside of its
// page, which following it shows; axe-core (WCAG 2.1 AA) on one page of each kind; and the Nu HTML
// Checker on every XHTML file.
//   node tests/browser/epub.test.js <the EPUB unzipped>
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { spawnSync } = require("node:child_process");
const { pathToFileURL } = require("node:url");
const { launch, watch } = require("./lib/browser.js");

const BOOK = path.resolve(process.argv[2] || "");
const ROOT = path.join(BOOK, "EPUB");
if (!fs.existsSync(path.join(ROOT, "package.opf"))) {
  console.error(`usage: node ${path.basename(process.argv[1])} <unzipped EPUB folder>  (no EPUB/package.opf in ${BOOK})`);
  process.exit(2);
}
const AXE = require.resolve("axe-core/axe.min.js", { paths: [__dirname] });
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const JAVA = process.env.PASSAGE_JAVA || "java";
const VNU = path.join(__dirname, "node_modules", "vnu-jar", "build", "dist", "vnu.jar");

// The book's XHTML files, as the package lists them.
const opf = fs.readFileSync(path.join(ROOT, "package.opf"), "utf8");
const PAGES = [...opf.matchAll(/href="([^"]+)" media-type="application\/xhtml\+xml"/g)].map((m) => m[1]);
const url = (rel) => pathToFileURL(path.join(ROOT, rel)).href;

let context;
before(async () => { context = await launch(); });
after(async () => { if (context) await context.close(); });

// Each page opened once: its ids, its links, its notes.
async function survey() {
  const page = await context.newPage();
  const log = watch(page);
  const pages = new Map();
  try {
    for (const rel of PAGES) {
      await page.goto(url(rel));
      pages.set(rel, await page.evaluate(() => ({
        xml: document.contentType,
        parseError: !!document.querySelector("parsererror"),
        scripts: document.querySelectorAll("script").length,
        ids: Array.from(document.querySelectorAll("[id]"), (e) => e.id),
        links: Array.from(document.querySelectorAll("a[href]"), (a) => a.getAttribute("href")),
        noterefs: Array.from(document.querySelectorAll("a"))
          .filter((a) => a.getAttributeNS("http://www.idpf.org/2007/ops", "type") === "noteref")
          .map((a) => a.getAttribute("href")),
        footnotes: Array.from(document.querySelectorAll("aside"))
          .filter((a) => a.getAttributeNS("http://www.idpf.org/2007/ops", "type") === "footnote")
          .map((a) => a.id),
        numbered: document.querySelectorAll(".np").length,
      })));
    }
  } finally {
    await page.close();
  }
  return { pages, log };
}

let surveyed;
async function book() {
  if (!surveyed) surveyed = await survey();
  return surveyed;
}

test("every page of the book is XHTML that parses, with no script", async () => {
  const { pages, log } = await book();
  assert.ok(PAGES.length > 50, `only ${PAGES.length} pages in the book`);
  const bad = [...pages].filter(([, p]) => p.xml !== "application/xhtml+xml" || p.parseError || p.scripts > 0).map(([rel]) => rel);
  assert.deepEqual(bad, []);
  assert.deepEqual(log.errors, []);
});

test("every link of the book leads to a page of the book and an id of it, or to the web", async () => {
  const { pages } = await book();
  const broken = [];
  let internal = 0;
  for (const [rel, p] of pages) {
    for (const href of p.links) {
      if (/^(https?|mailto):/.test(href)) continue;
      internal++;
      const [file, fragment] = href.split("#");
      const target = file ? path.posix.normalize(path.posix.join(path.posix.dirname(rel), file)) : rel;
      const to = pages.get(target);
      if (!to) broken.push(`${rel}: ${href} (no such page in the book)`);
      else if (fragment && !to.ids.includes(decodeURIComponent(fragment))) broken.push(`${rel}: ${href} (no id ${fragment})`);
    }
  }
  assert.ok(internal > 1000, `only ${internal} links inside the book`);
  assert.deepEqual(broken, []);
});

test("the texts keep their numbered passages, and each note reference points at a footnote of its page", async () => {
  const { pages } = await book();
  const texts = [...pages].filter(([rel]) => rel.startsWith("documents/"));
  assert.equal(texts.length, 5);
  let notes = 0, numbered = 0;
  const wrong = [];
  for (const [rel, p] of texts) {
    numbered += p.numbered;
    for (const href of p.noterefs) {
      notes++;
      if (!href.startsWith("#") || !p.footnotes.includes(href.slice(1))) wrong.push(`${rel}: ${href}`);
    }
  }
  assert.ok(notes > 40, `only ${notes} note references`);
  assert.ok(numbered > 100, `only ${numbered} numbered paragraphs`);
  assert.deepEqual(wrong, []);
});

test("following a note reference goes to the note, whose back link returns to the text", async () => {
  const { pages } = await book();
  const [rel] = [...pages].find(([, p]) => p.noterefs.length > 0);
  const page = await context.newPage();
  try {
    await page.goto(url(rel));
    const ref = page.locator("sup.fnref a").first();
    const href = await ref.getAttribute("href");
    const id = await ref.getAttribute("id");
    await ref.click();
    assert.equal(new URL(page.url()).hash, href);
    const note = page.locator(`aside${href.replace(/([.:])/g, "\\$1")}`);
    assert.ok(await note.isVisible());
    await note.locator(`a[href="#${id}"]`).first().click();
    assert.equal(new URL(page.url()).hash, `#${id}`);
  } finally {
    await page.close();
  }
});

test("the navigation document lists every page of the book, and its landmarks", async () => {
  const page = await context.newPage();
  try {
    await page.goto(url("nav.xhtml"));
    const listed = await page.evaluate(() => Array.from(document.querySelectorAll("nav#toc a"), (a) => a.getAttribute("href").split("#")[0]));
    for (const rel of PAGES.filter((p) => p !== "nav.xhtml")) assert.ok(listed.includes(rel), `${rel} is not in the contents`);
    const landmarks = await page.evaluate(() => Array.from(document.querySelectorAll("nav#landmarks a"),
      (a) => a.getAttributeNS("http://www.idpf.org/2007/ops", "type")));
    assert.deepEqual(landmarks, ["toc", "bodymatter", "appendix"]);
  } finally {
    await page.close();
  }
});

const AXE_PAGES = ["nav.xhtml", "appendix.xhtml", "documents/desa-2004.xhtml", "documents/irri-2006.xhtml", "instruments/icmw.xhtml",
                   "organizations/iom.xhtml", "recommendations/gcim-principles.xhtml", "themes/remittances.xhtml"];
for (const rel of AXE_PAGES) {
  test(`${rel}: no WCAG 2.1 AA violation`, async () => {
    assert.ok(PAGES.includes(rel), `${rel} is not in the book`);
    const page = await context.newPage();
    try {
      await page.goto(url(rel));
      await page.addScriptTag({ path: AXE });
      const result = await page.evaluate((tags) => window.axe.run(document, {
        runOnly: { type: "tag", values: tags }, resultTypes: ["violations"], preload: false,
      }), TAGS);
      assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")})`), []);
    } finally {
      await page.close();
    }
  });
}

test("the Nu HTML Checker finds no error in any XHTML file of the book", () => {
  if (!fs.existsSync(VNU)) throw new Error(`${VNU} is missing: run \`npm ci --no-audit --no-fund\` in tests/browser (scripts/test does)`);
  const files = PAGES.map((rel) => path.join(ROOT, rel));
  const r = spawnSync(JAVA, ["-Xss4m", "-jar", VNU, "--format", "json", ...files], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw new Error(`cannot run ${JAVA} (${r.error.code}): install Java 17 (Debian: openjdk-17-jre-headless)`);
  const messages = JSON.parse(r.stderr).messages;
  // epub:type is the EPUB vocabulary, in a namespace of its own that the Nu checker does not know
  // (it reports the attribute by its local name); epubcheck validates it.
  const epubType = (m) => /^Attribute “type” not allowed on element “(a|aside|nav|section|body)”/.test(m.message);
  const errors = messages.filter((m) => (m.type === "error" || m.type === "non-document-error" || m.subType === "fatal") && !epubType(m));
  console.log(`# ${files.length} XHTML files checked, ${errors.length} errors (${messages.filter(epubType).length} epub:type attributes set aside)`);
  assert.deepEqual(errors.map((m) => `${path.relative(ROOT, new URL(m.url).pathname)}:${m.lastLine ?? "?"}: ${m.message}`), []);
});
