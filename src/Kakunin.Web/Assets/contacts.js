// Suggestions from the address book in the compose form's To, Cc and Bcc fields (docs/webmail.md "Address book").
// The ARIA 1.2 combobox pattern, "list autocomplete with manual selection" (w3.org/WAI/ARIA/apg/patterns/combobox):
// the field is role=combobox with aria-expanded and aria-activedescendant; the list is a listbox of options. Arrow
// keys move through it, Enter or Tab accepts, Escape closes. Only the address under the caret is completed, in a
// field of addresses separated by commas, and it becomes "Name <address>". Without this script the fields are plain
// text and everything still works. No framework, no build step.
(() => {
  'use strict';
  const words = document.getElementById('contacts-words');
  if (!words) return;
  const DELAY_MS = 120;
  let counter = 0;

  // The live region that says how many suggestions there are (the listbox itself is not announced when it opens).
  // aria-live without role=status: the page's own notice ("Draft saved.") is its one status element.
  const status = document.createElement('div');
  status.className = 'visually-hidden';
  status.setAttribute('aria-live', 'polite');
  document.body.append(status);

  // The address the caret is in: commas and semicolons separate addresses, except inside "quotes" or <angle brackets>.
  function segmentAt(value, caret) {
    let start = 0;
    let quoted = false;
    let angled = false;
    for (let i = 0; i < value.length; i++) {
      const c = value[i];
      if (c === '"' && value[i - 1] !== '\\') quoted = !quoted;
      else if (!quoted && c === '<') angled = true;
      else if (!quoted && c === '>') angled = false;
      else if (!quoted && !angled && (c === ',' || c === ';')) {
        if (caret <= i) return { start, end: i };
        start = i + 1;
      }
    }
    return { start, end: value.length };
  }

  function combobox(input) {
    const id = input.id + '-suggestions';
    const list = document.createElement('ul');
    list.id = id;
    list.className = 'contact-suggestions';
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', words.dataset.suggestionsLabel);
    list.hidden = true;
    input.insertAdjacentElement('afterend', list);
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', id);

    let suggestions = [];
    let active = -1;
    let timer = 0;
    let asked = 0;
    let aborter = null;

    const isOpen = () => !list.hidden;

    function close() {
      list.hidden = true;
      list.replaceChildren();
      suggestions = [];
      active = -1;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
    }

    function setActive(index) {
      const options = list.querySelectorAll('[role=option]');
      options.forEach((option, i) => option.setAttribute('aria-selected', String(i === index)));
      active = index;
      if (index < 0) {
        input.removeAttribute('aria-activedescendant');
        return;
      }
      input.setAttribute('aria-activedescendant', options[index].id);
      options[index].scrollIntoView({ block: 'nearest' });
    }

    function show(found) {
      // A later answer (the person typed on) keeps the option they had moved to, when it is still there.
      const kept = active >= 0 && suggestions[active] ? suggestions[active].address : null;
      suggestions = found;
      list.replaceChildren();
      if (found.length === 0) {
        close();
        return;
      }
      found.forEach((s, i) => {
        const option = document.createElement('li');
        option.id = `${id}-${++counter}`;
        option.setAttribute('role', 'option');
        option.setAttribute('aria-selected', 'false');
        option.dataset.index = String(i);
        if (s.name) {
          const name = document.createElement('span');
          name.className = 'suggestion-name';
          name.textContent = s.name;
          option.append(name);
        }
        const address = document.createElement('span');
        address.className = 'suggestion-address';
        address.textContent = s.address;
        option.append(address);
        list.append(option);
      });
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
      setActive(kept === null ? -1 : found.findIndex(s => s.address === kept));
      status.textContent = found.length === 1 ? words.dataset.countOne : words.dataset.countMany.replace('{count}', String(found.length));
    }

    function typed() {
      const caret = input.selectionStart ?? input.value.length;
      const segment = segmentAt(input.value, caret);
      const text = input.value.slice(segment.start, segment.end).trim();
      return { segment, text };
    }

    async function suggest() {
      const { text } = typed();
      // Nothing typed, or an address already written out in full ("Name <address>"): nothing to suggest.
      if (text.length === 0 || /<[^>]*>/.test(text)) {
        close();
        return;
      }
      const mine = ++asked;
      if (aborter) aborter.abort();
      aborter = new AbortController();
      try {
        const response = await fetch(`${input.dataset.contactsSuggest}?q=${encodeURIComponent(text)}`, {
          headers: { Accept: 'application/json' }, signal: aborter.signal, credentials: 'same-origin',
        });
        if (!response.ok || mine !== asked) return;
        const found = await response.json();
        if (mine === asked && document.activeElement === input) show(found);
      } catch (error) {
        if (error.name !== 'AbortError') close();
      }
    }

    function accept(index) {
      const chosen = suggestions[index];
      if (!chosen) return;
      const { segment } = typed();
      const before = input.value.slice(0, segment.start);
      const after = input.value.slice(segment.end);
      const written = (segment.start > 0 ? ' ' : '') + chosen.text;
      // The last address gets ", " after it, ready for the next one (as Outlook and Roundcube do).
      const value = after.trim() === '' ? before + written + ', ' : before + written + after;
      const caret = after.trim() === '' ? value.length : (before + written).length;
      input.value = value;
      input.setSelectionRange(caret, caret);
      close();
      input.dispatchEvent(new Event('change', { bubbles: true }));
    }

    input.addEventListener('input', () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(suggest, DELAY_MS);
    });

    input.addEventListener('keydown', event => {
      // Keys that confirm an input method's conversion (Japanese) are not ours.
      if (event.isComposing || event.keyCode === 229 || event.altKey || event.ctrlKey || event.metaKey) return;
      const count = suggestions.length;
      switch (event.key) {
        case 'ArrowDown':
          event.preventDefault();
          if (isOpen()) setActive((active + 1) % count);
          else suggest();
          break;
        case 'ArrowUp':
          if (!isOpen()) return;
          event.preventDefault();
          setActive(active <= 0 ? count - 1 : active - 1);
          break;
        case 'Enter':
          if (!isOpen()) return;
          // Never send the message by accident while the list is open.
          event.preventDefault();
          if (active >= 0) accept(active);
          else close();
          break;
        case 'Tab':
          if (isOpen() && active >= 0) accept(active);
          else if (isOpen()) close();
          break;
        case 'Escape':
          if (!isOpen()) return;
          event.preventDefault();
          event.stopPropagation();
          close();
          break;
        default:
          break;
      }
    });

    // The field keeps the focus when an option is pressed; a click accepts it.
    list.addEventListener('mousedown', event => event.preventDefault());
    list.addEventListener('click', event => {
      const option = event.target.closest('[role=option]');
      if (option) accept(Number(option.dataset.index));
    });
    input.addEventListener('blur', () => close());
  }

  function start() {
    for (const input of document.querySelectorAll('input[data-contacts-suggest]')) combobox(input);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
