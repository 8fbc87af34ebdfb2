// Grouping rejections: a validator message becomes a reason by keeping where it points (query, body,
// headers, path, cookies) and dropping the names and numbers that differ between operations.

const LOCATIONS = /^[./]?(query|body|headers|path|params|cookies)\b/;

/** "query: Unknown query parameter '…'" from { path: ".query.expand[0]", message: "Unknown query parameter 'expand[0]'" }. */
export function reasonOf(error) {
  const where = LOCATIONS.exec(error.path ?? "")?.[1];
  const message = String(error.message ?? "")
    .replace(/'[^']*'/g, "'…'")
    .replace(/"[^"]*"/g, '"…"')
    .replace(/\b[A-Z]+ \/[^\s,]*/g, "METHOD /…")
    .replace(/\/[\w{}~.:-]+(\/[\w{}~.:-]+)+/g, "/…")
    .replace(/\b\d+\b/g, "N")
    .trim();
  return where ? `${where === "params" ? "path" : where}: ${message}` : message;
}

/** For each outcome's results: reason → { count, example } where count counts operations. */
export function groupReasons(results, pick = (r) => r.request?.errors ?? []) {
  const groups = new Map();
  for (const r of results) {
    const reasons = new Set(pick(r).map(reasonOf));
    for (const reason of reasons) {
      const g = groups.get(reason) ?? { reason, count: 0, example: r };
      g.count++;
      groups.set(reason, g);
    }
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}
