import { describeFilters, type FilterIssue, parseFilters } from "@/app/lib/filters";
import { type PageState, singleParam, type SearchParams } from "@/app/lib/page-params";
import { parsePanel } from "@/app/lib/panel";
import {
  cachedCoders,
  cachedVocabulary,
  getDashboard,
  requestVersion,
} from "@/app/lib/queries/dashboard";
import { getArticlesWithCode, getEvidence } from "@/app/lib/queries/passages";
import { Dashboard } from "./dashboard";
import { EvidencePanel } from "./evidence-panel";

/**
 * loadPageState at the request's data version: the names a filter may use come from a cache kept
 * until the next write, so the page and its metadata read the database once for them.
 */
async function dashboardState(
  searchParams: SearchParams,
): Promise<PageState & { version: bigint }> {
  const version = await requestVersion();
  const vocab = await cachedVocabulary(version);
  return { ...parseFilters(searchParams, vocab, ["panel"]), vocab, version };
}

/** Parses the query, loads every chart's data and the open evidence panel, and renders the dashboard. */
export async function DashboardView({
  searchParams,
  savedTitle,
}: {
  searchParams: SearchParams;
  savedTitle?: string;
}) {
  const state = await dashboardState(searchParams);
  const issues: FilterIssue[] = [...state.issues];
  const panelValue = singleParam(searchParams, "panel");
  if (Array.isArray(searchParams.panel))
    issues.push({
      param: "panel",
      message: "was given more than once; the evidence panel was closed",
    });
  const panel = panelValue ? await parsePanel(panelValue, state.vocab) : null;
  if (panelValue && !panel)
    issues.push({
      param: "panel",
      message: `${JSON.stringify(panelValue.slice(0, 60))} is not a chart cell; the evidence panel was closed`,
    });
  const view = { filters: state.filters, defaultCoder: state.vocab.defaultCoder };
  // Exports name a coder only when the URL does; otherwise they hold every coder.
  const namedCoder =
    singleParam(searchParams, "coder") && !issues.some((i) => i.param === "coder")
      ? state.filters.coder
      : null;

  const [data, coders, passages, articles] = await Promise.all([
    getDashboard(state.filters, state.version),
    cachedCoders(state.version),
    panel
      ? getEvidence(state.filters, panel.dimension.key, panel.code.key, panel.outlet.slug)
      : null,
    panel && panel.dimension.scope === "article"
      ? getArticlesWithCode(state.filters, panel.dimension.key, panel.code.key, panel.outlet.slug)
      : null,
  ]);

  return (
    <Dashboard
      data={data}
      view={view}
      issues={issues}
      coders={coders}
      namedCoder={namedCoder}
      panel={panel ? panelValue : undefined}
      savedTitle={savedTitle}
      evidence={
        panel && passages
          ? {
              dimension: panel.dimension.key,
              node: (
                <EvidencePanel spec={panel} passages={passages} articles={articles} view={view} />
              ),
            }
          : null
      }
    />
  );
}

/** A sentence describing a filtered view, for <title>, descriptions and link previews. */
export async function describeView(searchParams: SearchParams): Promise<string> {
  const state = await dashboardState(searchParams);
  return describeFilters(state.filters);
}
