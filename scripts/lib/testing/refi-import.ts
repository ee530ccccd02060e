import { Client } from "pg";
import { NextRequest } from "next/server";
import {
  emptyProject,
  type RefiCode,
  type RefiCoding,
  type RefiProject,
  type RefiSelection,
  type RefiTextSource,
} from "../../../app/lib/refi/model";
import { writeProjectXml } from "../../../app/lib/refi/xml-write";
import { packQdpx, type QdpxFile } from "../../../app/lib/refi/zip";

/** Builders of small REFI-QDA projects for the import tests, and the coded corpus as rows. */

export function project(parts: Partial<RefiProject>): RefiProject {
  return { ...emptyProject("Test project"), origin: "Hand-made test", ...parts };
}

export function code(guid: string, name: string, children: RefiCode[] = []): RefiCode {
  return { guid, name, isCodable: children.length === 0, color: null, description: null, children };
}

export function source(
  guid: string,
  name: string,
  text: { path: string } | { inline: string },
  parts: Partial<RefiTextSource> = {},
): RefiTextSource {
  return {
    guid,
    name,
    description: null,
    plainTextPath: "path" in text ? text.path : null,
    plainTextContent: "inline" in text ? text.inline : null,
    creatingUser: null,
    creationDateTime: null,
    selections: [],
    codings: [],
    noteGuids: [],
    variableValues: [],
    ...parts,
  };
}

export function selection(
  guid: string,
  start: number,
  end: number,
  codings: RefiCoding[],
  creatingUser: string | null = null,
): RefiSelection {
  return {
    guid,
    name: null,
    description: null,
    start,
    end,
    creatingUser,
    creationDateTime: null,
    codings,
    noteGuids: [],
  };
}

export function coding(
  guid: string,
  codeGuid: string,
  creatingUser: string | null,
  noteGuids: string[] = [],
): RefiCoding {
  return { guid, codeGuid, creatingUser, creationDateTime: null, noteGuids };
}

export function qdpx(p: RefiProject, files: QdpxFile[] = []): Promise<Buffer> {
  return packQdpx(writeProjectXml(p), files);
}

/** The coded corpus as comparable rows: articles, coders with codings, passage and article codes. */
export async function corpusRows(url: string): Promise<Record<string, unknown[]>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const q = async (sql: string) => (await client.query(sql)).rows;
    return {
      articles: await q(`
        SELECT a.slug, o.slug AS outlet, a.genre, a.published_at::text AS published,
               a.date_precision, a.date_reason, a.language, a.byline, a.headline, a.headline_label,
               a.standfirst, a.author_note, a.body, a.captions, a.content_hash, a.codings_public
        FROM article a JOIN outlet o ON o.id = a.outlet_id ORDER BY a.slug`),
      coders: await q(`
        SELECT key FROM coder WHERE id IN (SELECT coder_id FROM passage_code
                                           UNION SELECT coder_id FROM article_code) ORDER BY key`),
      passageCodes: await q(`
        SELECT a.slug, k.key AS coder, d.key AS dimension, c.key AS code, p.start, p."end",
               p.quote, p.note, p.voice
        FROM passage_code p JOIN article a ON a.id = p.article_id JOIN coder k ON k.id = p.coder_id
        JOIN code c ON c.id = p.code_id JOIN dimension d ON d.id = c.dimension_id
        ORDER BY 1, 2, 3, 4, 5, 6`),
      articleCodes: await q(`
        SELECT a.slug, k.key AS coder, d.key AS dimension, c.key AS code, x.note
        FROM article_code x JOIN article a ON a.id = x.article_id JOIN coder k ON k.id = x.coder_id
        JOIN code c ON c.id = x.code_id JOIN dimension d ON d.id = x.dimension_id
        ORDER BY 1, 2, 3`),
    };
  } finally {
    await client.end();
  }
}

/** Runs SQL on a database (test set-up). */
export async function sql(url: string, text: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

const ORIGIN = "http://localhost:3000";

/** A POST to the import endpoint, as a script with an API token sends it. */
export function importRequest(
  body: BodyInit | ReadableStream<Uint8Array> | null,
  opts: { token?: string | null; headers?: HeadersInit } = {},
): NextRequest {
  const headers = new Headers(opts.headers);
  if (opts.token) headers.set("authorization", `Bearer ${opts.token}`);
  return new NextRequest(`${ORIGIN}/api/v1/import/project`, {
    method: "POST",
    headers,
    body,
    duplex: "half",
  } as NonNullable<ConstructorParameters<typeof NextRequest>[1]>);
}

/** A multipart form with the project as `file` and the given fields. */
export function importForm(file: Buffer | null, fields: Record<string, string> = {}): FormData {
  const form = new FormData();
  if (file) form.set("file", new Blob([new Uint8Array(file)]), "project.qdpx");
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return form;
}
