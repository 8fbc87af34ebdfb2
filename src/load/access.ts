import { realpathSync } from "node:fs";
import path from "node:path";
import { InputError } from "../util/input-error.js";
import { DEFAULT_LIMITS, type Limits } from "./limits.js";
import { redactUrl } from "./redact-url.js";

/**
 * What a document may make the generator read and fetch. A document can come from anyone (a
 * vendor's URL, a pull request's `spec/` change), and what its `$ref`s reach lands in the
 * generated files: so local files only inside the project's folders, URLs only on the document's
 * own origin or a host the config names, and limits on size and shape.
 */
export interface Access {
  /** Folders (real, absolute paths) local documents may be read from: the project root first, then the document's own. */
  folders: string[];
  /** Hosts (names, or `name:port`) whose URLs may be fetched besides the root document's origin. */
  allowedHosts: string[];
  limits: Limits;
  /** A header sent with every request to the root document's origin (a token from an environment variable). */
  token?: { name: string; value: string };
}

/** The settings that widen or narrow it, as the config gives them. */
export interface AccessSettings {
  /** The project root (absolute): the config's folder; by default the document's folder. */
  root?: string;
  /** More folders local `$ref`s may reach, absolute. */
  allowedFolders?: string[];
  allowedHosts?: string[];
  limits?: Partial<Limits>;
  /** The environment variable whose value is sent as a header with requests for a remote document. */
  inputToken?: { env: string; header?: string; scheme?: string };
  /** The config file these came from, and where in it, for messages. */
  file?: string;
  base?: string;
}

/**
 * A path with its symbolic links followed. A file that does not exist keeps its name under its
 * nearest existing folder's real path, so that it is judged where it would be (inside a root reached
 * through a link, as macOS's /tmp is, it is a missing file, not one outside the root).
 */
const real = (file: string): string => {
  const absolute = path.resolve(file);
  try {
    return realpathSync(absolute);
  } catch {
    const parent = path.dirname(absolute);
    return parent === absolute ? absolute : path.join(real(parent), path.basename(absolute));
  }
};

export function accessFor(input: string, cwd: string, settings: AccessSettings = {}, remote = false): Access {
  // The document's own folder too: a document named with a config elsewhere (`--config`) still reads its siblings.
  const own = remote ? [] : [path.dirname(path.resolve(cwd, input))];
  const folders = [...new Set([settings.root ?? own[0] ?? cwd, ...own, ...(settings.allowedFolders ?? [])].map(real))];
  let token: Access["token"];
  if (settings.inputToken) {
    const { env, header = "authorization", scheme = header.toLowerCase() === "authorization" ? "Bearer" : "" } = settings.inputToken;
    const value = process.env[env];
    if (value === undefined || value === "")
      throw new InputError({
        message: `the environment variable ${env} that "inputToken" names is not set`,
        file: settings.file ?? input,
        pointer: `${settings.base ?? ""}/inputToken`,
        fix: `set ${env} to the token the document's server expects (it is sent as the ${header} header, never written anywhere)`,
      });
    token = { name: header, value: scheme ? `${scheme} ${value}` : value };
  }
  return {
    folders,
    allowedHosts: (settings.allowedHosts ?? []).map((h) => h.toLowerCase()),
    limits: { ...DEFAULT_LIMITS, ...settings.limits },
    ...(token ? { token } : {}),
  };
}

/** Why a URL may not be fetched, or undefined when it may. `origin` is the root document's, for a remote one. */
export function refusedUrl(url: string, access: Access, origin: string | undefined): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return `${url} is not a URL`;
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") return `${u.protocol} URLs are not fetched, only http(s) ones`;
  if (u.username !== "" || u.password !== "") return `${redactUrl(url)} holds a user name or password, which is not sent`;
  if (u.origin === origin) return undefined;
  if (access.allowedHosts.includes(u.hostname.toLowerCase()) || access.allowedHosts.includes(u.host.toLowerCase())) return undefined;
  const shown = redactUrl(url);
  return origin === undefined
    ? `refused to fetch ${shown}: its host ${u.host} is not in "allowedHosts"`
    : `refused to fetch ${shown}: a remote document may reference only its own origin (${origin}), and ${u.host} is not in "allowedHosts"`;
}

/** Why a local file may not be read, or undefined when it may: it must be in one of the allowed folders, symbolic links followed. */
export function refusedPath(file: string, access: Access): string | undefined {
  const target = real(file);
  const inside = access.folders.some((folder) => {
    const relative = path.relative(folder, target);
    return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
  });
  return inside
    ? undefined
    : `refused to read ${file}: it is outside the project root (${access.folders[0]}), the document's folder and "allowedFolders"`;
}

/** The fix for a refused read or fetch, found by its message (Redocly reports it as an unresolved `$ref`). */
export function refusalFix(message: string): string | undefined {
  if (message.includes('is not in "allowedHosts"'))
    return 'reference a file on the document\'s own origin, or, if you trust that host, add it to "allowedHosts" in the config';
  if (message.includes("outside the project root"))
    return 'keep referenced files inside the project, or, if you trust that folder, add it to "allowedFolders" in the config';
  if (message.includes("holds a user name or password"))
    return 'give the URL without credentials, and the token in an environment variable that "inputToken" in the config names (it is sent as a header)';
  if (message.includes("a remote document may not read local files"))
    return "a remote document can reference only URLs: download it and its files into the project to use local ones";
  if (/(larger|deeper|more) than the limit of/.test(message))
    return 'if the file is genuine, raise that limit in the config\'s "limits" (documentBytes, depth, schemas, entries, aliasNodes)';
  return undefined;
}
