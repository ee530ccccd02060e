import { describe, expect, it } from "vitest";
import { safeNextPath } from "./next-path";

describe("safeNextPath", () => {
  it("keeps a path on this site with its query and hash", () => {
    expect(safeNextPath("/code/some-article?x=1#p-3")).toBe("/code/some-article?x=1#p-3");
    expect(safeNextPath("/")).toBe("/");
  });

  it("sends anything that could leave the site to /code", () => {
    for (const next of [
      null,
      undefined,
      "",
      "code",
      "//evil.example/",
      "/\\evil.example",
      "https://evil.example/",
      "javascript:alert(1)",
      "/\tevil",
    ])
      expect(safeNextPath(next), String(next)).toBe("/code");
    // An encoded character is only part of a path here.
    expect(safeNextPath("/%0a")).toBe("/%0a");
  });
});
