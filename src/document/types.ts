/**
 * The OpenAPI 3.0/3.1 document as the generator reads it (a 3.2 one written in 3.1 terms, see load/oas-3.2.ts). Only what the generator looks at is
 * typed; every object may hold more (extensions, keywords of the other version). Values come from
 * a user's file, so every field is optional and may still be of the wrong type: readers check.
 */

export interface Reference {
  $ref: string;
}

export type Ref<T> = T | Reference;

/** A JSON Schema as OpenAPI 3.0 (with `nullable`) or 3.1 (with `type` arrays) writes it. */
export interface SchemaObject {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  nullable?: boolean;
  items?: Schema;
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  required?: string[];
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  discriminator?: { propertyName?: string; mapping?: Record<string, string> };
  deprecated?: boolean;
  readOnly?: boolean;
  writeOnly?: boolean;
  description?: string;
  [keyword: string]: unknown;
}

export type Schema = SchemaObject | boolean;

export interface Server {
  url?: string;
  description?: string;
  variables?: Record<string, { default?: string; enum?: string[]; description?: string }>;
}

export interface Encoding {
  contentType?: string;
  style?: string;
  explode?: boolean;
  allowReserved?: boolean;
}

export interface MediaType {
  schema?: Schema;
  /** OpenAPI 3.2: the schema of each item of a sequential media type (event streams, JSON lines). */
  itemSchema?: Schema;
  encoding?: Record<string, Encoding>;
  example?: unknown;
  examples?: Record<string, unknown>;
}

export interface Parameter {
  name?: string;
  in?: string;
  required?: boolean;
  deprecated?: boolean;
  description?: string;
  style?: string;
  explode?: boolean;
  allowReserved?: boolean;
  schema?: Schema;
  content?: Record<string, MediaType>;
}

export interface RequestBody {
  required?: boolean;
  description?: string;
  content?: Record<string, MediaType>;
}

export interface Header {
  description?: string;
  required?: boolean;
  schema?: Schema;
  content?: Record<string, MediaType>;
}

export interface Response {
  description?: string;
  headers?: Record<string, Ref<Header>>;
  content?: Record<string, MediaType>;
}

export type SecurityRequirement = Record<string, string[]>;

export interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  deprecated?: boolean;
  tags?: string[];
  parameters?: Array<Ref<Parameter>>;
  requestBody?: Ref<RequestBody>;
  responses?: Record<string, Ref<Response>>;
  security?: SecurityRequirement[];
  servers?: Server[];
  "x-codegen-name"?: unknown;
  [extension: `x-${string}`]: unknown;
}

export const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
export type Method = (typeof METHODS)[number];
/** An operation's method: a fixed field's, OpenAPI 3.2's `query`, or one of its `additionalOperations` as written (`COPY`). */
export type OperationMethod = Method | "query" | (string & {});

export type PathItem = { [M in Method]?: Operation } & {
  $ref?: string;
  parameters?: Array<Ref<Parameter>>;
  servers?: Server[];
  summary?: string;
  description?: string;
};

export interface SecurityScheme {
  type?: string;
  scheme?: string;
  in?: string;
  name?: string;
  description?: string;
}

export interface Components {
  schemas?: Record<string, Schema>;
  parameters?: Record<string, Ref<Parameter>>;
  requestBodies?: Record<string, Ref<RequestBody>>;
  responses?: Record<string, Ref<Response>>;
  headers?: Record<string, Ref<Header>>;
  securitySchemes?: Record<string, Ref<SecurityScheme>>;
  pathItems?: Record<string, Ref<PathItem>>;
  [kind: string]: unknown;
}

export interface OpenApiDocument {
  openapi: string;
  info?: { title?: string; version?: string | number; description?: string };
  servers?: Server[];
  paths?: Record<string, Ref<PathItem>>;
  webhooks?: Record<string, Ref<PathItem>>;
  components?: Components;
  security?: SecurityRequirement[];
  tags?: Array<{ name?: string }>;
  [extension: string]: unknown;
}
