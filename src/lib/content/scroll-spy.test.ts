import { describe, expect, it } from 'vitest';
import { currentSection } from './scroll-spy.ts';

// A window 800 px high: the reading line is at 200 px. A page 5000 px high.
const view = (tops: number[], scrollTop = 1000) => ({ tops, viewportHeight: 800, scrollTop, scrollHeight: 5000 });

describe('currentSection', () => {
  it('is no section above the first heading (the introduction), and with no headings', () => {
    expect(currentSection(view([450, 1200, 2000], 0))).toBe(-1);
    expect(currentSection(view([201, 900]))).toBe(-1);
    expect(currentSection(view([]))).toBe(-1);
  });

  it('is the last section whose heading has passed the reading line', () => {
    expect(currentSection(view([200, 900]))).toBe(0); // exactly on the line
    expect(currentSection(view([-300, 150, 700]))).toBe(1);
    expect(currentSection(view([-3000, -1200, -40]))).toBe(2);
    // A heading the reader jumped to sits at the top of the window.
    expect(currentSection(view([-900, 0, 600]))).toBe(1);
  });

  it('changes as the reader scrolls on', () => {
    const tops = [100, 700, 1500];
    const at = (scrolled: number) => currentSection(view(tops.map((t) => t - scrolled), 1000 + scrolled));
    expect(at(0)).toBe(0);
    expect(at(499)).toBe(0);
    expect(at(500)).toBe(1);
    expect(at(1300)).toBe(2);
  });

  it('at the bottom of the page, highlights the last heading in the window even below the line', () => {
    const bottom = { viewportHeight: 800, scrollTop: 4200, scrollHeight: 5000 };
    expect(currentSection({ ...bottom, tops: [-500, 300, 650] })).toBe(2);
    // A heading below the window stays out, even at the bottom.
    expect(currentSection({ ...bottom, tops: [-500, 300, 820] })).toBe(1);
    // Rounding: a fractional scroll position one pixel short of the end still counts as the bottom.
    expect(currentSection({ ...bottom, scrollTop: 4198.5, tops: [-500, 300, 650] })).toBe(2);
    // Not yet at the bottom: the reading line rules.
    expect(currentSection({ ...bottom, scrollTop: 4000, tops: [-500, 300, 650] })).toBe(0);
  });

  it('does not treat a page that fits in the window as scrolled to its bottom', () => {
    expect(currentSection({ tops: [300, 500], viewportHeight: 800, scrollTop: 0, scrollHeight: 800 })).toBe(-1);
  });
});
