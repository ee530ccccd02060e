import { v5 as uuidv5 } from "uuid";
import { expect, it } from "vitest";
import { FRAMESCOPE_NAMESPACE, GUID_PATTERN, normalGuid, stableGuid } from "./guid";

it("stableGuid is uuid's v5 of the parts in Framescope's namespace, upper case", () => {
  const cases: (string | number)[][] = [
    ["coder", "FS-1"],
    ["selection", "hankyoreh-dangerous-game", "FS-1", 0, 155],
    ["article", "서울-신문-기사"],
    ["coding", "slug", "REF", "ties", "bloc_rivalry", 12, 345],
    ["note", "🚀 𠀀 <&>\"'"],
    [""],
  ];
  for (const parts of cases) {
    const guid = stableGuid(...parts);
    expect(guid).toBe(uuidv5(parts.map(String).join("\u001f"), FRAMESCOPE_NAMESPACE).toUpperCase());
    expect(guid).toMatch(GUID_PATTERN);
    expect(normalGuid(`{${guid.toLowerCase()}}`)).toBe(guid);
  }
  expect(stableGuid("a", "b")).not.toBe(stableGuid("ab"));
});
