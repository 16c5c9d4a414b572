// axe-core (npm) in headless Chromium on one page of each kind, in the light and the dark colour
// scheme: no WCAG 2.1 A or AA violation. Pages are opened from file://.
//   node tests/browser/accessibility.test.js <site generated from content/>
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { launch, watch, fileUrl, siteFolder } = require("./lib/browser.js");

const SITE = siteFolder();
const AXE = require.resolve("axe-core/axe.min.js", { paths: [__dirname] });
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

// One page of each kind; `ready` waits for what the scripts add, `then` puts the page in a state
// worth checking too (an open preview, an open list of suggestions).
const PAGES = [
  { kind: "home", url: "index.html" },
  { kind: "document", url: "documents/desa-2004.html" },
  { kind: "document with a footnote preview open", url: "documents/irri-2006.html",
    then: async (page) => { await page.focus(".fnref a"); await page.waitForSelector(".fn-preview"); } },
  { kind: "document with an entity preview and a citation open", url: "documents/desa-2004.html",
    then: async (page) => {
      await page.click("[id='p9'] > .cite-button");
      await page.waitForSelector(".cite-panel");
      await page.focus("a.ref-instrument.mention");
      await page.waitForSelector(".fn-preview .preview-title");
    } },
  { kind: "document in the theme the reader chose against the system's", url: "documents/icmw-ratification-2017.html",
    then: async (page) => {
      await page.click(".theme-toggle");
      await page.waitForFunction(() => document.documentElement.hasAttribute("data-theme"));
      await page.evaluate(() => localStorage.removeItem("passage-theme"));  // the next pages follow the system again
    } },
  { kind: "document with search suggestions open", url: "documents/massiah-2015.html",
    then: async (page) => {
      await page.click("#search-q");
      await page.keyboard.type("remittances");
      await page.waitForSelector("#search-q-list [role=option]");
      await page.keyboard.press("ArrowDown");
    } },
  { kind: "document with a highlighted search hit", url: "documents/massiah-2015.html?hl=belem#p13",
    ready: (page) => page.waitForSelector("mark.search-hit") },
  { kind: "instrument", url: "instruments/icmw.html" },
  { kind: "organization", url: "organizations/iom.html" },
  { kind: "recommendation set", url: "recommendations/gcim-principles.html" },
  { kind: "theme", url: "themes/remittances.html" },
  { kind: "timeline", url: "timeline.html" },
  { kind: "documents index", url: "documents.html" },
  { kind: "instruments index", url: "instruments.html" },
  { kind: "organizations index", url: "organizations.html" },
  { kind: "recommendations index", url: "recommendations.html" },
  { kind: "themes index", url: "themes.html" },
  { kind: "annotations index", url: "annotations.html" },
  { kind: "search results", url: "search.html?q=remittances",
    ready: (page) => page.waitForFunction(() => {
      const s = document.getElementById("search-status").textContent;
      return s && !/Loading/.test(s);
    }) },
  { kind: "search results with a suggestion", url: "search.html?q=ratifcation",
    ready: (page) => page.waitForSelector("#search-suggest a") },
  { kind: "document with a suggestion in the search box", url: "documents/desa-2004.html",
    then: async (page) => {
      await page.click("#search-q");
      await page.keyboard.type("ratifcation");
      await page.waitForSelector("#search-q-list .search-suggest");
      await page.keyboard.press("ArrowDown");
    } },
  { kind: "404", url: "404.html" },
];

let context;
before(async () => { context = await launch(); });
after(async () => { if (context) await context.close(); });

function describe(violations) {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n` +
    v.nodes.slice(0, 5).map((n) => `    ${n.target.join(" ")}: ${n.failureSummary.replace(/\s+/g, " ")}`).join("\n") +
    (v.nodes.length > 5 ? `\n    ... and ${v.nodes.length - 5} more` : ""));
}

for (const scheme of ["light", "dark"]) {
  for (const p of PAGES) {
    test(`${p.kind} (${p.url}), ${scheme} scheme: no WCAG 2.1 AA violation`, async () => {
      assert.ok(fs.existsSync(path.join(SITE, p.url.replace(/[?#].*/, ""))), `${p.url} is missing from the site`);
      const page = await context.newPage();
      const log = watch(page);
      try {
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(fileUrl(SITE, p.url));
        if (p.ready) await p.ready(page);
        if (p.then) await p.then(page);
        await page.addScriptTag({ path: AXE });
        const result = await page.evaluate((tags) => window.axe.run(document, {
          runOnly: { type: "tag", values: tags },
          resultTypes: ["violations"],
          preload: false,  // axe would fetch the stylesheets with XMLHttpRequest, which file:// refuses
        }), TAGS);
        assert.deepEqual(describe(result.violations), []);
        // What axe could not decide (colour over an image, say) is printed for a human to look at.
        for (const i of result.incomplete.filter((x) => x.id === "color-contrast"))
          console.log(`# ${p.url} ${scheme}: axe could not decide ${i.id} on ${i.nodes.length} element(s)`);
        assert.deepEqual(log.errors, []);
      } finally {
        await page.close();
      }
    });
  }
}

// WCAG 1.4.10 Reflow: at 320 CSS pixels wide nothing makes the page scroll sideways.
test("every page kind reflows to 320 px without scrolling sideways", async () => {
  const page = await context.newPage();
  await page.setViewportSize({ width: 320, height: 640 });
  const wide = [];
  try {
    for (const p of PAGES) {
      await page.goto(fileUrl(SITE, p.url));
      if (p.ready) await p.ready(page);
      if (p.then) await p.then(page);
      const over = await page.evaluate(() => {
        const w = document.documentElement.clientWidth;
        if (document.documentElement.scrollWidth <= w) return null;
        const leaf = Array.from(document.body.querySelectorAll("*")).find((e) => e.getBoundingClientRect().right > w + 1 &&
          !Array.from(e.children).some((c) => c.getBoundingClientRect().right > w + 1));
        return `${document.documentElement.scrollWidth}px wide, ${leaf ? leaf.tagName.toLowerCase() + "." + leaf.className : "?"}`;
      });
      if (over) wide.push(`${p.url}: ${over}`);
    }
  } finally {
    await page.close();
  }
  assert.deepEqual(wide, []);
});
