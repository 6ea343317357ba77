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
      " :host([open]) [part=panel],li>img{font:var(--parley-font,15px/1.4 system-ui,-apple-system,'Segoe UI',sans-serif);inset:auto 16px calc(100% - 8px) auto}@media (max-width:480px){a{color:red}}",
    );
  });

  it('unquotes identifier attribute values and drops a leading zero, leaving other quotes and numbers alone', () => {
    const css = `[part="send"], [data-state='a-b_2'], [title='two words'], [data-n='1a'], [lang='-x'] {
    box-shadow: 0 1px 0.5px rgba(0, 0, 0, 0.25);
    animation: open 0.16s;
    margin: 10.5px -0.5px;
    font-family: 'Segoe UI';
  }`;
    expect(minifyCss(css)).toBe(
      "[part=send],[data-state=a-b_2],[title='two words'],[data-n='1a'],[lang='-x']{box-shadow:0 1px .5px rgba(0,0,0,.25);animation:open .16s;margin:10.5px -0.5px;font-family:'Segoe UI'}",
    );
  });

  it('minifies only the static text of css`` templates, not their ${} holes or other code', () => {
    const source = "const dark = css`\n  --a: 1px;\n`;\nexport const s = css`\n  :host {\n    ${dark}\n  }\n`;\nconst keep = `a  b`;";
    expect(minifyCssTemplates(source)).toBe("const dark = css`--a:1px;`;\nexport const s = css`:host{${dark}}`;\nconst keep = `a  b`;");
  });
});
