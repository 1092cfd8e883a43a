// Conditional questions of a survey with JavaScript on: a question whose condition is not met is hidden and its
// inputs disabled (so nothing of it is sent), and shown as soon as the earlier answer meets it. Without this script
// every question shows with its condition in words, and the server drops the answers of a hidden question.
(() => {
  const form = document.querySelector('form[data-survey]');
  if (!form) return;
  const dependents = Array.from(form.querySelectorAll('[data-show-if]')).map((el) => {
    const [name, values] = el.getAttribute('data-show-if').split(':');
    return { el, name, values: values.split(',') };
  });
  if (!dependents.length) return;
  const holder = (name) => form.querySelector(`[name="${name}"]`)?.closest('.pp-question');

  function update() {
    // In document order, so a question hidden above hides those that depend on it.
    for (const d of dependents) {
      const parent = holder(d.name);
      const parentShown = !parent?.hidden;
      const chosen = Array.from(form.querySelectorAll(`[name="${d.name}"]:checked`)).map((i) => i.value);
      const shown = parentShown && chosen.some((v) => d.values.includes(v));
      d.el.hidden = !shown;
      for (const input of d.el.querySelectorAll('input, textarea, select')) input.disabled = !shown;
    }
  }
  form.addEventListener('change', update);
  update();
})();
