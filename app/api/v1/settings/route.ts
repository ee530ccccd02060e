import { methods, ok, route } from "@/app/lib/api";
import {
  getSettings,
  type SettingsInput,
  settingsInput,
  updateSettings,
} from "@/app/lib/agreement/settings";

/** Site settings (admin only): the dashboard's default coder. */
export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = methods({
  GET: route({ auth: "admin" }, async () => ok(await getSettings())),
  PUT: route<Record<string, never>, Record<string, string>, SettingsInput>(
    { auth: "admin", body: settingsInput },
    async ({ actor, body }) => ok(await updateSettings(actor, body)),
  ),
});
