// @console/server/overview: what the Overview page reads.
import "server-only";

export { readOverview, AUTH_FAILED_ACTION, type Overview } from "./overview";
