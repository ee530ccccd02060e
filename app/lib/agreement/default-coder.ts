import "server-only";
import { getDb } from "../db";

/** The app_setting key of the dashboard's default coder (set in /admin/settings). */
export const DEFAULT_CODER_SETTING = "default_coder";

/** The stored default coder's key, or null (not checked against the coders: getVocabulary does). */
export async function storedDefaultCoder(): Promise<string | null> {
  const row = await getDb().appSetting.findUnique({ where: { key: DEFAULT_CODER_SETTING } });
  const value = row?.value as { coder?: unknown } | null | undefined;
  return typeof value?.coder === "string" ? value.coder : null;
}
