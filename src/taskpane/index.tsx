import { MemoryWorkbook } from "../adapters/memory/memoryWorkbook";
import { App } from "./App";
import { createMemoryHost } from "./memoryHost";
import { startUp } from "./startUp";

/* In Excel the pane runs over the open workbook; in a plain browser, over an empty in-memory one. */
startUp(
  async () => createMemoryHost(new MemoryWorkbook()),
  (host, view) => <App host={host} initialView={view} />,
);
