// passage serve's authoring loop, timed: from saving a document's Markdown to the edit shown in a
// page open in Chromium (Debian's, through playwright-core), and the rebuild serve reports for it,
// beside a full `passage build` of the same content.
//
//   node bench/serve-bench.js --passage BIN --content DIR [--doc NAME] [--runs R]
//
// DIR is copied into a temporary folder (the bundled content/, or a corpus of bench/out/nN or rN);
// NAME is the document edited (default: the first of DIR/documents, by name). Each run appends one
// sentence to it and waits for the sentence in the open page; the page reloads itself (serve's
// script), so the time includes the rebuild, the event, and the reload of the page with its assets.
// Prints the medians (and the fastest and slowest) as a markdown table. playwright-core comes from
// bench/node_modules or tests/browser/node_modules (`npm ci` in either).
"use strict";
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { spawn, spawnSync } = require("node:child_process");

function requirePlaywright() {
  for (const dir of ["node_modules", "../tests/browser/node_modules"]) {
    try {
      return require(path.join(__dirname, dir, "playwright-core"));
    } catch (e) { /* the next */ }
  }
  console.error("playwright-core is missing: run `npm ci` in bench/ or tests/browser/");
  process.exit(2);
}

const args = { runs: 9 };
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, "")] = process.argv[i + 1];
if (!args.passage || !args.content) {
  console.error("usage: node bench/serve-bench.js --passage BIN --content DIR [--doc NAME] [--runs R]");
  process.exit(2);
}
const runs = Number(args.runs);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]; };

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "passage-serve-bench-"));
  const content = path.join(work, "content");
  fs.cpSync(args.content, content, { recursive: true });
  const doc = args.doc || fs.readdirSync(path.join(content, "documents")).filter((f) => f.endsWith(".md")).sort()[0].replace(/\.md$/, "");
  const program = path.resolve(args.passage);

  // A full build of the same content, for comparison (the median of three).
  const full = [];
  for (let i = 0; i < 3; i++) {
    const t = process.hrtime.bigint();
    const r = spawnSync(program, ["build", "--quiet", "--content", content, "--out", path.join(work, "public")], { cwd: work });
    if (r.status !== 0) throw new Error(`passage build failed:\n${r.stderr}`);
    full.push(Number(process.hrtime.bigint() - t) / 1e6);
  }

  let output = "";
  const server = spawn(program, ["serve", "--port", "0", "--content", content], { cwd: work });
  server.stderr.on("data", (d) => { output += d; });
  const base = await new Promise((resolve, reject) => {
    server.stdout.on("data", (d) => {
      output += d;
      const m = /serving (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (m) resolve(m[1]);
    });
    server.on("exit", (code) => reject(new Error(`passage serve exited (${code}):\n${output}`)));
  });
  const builds = () => [...output.matchAll(/built \d+ pages in (\d+) ms/g)].map((m) => Number(m[1]));

  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "passage-chromium-"));
  const context = await requirePlaywright().chromium.launchPersistentContext(profile, {
    executablePath: process.env.PASSAGE_CHROMIUM || "/usr/bin/chromium", headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
  });
  const page = await context.newPage();
  await page.goto(`${base}documents/${doc}.html`);
  await page.waitForFunction(() => window.passageLiveState !== undefined);

  const reload = [], rebuild = [], toReload = [];
  for (let i = 0; i <= runs; i++) {  // the first is a warm-up
    const marker = `serve-bench-edit-${i}-${Date.now()}`;
    const seen = builds().length;
    const t = process.hrtime.bigint();
    const savedAt = Date.now();
    fs.appendFileSync(path.join(content, "documents", `${doc}.md`), `\nA sentence added by the benchmark: ${marker}.\n`);
    // Each load of the page (its own reload), until one shows the sentence.
    let ms = 0;
    for (;;) {
      await page.waitForEvent("load", { timeout: 600000 });
      ms = Number(process.hrtime.bigint() - t) / 1e6;
      if ((await page.content()).includes(marker)) break;
    }
    // When the browser began the reload, by its clock (the same machine's).
    const begun = await page.evaluate(() => performance.timeOrigin) - savedAt;
    while (builds().length === seen) await new Promise((r) => setTimeout(r, 5));
    if (i > 0) {
      reload.push(ms);
      toReload.push(begun);
      rebuild.push(builds()[seen]);
    }
  }
  await context.close();
  server.kill("SIGTERM");
  fs.rmSync(profile, { recursive: true, force: true });
  fs.rmSync(work, { recursive: true, force: true });

  const documents = fs.readdirSync(path.join(args.content, "documents")).filter((f) => f.endsWith(".md")).length;
  const row = (name, xs) => `| ${name} | ${median(xs).toFixed(0)} | ${Math.min(...xs).toFixed(0)} | ${Math.max(...xs).toFixed(0)} |`;
  console.log(`passage serve on ${args.content} (${documents} documents), editing documents/${doc}.md, ${runs} runs, ms:\n`);
  console.log("| measure | median | fastest | slowest |\n|---|---|---|---|");
  console.log(row("save to edit shown in the open page", reload));
  console.log(row("save to the start of the reload", toReload));
  console.log(row("the rebuild, as serve reports it", rebuild));
  console.log(row("full `passage build` (3 runs)", full));
  console.log(`\nrebuild / full build: ${(100 * median(rebuild) / median(full)).toFixed(1)}%`);
}

main().catch((e) => { console.error(e); process.exit(1); });
