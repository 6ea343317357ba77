import { describe, expect, it } from 'vitest';
import { minifyCss, minifyCssTemplates } from '../css-minify';

describe('minifyCss', () => {
  it('drops comments and the whitespace around punctuation, keeping what separates tokens', () => {
    const css = `
  /* the panel */
  :host([open]) [part='panel'],
  li > img {
    font: var(--parley-font, 15px/1.4 system-ui, -apple-system, 'Segoe UI', sans-serif);
    inset: auto 16px calc(100% - 8px) auto;
  }
  @media (max-width: 480px) {
    a { color: red; }
  }
`;
    expect(minifyCss(css)).toBe(
      " :host([open]) [part='panel'],li>img{font:var(--parley-font,15px/1.4 system-ui,-apple-system,'Segoe UI',sans-serif);inset:auto 16px calc(100% - 8px) auto}@media (max-width:480px){a{color:red}}",
    );
  });

  it('minifies only the static text of css`` templates, not their ${} holes or other code', () => {
    const source = "const dark = css`\n  --a: 1px;\n`;\nexport const s = css`\n  :host {\n    ${dark}\n  }\n`;\nconst keep = `a  b`;";
    expect(minifyCssTemplates(source)).toBe("const dark = css`--a:1px;`;\nexport const s = css`:host{${dark}}`;\nconst keep = `a  b`;");
  });
});
