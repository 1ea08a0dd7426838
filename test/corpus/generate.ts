/**
 * Writes the corpus of bad workbooks (test/corpus/kinds.ts) to a folder, one `<id>.xlsx` per kind (`.xlsm` for
 * a macro-enabled one), plus a `README.md` listing each kind and what the user is told. Nothing here is
 * committed as a binary: the files are built by code each time, the same bytes every time.
 *
 * From the command line (no ts-node needed; `build/` is git-ignored):
 *
 *   npx tsc -p test/corpus/tsconfig.json && node build/corpus/test/corpus/generate.js [DIR]
 *
 * run in the project folder. DIR defaults to test-output/corpus/ (git-ignored).
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { CORPUS_KINDS, CorpusKind } from "./kinds";

/** Relative to the folder the command runs in: the project folder. */
export const DEFAULT_CORPUS_DIR = path.join("test-output", "corpus");

export interface GeneratedFile {
  readonly kind: CorpusKind;
  readonly file: string;
  readonly bytes: number;
}

/** A kind's file name: `<id>.xlsx`, or `<id>.xlsm` for a macro-enabled workbook (Excel refuses one named .xlsx). */
export function corpusFileName(kind: CorpusKind, stem: string = kind.id): string {
  return `${stem}.${kind.extension ?? "xlsx"}`;
}

/** Builds every kind and writes it to `dir` as {@link corpusFileName}; returns the files in the corpus's order. */
export async function generateCorpus(dir: string = DEFAULT_CORPUS_DIR, kinds: readonly CorpusKind[] = CORPUS_KINDS): Promise<GeneratedFile[]> {
  await fs.mkdir(dir, { recursive: true });
  const written: GeneratedFile[] = [];
  for (const kind of kinds) {
    const data = await kind.build();
    const file = path.join(dir, corpusFileName(kind));
    await fs.writeFile(file, data);
    written.push({ kind, file, bytes: data.length });
  }
  await fs.writeFile(path.join(dir, "README.md"), corpusTable(kinds));
  return written;
}

/** The kinds as a Markdown table: Kind | What the user is told. */
export function corpusTable(kinds: readonly CorpusKind[] = CORPUS_KINDS): string {
  const cell = (text: string) => text.replace(/\|/g, "\\|");
  return [
    "| Kind | What the user is told |",
    "|---|---|",
    ...kinds.map((k) => `| \`${k.id}\`: ${cell(k.label)} | ${cell(k.told)} |`),
    "",
  ].join("\n");
}

if (require.main === module) {
  const dir = process.argv[2] ?? DEFAULT_CORPUS_DIR;
  generateCorpus(dir).then(
    (files) => {
      for (const f of files) process.stdout.write(`${path.relative(process.cwd(), f.file)}  ${f.bytes} bytes\n`);
      process.stdout.write(`${files.length} kinds written to ${dir}\n`);
    },
    (error: unknown) => {
      process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
