import "server-only";
import { z } from "zod";
import { ApiError } from "../api";
import type { Actor } from "../auth/actor";
import { coderKey } from "../auth/users";
import { getDb } from "../db";
import { DEFAULT_CODER_SETTING } from "./default-coder";

/*
 * Site settings an admin changes. For now one: the dashboard's default coder (the coder a link
 * without `coder=` charts). Unset, the vocabulary's own rule applies, so existing links keep
 * their meaning until an admin chooses otherwise.
 */

/** PUT /api/v1/settings. `defaultCoder: null` returns to the built-in rule. */
export const settingsInput = z.strictObject({ defaultCoder: coderKey.nullable() });
export type SettingsInput = z.infer<typeof settingsInput>;

export interface CoderChoice {
  key: string;
  name: string;
  kind: string;
  /** Articles whose codings by this coder are public. */
  articles: number;
}

export interface SiteSettings {
  /** The stored default coder, or null when the built-in rule applies. */
  defaultCoder: string | null;
  /** The coders that may be the default: every coder with public codings (REF once it exists). */
  choices: CoderChoice[];
  updatedBy: string | null;
  updatedAt: Date | null;
}

/** Every coder with at least one public coding, by key. */
export async function coderChoices(): Promise<CoderChoice[]> {
  const rows = await getDb().$queryRaw<
    { key: string; name: string; kind: string; articles: bigint }[]
  >`
    SELECT c.key, c.name, c.kind::text AS kind, count(DISTINCT x.article_id) AS articles
    FROM coder c JOIN article_code x ON x.coder_id = c.id JOIN article a ON a.id = x.article_id
    WHERE a.codings_public
    GROUP BY c.id ORDER BY c.key`;
  return rows.map((r) => ({ ...r, articles: Number(r.articles) }));
}

export async function getSettings(): Promise<SiteSettings> {
  const [row, choices] = await Promise.all([
    getDb().appSetting.findUnique({
      where: { key: DEFAULT_CODER_SETTING },
      include: { updater: { select: { name: true } } },
    }),
    coderChoices(),
  ]);
  const value = row?.value as { coder?: unknown } | null | undefined;
  return {
    defaultCoder: typeof value?.coder === "string" ? value.coder : null,
    choices,
    updatedBy: row?.updater?.name ?? null,
    updatedAt: row?.updatedAt ?? null,
  };
}

/** Sets (or clears) the default coder: 400 naming defaultCoder for a coder without public codings. */
export async function updateSettings(actor: Actor, input: SettingsInput): Promise<SiteSettings> {
  if (actor.role !== "admin") throw new ApiError(403, "only an admin changes the settings");
  const db = getDb();
  if (input.defaultCoder === null) {
    await db.appSetting.deleteMany({ where: { key: DEFAULT_CODER_SETTING } });
    return getSettings();
  }
  const choices = await coderChoices();
  if (!choices.some((c) => c.key === input.defaultCoder))
    throw new ApiError(400, "invalid field: defaultCoder", [
      {
        param: "defaultCoder",
        message: `must be a coder with public codings: ${choices.map((c) => c.key).join(", ")}`,
      },
    ]);
  const value = { coder: input.defaultCoder };
  await db.appSetting.upsert({
    where: { key: DEFAULT_CODER_SETTING },
    create: { key: DEFAULT_CODER_SETTING, value, updatedBy: actor.userId },
    update: { value, updatedBy: actor.userId, updatedAt: new Date() },
  });
  return getSettings();
}
