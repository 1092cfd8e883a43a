// Progressive enhancement only: every page works without this file.
// An empty search is not submitted; the keyword box gets the focus instead.
document.addEventListener('submit', (event) => {
  var form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.matches('form[role="search"]')) return;
  var input = form.querySelector('input[name="q"]');
  if (input && !input.value.trim()) {
    event.preventDefault();
    input.focus();
  }
});
