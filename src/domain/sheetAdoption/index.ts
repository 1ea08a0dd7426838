/** Adopting a plan kept in any layout (issue 11, "Bring in the plans people already keep"): the public surface. */
export { ORIGINAL_REFERENCE, OTHER_LEAD_OFFICERS, proposeSheetAdoption } from "./proposeSheetAdoption";
export { colourName, statusForColour, statusForWord, suggestedStatus } from "./statusVocabulary";
export type { ColourName, StatusColumnKind, StatusWord } from "./statusVocabulary";
export { adoptDate } from "./adoptDates";
export type { AdoptedDate } from "./adoptDates";
