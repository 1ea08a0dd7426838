import { RagRating } from "./rag";

/**
 * Fill and text colours for RAG words (hex RGB). The word is always written too; each pair has
 * well over 3:1 contrast (see ragColours.test.ts), so the word stays readable.
 */
export const RAG_COLOURS: Record<RagRating, { readonly fill: string; readonly text: string }> = {
  Red: { fill: "C00000", text: "FFFFFF" },
  Amber: { fill: "FFC000", text: "000000" },
  Green: { fill: "00703C", text: "FFFFFF" },
  Blue: { fill: "1F4E79", text: "FFFFFF" },
  Grey: { fill: "D9D9D9", text: "000000" },
};

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
}

/** WCAG contrast ratio of two hex colours. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
