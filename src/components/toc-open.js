// Opens the table of contents (the <details> just before this script) on wide screens before first
// paint, and follows the width afterwards. A classic script loaded from a file: the
// Content-Security-Policy forbids inline scripts.
(function () {
  var d = document.currentScript && document.currentScript.previousElementSibling;
  var wide = matchMedia('(min-width: 64rem)');
  if (!d) return;
  d.open = wide.matches;
  wide.addEventListener('change', function (e) {
    d.open = e.matches;
  });
})();
