import { LANGUAGES, RTL_LANGUAGES, type Language } from './strings';

/**
 * The language the widget speaks: the site's choice when it names one we have (the loader's
 * `data-lang`), else the first of the browser's preferred languages we have, else English.
 * Tags match on their primary subtag, so `fr-CA` gets French and `pt-BR` falls through.
 */
export function pickLanguage(preferred: readonly string[], override?: string | null): Language {
  for (const tag of override ? [override, ...preferred] : preferred) {
    const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
    const found = LANGUAGES.find((language) => language === primary);
    if (found) return found;
  }
  return 'en';
}

/** The writing direction to put on the widget's `dir` attribute. */
export function directionOf(language: Language): 'ltr' | 'rtl' {
  return RTL_LANGUAGES.includes(language) ? 'rtl' : 'ltr';
}
