// @console/server/audit-forwarding: Settings > Audit Forwarding's data layer and the senders.
import "server-only";

export {
  addDestination,
  DestinationInputError,
  listDestinations,
  removeDestination,
  updateDestination,
  type DestinationView,
} from "./destinations";
export { getAuditSettings, syslogIdentity, updateAuditSettings, type AuditSettings } from "./settings";
export { sendTestEvent } from "./sender";
export { auditForwardingWork, retryDestinationNow } from "./background";
export { chainHeadSeq } from "./state";
