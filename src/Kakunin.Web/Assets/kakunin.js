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

  document.addEventListener('DOMContentLoaded', () => {
    localTimes(document);
    drawer();
  });

  // For pages that insert content later (e.g. a message list refreshed in place).
  window.Kakunin = { localTimes };
})();
