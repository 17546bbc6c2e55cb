// Applies the remembered theme (or the system's) before first paint; ThemeToggle.astro does the rest.
// Also turns smooth scrolling on once the reader touches the page (global.css, html.smooth-scroll).
// A classic script loaded from a file (no inline script: the Content-Security-Policy forbids them).
(function () {
  var c = null,
    d = document.documentElement;
  try {
    c = localStorage.getItem('tinker-theme');
  } catch (e) {}
  if (c !== 'light' && c !== 'dark') c = 'system';
  d.dataset.themeChoice = c;
  d.dataset.theme = c !== 'system' ? c : matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  // A jump the reader starts here (a contents link) glides; a page opened at #section, from search or a
  // shared link, lands there at once instead of gliding down a long lesson while its widgets still grow.
  var smooth = function () {
    d.classList.add('smooth-scroll');
  };
  addEventListener('pointerdown', smooth, { once: true, capture: true });
  addEventListener('keydown', smooth, { once: true, capture: true });
})();
