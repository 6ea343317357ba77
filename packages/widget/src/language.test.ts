import { describe, expect, it } from 'vitest';
import { directionOf, pickLanguage } from './language';

describe('pickLanguage', () => {
  it("takes the browser's first language the catalog has, by primary subtag", () => {
    expect(pickLanguage(['fr-CA', 'en-US'])).toBe('fr');
    expect(pickLanguage(['pt-BR', 'de-AT', 'fr'])).toBe('de');
    expect(pickLanguage(['ES'])).toBe('es');
    expect(pickLanguage(['ar_EG'])).toBe('ar');
  });

  it('falls back to English when nothing matches or the browser says nothing', () => {
    expect(pickLanguage(['ja', 'zh-Hant'])).toBe('en');
    expect(pickLanguage([])).toBe('en');
  });

  it("lets the site's data-lang win over the browser, unless we do not have it", () => {
    expect(pickLanguage(['fr-FR'], 'ar')).toBe('ar');
    expect(pickLanguage(['fr-FR'], 'de-CH')).toBe('de');
    expect(pickLanguage(['fr-FR'], 'ja')).toBe('fr');
    expect(pickLanguage(['fr-FR'], '')).toBe('fr');
    expect(pickLanguage(['fr-FR'], null)).toBe('fr');
  });
});

describe('directionOf', () => {
  it('is rtl for Arabic and ltr for the others', () => {
    expect(directionOf('ar')).toBe('rtl');
    for (const language of ['en', 'fr', 'de', 'es'] as const) expect(directionOf(language)).toBe('ltr');
  });
});
