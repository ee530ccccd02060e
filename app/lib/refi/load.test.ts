import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, test } from "vitest";
import {
  buildForeignProject,
  ENGLISH_TEXT,
  FOREIGN,
  FOREIGN_PROJECT_PATH,
  KOREAN_TEXT,
  NOTE_FILE_TEXT,
} from "./fixtures/foreign-project";
import { FULL_TEXT, fullProject } from "./fixtures/full-project";
import { hostileQdpx, zipOf } from "./fixtures/hostile";
import { type LoadedProject, loadProject } from "./load";
import { RefiError } from "./model";
import { validateProjectXml } from "./validate";
import { writeProjectXml } from "./xml-write";
import { packQdpx, readQdpx } from "./zip";

const G = "0F4C4B0E-9C7B-4D43-9B55-3A1C0E8F2D11";

/** A project.qde with one TextSource carrying the given attributes and content. */
function oneSource(attrs: string, content = ""): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="one"><Sources><TextSource guid="${G}" ${attrs}>${content}</TextSource></Sources></Project>`;
}

async function loadOne(attrs: string, files: { name: string; data: string | Buffer }[] = []) {
  const bytes = await zipOf([{ name: "project.qde", data: oneSource(attrs) }, ...files]);
  return (await loadProject(bytes, "one.qdpx")).sources[0];
}

/** The text a selection covers, by code points. */
function quoted(text: string | null, start: number, end: number): string {
  return [...(text ?? "")].slice(start, end).join("");
}

describe("the foreign project fixture", () => {
  let project: LoadedProject;
  beforeAll(async () => {
    project = await loadProject(readFileSync(FOREIGN_PROJECT_PATH), "foreign-project.qdpx");
  });

  test("the committed .qdpx is what its script builds", async () => {
    expect(readFileSync(FOREIGN_PROJECT_PATH).equals(await buildForeignProject())).toBe(true);
  });

  test("is a valid REFI-QDA project", async () => {
    const { projectXml } = await readQdpx(readFileSync(FOREIGN_PROJECT_PATH));
    expect(await validateProjectXml(projectXml)).toEqual({ valid: true, errors: [] });
  });

  test("loads both text sources with their whole texts, the BOM dropped", () => {
    expect(project.name).toBe("Border towns & the treaty");
    expect(project.origin).toBe("QualCoder 3.5");
    const [english, korean] = project.sources;
    expect(english).toMatchObject({
      guid: FOREIGN.sources.english,
      text: ENGLISH_TEXT,
      problem: null,
    });
    expect(english.plainTextPath).toBe(`internal://${FOREIGN.sources.english}.txt`);
    expect(korean).toMatchObject({ text: KOREAN_TEXT, problem: null, plainTextPath: null });
    expect(project.ignored).toEqual({ Case: 1, PDFSource: 1 });
  });

  test("selections count code points: each covers its quote, after emoji, flags and Hanja", () => {
    for (const source of project.sources) {
      for (const s of source.selections) {
        if (s.name === "past the end") continue;
        expect(quoted(source.text, s.start, s.end)).toBe(s.name);
      }
    }
    const korean = project.sources[1];
    const last = korean.selections.find((s) => s.name === "도 들어 있다");
    // 🇰🇷 is two code points (four UTF-16 units) and 𠀀 one (two units) before it.
    expect(KOREAN_TEXT.indexOf("도 들어 있다") - (last?.start ?? 0)).toBe(3);
  });

  test("users, codes, codings, notes and the selection past the end are all there", () => {
    expect(project.users.map((u) => u.name)).toEqual(["Min-ji Park", "Alex Kim"]);
    expect(project.codes.map((c) => c.name)).toEqual([
      "Generic news frames",
      "Stance on arms for Ukraine",
      "Framing of Russia–North Korea ties",
      "Family reunions",
      "Commits",
    ]);
    expect(project.codes[0].children.map((c) => c.name)).toEqual([
      "Conflict",
      "Human interest",
      "Nostalgia",
    ]);
    const [english, korean] = project.sources;
    expect(english.selections.map((s) => s.codings.length)).toEqual([2, 2, 1, 1]);
    expect(english.codings.map((c) => c.codeGuid)).toEqual([FOREIGN.codes.oppose]);
    expect(english.selections[3]).toMatchObject({ start: 400, end: 420 });
    expect([...(english.text ?? "")].length).toBeLessThan(400);
    expect(korean.selections[2].codings[0].creatingUser).toBeNull();
    const notes = new Map(project.notes.map((n) => [n.name, n.text]));
    expect(notes.get("Memo: Cold War")).toBe("The Cold War framing is explicit <here>.");
    expect(notes.get("Memo: reunions")).toBe(NOTE_FILE_TEXT);
    expect(english.selections[0].codings[0].noteGuids).toHaveLength(1);
    expect(english.selections[1].noteGuids).toHaveLength(1);
  });
});

describe("loadProject resolves each source's text", () => {
  test("a Framescope project round-trips its texts and model", async () => {
    const written = fullProject();
    const file = written.sources[0];
    const bytes = await packQdpx(writeProjectXml(written), [
      { path: `Sources/${file.guid}.txt`, data: FULL_TEXT },
      { path: "Sources/note.txt", data: "note in a file" },
    ]);
    const loaded = await loadProject(bytes);
    expect(loaded.sources[0].text).toBe(FULL_TEXT);
    expect(loaded.sources[0].problem).toBeNull();
    expect(loaded.sources[1].text).toBe(loaded.sources[1].plainTextContent);
    expect(loaded.notes.find((n) => n.plainTextPath)?.text).toBe("note in a file");
  });

  test("a missing file is a problem of that source, not an error", async () => {
    const source = await loadOne('plainTextPath="internal://gone.txt"');
    expect(source.text).toBeNull();
    expect(source.problem).toBe("Sources/gone.txt is not in the project file");
  });

  test("text that is not UTF-8 is a problem", async () => {
    const source = await loadOne('plainTextPath="internal://latin1.txt"', [
      { name: "Sources/latin1.txt", data: Buffer.from("caf\xe9", "latin1") },
    ]);
    expect(source).toMatchObject({
      text: null,
      problem: "Sources/latin1.txt is not valid UTF-8 text",
    });
  });

  test("a relative path is found as it is or under the source folders", async () => {
    const direct = await loadOne('plainTextPath="sources/a.txt"', [
      { name: "sources/a.txt", data: "A" },
    ]);
    expect(direct.text).toBe("A");
    const bare = await loadOne('plainTextPath="b.txt"', [{ name: "Sources/b.txt", data: "B" }]);
    expect(bare.text).toBe("B");
  });

  test("a percent-encoded internal path", async () => {
    const source = await loadOne('plainTextPath="internal://my%20text.txt"', [
      { name: "Sources/my text.txt", data: "spaced" },
    ]);
    expect(source.text).toBe("spaced");
  });

  test("a path outside the project file is never read", async () => {
    for (const path of [
      "relative://Documents/a.txt",
      "file:///etc/passwd",
      "/etc/passwd",
      "C:\\secret.txt",
      "https://example.org/a.txt",
    ]) {
      const source = await loadOne(`plainTextPath="${path}"`);
      expect(source.text).toBeNull();
      expect(source.problem).toMatch(/outside the project file|is not in the project file/);
    }
  });

  test("a project.qde that starts with a byte order mark, as Windows tools write it", async () => {
    const xml = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(oneSource("", "<PlainTextContent>ok</PlainTextContent>")),
    ]);
    const project = await loadProject(await zipOf([{ name: "project.qde", data: xml }]));
    expect(project.sources[0].text).toBe("ok");
  });

  test("a source with neither a path nor inline text", async () => {
    expect((await loadOne("")).problem).toBe(
      "the source has neither plainTextPath nor PlainTextContent",
    );
  });
});

describe("loadProject refuses hostile files", () => {
  let files: Record<string, Buffer>;
  beforeAll(async () => {
    files = await hostileQdpx();
  });

  test.each([
    ["zipBomb", "x.qdpx", /declares 60 MiB/],
    ["lyingSize", "x.qdpx", /not what it declares/],
    ["tooManyEntries", "x.qdpx", /60000 entries/],
    ["pathTraversal", "x.qdpx", /climbs out/],
    ["absolutePath", "x.qdpx", /absolute path/],
    ["driveLetter", "x.qdpx", /backslash/],
    ["encrypted", "x.qdpx", /encrypted/],
    ["xxe", "x.qdpx/project.qde", /DOCTYPE is not allowed/],
    ["billionLaughs", "x.qdpx/project.qde", /DOCTYPE is not allowed/],
    ["wrongNamespace", "x.qdpx/project.qde", /wrong namespace/],
    ["noProject", "x.qdpx", /no project.qde/],
    ["notAZip", "x.qdpx", /not a zip file/],
    ["truncated", "x.qdpx", /not a zip file|damaged/],
  ])("%s", async (name, file, reason) => {
    const started = performance.now();
    const error = await loadProject(files[name], "x.qdpx").catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(error).toBeInstanceOf(RefiError);
    expect((error as RefiError).file).toBe(file);
    expect((error as RefiError).reason).toMatch(reason);
  });

  test("missingSource loads, with the source's problem", async () => {
    const project = await loadProject(files.missingSource, "x.qdpx");
    expect(project.sources[0].problem).toBe(`Sources/${G}.txt is not in the project file`);
  });
});
