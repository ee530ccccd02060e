import { describe, expect, test } from "vitest";
import {
  BILLION_LAUGHS_XML,
  WRONG_NAMESPACE_XML,
  XXE_EXTERNAL_DTD_XML,
  XXE_XML,
} from "./fixtures/hostile";
import { RefiError } from "./model";
import { parseProjectXml } from "./xml-read";

const G1 = "11111111-2222-3333-4444-555555555555";
const G2 = "{AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE}";
const G3 = "aaaaaaaa-bbbb-cccc-dddd-ffffffffffff";

function project(body: string, attrs = 'name="p"'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" ${attrs}>${body}</Project>`;
}

/** The RefiError parseProjectXml throws, checked to come fast. */
function refusal(xml: string): RefiError {
  const started = performance.now();
  let error: unknown = null;
  try {
    parseProjectXml(xml, "up.qdpx/project.qde");
  } catch (e) {
    error = e;
  }
  expect(performance.now() - started).toBeLessThan(1000);
  expect(error).toBeInstanceOf(RefiError);
  expect((error as RefiError).file).toBe("up.qdpx/project.qde");
  return error as RefiError;
}

function sourceWith(selections: string): string {
  return project(
    `<Sources><TextSource guid="${G1}" plainTextPath="internal://a.txt"/><TextSource guid="${G1}" plainTextPath="internal://b.txt"/><TextSource guid="${G1}" plainTextPath="internal://c.txt">${selections}</TextSource></Sources>`,
  );
}

describe("parseProjectXml refuses hostile XML", () => {
  test("an external entity (XXE): the DOCTYPE is refused before anything is resolved", () => {
    const error = refusal(XXE_XML);
    expect(error.element).toBe("DOCTYPE");
    expect(error.reason).toMatch(/DOCTYPE is not allowed/);
    expect(error.message).not.toMatch(/root:/); // nothing of /etc/passwd
  });

  test("an external DTD", () => {
    expect(refusal(XXE_EXTERNAL_DTD_XML).element).toBe("DOCTYPE");
  });

  test("billion laughs: refused at once, nothing expanded", () => {
    const error = refusal(BILLION_LAUGHS_XML);
    expect(error.element).toBe("DOCTYPE");
    expect(error.reason).toMatch(/entity expansion/);
  });

  test("an entity that XML does not define is an error naming where it is", () => {
    const error = refusal(project("<Description>&nbsp;</Description>"));
    expect(error.element).toBe("Project/Description");
    expect(error.reason).toMatch(/^line 2, column \d+: undefined entity/);
  });

  test("a wrong namespace, and no namespace", () => {
    const wrong = refusal(WRONG_NAMESPACE_XML);
    expect(wrong.element).toBe("Project");
    expect(wrong.reason).toBe(
      "wrong namespace: expected urn:QDA-XML:project:1.0, found urn:QDA-XML:project:2.0",
    );
    expect(refusal('<Project name="x"/>').reason).toBe(
      "wrong namespace: expected urn:QDA-XML:project:1.0, found no namespace",
    );
  });

  test("a root element other than Project", () => {
    expect(refusal('<Codebook xmlns="urn:QDA-XML:project:1.0"/>').reason).toMatch(
      /root element is Codebook/,
    );
  });

  test("malformed XML, characters XML forbids, and an empty document", () => {
    expect(refusal(project("<Users>")).reason).toMatch(/^line \d+, column \d+: /);
    expect(refusal(project("<Description>\u0001</Description>")).reason).toMatch(
      /disallowed character/,
    );
    expect(refusal(project("<Description>&#1;</Description>")).reason).toMatch(
      /malformed character entity/,
    );
    expect(refusal("").reason).toMatch(/root element/);
  });
});

describe("parseProjectXml checks what the model needs, naming the element", () => {
  test("an end before the start", () => {
    const error = refusal(
      sourceWith(
        `<PlainTextSelection guid="${G1}" startPosition="0" endPosition="1"/><PlainTextSelection guid="${G1}" startPosition="9" endPosition="5"/>`,
      ),
    );
    expect(error.element).toBe("Project/Sources/TextSource[3]/PlainTextSelection[2]");
    expect(error.reason).toBe("endPosition 5 is before startPosition 9");
    expect(error.message).toBe(
      "up.qdpx/project.qde: Project/Sources/TextSource[3]/PlainTextSelection[2]: endPosition 5 is before startPosition 9",
    );
  });

  test.each([
    ['startPosition="-1" endPosition="3"', 'startPosition "-1" is not a whole number ≥ 0'],
    ['startPosition="1.5" endPosition="3"', 'startPosition "1.5" is not a whole number ≥ 0'],
    ['startPosition="1"', "the attribute endPosition is missing"],
    ['startPosition="x" endPosition="3"', 'startPosition "x" is not a whole number ≥ 0'],
  ])("positions %s", (attrs, reason) => {
    const error = refusal(sourceWith(`<PlainTextSelection guid="${G1}" ${attrs}/>`));
    expect(error.element).toBe("Project/Sources/TextSource[3]/PlainTextSelection[1]");
    expect(error.reason).toBe(reason);
  });

  test("a missing or malformed guid", () => {
    expect(refusal(project("<Users><User/></Users>")).reason).toBe("the attribute guid is missing");
    const error = refusal(project(`<Users><User guid="${G1}"/><User guid="nope"/></Users>`));
    expect(error.element).toBe("Project/Users/User[2]");
    expect(error.reason).toBe('guid "nope" is not a GUID');
  });

  test("a Coding without a CodeRef, and a CodeRef without a target", () => {
    const sel = (inner: string) =>
      sourceWith(
        `<PlainTextSelection guid="${G1}" startPosition="0" endPosition="1">${inner}</PlainTextSelection>`,
      );
    expect(refusal(sel(`<Coding guid="${G1}"/>`)).reason).toBe("the Coding has no CodeRef");
    const error = refusal(sel(`<Coding guid="${G1}"><CodeRef/></Coding>`));
    expect(error.element).toBe(
      "Project/Sources/TextSource[3]/PlainTextSelection[1]/Coding[1]/CodeRef",
    );
    expect(error.reason).toBe("the attribute targetGUID is missing");
  });

  test("a code without a name, an unknown variable type, a bad integer value", () => {
    expect(
      refusal(project(`<CodeBook><Codes><Code guid="${G1}" isCodable="true"/></Codes></CodeBook>`))
        .reason,
    ).toBe("the attribute name is missing");
    expect(
      refusal(
        project(`<Variables><Variable guid="${G1}" name="v" typeOfVariable="Colour"/></Variables>`),
      ).reason,
    ).toMatch(/typeOfVariable "Colour" is not one of Text, Boolean/);
    const error = refusal(
      project(
        `<Sources><TextSource guid="${G1}"><VariableValue><VariableRef targetGUID="${G2}"/><IntegerValue>12a</IntegerValue></VariableValue></TextSource></Sources>`,
      ),
    );
    expect(error.element).toBe("Project/Sources/TextSource[1]/VariableValue[1]/IntegerValue");
    expect(error.reason).toBe('"12a" is not an integer');
  });
});

describe("parseProjectXml reads other tools' projects", () => {
  test("prefixed elements, braced and lower-case GUIDs, CDATA, comments, extension elements", () => {
    const xml = `<?xml version="1.0" encoding="utf-8"?>
<!-- exported by some tool -->
<qda:Project xmlns:qda="urn:QDA-XML:project:1.0" xmlns:x="urn:example:ext" name="Foreign" origin="Tool 1.0" creatingUserGUID="${G2}">
  <qda:Users><qda:User guid="${G2}" name="Min-ji"/></qda:Users>
  <x:Extension><qda:Code guid="${G1}" name="hidden" isCodable="true"/></x:Extension>
  <qda:CodeBook><qda:Codes>
    <qda:Code guid="${G3}" name="Generic news frames" isCodable="false" color="#AABBCC">
      <qda:Description><![CDATA[<b>bold</b> & more]]></qda:Description>
      <qda:NoteRef targetGUID="${G1}"/>
      <qda:Code guid="${G1}" name="Conflict" isCodable="1"/>
    </qda:Code>
  </qda:Codes></qda:CodeBook>
  <qda:Sources>
    <qda:TextSource guid="${G1}" name="한국어 😀">
      <qda:PlainTextContent>Line one&#xD;&#xA;𠀀 two</qda:PlainTextContent>
      <qda:Coding guid="${G3}"><qda:CodeRef targetGUID="${G1}"/></qda:Coding>
    </qda:TextSource>
  </qda:Sources>
</qda:Project>`;
    const p = parseProjectXml(xml);
    expect(p.name).toBe("Foreign");
    expect(p.creatingUser).toBe(G2);
    expect(p.users).toEqual([{ guid: G2, name: "Min-ji", id: null }]);
    expect(p.codes).toHaveLength(1);
    expect(p.codes[0]).toMatchObject({
      guid: G3,
      isCodable: false,
      color: "#AABBCC",
      description: "<b>bold</b> & more",
    });
    expect(p.codes[0].children).toEqual([
      { guid: G1, name: "Conflict", isCodable: true, color: null, description: null, children: [] },
    ]);
    expect(p.sources[0].plainTextContent).toBe("Line one\r\n𠀀 two");
    expect(p.sources[0].codings[0].codeGuid).toBe(G1);
    // A note on a code has no place in Framescope: counted, like the extension element.
    expect(p.ignored).toEqual({ "Project/Extension": 1, "Code/NoteRef": 1 });
  });

  test("what Framescope does not read is counted in ignored", () => {
    const xml = project(`
      <Cases><Case guid="${G1}"/><Case guid="${G3}"/></Cases>
      <Sources>
        <PDFSource guid="${G1}" path="internal://a.pdf"><PDFSelection guid="${G1}" page="1" firstX="0" firstY="0" secondX="1" secondY="1"/></PDFSource>
        <TextSource guid="${G3}" plainTextPath="internal://b.txt"/>
        <PictureSource guid="${G1}"/><AudioSource guid="${G1}"/><VideoSource guid="${G1}"/><PDFSource guid="${G3}"/>
      </Sources>
      <Links><Link guid="${G1}"/></Links>
      <Sets><Set guid="${G1}" name="s"/></Sets>
      <Graphs><Graph guid="${G1}"/></Graphs>`);
    const p = parseProjectXml(xml);
    expect(p.sources.map((s) => s.guid)).toEqual([G3]);
    expect(p.ignored).toEqual({
      Case: 2,
      PDFSource: 2,
      PictureSource: 1,
      AudioSource: 1,
      VideoSource: 1,
      Link: 1,
      Set: 1,
      Graph: 1,
    });
  });

  test("variable values of every type, and an empty one", () => {
    const value = (inner: string) =>
      `<VariableValue><VariableRef targetGUID="${G1}"/>${inner}</VariableValue>`;
    const p = parseProjectXml(
      project(
        `<Sources><TextSource guid="${G1}">${[
          value("<TextValue> spaced </TextValue>"),
          value("<BooleanValue>1</BooleanValue>"),
          value("<IntegerValue>-7</IntegerValue>"),
          value("<FloatValue>2.5E3</FloatValue>"),
          value("<DateValue>2024-06-19</DateValue>"),
          value("<DateTimeValue>2024-06-19T08:30:00Z</DateTimeValue>"),
          value(""),
        ].join("")}</TextSource></Sources>`,
      ),
    );
    expect(p.sources[0].variableValues.map((v) => v.value)).toEqual([
      " spaced ",
      true,
      -7,
      2500,
      "2024-06-19",
      "2024-06-19T08:30:00Z",
      null,
    ]);
  });
});
