// 我为政府网站找错: inserts the national error-report script. Its `sitecode` attribute is not valid HTML, so the
// page carries the code as data-sitecode on this loader and the element is made here. A script inserted this
// way loads asynchronously: the page never waits on it, and if the national site is unreachable only the
// plain link beside it remains.
(() => {
  var loader = document.currentScript;
  if (!loader) return;
  var code = loader.getAttribute('data-sitecode');
  var src = loader.getAttribute('data-src');
  if (!code || !src || document.getElementById('_jiucuo_')) return;
  var script = document.createElement('script');
  script.id = '_jiucuo_';
  script.setAttribute('sitecode', code);
  script.src = src;
  script.async = true;
  loader.parentNode.insertBefore(script, loader.nextSibling);
})();
