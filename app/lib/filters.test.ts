import { describe, expect, it } from "vitest";
import { parseFilters, toQueryString, type Filters, type Vocabulary } from "./filters";

const VOCAB: Vocabulary = {
  outlets: ["campus-journal", "hankyoreh", "joongang-daily"],
  coders: ["FS-1", "FS-2"],
  defaultCoder: "FS-1",
};

const DEFAULTS: Filters = {
  outlets: [],
  genres: [],
  from: null,
  to: null,
  coder: "FS-1",
  unit: "passages",
};

function parse(query: string, allowed?: readonly string[]) {
  return parseFilters(new URLSearchParams(query), VOCAB, allowed);
}

function paramsOf(issues: { param: string }[]): string[] {
  return issues.map((i) => i.param);
}

describe("parseFilters", () => {
  it("gives the defaults for an empty query", () => {
    expect(parse("")).toEqual({ filters: DEFAULTS, issues: [] });
  });

  it("treats empty single values as not given", () => {
    expect(parse("from=&to=&coder=&unit=")).toEqual({ filters: DEFAULTS, issues: [] });
  });

  it("reads every filter", () => {
    const { filters, issues } = parse(
      "outlets=hankyoreh&genres=column&from=2024-06-01&to=2024-06-30&coder=FS-2&unit=articles",
    );
    expect(issues).toEqual([]);
    expect(filters).toEqual({
      outlets: ["hankyoreh"],
      genres: ["column"],
      from: "2024-06-01",
      to: "2024-06-30",
      coder: "FS-2",
      unit: "articles",
    });
  });

  it("merges comma lists and repeated parameters, de-duplicated and sorted", () => {
    const { filters, issues } = parse(
      "outlets=joongang-daily,hankyoreh&outlets=hankyoreh&" +
        "outlets=campus-journal,joongang-daily&genres=news_report,editorial&genres=editorial",
    );
    expect(issues).toEqual([]);
    expect(filters.outlets).toEqual(["campus-journal", "hankyoreh", "joongang-daily"]);
    // Genres come in the fixed genre order.
    expect(filters.genres).toEqual(["editorial", "news_report"]);
  });

  it("ignores blanks and spaces around list items", () => {
    const { filters, issues } = parse("outlets=%20hankyoreh%20,,campus-journal,");
    expect(issues).toEqual([]);
    expect(filters.outlets).toEqual(["campus-journal", "hankyoreh"]);
  });

  it("reports an unknown outlet by name and keeps the default", () => {
    const { filters, issues } = parse("outlets=hankyoreh,nyt");
    expect(filters.outlets).toEqual([]);
    expect(issues).toHaveLength(1);
    expect(issues[0].param).toBe("outlets");
    expect(issues[0].message).toContain('"nyt"');
    expect(issues[0].message).toContain("campus-journal, hankyoreh, joongang-daily");
  });

  it("reports an unknown genre and keeps the default", () => {
    const { filters, issues } = parse("genres=editorial,satire");
    expect(filters.genres).toEqual([]);
    expect(paramsOf(issues)).toEqual(["genres"]);
    expect(issues[0].message).toContain('"satire"');
  });

  it("reports an unknown coder and keeps the default coder", () => {
    const { filters, issues } = parse("coder=FS-9");
    expect(filters.coder).toBe("FS-1");
    expect(paramsOf(issues)).toEqual(["coder"]);
    expect(issues[0].message).toContain('"FS-9"');
    expect(issues[0].message).toContain("FS-1, FS-2");
  });

  it("reports an unknown unit and keeps passages", () => {
    const { filters, issues } = parse("unit=sentences");
    expect(filters.unit).toBe("passages");
    expect(paramsOf(issues)).toEqual(["unit"]);
    expect(issues[0].message).toContain('"sentences"');
  });

  it("keeps the good filters when one is bad", () => {
    const { filters, issues } = parse("outlets=hankyoreh&coder=nobody&unit=articles");
    expect(paramsOf(issues)).toEqual(["coder"]);
    expect(filters).toEqual({ ...DEFAULTS, outlets: ["hankyoreh"], unit: "articles" });
  });

  it("rejects dates that do not exist or are not YYYY-MM-DD, naming the parameter", () => {
    const { filters, issues } = parse("from=2024-02-30&to=2024-6-1");
    expect(filters.from).toBeNull();
    expect(filters.to).toBeNull();
    expect(paramsOf(issues).sort()).toEqual(["from", "to"]);
    expect(issues.find((i) => i.param === "from")!.message).toContain('"2024-02-30"');
    expect(issues.find((i) => i.param === "to")!.message).toContain('"2024-6-1"');
    for (const i of issues) expect(i.message).toContain("YYYY-MM-DD");
  });

  it("keeps the valid end of a range when the other end is invalid", () => {
    const { filters, issues } = parse("from=2024-02-30&to=2024-06-30");
    expect(paramsOf(issues)).toEqual(["from"]);
    expect(filters.from).toBeNull();
    expect(filters.to).toBe("2024-06-30");
  });

  it("accepts a one-day range", () => {
    const { filters, issues } = parse("from=2024-06-14&to=2024-06-14");
    expect(issues).toEqual([]);
    expect(filters.from).toBe("2024-06-14");
    expect(filters.to).toBe("2024-06-14");
  });

  it("reports a reversed range on `to` and drops both dates", () => {
    const { filters, issues } = parse("from=2024-06-30&to=2024-06-01");
    expect(filters.from).toBeNull();
    expect(filters.to).toBeNull();
    expect(paramsOf(issues)).toEqual(["to"]);
    expect(issues[0].message).toMatch(/reversed/);
    expect(issues[0].message).toContain("2024-06-01");
    expect(issues[0].message).toContain("2024-06-30");
  });

  it("reports values over 1000 characters", () => {
    const long = "x".repeat(1001);
    for (const param of ["outlets", "genres", "from", "to", "coder", "unit"]) {
      const { filters, issues } = parse(`${param}=${long}`);
      expect(paramsOf(issues), param).toEqual([param]);
      expect(issues[0].message).toContain("longer than 1000 characters");
      // The long value is not echoed back.
      expect(issues[0].message.length).toBeLessThan(200);
      expect(filters).toEqual(DEFAULTS);
    }
  });

  it("reports a list whose repeated values together exceed 1000 characters", () => {
    const part = Array.from({ length: 40 }, () => "hankyoreh").join(",");
    const { filters, issues } = parse(`outlets=${part}&outlets=${part}&outlets=${part}`);
    expect(paramsOf(issues)).toEqual(["outlets"]);
    expect(issues[0].message).toContain("longer than 1000 characters");
    expect(filters.outlets).toEqual([]);
  });

  it("reports a single-valued parameter given twice and keeps its default", () => {
    const { filters, issues } = parse("from=2024-06-01&from=2024-06-02&coder=FS-2&coder=FS-2");
    expect(filters.from).toBeNull();
    expect(filters.coder).toBe("FS-1");
    expect(paramsOf(issues).sort()).toEqual(["coder", "from"]);
    for (const i of issues) expect(i.message).toBe("was given more than once");
  });

  it("reports unknown parameters unless the caller allows them", () => {
    const { filters, issues } = parse("outlets=hankyoreh&page=2&sort=date");
    expect(filters.outlets).toEqual(["hankyoreh"]);
    expect(issues).toEqual([
      { param: "page", message: "is not a known parameter" },
      { param: "sort", message: "is not a known parameter" },
    ]);
    expect(parse("outlets=hankyoreh&page=2&sort=date", ["page", "sort"]).issues).toEqual([]);
    expect(paramsOf(parse("page=2&sort=date", ["page"]).issues)).toEqual(["sort"]);
  });

  it("does not put raw control characters from values into messages", () => {
    const nasty = "FS-\u0000\u0007\u001b[31mred\r\ninjected\u007f";
    const { issues } = parseFilters(
      new URLSearchParams({
        coder: nasty,
        unit: nasty,
        outlets: nasty,
        genres: nasty,
        from: nasty,
      }),
      VOCAB,
    );
    expect(paramsOf(issues).sort()).toEqual(["coder", "from", "genres", "outlets", "unit"]);
    for (const i of issues) {
      expect(i.message, i.param).not.toMatch(/[\u0000-\u001F\u007F]/);
      expect(i.message, i.param).toContain("red");
    }
  });

  it("reads a Next.js-style searchParams object", () => {
    const { filters, issues } = parseFilters(
      {
        outlets: ["joongang-daily", "hankyoreh"],
        from: "2024-01-01",
        to: undefined,
        unit: "articles",
      },
      VOCAB,
    );
    expect(issues).toEqual([]);
    expect(filters).toEqual({
      ...DEFAULTS,
      outlets: ["hankyoreh", "joongang-daily"],
      from: "2024-01-01",
      unit: "articles",
    });
  });

  it("reports problems in a Next.js-style searchParams object the same way", () => {
    const { filters, issues } = parseFilters(
      { from: ["2024-01-01", "2024-02-01"], outlets: "hankyoreh,bbc", x: "1" },
      VOCAB,
    );
    expect(filters).toEqual(DEFAULTS);
    expect(paramsOf(issues).sort()).toEqual(["from", "outlets", "x"]);
  });
});

describe("toQueryString", () => {
  it("is empty for the defaults", () => {
    expect(toQueryString(DEFAULTS, VOCAB)).toBe("");
  });

  it("writes a fixed parameter order, sorted lists and readable commas", () => {
    const f: Filters = {
      outlets: ["joongang-daily", "campus-journal"],
      genres: ["news_report", "editorial"],
      from: "2024-06-01",
      to: "2024-06-30",
      coder: "FS-2",
      unit: "articles",
    };
    expect(toQueryString(f, VOCAB)).toBe(
      "?outlets=campus-journal,joongang-daily&genres=editorial,news_report&from=2024-06-01&" +
        "to=2024-06-30&coder=FS-2&unit=articles",
    );
  });

  it("leaves out the default coder and unit", () => {
    expect(toQueryString({ ...DEFAULTS, from: "2024-06-01" }, VOCAB)).toBe("?from=2024-06-01");
    expect(toQueryString({ ...DEFAULTS, coder: "FS-1", unit: "passages" }, VOCAB)).toBe("");
  });

  it("gives one string for the same filters however the query was ordered", () => {
    const queries = [
      "outlets=joongang-daily,hankyoreh&genres=column,editorial&to=2024-06-30&from=2024-06-01&" +
        "unit=articles&coder=FS-2",
      "coder=FS-2&unit=articles&from=2024-06-01&to=2024-06-30&genres=editorial&genres=column&" +
        "outlets=hankyoreh&outlets=joongang-daily",
      "genres=column,editorial,column&outlets=hankyoreh,joongang-daily,hankyoreh&" +
        "from=2024-06-01&to=2024-06-30&coder=FS-2&unit=articles",
    ];
    const strings = queries.map((q) => {
      const { filters, issues } = parse(q);
      expect(issues, q).toEqual([]);
      return toQueryString(filters, VOCAB);
    });
    expect(new Set(strings).size).toBe(1);
    expect(strings[0]).toBe(
      "?outlets=hankyoreh,joongang-daily&genres=editorial,column&from=2024-06-01&to=2024-06-30&" +
        "coder=FS-2&unit=articles",
    );
  });

  it("round-trips: parsing the canonical string gives the same filters", () => {
    const cases: Filters[] = [
      DEFAULTS,
      { ...DEFAULTS, outlets: ["campus-journal", "hankyoreh", "joongang-daily"] },
      { ...DEFAULTS, genres: ["editorial", "column", "news_analysis", "news_report"] },
      { ...DEFAULTS, from: "2024-02-29" },
      { ...DEFAULTS, to: "2024-12-31" },
      { ...DEFAULTS, coder: "FS-2" },
      { ...DEFAULTS, unit: "articles" },
      {
        outlets: ["hankyoreh"],
        genres: ["news_analysis"],
        from: "2024-06-01",
        to: "2024-06-01",
        coder: "FS-2",
        unit: "articles",
      },
    ];
    for (const f of cases) {
      const qs = toQueryString(f, VOCAB);
      const { filters, issues } = parse(qs.replace(/^\?/, ""));
      expect(issues, qs).toEqual([]);
      expect(filters, qs).toEqual(f);
      expect(toQueryString(filters, VOCAB)).toBe(qs);
    }
  });

  it("appends extra page parameters in name order and skips empty ones", () => {
    const qs = toQueryString({ ...DEFAULTS, outlets: ["hankyoreh"] }, VOCAB, {
      view: "grid",
      dimension: "blame",
      page: null,
      q: "",
    });
    expect(qs).toBe("?outlets=hankyoreh&dimension=blame&view=grid");
    const { filters, issues } = parse(qs.slice(1), ["dimension", "view"]);
    expect(issues).toEqual([]);
    expect(filters.outlets).toEqual(["hankyoreh"]);
  });
});
