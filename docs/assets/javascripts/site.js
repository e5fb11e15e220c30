/*
 * The site's own script, loaded by every page (minified at build time by the minify plugin, see
 * mkdocs.yml): the search box's keyboard and opening, which imports the search engine (search.js)
 * on first use, then the tooltips.
 */

/*
 * The search box. "/", "s" or "f" opens it (as in Material), Escape closes it, leaving it with the
 * keyboard closes it. Opening it loads search.js, which runs the searches.
 */
(() => {
  "use strict";

  const box = document.querySelector("[data-site-search]");
  const toggle = document.getElementById("__search");
  if (!box || !toggle) return;
  const input = box.querySelector("input[name=query]");
  // search.js beside this script, minified alike (site.min.js → search.min.js)
  const engine = new URL(document.currentScript.src.replace(/site((?:\.min)?\.js)$/, "search$1"));
  let loaded = null;

  function load() {
    loaded ??= import(engine.href).then((module) => module.start(box)).catch((error) => {
      loaded = null; // try again on the next opening
      console.warn("search: the search script could not be loaded", error);
    });
  }

  function open() {
    toggle.checked = true;
    input.focus();
    input.select();
  }

  function close() {
    toggle.checked = false;
    input.blur();
  }

  function isEditable(target) {
    return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  input.addEventListener("focus", () => {
    toggle.checked = true;
    load();
  });
  box.querySelector("form").addEventListener("submit", (event) => event.preventDefault()); // search.js acts on Enter
  toggle.addEventListener("change", () => {
    if (toggle.checked) input.focus();
  });
  box.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    }
  });
  box.addEventListener("focusout", (event) => {
    // Leaving the box with the keyboard closes it, so it does not cover the page.
    if (event.relatedTarget && !box.contains(event.relatedTarget)) toggle.checked = false;
  });
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || toggle.checked || isEditable(event.target)) return;
    if (event.key === "/" || event.key === "s" || event.key === "f") {
      event.preventDefault();
      open();
    }
  });
})();

/*
 * Tooltips: the definition of a glossary term, the quoted sentence of a citation mark (their
 * title), shown on hover and on keyboard focus with Material's tooltip styles.
 *
 * Material's own tooltips (the content.tooltips feature) set up every titled element of the page
 * when it loads: on an explainer with a hundred citation marks that blocked the main thread for
 * about 300 ms on a mid-range phone. Here one listener serves the whole page, and an element's
 * tooltip is made the first time it is needed. Until then the title stays, so a screen reader
 * reads the same text as the element's description; once made, the tooltip is the description
 * (aria-describedby) and the title goes, so the browser does not show its own tooltip as well.
 *
 * Escape hides the tooltip until the pointer or the focus moves to another element, as WCAG
 * 1.4.13 asks of content that appears on hover or focus.
 */
(() => {
  "use strict";

  // elements with a title, and those whose title became their tooltip
  const TARGETS = ".md-content a[title], .md-content abbr[title], .md-content [data-tooltip]";
  const GAP = 8; // px between the element and its tooltip
  const root = document.documentElement;
  let count = 0;
  let shown = null; // [host, tooltip]
  let dismissed = null; // the element whose tooltip Escape hid

  /** The tooltip of a host, made on first use: Material's markup, the host's title as its text. */
  function tooltipOf(host) {
    const id = host.dataset.tooltip;
    if (id) return document.getElementById(id);
    const tooltip = document.createElement("div");
    tooltip.className = "md-tooltip2";
    tooltip.setAttribute("role", "tooltip");
    tooltip.id = `__tooltip2_${++count}`;
    const inner = document.createElement("div");
    inner.className = "md-tooltip2__inner md-typeset";
    inner.textContent = host.getAttribute("title");
    tooltip.append(inner);
    document.body.append(tooltip);
    host.dataset.tooltip = tooltip.id;
    host.setAttribute("aria-describedby", tooltip.id);
    host.removeAttribute("title");
    return tooltip;
  }

  /** Place the tooltip under the host (above it near the bottom of the window), as Material does. */
  function place(host, tooltip) {
    const box = host.getBoundingClientRect();
    const inner = tooltip.firstElementChild;
    tooltip.style.setProperty("--md-tooltip-host-x", `${box.left + scrollX}px`);
    tooltip.style.setProperty("--md-tooltip-host-y", `${box.top + scrollY}px`);
    tooltip.style.setProperty("--md-tooltip-x", `${box.width / 2}px`);
    tooltip.style.setProperty("--md-tooltip-width", `${inner.offsetWidth}px`);
    const above = box.bottom + GAP + inner.offsetHeight > innerHeight && box.top - GAP - inner.offsetHeight > 0;
    tooltip.style.setProperty("--md-tooltip-y", above ? `${-GAP - inner.offsetHeight}px` : `${box.height + GAP}px`);
    tooltip.classList.toggle("md-tooltip2--top", above);
    tooltip.classList.toggle("md-tooltip2--bottom", !above);
  }

  function show(host) {
    if (shown && shown[0] === host) return;
    hide();
    const tooltip = tooltipOf(host);
    place(host, tooltip);
    tooltip.classList.add("md-tooltip2--active");
    shown = [host, tooltip];
  }

  function hide() {
    if (shown) shown[1].classList.remove("md-tooltip2--active");
    shown = null;
  }

  function restore(target) {
    if (dismissed && !dismissed.contains(target)) {
      dismissed = null;
      root.classList.remove("tooltips-dismissed");
    }
  }

  document.addEventListener("pointerover", (event) => {
    restore(event.target);
    const host = event.target.closest?.(TARGETS);
    if (host) show(host);
    else if (shown && !shown[1].contains(event.target) && document.activeElement !== shown[0]) hide();
  });
  document.addEventListener("focusin", (event) => {
    restore(event.target);
    const host = event.target.closest?.(TARGETS);
    if (host) show(host);
    else hide();
  });
  document.addEventListener("focusout", (event) => {
    if (shown && event.target === shown[0] && !shown[0].matches(":hover")) hide();
  });
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !shown) return;
    dismissed = shown[0];
    root.classList.add("tooltips-dismissed");
  });
  addEventListener("resize", () => shown && place(...shown));
})();
