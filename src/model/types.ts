import type { Method } from "../load/document.js";
import type { BodyKind, ResponseKind } from "./media-types.js";

/**
 * The whole intermediate representation: everything the emitters and the review need, and nothing
 * they must look up in the document again. Built by a pure function of the (bundled) document.
 */
export interface ApiModel {
  title: string;
  version: string;
  /** The first server URL with its variables at their defaults; "" when the document has none. */
  baseUrl: string;
  securitySchemes: Record<string, SecuritySchemeModel>;
  operations: OperationModel[];
  /** Every schema of `components.schemas`, and where callers meet it. */
  schemas: SchemaModel[];
}

export type ParameterLocation = "path" | "query" | "header" | "cookie";
export const LOCATIONS: readonly ParameterLocation[] = ["path", "query", "header", "cookie"];

export type PrimitiveType = "string" | "number" | "integer" | "boolean";

export interface ParameterModel {
  name: string;
  in: ParameterLocation;
  required: boolean;
  deprecated: boolean;
  description?: string;
  /** The declared primitive type of a path parameter, which the runtime checks for JavaScript callers. */
  type?: PrimitiveType;
  /** The schema as a short type text (see `describeSchema`), for the review. */
  schemaType: string;
}

export interface BodyModel {
  required: boolean;
  contentType: string;
  kind: BodyKind;
  /** Name in `components.schemas` when the body's schema is exactly a reference to one. */
  schemaName?: string;
  description?: string;
  schemaType: string;
}

export interface ResponseModel {
  /** The key in `responses`: "200", "2XX", "404", "default". */
  status: string;
  contentType?: string;
  kind: ResponseKind;
  schemaName?: string;
  schemaType: string;
}

/** The names of an operation's own types: what hovers and error messages show. */
export interface OperationTypeNames {
  params: string;
  result: string;
  error: string;
}

export interface Collision {
  wanted: string;
  holder: { method: string; path: string; operationId?: string | undefined };
}

export interface OperationModel {
  name: string;
  /** Where a name the user chose came from: the operation's `x-codegen-name`, or the config file. */
  chosenIn?: string;
  collision?: Collision;
  operationId?: string;
  method: Method;
  path: string;
  /** JSON pointer of the operation object in the document. */
  pointer: string;
  summary?: string;
  description?: string;
  deprecated: boolean;
  tags: string[];
  types: OperationTypeNames;
  /** Sorted by location, then name. */
  parameters: ParameterModel[];
  body?: BodyModel;
  /** 2xx responses, in status order. */
  success: ResponseModel[];
  /** Every other declared response (4xx, 5xx, default), in status order. */
  errors: ResponseModel[];
  /** Alternatives, each a set of scheme names that must all be satisfied; `[]` means no auth. */
  security: string[][];
}

export type SecuritySchemeModel =
  | { type: "http"; scheme: string }
  | { type: "apiKey"; in: "header" | "query" | "cookie"; name: string }
  | { type: string };

export type SchemaUse = "request" | "response";

export interface SchemaModel {
  name: string;
  /** Where callers meet it: in what they send, what they receive, both, or (when no operation reaches it) neither. */
  usedIn: SchemaUse[];
  deprecated?: true;
  /** The whole type, for schemas that are not objects with properties. */
  type?: string;
  properties?: Record<string, string>;
  required?: string[];
}
