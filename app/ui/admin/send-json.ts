/** What a refused request said: its message and, per field, what is wrong. */
export class RequestRefused extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}

/**
 * Sends a JSON request to the API from an admin page (the session cookie and the page's Origin go
 * with it) and returns the reply's JSON; a refusal throws RequestRefused with the server's message.
 */
export async function sendJson<T>(method: string, url: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      credentials: "same-origin",
      cache: "no-store",
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new RequestRefused(0, "the server could not be reached; check the connection");
  }
  const json = (await res.json().catch(() => null)) as {
    error?: string;
    issues?: { param: string; message: string }[];
  } | null;
  if (!res.ok) {
    const fields = Object.fromEntries((json?.issues ?? []).map((i) => [i.param, i.message]));
    throw new RequestRefused(
      res.status,
      json?.error ?? `the server answered ${res.status}`,
      fields,
    );
  }
  return json as T;
}
