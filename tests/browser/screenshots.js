// Not a test: screenshots of one page of each kind (and of a document with its reading aids open),
// wide (1280 px) and phone (375 px), for a person to look at after a change to the templates or the
// stylesheet; docs/screenshots/ keeps the light ones of the bundled reference.
//   node tests/browser/screenshots.js <generated site folder> [output folder] [--dark] [--print] [page-name ...]
// The output folder is docs/screenshots/ unless given; --dark adds the dark scheme, --print the PDF
// Chromium would print and the print styles on screen at the width of A4. When Debian's pngquant is
// installed, the pictures are reduced to a palette (about a third of the bytes, as committed).
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { spawnSync } = require("node:child_process");
const { launch, fileUrl } = require("./lib/browser.js");

const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith("--")));
const [siteArg, outArg, ...only] = args.filter((a) => !a.startsWith("--"));
if (!siteArg) {
  console.error("usage: node tests/browser/screenshots.js <generated site folder> [output folder] [--dark] [--print] [page-name ...]");
  process.exit(2);
}
const SITE = path.resolve(siteArg);
const OUT = path.resolve(outArg || path.join(__dirname, "..", "..", "docs", "screenshots"));
const WIDTHS = [[1280, 900], [375, 740]];

// name, address, and an optional step that puts the page in the state worth seeing.
const PAGES = [
  ["home", "index.html"],
  ["document", "documents/desa-2004.html"],
  ["document-preview", "documents/desa-2004.html#p9", async (page) => {
    await page.focus("[id='p9'] a.ref-instrument, [id='p9'] a.ref-organization");
    await page.waitForSelector(".fn-preview");
  }],
  ["document-cite", "documents/irri-2006.html", async (page) => {
    const first = await page.$eval(".doc-body .pp[id]", (p) => p.id);
    await page.click(`[id='${first}'] > .cite-button`);
    await page.waitForSelector(".cite-panel");
    await page.$eval(".cite-panel", (p) => p.scrollIntoView({ block: "center" }));
  }],
  ["document-footnotes", "documents/irri-2006.html#p1", async (page) => {
    await page.focus(".fnref a");
    await page.waitForSelector(".fn-preview");
  }],
  ["instrument", "instruments/icmw.html"],
  ["cited", "instruments/icmw/cited-1.html"],
  ["organization", "organizations/iom.html"],
  ["recommendations", "recommendations/gcim-principles.html"],
  ["theme", "themes/remittances.html"],
  ["relation", "themes/development/organizations-1.html"],
  ["passages", "themes/development/passages-1.html"],
  ["annotation", "annotations/icmw-ratification-counts.html"],
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
  ["404", "404.html"],
];

(async () => {
  fs.mkdirSync(OUT, { recursive: true });
  const context = await launch();
  try {
    const written = [];
    for (const [name, url, step] of PAGES) {
      if (only.length && !only.includes(name)) continue;
      if (!fs.existsSync(path.join(SITE, url.replace(/[?#].*/, "")))) {
        console.log(`${name}: ${url} is not in this site, skipped`);
        continue;
      }
      for (const [width, height] of WIDTHS) {
        for (const scheme of flags.has("--dark") ? ["light", "dark"] : ["light"]) {
          const page = await context.newPage();
          await page.setViewportSize({ width, height });
          await page.emulateMedia({ colorScheme: scheme });
          await page.goto(fileUrl(SITE, url));
          if (step) await step(page);
          const file = path.join(OUT, `${name}-${width}${scheme === "dark" ? "-dark" : ""}.png`);
          await page.screenshot({ path: file });
          written.push(file);
          // Anything wider than the window scrolls the page sideways: say so.
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          console.log(`${file}${overflow > 0 ? `  OVERFLOWS by ${overflow}px` : ""}`);
          await page.close();
        }
      }
      if (!step && flags.has("--print")) {
        const page = await context.newPage();
        await page.setViewportSize({ width: 794, height: 1123 });
        await page.emulateMedia({ media: "print", colorScheme: "dark" });  // print is light whatever the screen
        await page.goto(fileUrl(SITE, url));
        await page.pdf({ path: path.join(OUT, `${name}-print.pdf`), format: "A4" });
        await page.screenshot({ path: path.join(OUT, `${name}-print.png`) });
        await page.close();
      }
    }
    const quant = written.length ? spawnSync("pngquant", ["--force", "--ext", ".png", "--quality", "70-90", "--speed", "3", ...written]) : null;
    if (quant && quant.error) console.log("pngquant is not installed: the pictures keep every colour");
    else if (quant && quant.status !== 0) console.log(`pngquant failed (${quant.status}): ${quant.stderr}`);
  } finally {
    await context.close();
  }
})().catch((e) => { console.error(e); process.exit(1); });
