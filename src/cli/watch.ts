import { watch as watchFs, type FSWatcher } from "node:fs";
import path from "node:path";
import type { Io } from "./io.js";
import type { RunResult } from "./run.js";

const DEBOUNCE_MS = 150;

/**
 * Runs, then runs again whenever one of the files the last run read changes (a document, a file
 * it `$ref`s, a config) or a document appears in `folders`. Editors save by writing a new file
 * and renaming it, so the watch is on the folders, filtered by file name. A bad edit is reported
 * and the watch goes on; Ctrl-C (or SIGTERM) stops it with exit code 0.
 */
export function watch(run: () => Promise<RunResult>, io: Io, folders: string[]): Promise<number> {
  return new Promise((resolve) => {
    let watchers: FSWatcher[] = [];
    let watched = new Set<string>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let running = false;
    let again = false;
    let stopped = false;

    const listen = (inputs: string[]) => {
      const files = new Set(inputs.map((f) => path.resolve(f)));
      const dirs = new Set([...[...files].map((f) => path.dirname(f)), ...folders.map((f) => path.resolve(f))]);
      for (const w of watchers) w.close();
      watched = files;
      watchers = [];
      for (const dir of [...dirs].sort()) {
        try {
          const watcher = watchFs(dir, (_event, name) => {
            const file = name ? path.join(dir, name.toString()) : "";
            const isNewDocument = folders.some((f) => path.resolve(f) === dir) && /\.(ya?ml|json)$/i.test(file);
            if (watched.has(file) || isNewDocument) schedule();
          });
          watchers.push(watcher.on("error", () => {}));
        } catch {
          // A folder that does not exist (yet): its files are reported missing by the run itself.
        }
      }
    };
    const cycle = async () => {
      if (running) {
        again = true;
        return;
      }
      running = true;
      const result = await run().catch((err: unknown) => {
        io.err(`internal error: ${(err as Error).stack ?? String(err)}\n`);
        return { code: 1, inputs: [...watched] };
      });
      running = false;
      if (stopped) return;
      listen(result.inputs);
      if (watchers.length === 0) {
        io.err("error: none of the files to watch exists; nothing to watch\n");
        stop(1);
        return;
      }
      io.out(`watching ${watched.size} file${watched.size === 1 ? "" : "s"} for changes (Ctrl-C to stop)\n`);
      if (again) {
        again = false;
        schedule();
      }
    };
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void cycle(), DEBOUNCE_MS);
    };
    const stop = (code = 0) => {
      stopped = true;
      clearTimeout(timer);
      for (const w of watchers) w.close();
      process.off("SIGINT", interrupt);
      process.off("SIGTERM", interrupt);
      if (code === 0) io.out("stopped watching\n");
      resolve(code);
    };
    const interrupt = () => stop(0);
    process.on("SIGINT", interrupt);
    process.on("SIGTERM", interrupt);
    void cycle();
  });
}
