// The search page: runs the visitor's query with Pagefind. Pagefind's index is downloaded
// only here, and only once the visitor searches; it holds one index per language (by
// <html lang>), so an English page searches English pages only.
import { stemPolish } from "./stem-pl.js";
import { stemUkrainian } from "./stem-uk.js";

const siteRoot = new URL("../", import.meta.url);
const form = document.querySelector(".mena-search-form");
const input = document.getElementById("mena-search-query");
const status = document.querySelector(".mena-search-status");
const list = document.querySelector(".mena-search-results");
const lang = document.documentElement.lang;
let pagefind = null;

// Query stemmers by page language. Pagefind has no Ukrainian stemming; its Polish stemming
// does not join all the forms of a word (stem-pl.js); its English stemming does.
const STEMMERS = { uk: stemUkrainian, pl: stemPolish };

function stemQuery(query) {
  const stem = STEMMERS[lang];
  return stem ? query.split(/\s+/).filter(Boolean).map(stem).join(" ") : query;
}

async function search(query) {
  if (!pagefind) {
    pagefind = await import(new URL("pagefind/pagefind.js", siteRoot).href);
    await pagefind.options({ baseUrl: siteRoot.pathname });
  }
  const found = await pagefind.search(stemQuery(query));
  const pages = await Promise.all(found.results.slice(0, 20).map((result) => result.data()));
  list.replaceChildren(...pages.map(resultItem));
  status.textContent = pages.length
    ? status.dataset.found.replace("{count}", String(found.results.length))
    : status.dataset.none;
}

function resultItem(page) {
  const item = document.createElement("li");
  const link = document.createElement("a");
  link.href = page.url;
  link.textContent = page.meta.title || page.url;
  const excerpt = document.createElement("p");
  excerpt.innerHTML = page.excerpt; // Pagefind escapes the page text and adds only <mark>
  item.append(link, excerpt);
  return item;
}

const query = new URLSearchParams(location.search).get("q");
if (query) {
  input.value = query;
  search(query);
}
form.addEventListener("submit", (event) => {
  event.preventDefault();
  const value = input.value.trim();
  if (!value) return;
  history.replaceState(null, "", "?q=" + encodeURIComponent(value));
  search(value);
});
