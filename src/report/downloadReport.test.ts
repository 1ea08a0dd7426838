import { reportFileName } from "./downloadReport";

describe("the report's file name", () => {
  it("is the title with the year's slash as a hyphen and no colon", () => {
    expect(reportFileName("St Helens Community Safety Partnership 2014/15: Q3 progress report")).toBe(
      "St Helens Community Safety Partnership 2014-15 Q3 progress report.docx",
    );
  });

  it("drops characters a file name cannot hold, and trailing dots and spaces Windows strips", () => {
    expect(reportFileName('North/South <CSP> "A|B"? * 2015/16: Q1 report...')).toBe("North South CSP A B 2015-16 Q1 report.docx");
    expect(reportFileName("tab\there\nand line")).toBe("tab here and line.docx");
  });

  it("is never empty and never longer than 120 characters before .docx", () => {
    expect(reportFileName(':/?*"')).toBe("Committee report.docx");
    const long = reportFileName(`${"Safer Communities Partnership ".repeat(10)}2014/15: Q4 progress report`);
    expect(long.length).toBeLessThanOrEqual(125);
    expect(long).toMatch(/^Safer Communities Partnership .*[^ .]\.docx$/);
  });
});
