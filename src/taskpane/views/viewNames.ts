/** The pane's views, one per journey. */
export const VIEW_NAMES = ["plan", "check", "myActions", "summary"] as const;
export type ViewName = (typeof VIEW_NAMES)[number];

export const VIEW_LABELS: Record<ViewName, string> = {
  plan: "Plan",
  check: "Check",
  myActions: "My actions",
  summary: "Summary",
};

/** The view a page address asks for (taskpane.html?view=check: each ribbon button's page), else Plan. */
export function viewFromSearch(search: string): ViewName {
  const asked = new URLSearchParams(search).get("view");
  return (VIEW_NAMES as readonly string[]).includes(asked ?? "") ? (asked as ViewName) : "plan";
}
