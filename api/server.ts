// @console/server/api: the Bearer API's request handler, for the console's process (server.ts).
import "server-only";

export { handleApiRequest } from "./http/handler";
export { handleMetricsRequest } from "./http/metrics-endpoint";
