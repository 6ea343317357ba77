import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('config', () => {
  it('has working defaults for a laptop', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 8080, host: 'localhost', publicUrl: 'http://localhost:8080', databaseUrl: undefined, redisUrl: undefined });
    expect(config.consoleOrigins).toEqual(['http://localhost:8080', 'http://127.0.0.1:8080']);
  });

  it('takes the console origin from PUBLIC_URL plus CONSOLE_ORIGINS', () => {
    const config = loadConfig({ PUBLIC_URL: 'https://chat.example.com/', CONSOLE_ORIGINS: 'https://admin.example.com, ' });
    expect(config.publicUrl).toBe('https://chat.example.com');
    expect(config.consoleOrigins).toEqual(['https://chat.example.com', 'https://admin.example.com']);
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL/],
    [{ PARLEY_SECRET: 'short' }, /PARLEY_SECRET/],
  ])('fails fast naming the bad variable %j', (env, name) => {
    expect(() => loadConfig(env)).toThrow(name);
  });
});
