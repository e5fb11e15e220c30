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

/*
 * Definitions and citations in place, by touch and keyboard too: a tap (or Enter) on a glossary
 * term, a who's-who name or a citation mark opens its definition or quoted sentence in a small
 * dialog beside it (a sheet at the bottom of a phone's screen), with a link onward to the page it
 * comes from. The close button, Escape or a tap elsewhere closes it, and the focus goes back to
 * the mark. A modified click (new tab) follows the link as usual.
 */
(() => {
  "use strict";

  const HOSTS = ".md-content a.term, .md-content a.entity, .md-content a.cite";
  const vi = document.documentElement.lang === "vi";
  const WORDS = vi
    ? {close: "Đóng", cite: "Đọc câu này trong bài gốc", outside: "Xem nguồn bên ngoài", term: "Xem trong Thuật ngữ", entity: "Xem trong Ai là ai"}
    : {close: "Close", cite: "Read this sentence in the article", outside: "See the outside source", term: "Open in the glossary", entity: "Open in Who's who"};
  let open = null; // {host, dialog}

  function textOf(host) {
    const id = host.dataset.tooltip;
    const tooltip = id && document.getElementById(id);
    return tooltip ? tooltip.textContent : host.getAttribute("title") || "";
  }

  function kindOf(host) {
    if (host.classList.contains("cite-outside")) return "outside";
    if (host.classList.contains("cite")) return "cite";
    return host.classList.contains("entity") ? "entity" : "term";
  }

  function close(refocus = true) {
    if (!open) return;
    const {host, dialog} = open;
    open = null;
    dialog.remove();
    host.setAttribute("aria-expanded", "false");
    if (refocus) host.focus({preventScroll: true});
  }

  function place(host, dialog) {
    dialog.style.maxHeight = "";
    if (matchMedia("(max-width: 37.4375em)").matches) return; // a bottom sheet (site.css)
    const box = host.getBoundingClientRect();
    const width = dialog.offsetWidth;
    const left = Math.max(8, Math.min(box.left + scrollX, scrollX + document.documentElement.clientWidth - width - 8));
    // below the mark if it fits on the screen, else above it; if neither, on the roomier side,
    // as tall as the room there (it scrolls inside): never cut off by the edge of the screen
    const roomBelow = innerHeight - box.bottom - 16;
    const roomAbove = box.top - 16;
    const height = dialog.offsetHeight;
    const below = height <= roomBelow || (height > roomAbove && roomBelow >= roomAbove);
    if (height > (below ? roomBelow : roomAbove)) dialog.style.maxHeight = `${Math.max(below ? roomBelow : roomAbove, 96)}px`;
    dialog.style.left = `${left}px`;
    dialog.style.top = `${(below ? box.bottom + 8 : box.top - 8 - dialog.offsetHeight) + scrollY}px`;
  }

  function show(host) {
    close(false);
    document.querySelectorAll(".md-tooltip2--active").forEach((t) => t.classList.remove("md-tooltip2--active"));
    const kind = kindOf(host);
    const dialog = document.createElement("div");
    dialog.className = "popover md-typeset";
    dialog.setAttribute("role", "dialog");
    dialog.setAttribute("aria-modal", "false");
    dialog.tabIndex = -1;
    const heading = document.createElement("p");
    heading.className = "popover__title";
    heading.id = "popover-title";
    heading.textContent = kind === "cite" ? host.getAttribute("aria-label") || host.textContent : host.textContent;
    dialog.setAttribute("aria-labelledby", heading.id);
    const body = document.createElement("p");
    body.className = "popover__text";
    body.textContent = textOf(host);
    const onward = document.createElement("a");
    onward.className = "popover__link";
    onward.href = host.href;
    onward.textContent = WORDS[kind];
    const button = document.createElement("button");
    button.type = "button";
    button.className = "popover__close";
    button.setAttribute("aria-label", WORDS.close);
    button.textContent = "×";
    button.addEventListener("click", () => close());
    dialog.append(button, heading, body, onward);
    document.body.append(dialog);
    place(host, dialog);
    host.setAttribute("aria-expanded", "true");
    open = {host, dialog};
    dialog.focus({preventScroll: true});
  }

  document.addEventListener("click", (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    const host = event.target.closest?.(HOSTS);
    if (host) {
      event.preventDefault();
      if (open && open.host === host) close();
      else show(host);
    } else if (open && !open.dialog.contains(event.target)) {
      close(false);
    }
  });
  document.addEventListener("keydown", (event) => {
    if (!open) return;
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    } else if (event.key === "Tab" && open.dialog.contains(document.activeElement)) {
      // the dialog's two controls, then back to the page after the mark
      const stops = [open.dialog.querySelector(".popover__close"), open.dialog.querySelector(".popover__link")];
      const at = stops.indexOf(document.activeElement);
      if (event.shiftKey ? at <= 0 : at === stops.length - 1) {
        event.preventDefault();
        close();
      } else {
        event.preventDefault();
        stops[event.shiftKey ? at - 1 : at + 1].focus();
      }
    }
  });
  addEventListener("resize", () => open && place(open.host, open.dialog));
})();

/*
 * The header's menu button opens the navigation drawer from the keyboard (Enter or Space), and
 * Escape closes it; closed, the drawer is inert; the language switch keeps the reader's place (the #anchor: a source
 * sentence, a glossary term, a section have the same id in both languages).
 */
(() => {
  "use strict";

  const drawer = document.getElementById("__drawer");
  const button = document.querySelector('label.md-header__button[for="__drawer"]');
  if (drawer && button) {
    const sidebar = document.querySelector(".md-sidebar--primary");
    const sync = () => {
      if (sidebar) sidebar.inert = !drawer.checked; // closed, its links are not tab stops
    };
    sync();
    drawer.addEventListener("change", sync);
    button.addEventListener("keydown", (event) => {
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      event.stopPropagation(); // Material's keyboard handler would click the label: a second toggle
      drawer.checked = !drawer.checked;
      sync();
      if (drawer.checked) {
        // the first link shown in the drawer (some of its links show on phones only)
        setTimeout(() => [...document.querySelectorAll(".md-sidebar--primary a[href]")].find((link) => link.getClientRects().length)?.focus(), 50);
      }
    });
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && drawer.checked) {
        drawer.checked = false;
        sync();
        button.focus();
      }
    });
  }

  document.addEventListener("click", (event) => {
    const link = event.target.closest?.("a.md-select__link[hreflang]");
    if (!link || !location.hash) return;
    const url = new URL(link.href);
    if (!url.hash) {
      url.hash = location.hash;
      link.href = url.href;
    }
  });
})();

/*
 * Print: citation marks become numbered notes, listed at the end with the cited sentence (and
 * the address of an outside source), one note per thing cited: a sentence or source cited again
 * takes the number it was given first. The page's address and the site's name are printed by
 * overrides/main.html and site.css.
 */
(() => {
  "use strict";

  const vi = document.documentElement.lang === "vi";
  let notes = null;

  addEventListener("beforeprint", () => {
    if (notes) return;
    const marks = [...document.querySelectorAll(".md-content a.cite")];
    if (!marks.length) return;
    notes = document.createElement("section");
    notes.className = "print-notes";
    const heading = document.createElement("h2");
    heading.textContent = vi ? "Chú thích" : "Notes";
    const list = document.createElement("ol");
    const numbers = new Map(); // what a mark cites (its address) -> its note's number
    marks.forEach((mark) => {
      const target = mark.dataset.url || mark.href;
      if (!numbers.has(target)) {
        numbers.set(target, numbers.size + 1);
        const item = document.createElement("li");
        const id = mark.dataset.tooltip;
        const tooltip = id && document.getElementById(id);
        const text = tooltip ? tooltip.textContent : mark.getAttribute("title") || "";
        const label = mark.classList.contains("cite-outside") ? mark.textContent : mark.getAttribute("aria-label") || mark.textContent;
        item.textContent = `${label}: ${text} ${target}`;
        list.append(item);
      }
      mark.dataset.note = String(numbers.get(target));
    });
    notes.append(heading, list);
    document.querySelector(".md-content article")?.append(notes);
  });
  addEventListener("afterprint", () => {
    notes?.remove();
    notes = null;
    document.querySelectorAll(".md-content a.cite[data-note]").forEach((mark) => delete mark.dataset.note);
  });
})();
