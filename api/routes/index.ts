import "server-only";
import type { AnyRoute } from "../http/route";
import { listAuditEventsRoute } from "./audit-events";
import { getFileContentRoute, getFileRoute, uploadFileRoute } from "./files";
import { identifyServiceTokenRoute } from "./identify";
import { openApiRoute } from "./openapi";
import { listServiceTokensRoute } from "./service-tokens";
import { rotateTokenRoute } from "./rotate";
import { getTokenRoute } from "./token";

/** Every route of the Bearer API, in the order the OpenAPI document lists them. */
export const API_ROUTES: readonly AnyRoute[] = [
  getTokenRoute,
  rotateTokenRoute,
  uploadFileRoute,
  getFileRoute,
  getFileContentRoute,
  listServiceTokensRoute,
  identifyServiceTokenRoute,
  listAuditEventsRoute,
  openApiRoute,
];
