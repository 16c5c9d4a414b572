// Every HTML page of a generated site through the Nu HTML Checker (npm vnu-jar, run with the
// machine's Java 17): no error. Warnings are printed, not counted.
//   node tests/browser/html-validity.test.js <generated site folder>
// PASSAGE_JAVA names another java binary (default: java on the PATH).
"use strict";
const { test } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { spawnSync } = require("node:child_process");
const { siteFolder } = require("./lib/browser.js");

const SITE = siteFolder();
const JAVA = process.env.PASSAGE_JAVA || "java";
const VNU = path.join(__dirname, "node_modules", "vnu-jar", "build", "dist", "vnu.jar");

function htmlFiles(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...htmlFiles(p));
    else if (e.name.endsWith(".html")) out.push(p);
  }
  return out.sort();
}

// Runs vnu over the whole folder once (one JVM start) and returns its messages.
function check(dir) {
  if (!fs.existsSync(VNU)) throw new Error(`${VNU} is missing: run \`npm ci --no-audit --no-fund\` in tests/browser (scripts/test does)`);
  const r = spawnSync(JAVA, ["-Xss4m", "-jar", VNU, "--format", "json", "--skip-non-html", dir],
                      { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw new Error(`cannot run ${JAVA} (${r.error.code}): install Java 17 (Debian: openjdk-17-jre-headless; scripts/test does)`);
  // vnu writes its JSON report on stderr and exits 1 when there is an error.
  let report;
  try {
    report = JSON.parse(r.stderr);
  } catch (e) {
    throw new Error(`vnu gave no JSON report (exit ${r.status}):\n${r.stderr}${r.stdout}`);
  }
  return report.messages;
}

test("the Nu HTML Checker finds no error on any page of the site", () => {
  const pages = htmlFiles(SITE);
  assert.ok(pages.length > 0, `no .html file under ${SITE}`);
  const messages = check(SITE);
  const where = (m) => `${path.relative(SITE, new URL(m.url).pathname)}:${m.lastLine ?? m.firstLine ?? "?"}`;
  const errors = messages.filter((m) => m.type === "error" || m.type === "non-document-error" || m.subType === "fatal");
  const warnings = messages.filter((m) => m.type === "info" && m.subType === "warning");
  const byMessage = new Map();
  for (const w of warnings) byMessage.set(w.message, [...(byMessage.get(w.message) || []), where(w)]);
  for (const [message, at] of byMessage) console.log(`# warning (${at.length}×, first ${at[0]}): ${message}`);
  // Pages vnu looked at: every .html file, none skipped as non-HTML.
  console.log(`# ${pages.length} pages checked, ${errors.length} errors, ${warnings.length} warnings`);
  assert.deepEqual(errors.map((m) => `${where(m)}: ${m.message}${m.extract ? `  [${m.extract.trim()}]` : ""}`), []);
});
