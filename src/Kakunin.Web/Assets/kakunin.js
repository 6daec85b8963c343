// Kakunin web UI script: no framework, no build step. Loaded in <head> without defer (it is small and cached
// for a year) so that the "js" class below is set before first paint; the rest waits for the document.
(() => {
  'use strict';
  document.documentElement.classList.add('js');

  // <time datetime="…Z" data-local="datetime|date"> (Ui/UiTime.cs) carries UTC text from the server, which
  // cannot know the reader's time zone; show it in the browser's zone, in the page's language. The UTC text
  // stays as the tooltip.
  function localTimes(root) {
    const lang = document.documentElement.lang || 'en';
    const preferred = (navigator.languages || []).find(l => l.toLowerCase().split('-')[0] === lang);
    const locale = preferred || (lang === 'ja' ? 'ja-JP' : 'en-GB');
    const dateStyle = lang === 'ja' ? 'long' : 'medium';
    const formats = {
      datetime: new Intl.DateTimeFormat(locale, { dateStyle, timeStyle: 'short' }),
      date: new Intl.DateTimeFormat(locale, { dateStyle }),
    };
    for (const element of root.querySelectorAll('time[data-local]')) {
      const when = new Date(element.getAttribute('datetime'));
      const format = formats[element.dataset.local];
      if (!format || Number.isNaN(when.getTime())) continue;
      if (!element.title) element.title = element.textContent.trim();
      element.textContent = format.format(when);
    }
  }

  // On narrow screens the folder list is a drawer behind the menu button (aria-expanded says whether it is
  // open). Opening moves focus into it; Escape or a click outside closes it, and focus returns to the button.
  function drawer() {
    const button = document.querySelector('[data-drawer-toggle]');
    const panel = button && document.getElementById(button.getAttribute('aria-controls'));
    if (!panel) return;
    const isOpen = () => button.getAttribute('aria-expanded') === 'true';
    const set = (open, moveFocus) => {
      button.setAttribute('aria-expanded', String(open));
      panel.classList.toggle('open', open);
      document.body.classList.toggle('drawer-open', open);
      if (!moveFocus) return;
      if (open) {
        const target = panel.querySelector('[aria-current="page"]') || panel.querySelector('a, button');
        if (target) target.focus();
      } else {
        button.focus();
      }
    };
    button.addEventListener('click', () => set(!isOpen(), true));
    document.addEventListener('keydown', event => {
      if (event.key === 'Escape' && isOpen()) set(false, true);
    });
    document.addEventListener('click', event => {
      if (isOpen() && !panel.contains(event.target) && !button.contains(event.target)) set(false, false);
    });
  }

  // Keyboard shortcuts, as in other mail clients: "c" writes a new message, "/" goes to the search box. Never
  // while typing in a field, nor with a modifier (browser and screen-reader shortcuts keep theirs).
  function shortcuts() {
    document.addEventListener('keydown', event => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
      const target = event.target;
      if (target instanceof Element && target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]')) return;
      if (event.key === 'c') {
        if (document.querySelector('form[data-compose]')) return; // already writing: never leave the form by a stray key
        const compose = document.querySelector('[data-compose-link]');
        if (compose) { event.preventDefault(); window.location.assign(compose.href); }
      } else if (event.key === '/') {
        const search = document.querySelector('[data-search-box]');
        if (search) { event.preventDefault(); search.focus(); search.select(); }
      }
    });
  }

  // The HTML body of a message is in a sandboxed frame (no script runs inside it). Our page can still read its
  // height, because the frame is same-origin (allow-same-origin), and grows the frame to fit, so the message
  // scrolls with the page. Without script the frame keeps its CSS height and scrolls by itself.
  function messageFrames() {
    for (const frame of document.querySelectorAll('iframe[data-message-frame]')) {
      // The body's height, not the document's: the document is never shorter than the frame, so it could not shrink.
      const fit = () => {
        const doc = frame.contentDocument;
        if (!doc || !doc.body) return;
        frame.style.height = Math.max(120, Math.ceil(doc.body.getBoundingClientRect().height), doc.body.scrollHeight) + 2 + 'px';
      };
      const watch = () => {
        fit();
        const doc = frame.contentDocument;
        if (doc && doc.body && 'ResizeObserver' in window) new ResizeObserver(fit).observe(doc.body);
      };
      frame.addEventListener('load', watch);
      if (frame.contentDocument && frame.contentDocument.readyState === 'complete') watch();
      window.addEventListener('resize', fit);
    }
  }

  // The compose form says at once when the chosen files are over the limit (the server checks again).
  function attachmentLimit() {
    const form = document.querySelector('form[data-compose]');
    const input = form && form.querySelector('input[type=file]');
    const error = form && form.querySelector('[data-files-error]');
    if (!input || !error) return;
    const limit = Number(form.dataset.attachmentLimit);
    const size = bytes => bytes < 1024 * 1024 ? Math.ceil(bytes / 1024) + ' KB' : (bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '') + ' MB';
    input.addEventListener('change', () => {
      const total = Array.from(input.files || []).reduce((sum, file) => sum + file.size, 0);
      const over = total > limit;
      const message = over ? form.dataset.attachmentLimitText.replace('{total}', size(total)) : '';
      error.textContent = message;
      error.hidden = !over;
      input.setCustomValidity(message);
      if (over) input.setAttribute('aria-invalid', 'true'); else input.removeAttribute('aria-invalid');
    });
  }

  document.addEventListener('DOMContentLoaded', () => {
    localTimes(document);
    drawer();
    shortcuts();
    messageFrames();
    attachmentLimit();
  });

  // For pages that insert content later (e.g. a message list refreshed in place).
  window.Kakunin = { localTimes };
})();
