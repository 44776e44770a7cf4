import "server-only";
import type { AnyRoute } from "./route";
import { listAuditEventsRoute } from "./routes/audit-events";
import { getFileContentRoute, getFileRoute, uploadFileRoute } from "./routes/files";
import { openApiRoute } from "./routes/openapi";
import { listServiceTokensRoute } from "./routes/service-tokens";
import { getTokenRoute } from "./routes/token";

/** Every route of the Bearer API, in the order the OpenAPI document lists them. */
export const API_ROUTES: readonly AnyRoute[] = [
  getTokenRoute,
  uploadFileRoute,
  getFileRoute,
  getFileContentRoute,
  listServiceTokensRoute,
  listAuditEventsRoute,
  openApiRoute,
];
