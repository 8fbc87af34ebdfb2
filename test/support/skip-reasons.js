// A jest reporter that prints why tests were skipped. A test file that cannot run here (no Chromium, no
// Deno binary) says so with `console.warn("skipped: …")`, but jest's default reporter drops the console
// of a file whose tests were all skipped whenever it runs more than one file: a full `npm test` would
// hide the reason. This prints every such line once more at the end of the run, whatever the file's fate.
export default class SkipReasons {
  reasons = new Set();

  onTestResult(_test, result) {
    for (const entry of result.console ?? []) if (/^skipped: /.test(entry.message)) this.reasons.add(entry.message);
  }

  onRunComplete() {
    if (this.reasons.size === 0) return;
    process.stderr.write(`\nSkipped here, and why:\n${[...this.reasons].map((reason) => `  ${reason}\n`).join("")}`);
  }
}
