"use client";

import { useCallback, useEffect, useLayoutEffect, useRef } from "react";

/**
 * Moves focus to the element with id `targetId` once a dialog has really closed after a success that
 * removes or changes the control that opened it (a row's Revoke, a form's Save). Call the returned
 * function just before closing.
 *
 * Why not a `requestAnimationFrame` after the close: a state update after an `await` in a transition
 * may commit after the next frame, so the frame would try to focus an element the still-open modal
 * makes inert, and the dialog would then hand focus back to its opener (which the refreshed page then
 * removes, leaving focus on <body>). Here the move happens in the commit that closes the dialog, after
 * the dialog's own layout effect has handed focus back, or, when that commit also removes this component
 * (the refreshed page dropped the row), in the frame after it.
 */
export function useFocusAfterClose(open: boolean, targetId: string): () => void {
  const pending = useRef(false);

  useLayoutEffect(() => {
    if (open || !pending.current) return;
    pending.current = false;
    document.getElementById(targetId)?.focus();
  }, [open, targetId]);

  useEffect(() => {
    const state = pending;
    return () => {
      if (!state.current) return;
      state.current = false;
      requestAnimationFrame(() => document.getElementById(targetId)?.focus());
    };
  }, [targetId]);

  return useCallback(() => {
    pending.current = true;
  }, []);
}
