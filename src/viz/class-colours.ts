/**
 * Ten class colours for marks drawn on a canvas (scatter plots of the ten Fashion-MNIST or MNIST
 * classes), one palette for BOTH themes: every colour is a mid-tone with at least 3:1 contrast on the
 * light and the dark page and figure backgrounds (--bg, --figure-bg in src/styles/tokens.css), and
 * any two differ by at least 25 in CIE L*a*b* (class-colours.test.ts checks both). The hues follow
 * the tokens' --class-N order (blue, orange, green, pink, sky, vermillion, olive, brown, violet,
 * grey). A canvas cannot read CSS variables cheaply per frame, hence fixed values here; SVG and
 * HTML marks should keep using var(--class-N). Never the only cue: name the class beside the colour.
 */
export const CLASS_COLOURS: readonly string[] = Object.freeze([
  '#3b7fd4', // blue
  '#cc7700', // orange
  '#109b73', // bluish green
  '#d060b0', // pink
  '#1796b8', // sky
  '#e0502a', // vermillion
  '#999000', // olive
  '#a8704a', // brown
  '#8a70e0', // violet
  '#858b92', // grey
]);
