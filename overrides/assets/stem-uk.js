// A small Ukrainian stemmer for search queries. Pagefind has no Ukrainian stemming, but it
// matches words by prefix: a query reduced to its stem ("автомобіль" -> "автомобіл") finds
// every inflected form on the pages ("автомобілів", "автомобілі"). Endings are removed
// longest first, keeping a stem of at least four letters so that short words stay whole.
const ENDINGS = [
  "ями", "ами", "ові", "еві", "ого", "ому", "ими", "іми", "ій", "ий", "их", "іх", "ої", "ою", "ею",
  "ях", "ах", "ам", "ям", "ом", "ем", "ів", "їв", "ей", "ья",
  "а", "я", "і", "и", "у", "ю", "о", "е", "ь", "ї", "й", "є",
].sort((a, b) => b.length - a.length);
const MIN_STEM = 4;

export function stemUkrainian(word) {
  const lower = word.toLowerCase().replace(/[’`ʼ]/g, "'");
  for (const ending of ENDINGS) {
    if (lower.endsWith(ending) && lower.length - ending.length >= MIN_STEM) {
      return lower.slice(0, lower.length - ending.length);
    }
  }
  return lower;
}
