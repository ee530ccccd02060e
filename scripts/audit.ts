/**
 * Supply-chain check run by CI: `npm run audit`.
 * 1. The installed Next.js and React carry the fixes for the published React
 *    Server Components and middleware advisories (minimum versions below).
 * 2. `npm audit --omit=dev` reports no high or critical advisory. When the
 *    registry's audit endpoint cannot be reached the check says so plainly and
 *    does not pretend to have passed or failed.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import semver from "semver";

const root = path.resolve(__dirname, "..");

// CVE-2025-29927 (middleware authorisation bypass) fixed in next 15.2.3;
// CVE-2025-55182 / CVE-2025-66478 (RSC remote code execution) fixed in react 19.2.1 and
// next 16.0.7; CVE-2025-55183/55184 (RSC source exposure, denial of service) fixed in
// react 19.2.3 and next 16.0.10.
const MINIMUM: Record<string, string> = { next: "16.0.10", react: "19.2.3", "react-dom": "19.2.3" };

let failed = false;
for (const [name, min] of Object.entries(MINIMUM)) {
  const version = JSON.parse(
    readFileSync(path.join(root, "node_modules", name, "package.json"), "utf8"),
  ).version as string;
  const ok = semver.gte(version, min);
  console.log(
    `[audit] ${name} ${version} ${ok ? ">=" : "<"} ${min} ` +
      `(fixes published advisories)${ok ? "" : "  ← upgrade"}`,
  );
  if (!ok) failed = true;
}

const audit = spawnSync("npm", ["audit", "--omit=dev", "--json"], { cwd: root, encoding: "utf8" });
let report: {
  error?: { summary?: string };
  message?: string;
  metadata?: { vulnerabilities?: Record<string, number> };
} = {};
try {
  report = JSON.parse(audit.stdout || "{}");
} catch {
  report = { error: { summary: (audit.stderr || "unreadable output").trim().split("\n").pop() } };
}
if (report.error || !report.metadata) {
  const why = report.error?.summary || report.message || "no report";
  console.log(
    `[audit] npm audit could not run here (${why}): ` +
      "the registry's advisory service is unreachable, so no advisory data was checked.",
  );
} else {
  const v = report.metadata.vulnerabilities ?? {};
  console.log(
    `[audit] npm audit --omit=dev: critical ${v.critical ?? 0}, high ${v.high ?? 0}, ` +
      `moderate ${v.moderate ?? 0}, low ${v.low ?? 0}`,
  );
  if ((v.critical ?? 0) + (v.high ?? 0) > 0) {
    console.log(
      spawnSync("npm", ["audit", "--omit=dev", "--audit-level=high"], {
        cwd: root,
        encoding: "utf8",
      }).stdout,
    );
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
