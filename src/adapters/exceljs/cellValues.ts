import type { CellValue as ExcelCellValue } from "exceljs";
import { CellValue } from "../../domain/cells";

/** ExcelJS's many value shapes (formulas, rich text, hyperlinks, errors) as the domain's plain values. */
export function fromExcelJs(value: ExcelCellValue | undefined): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Date) return value;
  if (typeof value === "object") {
    if ("error" in value) return { error: String(value.error) };
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("formula" in value || "sharedFormula" in value) {
      const result = (value as { result?: unknown }).result;
      if (result === undefined || result === null) return null;
      if (typeof result === "object" && result !== null && "error" in result) return { error: String((result as { error: unknown }).error) };
      return fromExcelJs(result as ExcelCellValue);
    }
    if ("text" in value) {
      const text = (value as { text: unknown }).text;
      if (typeof text === "string") return text;
      if (text && typeof text === "object" && "richText" in text) return (text as { richText: { text: string }[] }).richText.map((r) => r.text).join("");
    }
  }
  return String(value);
}
