import { beforeAll, describe, expect, it } from "vitest";
import yazl from "yazl";
import { POST } from "@/app/api/v1/import/project/route";
import { prepareDatabase } from "../../../scripts/lib/db/prepare";
import {
  recreateDatabase,
  tableChecksums,
  useDatabase,
} from "../../../scripts/lib/testing/database";
import {
  code,
  coding,
  importForm,
  importRequest,
  project,
  qdpx,
  selection,
  source,
} from "../../../scripts/lib/testing/refi-import";
import { createApiToken } from "../auth/tokens";
import { createUser } from "../auth/users";
import { refiGuid } from "./framescope";
import { writeProjectXml } from "./xml-write";
import { packQdpx } from "./zip";

/**
 * Hostile and broken project files through `POST /api/v1/import/project`, in process with real
 * API tokens on a real PostgreSQL: each is refused with a message naming the file, the element
 * and the reason, and the database is left exactly as it was. Also the endpoint's own checks.
 */

let url: string;
let adminToken: string;
let coderToken: string;
const ctx = { params: Promise.resolve({}) };
const MiB = 1024 * 1024;

const USER = "3A000000-0000-4000-8000-000000000001";
const TEXT = "A short text about Vostochny 😀 and Pyongyang.";

function validProject(plainTextPath = "internal://t.txt") {
  return project({
    users: [{ guid: USER, name: "Tester", id: null }],
    codes: [
      code(refiGuid.dimension("ties"), "ties", [
        code(refiGuid.code("ties", "security_threat"), "Security threat"),
      ]),
    ],
    sources: [
      source(
        "3B000000-0000-4000-8000-000000000001",
        "Short",
        { path: plainTextPath },
        {
          selections: [
            selection("3C000000-0000-4000-8000-000000000001", 2, 7, [
              coding(
                "3D000000-0000-4000-8000-000000000001",
                refiGuid.code("ties", "security_threat"),
                USER,
              ),
            ]),
          ],
        },
      ),
    ],
  });
}

async function snapshot() {
  const { api_token: _t, ...rest } = await tableChecksums(url);
  return rest;
}

async function post(
  body: FormData | BodyInit | null,
  opts: Parameters<typeof importRequest>[1] = {},
) {
  const res = await POST(importRequest(body, { token: adminToken, ...opts }), ctx);
  return { status: res.status, json: await res.json() };
}

/** Posts a file and expects a 400 that names the file and matches `reason`, nothing written. */
async function refusedFile(file: Buffer, reason: RegExp) {
  const before = await snapshot();
  const { status, json } = await post(
    importForm(file, { outlet: "hankyoreh", genre: "editorial", language: "en" }),
  );
  expect(await snapshot()).toEqual(before);
  expect(status).toBe(400);
  expect(json.error).toMatch(/^project\.qdpx(\/project\.qde)?: /);
  expect(json.error).toMatch(reason);
  expect(json.issues).toEqual([{ param: "file", message: json.error }]);
  return json;
}

beforeAll(async () => {
  url = await recreateDatabase("import_c1_hostile", { migrate: false });
  await prepareDatabase(url, { log: () => {} });
  useDatabase(url);
  const admin = await createUser({
    email: "a@example.org",
    password: "a long enough password",
    role: "admin",
    coderKey: "AD-1",
  });
  const coder = await createUser({
    email: "c@example.org",
    password: "a long enough password",
    role: "coder",
    coderKey: "CO-1",
  });
  adminToken = await createApiToken(admin.id, "import tests");
  coderToken = await createApiToken(coder.id, "import tests");
}, 180_000);

describe("hostile files are refused and change nothing", () => {
  it("a zip bomb: an entry that inflates past the limit", async () => {
    const file = await packQdpx(writeProjectXml(validProject()), [
      { path: "Sources/t.txt", data: Buffer.alloc(60 * MiB, 0x61) },
    ]);
    expect(file.length).toBeLessThan(1 * MiB);
    await refusedFile(file, /Sources\/t\.txt: .*(limit|large)/i);
  });

  it("a zip with more entries than the limit", async () => {
    // Stored, not deflated: 20,001 tiny entries pack in seconds.
    const zip = new yazl.ZipFile();
    zip.addBuffer(Buffer.from(writeProjectXml(validProject())), "project.qde");
    for (let i = 0; i <= 20_000; i++)
      zip.addBuffer(Buffer.from("x"), `Sources/${i}.txt`, { compress: false });
    zip.end();
    const chunks: Buffer[] = [];
    for await (const c of zip.outputStream) chunks.push(c as Buffer);
    await refusedFile(Buffer.concat(chunks), /20002 entries; the limit is 20000/);
  }, 90_000);

  it("path traversal in an entry name", async () => {
    const packed = await packQdpx(writeProjectXml(validProject()), [
      { path: "Sources/t.txt", data: TEXT },
      { path: "zz/evil.txt", data: "owned" },
    ]);
    // The zip writer refuses such names; the bytes are patched as an attacker would.
    const file = Buffer.from(
      packed.toString("latin1").replaceAll("zz/evil.txt", "../evil.txt"),
      "latin1",
    );
    await refusedFile(file, /\.\.\/evil\.txt: .*\.\./);
  });

  it("an XML external entity", async () => {
    const xml = writeProjectXml(validProject()).replace(
      /<Project /,
      '<!DOCTYPE Project [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<Project ',
    );
    await refusedFile(
      await packQdpx(xml, [{ path: "Sources/t.txt", data: TEXT }]),
      /DOCTYPE|DTD|entit/i,
    );
  });

  it("a billion-laughs entity expansion", async () => {
    const entities = ['<!ENTITY lol "lol">'];
    for (let i = 1; i <= 9; i++)
      entities.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? "" : i - 1};`.repeat(10)}">`);
    const xml = writeProjectXml(validProject())
      .replace(/<Project /, `<!DOCTYPE Project [${entities.join("")}]>\n<Project `)
      .replace(/name="Test project"/, 'name="&lol9;"');
    await refusedFile(
      await packQdpx(xml, [{ path: "Sources/t.txt", data: TEXT }]),
      /DOCTYPE|DTD|entit/i,
    );
  });

  it("a wrong namespace", async () => {
    const xml = writeProjectXml(validProject()).replaceAll(
      "urn:QDA-XML:project:1.0",
      "urn:example:other",
    );
    await refusedFile(await packQdpx(xml, [{ path: "Sources/t.txt", data: TEXT }]), /namespace/);
  });

  it("not a zip at all", async () => {
    await refusedFile(Buffer.from("this is not a zip file, just text"), /zip/i);
  });

  it("a missing source: listed in the preview, refused on import", async () => {
    const file = await qdpx(validProject("internal://missing.txt"));
    const preview = await post(
      importForm(file, { dryRun: "true", outlet: "hankyoreh", genre: "editorial", language: "en" }),
    );
    expect(preview.status).toBe(200);
    expect(preview.json.sources).toEqual({ matched: 0, new: 0, skipped: 1 });
    expect(preview.json.details.sources[0].reason).toMatch(
      /missing\.txt is not in the project file/,
    );
    await refusedFile(file, /TextSource "Short" .*missing\.txt is not in the project file/);
  });

  it("a 200 MB upload: 413 from its Content-Length, before the body is read", async () => {
    const before = await snapshot();
    const { status, json } = await post("x".repeat(10), {
      headers: {
        "content-type": "multipart/form-data; boundary=x",
        "content-length": String(200 * 1000 * 1000),
      },
    });
    expect(status).toBe(413);
    expect(json.error).toMatch(/larger than 100 MiB/);
    expect(await snapshot()).toEqual(before);
  });

  it("a 200 MB upload without a Content-Length: 413 once 100 MiB have been read", async () => {
    const before = await snapshot();
    let sent = 0;
    const chunk = new Uint8Array(MiB);
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 200 * MiB) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const { status, json } = await post(body, {
      headers: { "content-type": "multipart/form-data; boundary=x" },
    });
    expect(status).toBe(413);
    expect(json.error).toMatch(/larger than 100 MiB/);
    expect(sent).toBeLessThan(110 * MiB);
    expect(await snapshot()).toEqual(before);
  });
});

describe("POST /api/v1/import/project", () => {
  it("401 without credentials, 403 for a coder", async () => {
    const file = await qdpx(validProject(), [{ path: "Sources/t.txt", data: TEXT }]);
    expect((await post(importForm(file), { token: null })).status).toBe(401);
    const coder = await post(importForm(file), { token: coderToken });
    expect(coder).toEqual({ status: 403, json: { error: "only an admin may do this" } });
  });

  it("400 naming the field: no file, an unknown field, an unknown outlet or code", async () => {
    const file = await qdpx(validProject(), [{ path: "Sources/t.txt", data: TEXT }]);
    expect((await post(importForm(null, { dryRun: "true" }))).json.issues[0].param).toBe("file");
    expect((await post(importForm(file, { colour: "red" }))).json.issues[0].param).toBe("colour");
    expect((await post(importForm(file, { dryRun: "maybe" }))).json.issues[0].param).toBe("dryRun");
    const outlet = await post(importForm(file, { outlet: "nowhere" }));
    expect(outlet.status).toBe(400);
    expect(outlet.json.issues).toEqual([
      { param: "outlet", message: "there is no outlet nowhere" },
    ]);
    const guid = refiGuid.code("ties", "security_threat");
    const mapped = await post(importForm(file, { [`code:${guid}`]: "ties/nothing" }));
    expect(mapped.json.issues[0].param).toBe(`code:${guid}`);
    expect(
      (await post(JSON.stringify({}), { headers: { "content-type": "application/json" } })).status,
    ).toBe(415);
  });

  it("dryRun=true answers 200 with the preview; without it 201 with what was written", async () => {
    const file = await qdpx(validProject(), [{ path: "Sources/t.txt", data: TEXT }]);
    const fields = { outlet: "hankyoreh", genre: "editorial", language: "en" };
    const before = await snapshot();
    const preview = await post(importForm(file, { ...fields, dryRun: "true" }));
    expect(await snapshot()).toEqual(before);
    expect(preview.status).toBe(200);
    expect(preview.json).toMatchObject({
      dryRun: true,
      sources: { matched: 0, new: 1, skipped: 0 },
      coders: [{ guid: USER, user: "Tester", coder: "Tester", status: "new", codings: 1 }],
      codes: { mapped: 1, unmatched: 0 },
      selections: { ok: 1, invalid: 0 },
      written: null,
    });
    const written = await post(importForm(file, fields));
    expect(written.status).toBe(201);
    expect(written.json.written).toEqual({
      articles: 1,
      coders: 1,
      passageCodes: 1,
      articleCodes: 0,
      unchanged: 0,
    });
  });
});
