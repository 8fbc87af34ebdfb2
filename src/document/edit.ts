import { isObject, own, setOwn } from "./own.js";

/**
 * Copy-on-write edits of a document at JSON-pointer paths: each container on the way is copied
 * once, however many edits pass through it, and what no edit touches stays shared with the input,
 * which is never changed.
 */
export class DocumentEdit<T> {
  private root: unknown;
  private readonly copies = new Set<unknown>();

  constructor(root: T) {
    this.root = root;
  }

  /** The value at `path`, edits included. */
  get(path: ReadonlyArray<string | number>): any {
    let node: unknown = this.root;
    for (const s of path) node = Array.isArray(node) ? node[Number(s)] : own(node, String(s));
    return node;
  }

  /** Sets the value at `path` (its parent must exist). */
  set(path: ReadonlyArray<string | number>, value: unknown): void {
    if (path.length === 0) {
      this.root = value;
      return;
    }
    const parent = this.writable(path.slice(0, -1));
    const key = path[path.length - 1]!;
    if (Array.isArray(parent)) parent[Number(key)] = value;
    else setOwn(parent as Record<string, unknown>, String(key), value);
  }

  /** Applies `f` to the value at `path`; nothing is copied when it returns the value unchanged. */
  update(path: ReadonlyArray<string | number>, f: (value: any) => unknown): void {
    const before = this.get(path);
    const after = f(before);
    if (after !== before) this.set(path, after);
  }

  get result(): T {
    return this.root as T;
  }

  /** The container at `path`, copied (once) along with every container above it. */
  private writable(path: ReadonlyArray<string | number>): unknown {
    if (!this.copies.has(this.root)) this.root = this.copy(this.root);
    let node: any = this.root;
    for (const s of path) {
      const child = Array.isArray(node) ? node[Number(s)] : own(node, String(s));
      if (child === null || typeof child !== "object") throw new Error(`edit: nothing at ${path.join("/")}`);
      const next = this.copies.has(child) ? child : this.copy(child);
      if (next !== child) {
        if (Array.isArray(node)) node[Number(s)] = next;
        else setOwn(node, String(s), next);
      }
      node = next;
    }
    return node;
  }

  private copy(node: unknown): unknown {
    const c = Array.isArray(node) ? [...node] : isObject(node) ? Object.defineProperties({}, Object.getOwnPropertyDescriptors(node)) : node;
    this.copies.add(c);
    return c;
  }
}
