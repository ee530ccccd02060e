import Link from "next/link";
import type { DashboardData } from "@/app/lib/queries/dashboard";

/** The timeline's numbers: articles and events by date, each article with its stance. */
export function TimelineTable({ data, dimension }: { data: DashboardData; dimension: string }) {
  const items = [
    ...data.articles.map((a) => ({ date: a.publishedAt, kind: "article" as const, a })),
    ...data.events.map((e) => ({ date: e.date, kind: "event" as const, e })),
  ].sort((x, y) => x.date.localeCompare(y.date));
  return (
    <div className="table-scroll">
      <table>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">What</th>
            <th scope="col">Detail</th>
          </tr>
        </thead>
        <tbody>
          {items.map((it) =>
            it.kind === "article" ? (
              <tr key={`a-${it.a.slug}`} data-article={it.a.slug}>
                <td>
                  {it.date}
                  {it.a.datePrecision === "inferred" && (
                    <abbr title={it.a.dateReason ?? ""}> (inferred)</abbr>
                  )}
                </td>
                <td>
                  <Link href={`/articles/${it.a.slug}`}>{it.a.headline}</Link> — {it.a.outlet.name}
                </td>
                <td>
                  {dimension}: {String(it.a.codes[dimension])}
                </td>
              </tr>
            ) : (
              <tr key={`e-${it.e.key}`} data-event={it.e.key}>
                <td>{it.date}</td>
                <td>Event: {it.e.label}</td>
                <td>
                  stated in {it.e.articles.length} article{it.e.articles.length === 1 ? "" : "s"}
                </td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}
