/** The pane's views, one per journey. */
export const VIEW_NAMES = ["plan", "check", "myActions", "summary"] as const;
export type ViewName = (typeof VIEW_NAMES)[number];

export const VIEW_LABELS: Record<ViewName, string> = {
  plan: "Plan",
  check: "Check",
  myActions: "My actions",
  summary: "Summary",
};
