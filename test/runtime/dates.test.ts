// `dates: "Date"` (test/fixtures/pets.config.json): a client generated from pets.yaml sends Date
// values as ISO 8601 strings and gives back Date objects, against a node:http server on 127.0.0.1.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { main } from "../../src/cli/main.js";
import { root } from "../tsc.js";
import { json, startServer, type TestServer } from "./server.js";

const out = path.join(root, ".tmp", "dates", "client");
let server: TestServer;
let pets: any;
let validators: any;

beforeAll(async () => {
  const quiet = { out: () => {}, err: (t: string) => void process.stderr.write(t) };
  expect(await main(["--input", "test/fixtures/pets.yaml", "--output", ".tmp/dates/client"], quiet, root)).toBe(0);
  pets = await import(pathToFileURL(path.join(out, "index.js")).href);
  ({ validators } = await import(pathToFileURL(path.join(out, "validators.js")).href));
  server = await startServer();
}, 60000);
afterAll(() => server.close());

const api = (options: object = {}) => pets.createClient({ baseUrl: server.url, maxRetries: 0, ...options });
const last = () => server.seen[server.seen.length - 1]!;
const sentBody = () => JSON.parse(last().body.toString());
const pet = { id: 1, name: "Rex", kind: "dog", birthday: "2020-02-29", createdAt: "2024-05-01T12:30:00.250Z" };

describe("Date round trip", () => {
  test("a date and a date-time in a response become Dates; sent back, they are the same strings", async () => {
    server.reset((_req, res) => json(res, 200, pet));
    const got = await api().getPet({ petId: 1 });
    expect(got.birthday).toEqual(new Date("2020-02-29T00:00:00Z"));
    expect(got.createdAt).toEqual(new Date("2024-05-01T12:30:00.250Z"));
    server.reset((_req, res) => json(res, 201, pet));
    await api().createPet({ body: { name: got.name, kind: got.kind, birthday: got.birthday } });
    expect(sentBody()).toEqual({ name: "Rex", kind: "dog", birthday: "2020-02-29" });
  });

  test("the caller's objects are not changed", async () => {
    server.reset((_req, res) => json(res, 201, pet));
    const birthday = new Date("2021-06-01T00:00:00Z");
    const body = { name: "Rex", kind: "dog", birthday };
    await api().createPet({ body });
    expect(body.birthday).toBe(birthday);
  });

  test("a Date in a query parameter is sent as ISO 8601", async () => {
    server.reset((_req, res) => json(res, 200, []));
    await api().listPets({ since: new Date("2024-01-02T03:04:05Z") });
    expect(last().url).toBe("/pets?since=2024-01-02T03%3A04%3A05.000Z");
  });

  test("dates deep inside: arrays, nullable values, nested schemas, union branches", async () => {
    const owner = { id: "0b5e2f0c-58c4-4f5a-9f0e-2c1d3b4a5f6e", name: "Ann", lastSeen: null, pets: [pet] };
    server.reset((_req, res) =>
      json(res, 200, [
        { type: "adoption", at: "2024-03-01T09:00:00+01:00", owner },
        { type: "checkup", on: "2024-03-02", notes: "2024-03-02" },
      ]),
    );
    const [adoption, checkup] = await api().listPetEvents({ petId: 1 });
    expect(adoption.at).toEqual(new Date("2024-03-01T08:00:00Z"));
    expect(adoption.owner.lastSeen).toBeNull();
    expect(adoption.owner.pets[0].createdAt).toBeInstanceOf(Date);
    expect(checkup.on).toEqual(new Date("2024-03-02T00:00:00Z"));
    // Not a date in the schema: stays a string, even when it looks like one.
    expect(checkup.notes).toBe("2024-03-02");
  });

  test("a string that is not of the date's form is left as it is", async () => {
    server.reset((_req, res) => json(res, 200, { ...pet, birthday: "soon", createdAt: "2024-13-45T99:00:00Z" }));
    const got = await api().getPet({ petId: 1 });
    expect(got.birthday).toBe("soon");
    expect(got.createdAt).toBe("2024-13-45T99:00:00Z");
  });

  test("an invalid Date is refused before sending", async () => {
    server.reset((_req, res) => json(res, 201, pet));
    await expect(api().createPet({ body: { name: "Rex", kind: "dog", birthday: new Date("nope") } })).rejects.toThrow(
      'parameter "body/birthday" of createPet is an invalid Date',
    );
    expect(server.seen).toEqual([]);
  });

  test("with validation: Dates are checked as the strings they are sent as, and responses before they become Dates", async () => {
    server.reset((_req, res) => json(res, 201, pet));
    const validating = api({ validators });
    const created = await validating.createPet({ body: { name: "Rex", kind: "dog", birthday: new Date("2020-02-29T00:00:00Z") } });
    expect(created.birthday).toBeInstanceOf(Date);
    server.reset((_req, res) => json(res, 200, { ...pet, birthday: "soon" }));
    await expect(validating.getPet({ petId: 1 })).rejects.toMatchObject({ issues: [{ path: "/birthday", keyword: "format" }] });
  });
});
