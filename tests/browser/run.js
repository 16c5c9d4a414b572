// Runs browser tests against a generated site, one node process per test file (node:test), and exits
// non-zero when one fails. CTest calls it once per test file; by hand:
//   node tests/browser/run.js <site folder> [file.test.js ...]      (default: every *.test.js here)
// Needs Debian's chromium and `npm ci --no-audit --no-fund` in tests/browser (scripts/test does both).
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { spawnSync } = require("node:child_process");

const here = __dirname;
const [site, ...files] = process.argv.slice(2);
if (!site) {
  console.error("usage: node tests/browser/run.js <site folder> [file.test.js ...]");
  process.exit(2);
}
if (!fs.existsSync(path.join(here, "node_modules", "playwright-core"))) {
  console.error("tests/browser/node_modules is missing: run `npm ci --no-audit --no-fund` in tests/browser (scripts/test does)");
  process.exit(1);
}
const chromium = process.env.PASSAGE_CHROMIUM || "/usr/bin/chromium";
if (!fs.existsSync(chromium)) {
  console.error(`no Chromium at ${chromium}: install Debian's package chromium (scripts/test does)`);
  process.exit(1);
}
const tests = files.length ? files : fs.readdirSync(here).filter((f) => f.endsWith(".test.js")).sort();
let failed = 0;
for (const file of tests) {
  console.log(`# ${file} on ${site}`);
  const r = spawnSync(process.execPath, [path.resolve(here, file), path.resolve(site)], { stdio: "inherit" });
  if (r.status !== 0) {
    failed++;
    console.log(`# FAILED: ${file} (exit ${r.status ?? r.signal})`);
  }
}
console.log(`${tests.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
