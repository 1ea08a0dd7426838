import { RefObject, useEffect } from "react";

/**
 * Moves focus to an element when it appears because of something the person just did (their button went
 * away with the form it was in), so keyboard users keep their place. Never used for data refreshes.
 */
export function useFocusWhen(ref: RefObject<HTMLElement>, when: boolean): void {
  useEffect(() => {
    if (when) ref.current?.focus();
  }, [ref, when]);
}
