import { describePagination } from "../model/pagination.js";
import type { ApiModel, SchemaModel } from "../model/types.js";
import { setOwn } from "../document/own.js";

/**
 * The API surface as a reviewer and the change report see it: every operation with its
 * parameters, body and result as short type texts, and every schema, one property per line.
 * Sorted and stable, so its diff reads as the API's diff. A projection of the model.
 */
export interface Surface {
  operations: SurfaceOperation[];
  schemas: Record<string, SurfaceSchema>;
}

export interface SurfaceOperation {
  name: string;
  operationId?: string;
  method: string;
  path: string;
  deprecated?: true;
  /** The operation's own servers, when it has them (Box's uploads). */
  servers?: string[];
  /** `key` is the params object's field when it is not the name (two locations share the name). */
  parameters: Array<{ name: string; key?: string; in: string; required: boolean; type: string }>;
  body?: { contentType: string; required: boolean; type: string; alternatives?: Array<{ contentType: string; type: string }> };
  response: string;
  /** How the client follows its pages (see `describePagination`), when it is a list it pages through. */
  pagination?: string;
  /** The document's faults the operation reaches, generated around (a `$ref` to nothing typed `unknown`). */
  faults?: string[];
}

export type SurfaceSchema = Omit<SchemaModel, "name">;

/** What the 2xx answers resolve to, as the result type says it: `unknown` absorbs the rest. */
function responseText(types: string[]): string {
  const unique = [...new Set(types)];
  return unique.length === 0 || unique.includes("unknown") ? "unknown" : unique.join(" | ");
}

export function buildSurface(model: ApiModel): Surface {
  const operations = model.operations.map(
    (op): SurfaceOperation => ({
      name: op.name,
      ...(op.operationId !== undefined ? { operationId: op.operationId } : {}),
      method: op.method.toUpperCase(),
      path: op.path,
      ...(op.deprecated ? { deprecated: true as const } : {}),
      ...(op.servers ? { servers: op.servers } : {}),
      parameters: op.parameters.map((p) => ({
        name: p.name,
        ...(p.key !== p.name ? { key: p.key } : {}),
        in: p.querystring ? "querystring" : p.in,
        required: p.required,
        type: p.schemaType,
      })),
      ...(op.body
        ? {
            body: {
              contentType: op.body.contentType,
              required: op.body.required,
              type: op.body.schemaType,
              ...(op.body.alternatives
                ? { alternatives: op.body.alternatives.map((c) => ({ contentType: c.contentType, type: c.schemaType })) }
                : {}),
            },
          }
        : {}),
      response: responseText(op.success.map((r) => r.schemaType)),
      ...(op.pagination ? { pagination: describePagination(op.pagination) } : {}),
      ...(op.faults ? { faults: op.faults } : {}),
    }),
  );
  const schemas: Record<string, SurfaceSchema> = {};
  for (const { name, ...schema } of model.schemas) setOwn(schemas, name, schema);
  return { operations, schemas };
}
