import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";

const CHART = "ties-by-outlet";

test.describe("chart exports", () => {
  test("the PNG is opaque and carries the chart's context above and below it", async ({ page }) => {
    await page.goto("/");
    const figure = page.locator(`figure[data-chart="${CHART}"]`);
    const canvas = figure.locator("canvas");
    await expect(canvas).toHaveAttribute("data-drawn", /^[1-9]/);

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      figure.getByRole("button", { name: "PNG" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`framescope-${CHART}.png`);
    const bytes = (await readFile(await download.path())).toString("base64");
    const chartHeight = await canvas.evaluate((c: HTMLCanvasElement) => c.height);

    // Decode in the page (createImageBitmap, so no image request the CSP would judge).
    const png = await page.evaluate(async (b64) => {
      const raw = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([raw], { type: "image/png" }));
      const c = document.createElement("canvas");
      c.width = bitmap.width;
      c.height = bitmap.height;
      const ctx = c.getContext("2d");
      if (!ctx) throw new Error("no 2d context");
      ctx.drawImage(bitmap, 0, 0);
      const { data } = ctx.getImageData(0, 0, c.width, c.height);
      const at = (x: number, y: number) =>
        data.slice((y * c.width + x) * 4, (y * c.width + x) * 4 + 4);
      let minAlpha = 255;
      for (let y = 0; y < c.height; y += 7)
        for (let x = 0; x < c.width; x += 7) minAlpha = Math.min(minAlpha, at(x, y)[3]);
      const [w, h] = [c.width - 1, c.height - 1];
      const corners = [at(0, 0), at(w, 0), at(0, h), at(w, h)].map((p) => [...p]);
      // Dark pixels (text) in the top tenth: the title above the chart.
      let darkTop = 0;
      for (let y = 0; y < Math.floor(c.height / 10); y++)
        for (let x = 0; x < c.width; x++) if (at(x, y)[0] < 100) darkTop++;
      return { width: c.width, height: c.height, minAlpha, corners, darkTop };
    }, bytes);

    expect(png.minAlpha).toBe(255);
    for (const corner of png.corners) expect(corner).toEqual([255, 255, 255, 255]);
    expect(png.height).toBeGreaterThan(chartHeight + 100);
    expect(png.darkTop).toBeGreaterThan(50);
  });

  test("the CSV still starts with its header", async ({ page }) => {
    await page.goto("/");
    const figure = page.locator(`figure[data-chart="${CHART}"]`);
    await expect(figure.locator("canvas")).toHaveAttribute("data-drawn", /^[1-9]/);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      figure.getByRole("button", { name: "CSV" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`framescope-${CHART}.csv`);
    const lines = (await readFile(await download.path(), "utf8")).trim().split("\n");
    expect(lines[0]).toBe("outlet,code,count,n,share,unit");
    expect(lines.length).toBeGreaterThan(1);
  });
});
