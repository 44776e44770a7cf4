// @console/server/core: what the pages' helpers, the console's process and the user command take from the
// server core. Loaded once per process through the package (scripts/server-package.mjs); inside the
// core and the features, import the modules themselves.
import "server-only";

export { getConfig, ConfigError } from "./config/config";
export { db, disconnectDb } from "./db/db";
export { migrateDatabase, DatabaseStartupError } from "./db/migrate";
export { rememberDatabaseFile } from "./db/health";
export { databaseFaultOf } from "./db/errors";
export { errorLine } from "./log/error-line";
export { checkHealth, databaseState, startAvailabilityMonitor } from "./db/availability";
export { getAuthSecret } from "./auth/secret";
export { CLIENT_IP_HEADER } from "./http/client-address";
export { findSessionState, findSessionUser, endSession } from "./auth/sessions";
export {
  createUser,
  ensureFirstAdmin,
  generatePassword,
  listUsers,
  parseRole,
  setPassword,
  setRole,
  UserInputError,
} from "./auth/users";
export { startConsoleServer } from "./http/console-server";
export { isPagesWorker, servePagesWorker, type StartNext } from "./http/pages-worker";
export { sealLegacyAuditEvents } from "./audit/chain";
export { verifyChain } from "./audit/verify";
export { verifyAuditDatabase } from "./audit/verify-database";
export { checkpointPublicKey } from "./audit/checkpoint";
export { readExportFile } from "./audit/export-format";
export type { BackgroundWork } from "./jobs/background";
