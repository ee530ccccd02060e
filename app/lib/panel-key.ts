/** The `panel` URL value naming one chart cell: `dimension.code.outlet`. Shared by server and client. */
export function panelKey(dimension: string, code: string, outlet: string): string {
  return `${dimension}.${code}.${outlet}`;
}
