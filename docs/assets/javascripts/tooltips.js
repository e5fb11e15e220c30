/*
 * Escape hides the tooltip shown on hover or keyboard focus (a glossary definition, a quoted
 * sentence), as WCAG 1.4.13 asks of content that appears on hover or focus: the reader can
 * dismiss it without moving the pointer or the focus. Material draws the tooltips
 * (content.tooltips); moving to another element shows them again.
 */
(() => {
  "use strict";

  const root = document.documentElement;
  let dismissed = null; // the element whose tooltip was hidden

  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !document.querySelector(".md-tooltip2--active")) return;
    dismissed = document.querySelector("[aria-describedby^='__tooltip2']:hover") ?? document.activeElement;
    root.classList.add("tooltips-dismissed");
  });

  const restore = (event) => {
    if (dismissed && !dismissed.contains(event.target)) {
      dismissed = null;
      root.classList.remove("tooltips-dismissed");
    }
  };
  document.addEventListener("focusin", restore);
  document.addEventListener("mouseover", restore);
})();
