// Moderator pages: live countdowns, keyboard shortcuts for the common decisions, reveal-all for previews.
// Everything works without it; this only saves time.

const started = performance.now();

function format(seconds) {
  const abs = Math.abs(seconds);
  const h = Math.floor(abs / 3600);
  const m = Math.floor((abs % 3600) / 60);
  const span = abs >= 172800 ? `${h} h` : abs >= 3600 ? `${h} h ${m} min` : `${Math.floor(abs / 60)} min`;
  return seconds >= 0 ? `${span} left` : `overdue by ${span}`;
}

function tick() {
  const elapsed = Math.floor((performance.now() - started) / 1000);
  for (const el of document.querySelectorAll('[data-seconds-left]')) {
    const left = Number(el.dataset.secondsLeft) - elapsed;
    el.textContent = format(left);
    const total = Number(el.dataset.totalSeconds);
    if (left < 0) {
      el.classList.remove('urgency-ok', 'urgency-soon', 'urgency-urgent');
      el.classList.add('urgency-overdue');
    } else if (total > 0) {
      const used = 1 - left / total;
      const cls = used >= 0.8 ? 'urgency-urgent' : used >= 0.5 ? 'urgency-soon' : 'urgency-ok';
      el.classList.remove('urgency-ok', 'urgency-soon', 'urgency-urgent', 'urgency-overdue');
      el.classList.add(cls);
    }
  }
}

if (document.querySelector('[data-seconds-left]')) {
  setInterval(tick, 15000);
}

function typing(target) {
  return target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) && !['radio', 'checkbox'].includes(target.type));
}

const form = document.getElementById('decide-form');
document.addEventListener('keydown', (event) => {
  if (event.defaultPrevented || event.altKey || event.metaKey) {
    return;
  }
  if (form && event.ctrlKey && event.key === 'Enter' && form.contains(document.activeElement)) {
    event.preventDefault();
    form.requestSubmit();
    return;
  }
  if (event.ctrlKey || typing(event.target)) {
    return;
  }
  const key = event.key.toLowerCase();
  if (key === 'v') {
    const boxes = Array.from(document.querySelectorAll('input.reveal'));
    const reveal = boxes.some((b) => !b.checked);
    boxes.forEach((b) => { b.checked = reveal; });
    event.preventDefault();
    return;
  }
  const radio = form?.querySelector(`input[data-shortcut="${CSS.escape(key)}"]`);
  if (radio) {
    radio.checked = true;
    event.preventDefault();
    document.getElementById('decide-reason')?.focus();
  }
});
