/*
 * The site's own script, one file so a page makes one request for it (minified at build time by
 * the minify plugin, see mkdocs.yml): the search box, then the dismissal of tooltips.
 */

/*
 * Site search: the Pagefind index of the page's language, shown in Material's search box.
 *
 * Pagefind (generator/search.py) writes one index per <html lang>, and pagefind.js loads the index
 * of the page it runs in: a reader of a Vietnamese page gets Vietnamese pages, a reader of an
 * English page English ones.
 *
 * Vietnamese queries:
 * - typed with diacritics ("họ"), they match those exact letters first: ignoring the marks, the
 *   short word "họ" would also match every "hội", "hợp" and "hoạch" of the site;
 * - typed without ("khuon mat", "dau thang hai"), or when the exact search finds nothing, the
 *   marks are ignored, and since Pagefind keeps đ apart from d (a letter of its own) the query also
 *   runs with đ for each word-initial d ("dau" → "đau"); the results are merged.
 *
 * Keyboard: "/", "s" or "f" opens the search box (as in Material), ↓ and ↑ move through the
 * results, Enter opens the first result, Escape closes the box.
 */
(() => {
  "use strict";

  const MAX_RESULTS = 10;
  const MAX_SECTIONS = 3;
  const MAX_VARIANT_WORDS = 3; // 2^3 = 8 searches at most for one query
  const DEBOUNCE_MS = 150;

  const box = document.querySelector("[data-site-search]");
  const toggle = document.getElementById("__search");
  if (!box || !toggle) return;
  const input = box.querySelector("input[name=query]");
  const form = box.querySelector("form");
  const meta = box.querySelector(".md-search-result__meta");
  const list = box.querySelector(".md-search-result__list");
  const words = box.dataset;
  const vietnamese = document.documentElement.lang === "vi";

  let engine = null;
  let queue = Promise.resolve();
  let latest = 0;
  let timer = 0;

  /** Pagefind, loaded on first use from the site's own bundle. */
  function pagefind() {
    engine ??= import(new URL(words.bundle, location.href).href).then(async (module) => {
      await module.options({ excerptLength: 24 });
      await module.init();
      return module;
    });
    return engine;
  }

  /** The query, and for Vietnamese the same query with đ for word-initial d ("dau" → "đau"). */
  function variants(query) {
    let out = [""];
    let flipped = 0;
    for (const part of query.split(/(\s+)/)) {
      const match = /^(\P{L}*)([dD])(.*)$/u.exec(part);
      const alternates = [part];
      if (vietnamese && match && flipped < MAX_VARIANT_WORDS) {
        alternates.push(match[1] + (match[2] === "d" ? "đ" : "Đ") + match[3]);
        flipped += 1;
      }
      out = out.flatMap((head) => alternates.map((alternate) => head + alternate));
    }
    return out;
  }

  /** Whether the reader typed diacritics (tone or vowel marks, or đ). */
  function hasDiacritics(query) {
    return /[\u0300-\u036f]/.test(query.normalize("NFD")) || /[đĐ]/.test(query);
  }

  /** The results of every query, best score per page first. */
  async function searchAll(module, exactDiacritics, queries) {
    await module.options({ exactDiacritics });
    const best = new Map();
    for (const query of queries) {
      const found = await module.search(query);
      for (const result of found?.results ?? []) {
        const known = best.get(result.id);
        if (!known || result.score > known.score) best.set(result.id, result);
      }
    }
    return [...best.values()].sort((a, b) => b.score - a.score);
  }

  /** One search at a time: searchAll switches an option of the shared Pagefind instance. */
  function serially(task) {
    const next = queue.then(task, task);
    queue = next.catch(() => undefined);
    return next;
  }

  async function search(query) {
    return serially(async () => {
      const module = await pagefind();
      let ranked = [];
      if (vietnamese && hasDiacritics(query)) ranked = await searchAll(module, true, [query]);
      if (!ranked.length) ranked = await searchAll(module, false, variants(query));
      return { total: ranked.length, shown: await Promise.all(ranked.slice(0, MAX_RESULTS).map((r) => r.data())) };
    });
  }

  function element(tag, attributes = {}, children = []) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    node.append(...children);
    return node;
  }

  /** Pagefind's excerpt: escaped text with <mark> around the matches. */
  function excerpt(html) {
    const paragraph = element("p");
    paragraph.innerHTML = html;
    return paragraph;
  }

  function link(url, heading, text, withIcon) {
    const article = element("article", { class: "md-search-result__article md-typeset" });
    if (withIcon) article.append(element("div", { class: "md-search-result__icon md-icon" }));
    article.append(element(withIcon ? "h1" : "h2", {}, [heading]));
    if (text) article.append(excerpt(text));
    return element("a", { href: url, class: "md-search-result__link" }, [article]);
  }

  /** One result as Material draws it: the page, then its best sections (not the page's own
   *  title again); the page's excerpt only when no section shows the same words. */
  function item(data) {
    const title = data.meta.title ?? data.url;
    const sections = (data.sub_results ?? [])
      .filter((sub) => sub.url.includes("#") && sub.title !== title)
      .slice(0, MAX_SECTIONS);
    const repeated = sections.some((sub) => sub.excerpt === data.excerpt);
    return element("li", { class: "md-search-result__item" }, [
      link(data.url, title, repeated ? "" : data.excerpt, true),
      ...sections.map((sub) => link(sub.url, sub.title, sub.excerpt, false)),
    ]);
  }

  function count(total) {
    if (total === 0) return words.none;
    if (total === 1) return words.one;
    return words.other.replace("#", String(total));
  }

  /** Show a message and results; data-query names the query they answer (for tests and styles). */
  function show(message, items = [], query = "") {
    meta.textContent = message;
    list.replaceChildren(...items);
    list.dataset.query = query;
  }

  async function run() {
    const query = input.value.trim();
    const ticket = ++latest;
    if (!query) return show(words.placeholder);
    try {
      const { total, shown } = await search(query);
      if (ticket === latest) show(count(total), shown.map(item), query);
    } catch (error) {
      engine = null; // try loading the index again on the next query
      console.warn("search: the index could not be loaded", error);
      if (ticket === latest) show(words.none, [], query);
    }
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

  function results() {
    return [...list.querySelectorAll(".md-search-result__link")];
  }

  function move(step) {
    const links = results();
    if (!links.length) return;
    const index = links.indexOf(document.activeElement);
    if (index === -1) return links[step > 0 ? 0 : links.length - 1].focus();
    const next = index + step;
    if (next < 0) return input.focus();
    links[Math.min(next, links.length - 1)].focus();
  }

  function isEditable(target) {
    return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(run, DEBOUNCE_MS);
  });
  input.addEventListener("focus", () => {
    toggle.checked = true;
    pagefind(); // start loading while the reader types
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const first = results()[0];
    if (first) location.href = first.href;
  });
  form.addEventListener("reset", () => {
    latest += 1;
    show(words.placeholder);
    setTimeout(() => input.focus());
  });
  toggle.addEventListener("change", () => {
    if (toggle.checked) input.focus();
  });
  box.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      move(event.key === "ArrowDown" ? 1 : -1);
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
