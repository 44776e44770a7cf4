// @console/server/notifications: Settings > Notifications' data layer, the expiry scan and the sender.
import "server-only";

export {
  getNotificationSettings,
  PlainPasswordError,
  updateEmailSettings,
  updateWhenSettings,
  type NotificationSettings,
} from "./settings";
export { checkNow, recentDeliveries, sendTestEmail, sendTestWebhook, type DeliveryView } from "./operations";
export {
  addWebhook,
  listWebhooks,
  removeWebhook,
  rotateWebhookSecret,
  updateWebhook,
  WebhookInputError,
  type WebhookView,
} from "./webhooks";
export { notificationsWork, queueTokenEventsOfAudit } from "./background";
export { expiryWarningHeaders } from "./expiry-warning";
// For bench/expiry-scan.mjs, which times the scan on the built package.
export { scanExpiries } from "./scan";
