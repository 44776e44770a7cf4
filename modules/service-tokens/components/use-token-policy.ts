"use client";

import { useEffect, useEffectEvent, useState } from "react";
import type { TokenPolicy } from "@/lib/tokens";
import { getTokenPolicyAction } from "../policy/actions";

/**
 * The token policy, read once when a dialog opens, so that it offers only the expirations the policy
 * allows: null until then, and if it cannot be read (the server enforces the policy regardless).
 * `onLoad` runs once with it, e.g. to preselect its default.
 */
export function useTokenPolicy(onLoad: (policy: TokenPolicy) => void): TokenPolicy | null {
  const [policy, setPolicy] = useState<TokenPolicy | null>(null);
  const loaded = useEffectEvent(onLoad);
  useEffect(() => {
    let current = true;
    getTokenPolicyAction({})
      .then((result) => {
        if (!current || !result.ok) return;
        setPolicy(result.data);
        loaded(result.data);
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, []);
  return policy;
}
