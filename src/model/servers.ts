import type { Server } from "../document/types.js";

/** A server URL with its variables at their defaults; "" when there is none. */
export function serverUrl(servers: readonly Server[] | undefined): string {
  const server = Array.isArray(servers) ? servers[0] : undefined;
  if (!server || typeof server.url !== "string") return "";
  return server.url.replace(/\{([^}]+)\}/g, (whole: string, name: string) => {
    const value = server.variables?.[name]?.default;
    return typeof value === "string" ? value : whole;
  });
}
