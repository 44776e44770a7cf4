/** The console's navigation: groups of links, shared by the side pane and the narrow-screen menu. */
export const NAVIGATION = [
  {
    label: "Console",
    items: [{ label: "Overview", href: "/", icon: "chart" }],
  },
  {
    label: "Settings",
    items: [
      { label: "Service Tokens", href: "/settings/service-tokens", icon: "key" },
      { label: "Token Policy", href: "/settings/token-policy", icon: "shield" },
      { label: "Audit Log", href: "/settings/audit-log", icon: "clock" },
      { label: "Audit Forwarding", href: "/settings/audit-forwarding", icon: "settings" },
      { label: "Notifications", href: "/settings/notifications", icon: "bell" },
      { label: "Users", href: "/settings/users", icon: "users" },
      { label: "Directory", href: "/settings/directory", icon: "shield" },
    ],
  },
] as const;
