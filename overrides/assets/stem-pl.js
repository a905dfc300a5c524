// A small Polish stemmer for search queries. Pagefind stems Polish pages with a stemmer of its
// own that does not join all the forms of a word ("generatorów" is indexed as "generatorow",
// "generatory" as "generator"), and it matches a query by prefix after stemming it the same way.
// A query cut down to what every form of the word shares ("generatorów" -> "generator") is a
// prefix of all of them. Endings are removed longest first, keeping at least three letters,
// then the consonant and vowel changes at the end of the stem are cut off. Not joined: vowel
// changes inside the stem (miasto/mieście, pojazd/pojeździe) and irregular words (dzień/dnia).
const ENDINGS = [
  // adjectives and pronouns
  "iego", "iemu", "ego", "emu", "ych", "ich", "ymi", "imi", "iej", "ej", "ym", "im",
  // nouns: plural, then singular; "i" spelled before a vowel marks a soft consonant (gminie, historii)
  "iowie", "iami", "iach", "owie", "ami", "ach", "iów", "iom", "om", "ów",
  "owi", "iem", "em", "ie", "ia", "ii", "ię", "ią", "iu", "io",
  "a", "ą", "ę", "e", "i", "o", "u", "y",
].sort((a, b) => b.length - a.length);
const MIN_STEM = 3;
const VOWELS = "aąeęioóuy";

// Consonants that change before some endings; the query keeps only what all the forms share.
function alternations(stem, ending) {
  // nouns in -ek and -ec lose the e in their other forms: budynek/budynku, mieszkaniec/mieszkańca
  for (const suffix of ending ? [] : ["iec", "ek", "ec"]) {
    if (stem.endsWith(suffix) && stem.length - suffix.length >= MIN_STEM) {
      return stem.slice(0, -suffix.length);
    }
  }
  const last = stem.at(-1);
  const before = stem.at(-2);
  // r/rz and d/dz: partner/partnerze/partnerzy, samochód/samochodzie, rada/radzie
  if ((last === "z" && (before === "r" || before === "d")) || last === "ł" || last === "l") {
    return cut(stem, 1); // ł/l: szkoła/szkole, wydział/wydziale
  }
  // t/c and k/c before -e, -ie: projekt/projekcie, wizyta/wizycie, opieka/opiece, placówka/placówce;
  // k after a consonant loses an e before it in the genitive plural: placówek, książek
  if (last === "k" || (last === "t" && before !== "s") || (last === "c" && (ending === "e" || ending === "ie"))) {
    return cut(stem, 1);
  }
  // c/ć after a consonant, i or y: pracownicy/pracownik, mieszkańca/mieszkaniec, społeczność/społeczności
  if ((last === "c" || last === "ć") && (!VOWELS.includes(before) || before === "i" || before === "y")) {
    return cut(stem, 1);
  }
  // n after a consonant had a mobile e in the dictionary form: ucznia/uczeń, stopnia/stopień
  if (last === "n" && !VOWELS.includes(before)) {
    return cut(stem, 1);
  }
  // Pagefind indexes some words in -sz- shorter than their stem (funduszy as "fundu")
  if (last === "z" && before === "s") {
    return cut(stem, 2);
  }
  return stem;
}

function cut(stem, count) {
  return stem.length - count >= MIN_STEM ? stem.slice(0, -count) : stem;
}

// ą/ę before the last consonant alternate: urząd/urzędu, miesiąc/miesięcy, święto/świąt
// (and Pagefind indexes sprzęcie as "sprz"). The stem is cut before them.
function beforeNasalVowel(stem) {
  return /^(.{3,})[ąę](?:dz|[bcdgtzżź])$/u.exec(stem)?.[1];
}

// Letters without their accents, as Pagefind compares them: the o/ó alternation
// (samochód/samochodów) and the soft consonants (mieszkańców/mieszkaniec) then match too.
// ł is a letter of its own, for Pagefind as well.
function withoutAccents(stem) {
  return stem.normalize("NFD").replace(/\p{M}/gu, "");
}

export function stemPolish(word) {
  const lower = word.toLowerCase();
  const ending = ENDINGS.find((end) => lower.endsWith(end) && lower.length - end.length >= MIN_STEM) ?? "";
  const stem = lower.slice(0, lower.length - ending.length);
  return withoutAccents(beforeNasalVowel(stem) ?? alternations(stem, ending));
}
