import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import { ChartBlock, CommitteeReport, ReportBlock, TableBlock } from "../domain/committeeReport";
import { chartPng } from "./chartPng";
import { chartSize, chartSvg, STATUS_COLOURS } from "./statusChart";

/**
 * The committee report as a Word document (.docx), with the `docx` library: Word's own Title, Heading 1 and
 * Heading 2 styles and real tables with a repeating header row, so the clerk can restyle it with the council's
 * template; the chart as an image with alternative text; the document's language en-GB.
 */

const LANGUAGE = { value: "en-GB" } as const;
const FONT = "Arial";
const BORDER = { style: BorderStyle.SINGLE, size: 4, color: "808080" } as const;
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER };

/** The width between A4's margins (docx's default page), in twentieths of a point. */
const TEXT_WIDTH = 9026;

function table(block: TableBlock): Table {
  const numeric = new Set(block.numeric ?? []);
  const weights = block.widths ?? block.header.map(() => 1);
  const sum = weights.reduce((a, b) => a + b, 0);
  const columnWidths = weights.map((w) => Math.round((TEXT_WIDTH * w) / sum));
  // A short table (the figures) is kept on one page, as Word does it: each row's paragraphs keep with the next.
  const together = block.rows.length <= 8;
  const cell = (text: string, column: number, header: boolean, last = false) =>
    new TableCell({
      width: { size: columnWidths[column], type: WidthType.DXA },
      children: [new Paragraph({
        spacing: { before: 0, after: 0 },
        keepNext: together && !last,
        alignment: numeric.has(column) ? AlignmentType.RIGHT : AlignmentType.LEFT,
        children: [new TextRun({ text, bold: header })],
      })],
      shading: header ? { fill: "D9E2F3", type: "clear", color: "auto" } : undefined,
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
    });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths,
    borders: BORDERS,
    rows: [
      new TableRow({ tableHeader: true, children: block.header.map((h, c) => cell(h, c, true)) }),
      ...block.rows.map((r, i) => new TableRow({ cantSplit: true, children: r.map((text, c) => cell(text, c, false, i === block.rows.length - 1)) })),
    ],
  });
}

/**
 * The chart: its title, the image (SVG with the priorities' names where Word can show it, else the PNG with
 * their numbers) with alternative text, and the colours' key in words below it.
 */
function chart(block: ChartBlock): (Paragraph | Table)[] {
  const { width, height } = chartSize(block, "png");
  // About 16 cm wide on the page, at the PNG's proportions (the SVG is drawn to fit the same box).
  const scale = 600 / width;
  const image = new Paragraph({
    keepNext: true,
    children: [new ImageRun({
      type: "svg",
      data: new TextEncoder().encode(chartSvg(block)),
      fallback: { type: "png", data: chartPng(block) },
      transformation: { width: Math.round(width * scale), height: Math.round(height * scale) },
      altText: { name: "Chart of status by priority", title: block.title, description: block.alt },
    })],
  });
  // The key in words, each after a square of its colour.
  const key = new Paragraph({
    children: block.statuses.flatMap((status, i) => [
      new TextRun({ text: `${i === 0 ? "Key: " : "   "}` }),
      new TextRun({ text: "\u25A0", color: STATUS_COLOURS[status].slice(1) }),
      new TextRun({ text: ` ${status}` }),
    ]),
  });
  return [
    new Paragraph({ keepNext: true, children: [new TextRun({ text: `${block.title}. Each bar is a priority, by its number; the key is below.`, bold: true })] }),
    image,
    key,
  ];
}

/** `keepNext`: the paragraph introduces what follows (a table or the chart) and stays on its page. */
function render(block: ReportBlock, keepNext: boolean): (Paragraph | Table)[] {
  switch (block.kind) {
    case "heading":
      return [new Paragraph({ heading: block.level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2, children: [new TextRun(block.text)] })];
    case "paragraph":
      return [new Paragraph({
        children: [new TextRun({ text: block.text, italics: block.role === "note", bold: block.role === "date" })],
        spacing: block.role === "signOff" ? { before: 240 } : undefined,
        keepNext,
      })];
    case "table":
      // A paragraph after each table, so two tables never run together and the next text has its own space.
      return [table(block), new Paragraph({ children: [] })];
    case "chart":
      return chart(block);
  }
}

export function committeeReportDocument(model: CommitteeReport): Document {
  return new Document({
    creator: "CSP Action Plan tool",
    title: model.title,
    description: `Committee report, ${model.date}`,
    styles: {
      default: {
        document: { run: { font: FONT, size: 22, language: LANGUAGE }, paragraph: { spacing: { after: 120 } } },
        heading1: { run: { font: FONT, size: 32, bold: true, language: LANGUAGE }, paragraph: { spacing: { after: 120 } } },
        heading2: { run: { font: FONT, size: 26, bold: true, language: LANGUAGE }, paragraph: { spacing: { before: 240, after: 120 }, keepNext: true } },
      },
    },
    sections: [{
      children: model.blocks.flatMap((block, i) => {
        const next = model.blocks[i + 1];
        return render(block, next?.kind === "table" || next?.kind === "chart");
      }),
    }],
  });
}

/**
 * The report as the bytes of a .docx file. An ArrayBuffer from docx's Packer, so the same call serves the
 * command line (written to --out) and the task pane (saved as a download), with no Node Buffer.
 */
export async function committeeReportDocx(model: CommitteeReport): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toArrayBuffer(committeeReportDocument(model)));
}
