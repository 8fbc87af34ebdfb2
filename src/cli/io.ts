/** Where the command writes: injected, so that tests run it in process and read what it printed. */
export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

export const stdio: Io = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;
