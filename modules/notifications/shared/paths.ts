export const NOTIFICATIONS_PATH = "/settings/notifications";
