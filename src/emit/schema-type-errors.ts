import { InputError } from "../util/input-error.js";
import { pointerSegments, pointer as toPointer } from "../document/pointer.js";

/** Where openapi-typescript's errors come from, for messages: the document and how to place a pointer in it. */
export interface SchemaSource {
  file: string;
  locate?: (pointer: string) => { pointer: string; line?: number; column?: number };
}

/**
 * openapi-typescript throws a plain Error for a schema it cannot type ("Expected SchemaObject,
 * received Array at #/components/schemas/Pet", "invalid property birthday"): the linter lets
 * structural faults inside schemas through, since openapi-typescript reads what it understands.
 * That is the document's fault, so it becomes an InputError at the place it names. A RangeError
 * (a stack overflow) stays what it is: the limits are meant to prevent it, so it is a bug.
 */
export function schemaTypeError(err: unknown, source: SchemaSource): unknown {
  if (!(err instanceof Error) || err instanceof RangeError) return err;
  const at = /(#\/[^\s:]*)/.exec(err.message)?.[1];
  const property = /invalid property (.+?)\. Expected/.exec(err.message)?.[1];
  const ptr =
    at === undefined ? undefined : toPointer([...pointerSegments(at), ...(property !== undefined ? ["properties", property] : [])]);
  return new InputError({
    message: `openapi-typescript cannot type this schema: ${err.message}`,
    file: source.file,
    ...(ptr === undefined ? {} : (source.locate?.(ptr) ?? { pointer: ptr })),
    fix: "make it a Schema Object (a mapping such as { type: string }) or true/false, as OpenAPI requires, and each $ref a pointer to one",
  });
}
