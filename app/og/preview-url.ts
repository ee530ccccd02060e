/** Link previews are 1200 × 630, the size every major platform crops to. */
export const PREVIEW_SIZE = { width: 1200, height: 630 } as const;

/** The link-preview image URL of a page: its preview route with the page's own query. */
export function previewUrl(
  path: string,
  params: Record<string, string | string[] | undefined> = {},
): string {
  const query = new URLSearchParams(
    Object.entries(params).flatMap(([k, v]) =>
      Array.isArray(v) ? v.map((x) => [k, x]) : v ? [[k, v]] : [],
    ),
  ).toString();
  return query ? `${path}?${query}` : path;
}
