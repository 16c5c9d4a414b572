// Not a test: screenshots of one page of each kind, for a person to look at after a change to the
// templates or the stylesheet. Wide (1280 px) and phone (390 px), light and dark, and print (PDF).
//   node tests/browser/screenshots.js <generated site folder> <output folder> [page-name ...]
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { launch, fileUrl } = require("./lib/browser.js");

const [, , siteArg, outArg, ...only] = process.argv;
if (!siteArg || !outArg) {
  console.error("usage: node tests/browser/screenshots.js <generated site folder> <output folder> [page-name ...]");
  process.exit(2);
}
const SITE = path.resolve(siteArg);
const OUT = path.resolve(outArg);

// name, address, and an optional step that puts the page in the state worth seeing.
const PAGES = [
  ["home", "index.html"],
  ["document", "documents/desa-2004.html"],
  ["document-notes", "documents/desa-2004.html#p9"],
  ["document-footnotes", "documents/irri-2006.html#p1", async (page) => {
    await page.focus(".fnref a");
    await page.waitForSelector(".fn-preview");
  }],
  ["document-table", "documents/desa-2004.html#annex"],
  ["instrument", "instruments/icmw.html"],
  ["organization", "organizations/iom.html"],
  ["recommendations", "recommendations/gcim-principles.html"],
  ["theme", "themes/remittances.html"],
  ["timeline", "timeline.html"],
  ["documents", "documents.html"],
  ["instruments", "instruments.html"],
  ["organizations", "organizations.html"],
  ["recommendations-index", "recommendations.html"],
  ["themes", "themes.html"],
  ["annotations", "annotations.html"],
  ["search", "search.html?q=remittances", async (page) => {
    await page.waitForFunction(() => !/Loading/.test(document.getElementById("search-status").textContent || "Loading"));
  }],
  ["suggest", "documents/massiah-2015.html", async (page) => {
    await page.click("#search-q");
    await page.keyboard.type("remittances");
    await page.waitForSelector("#search-q-list [role=option]");
    await page.keyboard.press("ArrowDown");
  }],
  ["404", "404.html"],
];

(async () => {
  fs.mkdirSync(OUT, { recursive: true });
  const context = await launch();
  try {
    for (const [name, url, step] of PAGES) {
      if (only.length && !only.includes(name)) continue;
      for (const width of [1280, 390]) {
        for (const scheme of ["light", "dark"]) {
          const page = await context.newPage();
          await page.setViewportSize({ width, height: width > 800 ? 900 : 844 });
          await page.emulateMedia({ colorScheme: scheme });
          await page.goto(fileUrl(SITE, url));
          if (step) await step(page);
          const file = path.join(OUT, `${name}-${width}-${scheme}.png`);
          await page.screenshot({ path: file });
          // Anything wider than the window scrolls the page sideways: say so.
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          console.log(`${file}${overflow > 0 ? `  OVERFLOWS by ${overflow}px` : ""}`);
          await page.close();
        }
      }
      if (!step) {
        // Print: the PDF Chromium would print, and the print styles on screen at the width of A4.
        const page = await context.newPage();
        await page.setViewportSize({ width: 794, height: 1123 });
        await page.emulateMedia({ media: "print", colorScheme: "dark" });  // print is light whatever the screen
        await page.goto(fileUrl(SITE, url));
        await page.pdf({ path: path.join(OUT, `${name}-print.pdf`), format: "A4" });
        await page.screenshot({ path: path.join(OUT, `${name}-print.png`) });
        await page.close();
      }
    }
  } finally {
    await context.close();
  }
})().catch((e) => { console.error(e); process.exit(1); });
