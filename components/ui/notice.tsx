import type { ComponentPropsWithRef, ReactNode } from "react";
import { cn } from "./cn";
import { AlertIcon, CheckIcon, InfoIcon } from "./icons";

type NoticeTone = "info" | "warning" | "danger" | "success";

const tones: Record<NoticeTone, { box: string; icon: string; Icon: typeof InfoIcon }> = {
  info: {
    box: "border-blue-200 bg-blue-50 text-blue-900 dark:border-blue-500/30 dark:bg-blue-500/10 dark:text-blue-100",
    icon: "text-blue-600 dark:text-blue-400",
    Icon: InfoIcon,
  },
  warning: {
    box: "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-400/30 dark:bg-amber-400/10 dark:text-amber-100",
    icon: "text-amber-600 dark:text-amber-400",
    Icon: AlertIcon,
  },
  danger: {
    box: "border-red-200 bg-red-50 text-red-900 dark:border-red-500/30 dark:bg-red-500/10 dark:text-red-100",
    icon: "text-red-600 dark:text-red-400",
    Icon: AlertIcon,
  },
  success: {
    box: "border-green-200 bg-green-50 text-green-900 dark:border-green-500/30 dark:bg-green-500/10 dark:text-green-100",
    icon: "text-green-600 dark:text-green-400",
    Icon: CheckIcon,
  },
};

export type NoticeProps = Omit<ComponentPropsWithRef<"div">, "title"> & {
  tone?: NoticeTone;
  title?: ReactNode;
  /** Replaces the tone's icon; `false` hides it. */
  icon?: ReactNode | false;
};

/** Callout. role="note" by default; use role="status" or "alert" for messages that must be announced. */
export function Notice({ tone = "info", title, icon, role = "note", className, children, ...props }: NoticeProps) {
  const t = tones[tone];
  return (
    <div role={role} className={cn("flex gap-3 rounded-lg border px-3.5 py-3 text-sm", t.box, className)} {...props}>
      {icon === false ? null : <span className={cn("mt-0.5 shrink-0", t.icon)}>{icon ?? <t.Icon />}</span>}
      <div className="min-w-0 flex-1">
        {title ? <p className="font-semibold">{title}</p> : null}
        {children ? <div className={cn(title ? "mt-1" : "", "[&_a]:underline")}>{children}</div> : null}
      </div>
    </div>
  );
}
