/**
 * Helpers the generated validators call, as JavaScript source. Only the helpers a module uses are
 * emitted, each after the ones it needs, so a module for four operations carries a few hundred bytes.
 */
interface Helper {
  needs?: readonly string[];
  source: string;
}

export const HELPERS: Readonly<Record<string, Helper>> = {
  // Pushes an issue and returns false, so that `ok = F(...)` records the failure in one statement.
  F: {
    source: `function F(e, path, message, keyword) {
  e.push({ path, message, keyword });
  return false;
}`,
  },
  // A JSON object: not null, not an array.
  O: { source: `const O = (x) => typeof x === "object" && x !== null && !Array.isArray(x);` },
  // Own properties only: `constructor` or `toString` must not be found on Object.prototype.
  H: { source: `const H = (o, k) => Object.prototype.hasOwnProperty.call(o, k);` },
  // A key as a JSON pointer segment (RFC 6901).
  J: { source: `const J = (k) => String(k).replace(/~/g, "~0").replace(/\\//g, "~1");` },
  // JSON Schema counts characters as code points, JavaScript as UTF-16 units.
  L: {
    source: `function L(s) {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) n--, i++;
  }
  return n;
}`,
  },
  // JSON equality: numbers by value, objects by keys and values whatever their order.
  Q: {
    source: `function Q(a, b) {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (!Object.prototype.hasOwnProperty.call(b, k) || !Q(a[k], b[k])) return false;
  return true;
}`,
  },
  // Index of the first item equal to an earlier one, or -1.
  U: {
    needs: ["Q"],
    source: `function U(a) {
  for (let i = 1; i < a.length; i++) for (let j = 0; j < i; j++) if (Q(a[i], a[j])) return i;
  return -1;
}`,
  },
  // multipleOf, tolerant of binary fractions (0.0075 is a multiple of 0.0001).
  M: {
    source: `function M(x, m) {
  const q = x / m;
  return Number.isFinite(q) && Math.abs(q - Math.round(q)) < 1e-8;
}`,
  },
  // format: binary, where a request sends bytes: what the runtime sends as bytes (see runtime/body.ts), or a string.
  B: {
    source: `const B = (x) =>
  typeof x === "string" ||
  (typeof Blob !== "undefined" && x instanceof Blob) ||
  x instanceof ArrayBuffer ||
  ArrayBuffer.isView(x) ||
  (typeof ReadableStream !== "undefined" && x instanceof ReadableStream);`,
  },
  // When no branch of anyOf/oneOf matches: the issues of the branch that came closest, that is the
  // fewest issues, and a branch whose type is wrong for the value only when every branch's is.
  N: {
    source: `function N(fs, x, p, e) {
  let best;
  let score = Infinity;
  for (const f of fs) {
    const t = [];
    f(x, p, t);
    const s = t.length + (t.some((i) => i.keyword === "type" && i.path === p) ? 1e6 : 0);
    if (s < score) (best = t), (score = s);
  }
  if (best) e.push(...best);
}`,
  },
  DAYS: {
    source: `function DAYS(y, m) {
  return m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}`,
  },
  // RFC 3339 full-date.
  "format:date": {
    needs: ["DAYS"],
    source: `function FD(s) {
  const m = /^(\\d{4})-(\\d\\d)-(\\d\\d)$/.exec(s);
  return m !== null && +m[2] >= 1 && +m[2] <= 12 && +m[3] >= 1 && +m[3] <= DAYS(+m[1], +m[2]);
}`,
  },
  // RFC 3339 full-time; a leap second only at 23:59:60 UTC.
  "format:time": {
    source: `function FT(s) {
  const m = /^(\\d\\d):(\\d\\d):(\\d\\d)(?:\\.\\d+)?(?:z|([+-])(\\d\\d):(\\d\\d))$/i.exec(s);
  if (m === null) return false;
  const h = +m[1], i = +m[2], sec = +m[3], oh = +(m[5] ?? 0), om = +(m[6] ?? 0);
  if (h > 23 || i > 59 || sec > 60 || oh > 23 || om > 59) return false;
  if (sec < 60) return true;
  const utc = h * 60 + i - (m[4] === "-" ? -1 : 1) * (oh * 60 + om);
  return ((utc % 1440) + 1440) % 1440 === 1439;
}`,
  },
  "format:date-time": {
    needs: ["format:date", "format:time"],
    source: `function FDT(s) {
  const t = s.search(/[tT ]/);
  return t === 10 && FD(s.slice(0, 10)) && FT(s.slice(11));
}`,
  },
  "format:uuid": {
    source: `const FU = (s) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);`,
  },
  "format:email": {
    source: `const FE = (s) =>
  /^[a-z0-9!#$%&'*+/=?^_\`{|}~-]+(?:\\.[a-z0-9!#$%&'*+/=?^_\`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i.test(s);`,
  },
  // An absolute URI (RFC 3986): a scheme, then only characters a URI may hold, with valid escapes.
  "format:uri": {
    source: `const FURI = (s) =>
  /^[a-z][a-z0-9+.-]*:(?:[a-z0-9\\-._~!$&'()*+,;=:@/?#[\\]]|%[0-9a-f]{2})*$/i.test(s) && !/^[a-z][a-z0-9+.-]*:\\/\\/[^/?#]*[[\\]][^/?#]*@/i.test(s) && URI_AUTH(s);`,
    needs: ["URI_AUTH"],
  },
  // The authority's port, when there is one, is digits.
  URI_AUTH: {
    source: `function URI_AUTH(s) {
  const m = /^[a-z][a-z0-9+.-]*:\\/\\/(?:[^/?#@]*@)?(\\[[^\\]]*\\]|[^/?#:]*)(?::([^/?#]*))?/i.exec(s);
  return m === null || ((m[2] === undefined || /^\\d*$/.test(m[2])) && !/[\\[\\]]/.test(m[1].slice(1, -1)));
}`,
  },
  "format:uri-reference": {
    source: `const FUR = (s) => /^(?:[a-z0-9\\-._~!$&'()*+,;=:@/?#[\\]]|%[0-9a-f]{2})*$/i.test(s);`,
  },
  "format:ipv4": {
    source: `const FIP = (s) => /^(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$/.test(s);`,
  },
  "format:byte": {
    source: `const FB = (s) => /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(s);`,
  },
};

/** The function each string format is checked by; a format not listed is an annotation only. */
export const STRING_FORMATS: Readonly<Record<string, string>> = {
  date: "FD",
  time: "FT",
  "date-time": "FDT",
  uuid: "FU",
  email: "FE",
  uri: "FURI",
  "uri-reference": "FUR",
  ipv4: "FIP",
  byte: "FB",
};

/** The helpers' sources, each after those it needs. */
export function helperSources(used: Iterable<string>): string[] {
  const out: string[] = [];
  const done = new Set<string>();
  const add = (name: string) => {
    if (done.has(name)) return;
    done.add(name);
    const helper = HELPERS[name];
    if (!helper) throw new Error(`no validator helper ${name}`);
    for (const need of helper.needs ?? []) add(need);
    out.push(helper.source);
  };
  for (const name of [...used].sort()) add(name);
  return out;
}
