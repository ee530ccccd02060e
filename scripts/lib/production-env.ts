// The web server serves the production build; Next.js and React read this when they load.
(process.env as Record<string, string>).NODE_ENV = "production";
