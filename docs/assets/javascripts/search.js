/*
 * Site search: the Pagefind index of the page's language, shown in Material's search box. An ES
 * module: site.js imports it when the reader first opens the box, so a page that is only read
 * downloads none of it.
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

const MAX_RESULTS = 10;
const MAX_SECTIONS = 3;
const MAX_VARIANT_WORDS = 3; // 2^3 = 8 searches at most for one query
const DEBOUNCE_MS = 150;

let box, input, form, meta, list, words, vietnamese;
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

/** Take over the search box: ``start`` is called once, when the reader first opens it. */
export function start(element) {
  box = element;
  input = box.querySelector("input[name=query]");
  form = box.querySelector("form");
  meta = box.querySelector(".md-search-result__meta");
  list = box.querySelector(".md-search-result__list");
  words = box.dataset;
  vietnamese = document.documentElement.lang === "vi";
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(run, DEBOUNCE_MS);
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
  box.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      move(event.key === "ArrowDown" ? 1 : -1);
    }
  });
  pagefind(); // start loading the index while the reader types
  if (input.value.trim()) run(); // typed before this module arrived
}
