// The types suite's table and failure categories, from the per-document reports.
import { reasonOf } from "./reasons.js";

const short = (text, n = 160) => (text && text.length > n ? `${text.slice(0, n)}…` : (text ?? ""));
const ratio = (a, b) => `${a}/${b}`;
const percent = (a, b) => (b === 0 ? "–" : `${((100 * a) / b).toFixed(1)} %`);

/** The targets of issue 17, per document: which are missed. */
export function missedTargets(r) {
  if (r.fatal || !r.summary) return ["the run failed"];
  const s = r.summary;
  const missed = [];
  if (s.valid.accepted < s.valid.total) missed.push("every valid sample compiles");
  if (s.invalid.total > 0 && s.invalid.rejected < 0.95 * s.invalid.total) missed.push("≥ 95 % of invalid samples rejected");
  if (s.agreement.agree < s.agreement.total) missed.push("validators and types agree");
  if (s.folderErrors > 0) missed.push("no tsc error in the folder");
  return missed;
}

export function tableRows(reports) {
  return reports.map((r) => {
    const s = r.summary;
    if (!s) return [r.document, r.operations ?? "?", "–", "–", "–", "–", "–", "–", (r.seconds ?? 0).toFixed(0), "FAILED"];
    return [
      r.document,
      r.generated === r.operations ? r.operations : `${r.generated}/${r.operations}`,
      ratio(s.validRequests.accepted, s.validRequests.total),
      ratio(s.validResponses.accepted, s.validResponses.total),
      `${ratio(s.valid.accepted, s.valid.total)} (${percent(s.valid.accepted, s.valid.total)})`,
      `${ratio(s.invalid.rejected, s.invalid.total)} (${percent(s.invalid.rejected, s.invalid.total)})`,
      `${ratio(s.agreement.agree, s.agreement.total)}`,
      s.folderErrors,
      r.seconds.toFixed(0),
      missedTargets(r).length === 0 ? "met" : "missed",
    ];
  });
}

export const TABLE_HEAD = [
  "document",
  "operations",
  "valid requests",
  "valid responses",
  "valid accepted",
  "invalid rejected",
  "validators agree",
  "tsc errors in folder",
  "s",
  "targets",
];

export function printTable(reports, print = console.log) {
  const rows = tableRows(reports);
  const widths = TABLE_HEAD.map((h, i) => Math.max(h.length, ...rows.map((row) => String(row[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join("  ");
  print(line(TABLE_HEAD));
  for (const row of rows) print(line(row));
}

/** The line of a tsc message chain that names the cause: its last (the first says only "not assignable"). */
const cause = (message) =>
  message
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .at(-1) ?? "";

/** A tsc message's cause without what differs between samples (quoted names and types, numbers). */
export function categoryOf(message) {
  return reasonOf({ message: cause(message) })
    .replace(/`[^`]*`/g, "`…`")
    .slice(0, 200);
}

/** The first line and, when the chain has more, its cause. */
const firstAndCause = (message) => {
  const first = message.split("\n")[0];
  const last = cause(message);
  return last === first.trim() ? short(first, 300) : `${short(first, 150)} … ${short(last, 250)}`;
};

/** [reason, count, example] groups, largest first. */
function groups(items, reasonOf) {
  const map = new Map();
  for (const x of items) {
    const reason = reasonOf(x);
    const g = map.get(reason) ?? { reason, count: 0, example: x };
    g.count++;
    map.set(reason, g);
  }
  return [...map.values()].sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}

const sampleName = (s) => `${s.op} (${s.direction}${s.status ? ` ${s.status}` : ""}, ${s.kind}${s.at ? ` at ${s.at}` : ""})`;

function printGroups(title, list, print, limit, describe) {
  if (list.length === 0) return;
  print(`  ${title}:`);
  for (const g of list.slice(0, limit)) {
    print(`    ${String(g.count).padStart(5)} × ${short(g.reason, 150)}`);
    print(`            e.g. ${describe(g.example)}`);
  }
  if (list.length > limit) print(`    … and ${list.length - limit} more (see --json)`);
}

/** The failures of one document by category, one example each. */
export function printDocument(r, print = console.log, limit = 8) {
  print(`\n${r.document}${r.openapi ? ` (OpenAPI ${r.openapi})` : ""}`);
  if (r.fatal) {
    print(`  the run failed: ${short(r.fatal, 2000)}`);
    const errors = (r.generation?.output ?? "").split("\n").filter((l) => l.startsWith("error:"));
    if (errors.length)
      print(
        `  the generator's last run: ${errors.length} error(s), e.g.\n    ${errors
          .slice(0, 3)
          .map((e) => short(e, 400))
          .join("\n    ")}`,
      );
    if (r.generation?.excluded?.length) print(`  paths left out before that: ${r.generation.excluded.join(", ")}`);
    return;
  }
  if (r.generation.excluded.length)
    print(`  the generator refused ${r.generation.excluded.length} path(s), left out: ${r.generation.excluded.join(", ")}`);
  print(
    `  generated in ${r.generation.cached ? "(cached)" : `${r.generation.seconds.toFixed(1)} s`}, sampled and judged in ${r.sampling.seconds.toFixed(1)} s, tsc over ${r.tsc.statements} samples and the folder in ${r.tsc.seconds.toFixed(1)} s`,
  );
  const missed = missedTargets(r);
  print(`  targets: ${missed.length === 0 ? "all met" : `missed: ${missed.join("; ")}`}`);
  const samples = r.samples;
  const firstMessage = (s) => s.typeVerdict.diagnostics[0]?.message ?? "";
  printGroups(
    "valid samples that do not compile (by the cause tsc names last)",
    groups(
      samples.filter((s) => s.expect === "valid" && !s.typeVerdict.accepted),
      (s) => `${s.direction}: TS${s.typeVerdict.diagnostics[0]?.code} ${categoryOf(firstMessage(s))}`,
    ),
    print,
    limit,
    (s) => `${sampleName(s)}: ${firstAndCause(firstMessage(s))}`,
  );
  printGroups(
    "invalid samples the types accept",
    groups(
      samples.filter((s) => s.expect === "invalid" && !s.unmeasured && s.typeVerdict.accepted),
      (s) => s.kind,
    ),
    print,
    limit,
    (s) => `${sampleName(s)}: the judge says ${short((s.judge ?? []).join("; "), 200)}`,
  );
  const disagree = samples.filter(
    (s) => !s.unmeasured && s.validatorVerdict.accepted !== undefined && s.validatorVerdict.accepted !== s.typeVerdict.accepted,
  );
  printGroups(
    "validators and types disagree",
    groups(disagree, (s) => {
      const right = s.validatorVerdict.accepted === (s.expect === "valid") ? "the validator is right" : "the types are right";
      const issue = s.validatorVerdict.issues[0];
      return `${s.direction} ${s.expect}: ${right}${issue ? `; validator: ${reasonOf({ message: issue.message })}` : ""}`;
    }),
    print,
    limit,
    (s) =>
      `${sampleName(s)}${s.validatorVerdict.issues[0] ? `: ${s.validatorVerdict.issues[0].path} ${s.validatorVerdict.issues[0].message}` : ""}`,
  );
  const noValidator = samples.filter((s) => s.validatorVerdict.accepted === undefined);
  if (noValidator.length)
    print(`  samples without a generated check (or whose check threw): ${noValidator.length}, e.g. ${sampleName(noValidator[0])}`);
  printGroups(
    "tsc errors in the folder",
    groups(r.folderErrors, (d) => `TS${d.code} ${categoryOf(d.message)}`),
    print,
    limit,
    (d) => `${d.file}:${d.line}: ${short(d.message, 300)}`,
  );
  if (r.summary.unmeasured) print(`  invalid samples not measured (their valid base does not compile): ${r.summary.unmeasured}`);
  printGroups(
    "candidates the judge did not confirm (left out; a sampler, document or judge limit)",
    groups(r.dropped, (d) => `${d.direction ?? ""} ${d.reason}`.trim()),
    print,
    4,
    (d) => `${d.op} (${d.kind ?? ""}${d.at ? ` at ${d.at}` : ""})${d.errors ? `: ${short(d.errors.join("; "), 200)}` : ""}`,
  );
  for (const [what, n] of Object.entries(r.judgeNotes ?? {})) print(`  judge: ${what} (${n}×)`);
}
