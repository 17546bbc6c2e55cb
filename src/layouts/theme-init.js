// Applies the remembered theme (or the system's) before first paint; ThemeToggle.astro does the rest.
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
})();
