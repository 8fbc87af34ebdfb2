// Type-level tests of read/write views, Date types, enum lists and validators, on the client
// compile.test.ts generates from test/fixtures/pets.yaml (with pets.config.json: dates "Date")
// and pets-3.1.yaml (validators on). An unused `@ts-expect-error` is itself an error (TS2578).
import {
  type components,
  createClient,
  type RequestValidationError,
  type ResponseValidationError,
  type ValidationIssue,
} from "../../.tmp/compile/pets/index.js";
import { PetKindValues, type PetStatusValues } from "../../.tmp/compile/pets/enums.js";
import { createPet, validators } from "../../.tmp/compile/pets/validators.js";
import * as pets31 from "../../.tmp/compile/pets-3.1/index.js";
import type * as pets31Enums from "../../.tmp/compile/pets-3.1/enums.js";

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assertType = <T extends true>(_: T) => {};
type Schemas = components["schemas"];

const api = createClient({ validate: "all", validators });

export async function views(): Promise<void> {
  // readOnly properties are absent from what is sent, present in what is received.
  const pet = await api.createPet({ body: { name: "Rex", kind: "dog" } });
  assertType<Equals<typeof pet, Schemas["Pet"]>>(true);
  assertType<Equals<typeof pet.id, number>>(true);
  // @ts-expect-error id is readOnly: not part of the request
  await api.createPet({ body: { id: 1, name: "Rex", kind: "dog" } });
  assertType<Equals<"id" | "createdAt" extends keyof Schemas["PetWritable"] ? true : false, false>>(true);

  // writeOnly properties are absent from what is received, required in what is sent.
  const owner = await api.createOwner({ body: { name: "Ann", password: "long enough" } });
  assertType<Equals<"password" extends keyof typeof owner ? true : false, false>>(true);
  // @ts-expect-error password is required when sending
  await api.createOwner({ body: { name: "Ann" } });
  // Deep inside: an owner's pets, as sent, have no id either.
  assertType<Equals<Schemas["OwnerWritable"]["pets"], Schemas["PetWritable"][] | undefined>>(true);
  // Unions keep their discriminator values.
  assertType<Equals<Schemas["EventWritable"]["type"], "adoption" | "checkup">>(true);

  // Without readOnly or writeOnly, one type serves both directions.
  assertType<Equals<"PetKindWritable" extends keyof Schemas ? true : false, false>>(true);
}

export async function dates(): Promise<void> {
  const pet = await api.getPet({ petId: 1 });
  assertType<Equals<typeof pet.createdAt, Date | undefined>>(true);
  assertType<Equals<typeof pet.birthday, Date | undefined>>(true);
  assertType<Equals<Schemas["Owner"]["lastSeen"], Date | null | undefined>>(true);
  await api.listPets({ since: new Date() });
  // @ts-expect-error a date-time parameter takes a Date
  await api.listPets({ since: "2024-01-01T00:00:00Z" });

  // Without the setting (pets-3.1.yaml has no config), dates stay strings.
  const plain = await pets31.createClient().getPet({ petId: 1 });
  assertType<Equals<typeof plain.createdAt, string | undefined>>(true);
}

export function enums(): void {
  assertType<Equals<typeof PetKindValues, readonly ["dog", "cat", "bird"]>>(true);
  assertType<Equals<(typeof PetKindValues)[number], Schemas["PetKind"]>>(true);
  assertType<Equals<(typeof PetStatusValues)[number], NonNullable<Schemas["Pet"]["status"]>>>(true);
  // @ts-expect-error the lists are read-only
  PetKindValues.push("fish");
  const guard = (x: string): x is Schemas["PetKind"] => (PetKindValues as readonly string[]).includes(x);
  assertType<Equals<typeof guard, (x: string) => x is Schemas["PetKind"]>>(true);
  // 3.1's enum lists null itself, and so does its list.
  assertType<Equals<typeof pets31Enums.PetStatusValues, readonly ["available", "sold", null]>>(true);
}

export function validation(error: RequestValidationError, drift: ResponseValidationError): void {
  assertType<Equals<typeof error.issues, readonly ValidationIssue[]>>(true);
  assertType<Equals<typeof drift.data, unknown>>(true);
  const issues = createPet.request({ body: {} });
  assertType<Equals<typeof issues, ValidationIssue[]>>(true);
  createPet.responses["201"]({});
  // @ts-expect-error createPet answers 201, not 200
  createPet.responses["200"];
  // @ts-expect-error validate takes one of four words
  createClient({ validate: "yes", validators });
}
