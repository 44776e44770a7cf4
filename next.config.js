/** @type {import('next').NextConfig} */
const nextConfig = {
  // Lets a test run or a benchmark build beside a running console without sharing .next.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  reactStrictMode: true,
  // The server core: loaded by Node from node_modules, the same files server.ts loads (scripts/server-package.mjs).
  serverExternalPackages: ["@console/server", "@node-rs/argon2", "better-sqlite3", "pg"],
  async headers() {
    const common = [
      { key: "X-Frame-Options", value: "DENY" },
      { key: "X-Content-Type-Options", value: "nosniff" },
      // Not "no-referrer": with it, a form posted before the page has hydrated (sign-out on a slow
      // load) carries "Origin: null", which Next's server-action origin check refuses.
      { key: "Referrer-Policy", value: "same-origin" },
      { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), clipboard-write=(self)" },
    ];
    return [
      // Pages get their Content-Security-Policy, with a fresh script nonce, from proxy.ts.
      { source: "/:path*", headers: common },
      // JSON and files only: nothing there may load or run anything.
      {
        source: "/api/:path*",
        headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }],
      },
    ];
  },
};

export default nextConfig;
