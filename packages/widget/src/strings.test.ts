import { beforeAll, describe, expect, it } from 'vitest';
import { EN_CHAT_STRINGS, fill, LANGUAGES, LAUNCHER_STRINGS, loadChatStrings, RTL_LANGUAGES, type ChatStrings, type Language } from './strings';

/** Every language's chat words, fetched the way the panel fetches them. */
const CHAT_STRINGS = {} as Record<Language, ChatStrings>;
beforeAll(async () => {
  for (const language of LANGUAGES) CHAT_STRINGS[language] = await loadChatStrings(language);
});

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('the string catalog', () => {
  it('speaks English and at least four more languages, one of them right to left', () => {
    expect(LANGUAGES[0]).toBe('en');
    expect(LANGUAGES.length).toBeGreaterThanOrEqual(5);
    expect(RTL_LANGUAGES.filter((language) => LANGUAGES.includes(language)).length).toBeGreaterThanOrEqual(1);
  });

  for (const [table, catalog] of [
    ['launcher', LAUNCHER_STRINGS],
    ['chat', CHAT_STRINGS],
  ] as const) {
    it(`has every ${table} key in every language, none empty, with English's placeholders`, () => {
      const english = catalog.en as unknown as Record<string, string>;
      expect(Object.keys(catalog).sort()).toEqual([...LANGUAGES].sort());
      for (const language of LANGUAGES) {
        const strings = catalog[language] as unknown as Record<string, string>;
        expect(Object.keys(strings).sort(), language).toEqual(Object.keys(english).sort());
        for (const [key, text] of Object.entries(strings)) {
          expect(text.trim(), `${language}.${key}`).not.toBe('');
          expect(placeholders(text), `${language}.${key}`).toEqual(placeholders(english[key]!));
        }
      }
    });
  }

  it('keeps English in the panel itself and fetches each other language as its own module', async () => {
    expect(await loadChatStrings('en')).toBe(EN_CHAT_STRINGS);
    expect((await loadChatStrings('fr')).send).toBe('Envoyer');
    expect(new Set(LANGUAGES.map((language) => CHAT_STRINGS[language])).size).toBe(LANGUAGES.length);
  });

  it('translates rather than copying English for the words a visitor sees first', () => {
    for (const language of LANGUAGES.filter((candidate) => candidate !== 'en')) {
      expect(LAUNCHER_STRINGS[language].openChat, language).not.toBe(LAUNCHER_STRINGS.en.openChat);
      expect(CHAT_STRINGS[language].placeholder, language).not.toBe(CHAT_STRINGS.en.placeholder);
      expect(CHAT_STRINGS[language].closeChat, language).not.toBe(CHAT_STRINGS.en.closeChat);
    }
  });
});

describe('fill', () => {
  it('puts values into placeholders and leaves unknown ones as written', () => {
    expect(fill(CHAT_STRINGS.en.typing, { name: 'Ada' })).toBe('Ada is typing…');
    expect(fill(CHAT_STRINGS.ar.typing, { name: 'Ada' })).toBe('Ada يكتب…');
    expect(fill('{name} and {other}', { name: 'Ada' })).toBe('Ada and {other}');
  });
});
