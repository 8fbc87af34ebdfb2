import { stat } from "node:fs/promises";
import type { BaseResolver, Source } from "@redocly/openapi-core";
import { type Access, refusedPath } from "./access.js";
import { fetchText } from "./fetch-text.js";
import { isUrl } from "./input-name.js";
import { checkShape } from "./limits.js";

type Redocly = typeof import("@redocly/openapi-core");

/** A URL with a scheme (`http:`, `file:`, `ftp:`), as against a path (a Windows drive letter is not a scheme). */
const hasScheme = (ref: string) => /^[a-z][a-z0-9+.-]+:/i.test(ref);

/**
 * Redocly's resolver, reading each file or URL a document `$ref`s only where `access` allows:
 * from a remote document (`origin` set) only URLs on its origin or an allowed host, redirects
 * included; from a local one only files inside the allowed folders (and URLs on allowed hosts);
 * each at most `limits.documentBytes` and checked against the shape limits before it is used.
 * A refusal is an error Redocly reports as an unresolved `$ref`, at the `$ref`.
 */
export function guardedResolver(redocly: Redocly, access: Access, origin: string | undefined, config: object): BaseResolver {
  class Guarded extends redocly.BaseResolver {
    override async loadExternalRef(absoluteRef: string): Promise<Source> {
      if (isUrl(absoluteRef) || hasScheme(absoluteRef)) {
        const { text, contentType } = await fetchText(absoluteRef, access, origin);
        return new redocly.Source(absoluteRef, text, contentType);
      }
      if (origin !== undefined) throw new Error(`refused to read ${absoluteRef}: a remote document may not read local files`);
      const refused = refusedPath(absoluteRef, access);
      if (refused) throw new Error(refused);
      const size = await stat(absoluteRef).then(
        (s) => s.size,
        () => 0, // a missing file: the read below says so
      );
      if (size > access.limits.documentBytes)
        throw new Error(`${absoluteRef} is larger than the limit of ${access.limits.documentBytes} bytes (${size} bytes)`);
      return super.loadExternalRef(absoluteRef);
    }

    override parseDocument(source: Source, isRoot?: boolean) {
      const document = super.parseDocument(source, isRoot);
      checkShape(document.parsed, source.absoluteRef, source.body, access.limits);
      return document;
    }
  }
  return new Guarded(config as ConstructorParameters<Redocly["BaseResolver"]>[0]);
}
