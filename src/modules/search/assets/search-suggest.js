// Progressive enhancement only: as-you-type suggestions for every search box (form[role="search"]) on the
// page. Without this file the forms submit as usual. Uses GET /api/search/suggest?q=…; follows the ARIA
// combobox pattern (arrow keys, Enter, Escape).
(() => {
  var counter = 0;

  function scopeOf(form) {
    var m = /^\/site\/([a-z][a-z0-9-]{1,31})\/search$/.exec(new URL(form.action, location.href).pathname);
    return m ? m[1] : '';
  }

  function enhance(form) {
    var input = form.querySelector('input[name="q"]');
    if (!input || input.dataset.suggest) return;
    input.dataset.suggest = '1';
    var id = `search-suggest-${++counter}`;
    var list = document.createElement('ul');
    list.id = id;
    list.className = 'search-suggest';
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', '搜索建议');
    list.hidden = true;
    form.classList.add('search-suggest-host');
    form.appendChild(list);
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-controls', id);
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('autocomplete', 'off');

    var items = [];
    var active = -1;
    var timer = 0;
    var lastQuery = '';
    var pending = null;

    function close() {
      list.hidden = true;
      list.textContent = '';
      items = [];
      active = -1;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
    }

    function choose(item) {
      if (item.url) {
        location.href = item.url;
        return;
      }
      input.value = item.text;
      close();
      form.submit();
    }

    function highlight(index) {
      var options = list.querySelectorAll('[role="option"]');
      for (let i = 0; i < options.length; i++) options[i].setAttribute('aria-selected', i === index ? 'true' : 'false');
      active = index;
      if (index >= 0) input.setAttribute('aria-activedescendant', options[index].id);
      else input.removeAttribute('aria-activedescendant');
    }

    function render(data) {
      list.textContent = '';
      items = data.items || [];
      if (!items.length) return close();
      items.forEach((item, i) => {
        var li = document.createElement('li');
        li.id = `${id}-${i}`;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        li.className = `search-suggest-${item.type}`;
        li.textContent = item.text;
        li.addEventListener('mousedown', (e) => {
          e.preventDefault();
          choose(item);
        });
        list.appendChild(li);
      });
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
      active = -1;
    }

    function fetchSuggestions() {
      var q = input.value.trim();
      if (q === lastQuery) return;
      lastQuery = q;
      if (!q) return close();
      if (pending) pending.abort();
      pending = new AbortController();
      var url = `/api/search/suggest?q=${encodeURIComponent(q.slice(0, 50))}`;
      var scope = scopeOf(form);
      if (scope) url += `&scope=${encodeURIComponent(scope)}`;
      fetch(url, { signal: pending.signal, headers: { accept: 'application/json' } })
        .then((r) => (r.ok ? r.json() : { items: [] }))
        .then((data) => {
          if (input.value.trim() === q) render(data);
        })
        .catch(() => {
          /* offline or aborted: the form still works */
        });
    }

    input.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, 150);
    });
    input.addEventListener('keydown', (e) => {
      if (list.hidden) return;
      if (e.key === 'ArrowDown') {
        e.preventDefault();
        highlight((active + 1) % items.length);
      } else if (e.key === 'ArrowUp') {
        e.preventDefault();
        highlight(active <= 0 ? items.length - 1 : active - 1);
      } else if (e.key === 'Enter' && active >= 0) {
        e.preventDefault();
        choose(items[active]);
      } else if (e.key === 'Escape') {
        close();
      }
    });
    input.addEventListener('blur', () => {
      setTimeout(close, 100);
    });
  }

  function init() {
    var forms = document.querySelectorAll('form[role="search"]');
    for (let i = 0; i < forms.length; i++) enhance(forms[i]);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
