/**
 * The label/value grid of the token page's cards. One fixed label column for every card, so that their
 * values line up from one card to the next (each card's own widest label would set a different one).
 */
export const DETAIL_LIST_CLASS = "grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-[9.5rem_minmax(0,1fr)]";
