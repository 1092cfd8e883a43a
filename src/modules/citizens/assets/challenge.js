// Self-hosted proof of work (ALTCHA format) for registration and anonymous forms. Nothing to click or read: the
// browser finds a number whose SHA-256 with the server's salt equals the challenge, and puts the signed answer in
// the form's hidden field. Progress is announced politely to screen readers. Without this script (or without
// Web Crypto) the form still submits; the server then applies stricter limits.
(() => {
  const boxes = document.querySelectorAll('[data-altcha]');
  if (!boxes.length || !window.crypto?.subtle || !window.TextEncoder) return;
  const encoder = new TextEncoder();
  const hex = (buffer) => Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');

  // Digests are asked for in batches: one awaited digest at a time spends most of its time waiting.
  const BATCH = 500;
  async function solve(c) {
    for (let start = 0; start <= c.maxnumber; start += BATCH) {
      const numbers = [];
      for (let n = start; n < start + BATCH && n <= c.maxnumber; n += 1) numbers.push(n);
      const digests = await Promise.all(
        numbers.map((n) => crypto.subtle.digest('SHA-256', encoder.encode(c.salt + n))),
      );
      const found = digests.findIndex((d) => hex(d) === c.challenge);
      if (found >= 0) return numbers[found];
    }
    return null;
  }

  for (const box of boxes) {
    const input = box.querySelector('input[name="altcha"]');
    const status = box.querySelector('[data-altcha-status]');
    const form = box.closest('form');
    if (!input || !status || !form) continue;
    const say = (text, state) => {
      status.textContent = text;
      box.setAttribute('data-state', state);
    };
    say('正在进行自动安全验证，无需操作……', 'working');
    const done = fetch(box.getAttribute('data-altcha'), { credentials: 'same-origin', cache: 'no-store' })
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status)))))
      .then(async (c) => {
        const number = await solve(c);
        if (number === null) throw new Error('unsolved');
        input.value = btoa(
          JSON.stringify({
            algorithm: c.algorithm,
            challenge: c.challenge,
            number,
            salt: c.salt,
            signature: c.signature,
          }),
        );
        say('安全验证已完成。', 'done');
      })
      .catch(() => say('未能完成自动安全验证，仍可提交；提交可能需要人工审核。', 'failed'));
    // A submit before the answer is ready waits for it (at most a few seconds), then goes ahead either way.
    form.addEventListener('submit', (event) => {
      if (box.getAttribute('data-state') !== 'working') return;
      event.preventDefault();
      const submitter = event.submitter;
      Promise.race([done, new Promise((resolve) => setTimeout(resolve, 8000))]).then(() => {
        if (submitter?.name) {
          const carry = document.createElement('input');
          carry.type = 'hidden';
          carry.name = submitter.name;
          carry.value = submitter.value;
          form.appendChild(carry);
        }
        box.setAttribute('data-state', 'submitted');
        form.submit();
      });
    });
  }
})();
