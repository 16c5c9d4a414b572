// `passage check --format sarif` against the SARIF 2.1.0 schema (OASIS, errata 01: the JSON schema
// draft 04 file beside this one), with ajv and its formats: a build with errors, one with warnings
// in a template, and one with none. Run by CTest:
//   node tests/ci/sarif.test.js <passage program> <source folder>
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { spawnSync } = require("node:child_process");
const Ajv = require("ajv-draft-04");
const addFormats = require("ajv-formats");

const [passage, source] = process.argv.slice(2);
const schema = JSON.parse(fs.readFileSync(path.join(__dirname, "sarif-schema-2.1.0.json"), "utf8"));
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

// Runs passage check in `cwd` with `args`; returns the parsed SARIF log and the exit status.
function sarif(cwd, args) {
  const r = spawnSync(passage, ["check", "--format", "sarif", ...args], { cwd, encoding: "utf8" });
  assert.ok(r.stdout.length > 0, `no SARIF on stdout; stderr: ${r.stderr}`);
  return { log: JSON.parse(r.stdout), status: r.status, stderr: r.stderr };
}

function assertValid(log) {
  const ok = validate(log);
  assert.ok(ok, JSON.stringify(validate.errors, null, 2));
}

test("a build with errors is a valid SARIF log, one result per diagnostic, located at the file, line and column", () => {
  const { log, status, stderr } = sarif(path.join(source, "tests/sites/broken-reference"), ["--content", "content"]);
  assert.strictEqual(status, 1);
  assertValid(log);
  assert.match(stderr, /error\[ref-unknown\]/, "the text form goes to stderr");
  const run = log.runs[0];
  assert.strictEqual(run.tool.driver.name, "passage");
  assert.deepStrictEqual(run.tool.driver.rules.map((r) => r.id), ["ref-unknown"]);
  assert.strictEqual(run.results.length, 2);
  const first = run.results[0];
  assert.strictEqual(first.level, "error");
  assert.strictEqual(first.ruleId, "ref-unknown");
  assert.match(first.message.text, /unknown instrument "icmv"/);
  assert.deepStrictEqual(first.locations[0].physicalLocation, {
    artifactLocation: { uri: "content/documents/note.md", uriBaseId: "%SRCROOT%" },
    region: { startLine: 3, startColumn: 22 },
  });
});

test("warnings are valid results of level warning; an odd file name is a valid URI reference", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "passage-sarif-"));
  try {
    fs.cpSync(path.join(source, "tests/sites/minimal/content"), path.join(dir, "content"), { recursive: true });
    const odd = path.join(dir, "my templates");
    fs.mkdirSync(odd);
    fs.writeFileSync(path.join(odd, "404.mustache"), "{{site.titel}} 100% {{page.nothing}}\n");
    const { log, status } = sarif(dir, ["--content", "content", "--templates", "my templates"]);
    assert.strictEqual(status, 0);
    assertValid(log);
    const results = log.runs[0].results;
    assert.ok(results.length >= 2, JSON.stringify(results));
    for (const r of results) assert.strictEqual(r.level, "warning");
    assert.strictEqual(results[0].locations[0].physicalLocation.artifactLocation.uri, "my%20templates/404.mustache");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("a clean build is a valid SARIF log with no result", () => {
  const { log, status } = sarif(path.join(source, "tests/sites/minimal"), ["--content", "content"]);
  assert.strictEqual(status, 0);
  assertValid(log);
  assert.deepStrictEqual(log.runs[0].results, []);
});

test("the schema is strict enough to reject a log without its version or with a bad level", () => {
  assert.strictEqual(validate({ runs: [] }), false);
  const { log } = sarif(path.join(source, "tests/sites/broken-reference"), ["--content", "content"]);
  log.runs[0].results[0].level = "fatal";
  assert.strictEqual(validate(log), false);
});
