import { describe, expect, it } from 'vitest';
import { AA_TEXT_CONTRAST, contrastRatio, DARK_TEXT, LIGHT_TEXT, parseHexColor, readableTextOn, relativeLuminance } from './contrast';

describe('parseHexColor', () => {
  it('reads #rgb and #rrggbb in either case and refuses anything else', () => {
    expect(parseHexColor('#0f766e')).toEqual([15, 118, 110]);
    expect(parseHexColor('#FFF')).toEqual([255, 255, 255]);
    expect(parseHexColor(' #abc ')).toEqual([170, 187, 204]);
    for (const other of ['', 'red', '#abcd', '#12345g', 'rgb(0, 0, 0)', '0f766e']) expect(parseHexColor(other)).toBeNull();
  });
});

describe('contrast', () => {
  it('matches the WCAG definition at its fixed points', () => {
    expect(relativeLuminance([0, 0, 0])).toBe(0);
    expect(relativeLuminance([255, 255, 255])).toBeCloseTo(1, 10);
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 10);
    expect(contrastRatio('#777777', '#777777')).toBeCloseTo(1, 10);
  });

  it('agrees with published ratios and is symmetric', () => {
    // Reference values from the WebAIM contrast checker.
    expect(contrastRatio('#2563eb', '#ffffff')).toBeCloseTo(5.17, 2);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(contrastRatio('#ffffff', '#767676')).toBe(contrastRatio('#767676', '#ffffff'));
    expect(contrastRatio('#fff', 'blue')).toBeNull();
  });
});

describe('readableTextOn', () => {
  it('puts white on dark and saturated brands, near-black on light ones', () => {
    expect(readableTextOn('#2563eb')).toBe(LIGHT_TEXT);
    expect(readableTextOn('#0f766e')).toBe(LIGHT_TEXT);
    expect(readableTextOn('#112233')).toBe(LIGHT_TEXT);
    expect(readableTextOn('#facc15')).toBe(DARK_TEXT);
    expect(readableTextOn('#a3e635')).toBe(DARK_TEXT);
    expect(readableTextOn('#ffffff')).toBe(DARK_TEXT);
    expect(readableTextOn('not a colour')).toBeNull();
  });

  it('always picks the better of the two, which reaches AA for these brands', () => {
    for (const brand of ['#2563eb', '#facc15', '#0f766e', '#f97316', '#7c3aed', '#ec4899']) {
      const text = readableTextOn(brand)!;
      const other = text === LIGHT_TEXT ? DARK_TEXT : LIGHT_TEXT;
      expect(contrastRatio(brand, text)!, brand).toBeGreaterThanOrEqual(contrastRatio(brand, other)!);
      expect(contrastRatio(brand, text)!, brand).toBeGreaterThanOrEqual(AA_TEXT_CONTRAST);
    }
  });
});
