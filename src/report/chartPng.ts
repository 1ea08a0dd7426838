import { encode } from "fast-png";
import { ChartBlock } from "../domain/committeeReport";
import { BAR_HEIGHT, bars, chartSize, inkOn, PNG_LABEL_WIDTH, STATUS_COLOURS } from "./statusChart";

function rgb(hex: string): [number, number, number] {
  return [parseInt(hex.slice(1, 3), 16), parseInt(hex.slice(3, 5), 16), parseInt(hex.slice(5, 7), 16)];
}

/** Digits and the full stop in a 3 × 5 grid, a row a string: enough for priority numbers and counts. */
const GLYPHS: Record<string, readonly string[]> = {
  "0": ["111", "101", "101", "101", "111"],
  "1": ["010", "110", "010", "010", "111"],
  "2": ["111", "001", "111", "100", "111"],
  "3": ["111", "001", "111", "001", "111"],
  "4": ["101", "101", "111", "001", "001"],
  "5": ["111", "100", "111", "001", "111"],
  "6": ["111", "100", "111", "101", "111"],
  "7": ["111", "001", "010", "010", "010"],
  "8": ["111", "101", "111", "101", "111"],
  "9": ["111", "101", "111", "001", "111"],
  ".": ["000", "000", "000", "000", "010"],
};
/** Pixels per grid square: digits 9 × 15 pixels. */
const DOT = 3;
const ADVANCE = 4 * DOT;

/**
 * The same bars as a PNG, encoded with fast-png (pure JavaScript, so the same code runs in the command line
 * and in the task pane's "Download report"): each priority's number at the left, each segment's count on it
 * and the total after the bar (digits from a small built-in grid, as PNG has no fonts). The key is the
 * document's own table beside the image, and the words are in the alternative text.
 */
export function chartPng(chart: ChartBlock): Uint8Array {
  const { width, height } = chartSize(chart, "png");
  const png = { width, height, channels: 4, data: new Uint8Array(width * height * 4).fill(255) };
  const fill = (x0: number, y0: number, w: number, h: number, colour: string) => {
    const [r, g, b] = rgb(colour);
    for (let y = Math.max(0, y0); y < Math.min(height, y0 + h); y++) {
      for (let x = Math.max(0, x0); x < Math.min(width, x0 + w); x++) {
        const i = (y * width + x) * 4;
        png.data[i] = r;
        png.data[i + 1] = g;
        png.data[i + 2] = b;
        png.data[i + 3] = 255;
      }
    }
  };
  const textWidth = (text: string) => text.length * ADVANCE - DOT;
  const write = (text: string, x0: number, y0: number, colour: string) => {
    [...text].forEach((ch, n) => {
      (GLYPHS[ch] ?? []).forEach((row, gy) => {
        [...row].forEach((bit, gx) => {
          if (bit === "1") fill(x0 + n * ADVANCE + gx * DOT, y0 + gy * DOT, DOT, DOT, colour);
        });
      });
    });
  };
  const textTop = (y: number) => y + Math.floor((BAR_HEIGHT - 5 * DOT) / 2);
  bars(chart, "png").forEach((bar, i) => {
    const label = chart.categories[i].label;
    const number = /^(\d+)\./.exec(label)?.[1] ?? String(i + 1);
    write(number, PNG_LABEL_WIDTH - 10 - textWidth(number), textTop(bar.y), "#000000");
    for (const p of bar.parts) {
      fill(PNG_LABEL_WIDTH + p.x, bar.y, Math.max(1, p.width - 1), BAR_HEIGHT, STATUS_COLOURS[p.status]);
      const count = String(p.count);
      if (p.width >= textWidth(count) + 6) write(count, PNG_LABEL_WIDTH + p.x + Math.floor((p.width - textWidth(count)) / 2), textTop(bar.y), inkOn(p.status));
    }
    write(String(bar.total), PNG_LABEL_WIDTH + bar.end + 6, textTop(bar.y), "#000000");
  });
  return encode(png);
}
