import { beforeAll, describe, expect, test } from "vitest";
import {
  hostileQdpx,
  MINIMAL_PROJECT_XML,
  withDeclaredSize,
  zipOf,
  zipWithEntryNamed,
} from "./fixtures/hostile";
import { RefiError } from "./model";
import { packQdpx, QDPX_LIMITS, type QdpxLimits, readQdpx } from "./zip";

const MiB = 1024 * 1024;
const project = { name: "project.qde", data: MINIMAL_PROJECT_XML };

/** The RefiError readQdpx throws, checked to come within a second. */
async function refusal(bytes: Buffer, limits?: QdpxLimits): Promise<RefiError> {
  const started = performance.now();
  const error = await readQdpx(bytes, limits, "hostile.qdpx").then(
    () => null,
    (e: unknown) => e,
  );
  expect(performance.now() - started).toBeLessThan(1000);
  expect(error).toBeInstanceOf(RefiError);
  const refi = error as RefiError;
  expect(refi.file).toBe("hostile.qdpx");
  return refi;
}

describe("packQdpx and readQdpx", () => {
  test("pack puts project.qde first, then the sources, and read gives them back", async () => {
    const text = "Korean 한국어, an emoji 😀 and a rare Hanja 𠀀\r\n";
    const zip = await packQdpx(MINIMAL_PROJECT_XML, [
      { path: "Sources/A.txt", data: text },
      { path: "Sources/B.txt", data: Buffer.from([0xef, 0xbb, 0xbf, 0x41]) },
    ]);
    // The first local header names project.qde.
    expect(zip.subarray(30, 30 + "project.qde".length).toString()).toBe("project.qde");
    const read = await readQdpx(zip);
    expect(read.projectXml).toBe(MINIMAL_PROJECT_XML);
    expect([...read.files.keys()]).toEqual(["Sources/A.txt", "Sources/B.txt"]);
    expect(read.files.get("Sources/A.txt")?.toString("utf8")).toBe(text);
    expect(read.files.get("Sources/B.txt")).toEqual(Buffer.from([0xef, 0xbb, 0xbf, 0x41]));
  });

  test("the same project packs to the same bytes", async () => {
    const files = [{ path: "Sources/A.txt", data: "same" }];
    expect(await packQdpx(MINIMAL_PROJECT_XML, files)).toEqual(
      await packQdpx(MINIMAL_PROJECT_XML, files),
    );
  });

  test("pack refuses a path that would leave the folder", async () => {
    await expect(packQdpx(MINIMAL_PROJECT_XML, [{ path: "../x.txt", data: "" }])).rejects.toThrow(
      /climbs out/,
    );
  });

  test("sources under sources/ (lower case) are read; other files and folders are not", async () => {
    const zip = await zipOf([
      { name: "sources/a.txt", data: "lower" },
      project,
      { name: "Sources/b.txt", data: "upper" },
      { name: "media/picture.png", data: "png" },
      { name: "nested/project.qde", data: "<x/>" },
    ]);
    const read = await readQdpx(zip);
    expect(read.projectXml).toBe(MINIMAL_PROJECT_XML);
    expect([...read.files.keys()]).toEqual(["sources/a.txt", "Sources/b.txt"]);
  });

  test("stored (uncompressed) entries are read too", async () => {
    const zip = await zipOf([
      { ...project, compress: false },
      { name: "Sources/a.txt", data: "x", compress: false },
    ]);
    expect((await readQdpx(zip)).files.get("Sources/a.txt")?.toString()).toBe("x");
  });

  test("a project.qde that is not UTF-8 is refused", async () => {
    const zip = await zipOf([{ name: "project.qde", data: Buffer.from([0x3c, 0xff, 0xfe, 0x3e]) }]);
    expect((await refusal(zip)).reason).toMatch(/not valid UTF-8/);
  });
});

describe("hostile zips are refused with the file, the entry and the reason", () => {
  let files: Record<string, Buffer>;
  beforeAll(async () => {
    files = await hostileQdpx();
  });

  test("a zip bomb: a few KB that inflate to 60 MiB, over the 50 MiB entry cap", async () => {
    expect(files.zipBomb.length).toBeLessThan(100 * 1024);
    const error = await refusal(files.zipBomb);
    expect(error.element).toBe("Sources/bomb.txt");
    expect(error.reason).toBe("the entry declares 60 MiB; the limit is 50 MiB");
  });

  test("a zip bomb that declares a small size is stopped while inflating", async () => {
    const lying = withDeclaredSize(files.zipBomb, "Sources/bomb.txt", 1000);
    const error = await refusal(lying);
    expect(error.element).toBe("Sources/bomb.txt");
    expect(error.reason).toMatch(/size is not what it declares/);
  });

  test("an entry whose declared size lies", async () => {
    const error = await refusal(files.lyingSize);
    expect(error.element).toBe("Sources/liar.txt");
    expect(error.reason).toMatch(/size is not what it declares/);
  });

  test("a declared size over the cap is refused before inflating", async () => {
    const zip = withDeclaredSize(
      await zipOf([project, { name: "Sources/a.txt", data: "small" }]),
      "Sources/a.txt",
      60 * MiB,
    );
    expect((await refusal(zip)).reason).toMatch(/declares 60 MiB; the limit is 50 MiB/);
  });

  test("entries that together pass the total cap", async () => {
    const limits = { ...QDPX_LIMITS, maxEntryBytes: MiB, maxTotalBytes: 1.5 * MiB };
    const zip = await zipOf([
      project,
      { name: "Sources/1.txt", data: Buffer.alloc(0.6 * MiB) },
      { name: "Sources/2.txt", data: Buffer.alloc(0.6 * MiB) },
      { name: "Sources/3.txt", data: Buffer.alloc(0.6 * MiB) },
    ]);
    const error = await refusal(zip, limits);
    expect(error.element).toBe("Sources/3.txt");
    expect(error.reason).toMatch(/larger than 1.5 MiB together/);
  });

  test("too many entries, counted in the zip directory before anything is read", async () => {
    const error = await refusal(files.tooManyEntries);
    expect(error.reason).toBe("the zip has 60000 entries; the limit is 20000");
    const eleven = await zipOf(
      Array.from({ length: 11 }, (_, i) => ({ name: `Sources/${i}.txt`, data: "x" })),
    );
    expect((await refusal(eleven, { ...QDPX_LIMITS, maxEntries: 10 })).reason).toMatch(
      /11 entries; the limit is 10/,
    );
  });

  test.each([
    ["pathTraversal", "../evil.txt", /climbs out of the archive/],
    ["absolutePath", "/etc/passwd", /absolute path/],
    ["driveLetter", "C:\\x", /backslash/],
  ])("%s: the entry %s", async (name, entry, reason) => {
    const error = await refusal(files[name]);
    expect(error.element).toBe(entry);
    expect(error.reason).toMatch(reason);
  });

  test.each([
    ["Sources/../../x.txt", /climbs out/],
    ["Sources\\evil.txt", /backslash/],
    ["D:/x.txt", /drive letter/],
  ])("a hidden unsafe name %s", async (entry, reason) => {
    const error = await refusal(await zipWithEntryNamed(entry));
    expect(error.element).toBe(entry);
    expect(error.reason).toMatch(reason);
  });

  test("an encrypted entry", async () => {
    const error = await refusal(files.encrypted);
    expect(error.element).toBe("project.qde");
    expect(error.reason).toBe("the entry is encrypted");
  });

  test("not a zip at all, and a truncated zip", async () => {
    expect((await refusal(files.notAZip)).reason).toMatch(/^not a zip file/);
    expect((await refusal(files.truncated)).reason).toMatch(/^not a zip file|damaged/);
    expect((await refusal(Buffer.alloc(0))).reason).toMatch(/^not a zip file/);
  });

  test("a zip without project.qde at its root", async () => {
    const error = await refusal(files.noProject);
    expect(error.element).toBe("project.qde");
    expect(error.reason).toMatch(/no project.qde at its root/);
  });

  test("two entries of the same name", async () => {
    const zip = await zipOf([
      project,
      { name: "Sources/a.txt", data: "1" },
      { name: "Sources/a.txt", data: "2" },
    ]);
    expect((await refusal(zip)).reason).toMatch(/two entries of this name/);
  });

  test("a file larger than the upload limit is refused before it is opened", async () => {
    const error = await refusal(Buffer.alloc(QDPX_LIMITS.maxBytes + 1));
    expect(error.reason).toMatch(/the limit is 100 MiB/);
  });
});
