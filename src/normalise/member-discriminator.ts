import { isObject } from "../document/own.js";
import type { SchemaRule } from "./schema-rules.js";

/**
 * A `discriminator` on an inline `allOf` member that has no `oneOf`/`anyOf` to choose among
 * (DigitalOcean's `floatingIPsAction_post`, whose mapping names files that are not shipped) picks
 * nothing: validators read a discriminator only beside a union. openapi-typescript still types
 * such a member as `Omit<member, "type">`, and as the member is no component, nothing pins the tag
 * again: a body without its required `type` would compile. The member keeps its property as written.
 * A `$ref` member (a component parent, Pet for Cat) is left alone: `explicitDiscriminators` pins its heirs.
 */
export const memberDiscriminator: SchemaRule = (schema, at, note) => {
  if (!Array.isArray(schema.allOf)) return schema;
  let allOf: unknown[] | undefined;
  schema.allOf.forEach((member: unknown, i: number) => {
    if (!isObject(member) || member.$ref !== undefined || member.discriminator === undefined) return;
    if (member.oneOf !== undefined || member.anyOf !== undefined) return;
    const { discriminator: _, ...rest } = member;
    allOf ??= [...schema.allOf];
    allOf[i] = rest;
    note(`${at}/allOf/${i}: a discriminator with no union to choose among is left out (its property stays as declared)`);
  });
  return allOf === undefined ? schema : { ...schema, allOf };
};
