import { NextRequest } from "next/server";
import { beforeAll, expect, it } from "vitest";
import * as dashboardRoute from "../../api/v1/dashboard/route";
import { prepareDatabase } from "../../../scripts/lib/db/prepare";
import { recreateDatabase, useDatabase } from "../../../scripts/lib/testing/database";
import { DASHBOARD_CHARTS } from "../charts";
import { defaultFilters } from "../filters";
import { getDashboard } from "./dashboard";
import { getVocabulary } from "./vocabulary";

/*
 * GET /api/v1/dashboard in-process, on the real corpus: every chart's data in the shape the
 * chart components draw, following the filters, and a 400 naming each bad parameter.
 */

async function get(query = "") {
  const req = new NextRequest(`http://localhost:3000/api/v1/dashboard${query}`);
  const res = await dashboardRoute.GET(req, { params: Promise.resolve({}) });
  return { status: res.status, json: await res.json() };
}

beforeAll(async () => {
  const url = await recreateDatabase("t_dashboard_charts_api");
  await prepareDatabase(url, { log: () => {} });
  useDatabase(url);
});

it("answers every chart's outlets, rows and unit, equal to the page's own counts", async () => {
  const res = await get();
  expect(res.status).toBe(200);
  const { json } = res;
  expect(Object.keys(json.charts)).toEqual(DASHBOARD_CHARTS.map((c) => c.key));
  const vocab = await getVocabulary();
  const page = await getDashboard(defaultFilters(vocab));
  expect(json.articleTotal).toBe(page.articleTotal);
  expect(json.articleTotal).toBeGreaterThan(0);
  for (const chart of DASHBOARD_CHARTS) {
    const data = json.charts[chart.key];
    expect(data.unit, chart.key).toBe(chart.units[0]);
    expect(data.rows, chart.key).toEqual(page.counts[chart.key].rows);
    expect(data.outlets.map((o: { slug: string }) => o.slug).sort(), chart.key).toEqual(
      Object.keys(page.counts[chart.key].n).sort(),
    );
    for (const o of data.outlets) {
      expect(o, chart.key).toEqual({
        slug: o.slug,
        name: expect.any(String),
        shortName: expect.any(String),
        n: page.counts[chart.key].n[o.slug],
        small: expect.any(Boolean),
      });
    }
    if (chart.kind === "timeline") {
      expect(data.articles).toHaveLength(page.articles.length);
      expect(data.articles[0]).toEqual({
        slug: page.articles[0].slug,
        outlet: page.articles[0].outlet.slug,
        headline: page.articles[0].headline,
        publishedAt: page.articles[0].publishedAt,
        datePrecision: page.articles[0].datePrecision,
        dateReason: page.articles[0].dateReason,
        stance: page.articles[0].codes[chart.dimension] ?? null,
      });
    } else expect(data.articles, chart.key).toBeUndefined();
  }
});

it("follows the filters: one outlet, counted in articles", async () => {
  const all = await get();
  const one = all.json.charts[DASHBOARD_CHARTS[0].key].outlets[0].slug;
  const res = await get(`?outlets=${one}&unit=articles`);
  expect(res.status).toBe(200);
  for (const chart of DASHBOARD_CHARTS) {
    const data = res.json.charts[chart.key];
    expect(data.unit, chart.key).toBe("articles");
    expect(
      data.outlets.map((o: { slug: string }) => o.slug),
      chart.key,
    ).toEqual([one]);
    expect(
      data.rows.every((r: { outlet: string }) => r.outlet === one),
      chart.key,
    ).toBe(true);
  }
  expect(res.json.articleTotal).toBeLessThan(all.json.articleTotal);
});

it("refuses a bad or unknown parameter with 400 naming it", async () => {
  const bad = await get("?unit=words");
  expect(bad.status).toBe(400);
  expect(bad.json.error).toBe("invalid parameter: unit");
  expect(bad.json.issues.map((i: { param: string }) => i.param)).toEqual(["unit"]);
  const several = await get("?outlets=nowhere&from=2024-13-01&colour=red");
  expect(several.status).toBe(400);
  expect(several.json.issues.map((i: { param: string }) => i.param).sort()).toEqual([
    "colour",
    "from",
    "outlets",
  ]);
});
