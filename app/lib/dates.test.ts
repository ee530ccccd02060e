import { describe, expect, it } from "vitest";
import { isValidIsoDate, todayIso } from "./dates";

describe("isValidIsoDate", () => {
  it("accepts real calendar dates", () => {
    expect(isValidIsoDate("2024-06-19")).toBe(true);
    expect(isValidIsoDate("2024-02-29")).toBe(true);
  });
  it("rejects impossible or malformed dates", () => {
    for (const bad of [
      "2024-02-30",
      "2023-02-29",
      "2024-13-01",
      "2024-6-19",
      "19 June 2024",
      "",
      "2024-06-19T00:00",
    ]) {
      expect(isValidIsoDate(bad), bad).toBe(false);
    }
  });
  it("gives today in UTC", () => {
    expect(todayIso(new Date("2026-11-22T23:30:00Z"))).toBe("2026-11-22");
  });
});
