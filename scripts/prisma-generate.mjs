// Generates both Prisma clients (SQLite and PostgreSQL) from the shared models, offline.
import { execFileSync } from "node:child_process";

for (const provider of ["sqlite", "postgresql"]) {
  execFileSync("npx", ["prisma", "generate"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, PRISMA_PROVIDER: provider, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
  });
}
console.log("prisma: generated the SQLite and PostgreSQL clients in lib/generated/");
