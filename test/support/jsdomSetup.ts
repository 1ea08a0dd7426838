import { TextDecoder as NodeTextDecoder, TextEncoder as NodeTextEncoder } from "node:util";

/**
 * jsdom has no layout. Fluent's keyboard navigation (Tabster) only moves focus to elements it thinks are
 * visible: an element with an `offsetParent`, in a body with a size. These stand-ins give it that, treating
 * an element as hidden when it or an ancestor has the `hidden` attribute or `display: none` inline.
 * Import this at the top of a jsdom test (or register it in jest's setupFiles for jsdom tests).
 */
if (typeof window !== "undefined" && typeof HTMLElement !== "undefined") {
  Object.defineProperty(HTMLElement.prototype, "offsetParent", {
    configurable: true,
    get(this: HTMLElement): Element | null {
      const shown = (e: HTMLElement | null): boolean => !e || (!e.hidden && e.style.display !== "none" && shown(e.parentElement));
      return shown(this) ? this.parentElement : null;
    },
  });
  const paneSize = { x: 0, y: 0, top: 0, left: 0, width: 320, height: 800, right: 320, bottom: 800 };
  HTMLBodyElement.prototype.getBoundingClientRect = function getBoundingClientRect(): DOMRect {
    return { ...paneSize, toJSON: () => paneSize } as DOMRect;
  };
}

// jsdom leaves out TextEncoder and TextDecoder, which every browser the pane runs in has (the report's
// PNG encoder and Word writer use them): Node's own are the same WHATWG classes.
if (typeof globalThis.TextEncoder === "undefined") {
  Object.assign(globalThis, { TextEncoder: NodeTextEncoder, TextDecoder: NodeTextDecoder });
}

export {};
