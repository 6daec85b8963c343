// The compose page's formatting toolbar (docs/webmail.md "Rich-text compose"). Progressive: without this script the
// body is the plain textarea and the message goes as text/plain. With it the toolbar shows; the body stays the
// textarea until formatting is used (a button or Ctrl+B / Ctrl+I / Ctrl+K / Ctrl+Shift+7, 8, 9), then it becomes a
// contenteditable editor with the same text and selection, which posts its HTML as Form.BodyHtml (the textarea is
// disabled, so Form.Body is not posted). The server never trusts that HTML: it sanitises it and writes the text part.
// A draft or a reply whose quote is HTML starts in the editor (the page's <template id="body-html">).
(() => {
  'use strict';

  function setup() {
    const area = document.querySelector('[data-rich-body]');
    const toolbar = area && area.querySelector('[data-format-toolbar]');
    const textarea = area && area.querySelector('textarea');
    const form = textarea && textarea.form;
    if (!toolbar || !form || typeof document.execCommand !== 'function') return;

    const buttons = Array.from(toolbar.querySelectorAll('[data-format]'));
    const linkButton = toolbar.querySelector('[data-format=link]');
    const linkBox = area.querySelector('[data-link-box]');
    const linkInput = area.querySelector('[data-link-address]');
    const linkError = area.querySelector('[data-link-error]');
    const label = area.querySelector('label[for=body]');
    let editor = null;
    let savedRange = null;

    toolbar.hidden = false;

    // Roving tabindex (WAI-ARIA toolbar pattern): one Tab stop, arrows move between the buttons.
    function rove(to) {
      buttons.forEach(b => { b.tabIndex = b === to ? 0 : -1; });
      to.focus();
    }
    buttons.forEach((b, i) => { b.tabIndex = i === 0 ? 0 : -1; });
    toolbar.addEventListener('keydown', event => {
      const index = buttons.indexOf(document.activeElement);
      if (index < 0) return;
      const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: buttons.length - 1 }[event.key];
      if (next === undefined) return;
      event.preventDefault();
      rove(buttons[(next + buttons.length) % buttons.length]);
    });

    // Plain text to editor lines: one div per line, runs of spaces kept as the editor itself writes them.
    function escapeText(line) {
      return line.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
        .replace(/ (?= )|^ | $/g, '\u00a0');
    }

    function createEditor(html) {
      editor = document.createElement('div');
      editor.id = 'body-editor';
      editor.className = 'body-editor';
      editor.contentEditable = 'true';
      editor.setAttribute('role', 'textbox');
      editor.setAttribute('aria-multiline', 'true');
      editor.setAttribute('aria-labelledby', 'body-label');
      editor.setAttribute('spellcheck', 'true');
      editor.innerHTML = html;
      textarea.after(editor);
      textarea.hidden = true;
      textarea.disabled = true; // Form.Body is not posted: the server renders the text from the HTML
      toolbar.setAttribute('aria-controls', 'body-editor');
      document.execCommand('styleWithCSS', false, false); // <b>, <i>: elements the sanitiser keeps, never style=
      document.execCommand('defaultParagraphSeparator', false, 'div');
      editor.addEventListener('keydown', shortcut);
      editor.addEventListener('input', update);
      if (label) label.addEventListener('click', event => { event.preventDefault(); editor.focus(); });
      return editor;
    }

    // From the textarea, keeping its selection (a word selected there and made bold stays selected and bold).
    function toEditor() {
      if (editor) return;
      const value = textarea.value;
      const start = textarea.selectionStart;
      const end = textarea.selectionEnd;
      const lines = value.split('\n');
      createEditor(lines.map(l => l.length ? '<div>' + escapeText(l) + '</div>' : '<div><br></div>').join(''));
      const point = offset => {
        let rest = offset;
        for (let i = 0; i < lines.length; i++) {
          if (rest <= lines[i].length) {
            const div = editor.children[i];
            return div.firstChild && div.firstChild.nodeType === Node.TEXT_NODE ? [div.firstChild, rest] : [div, 0];
          }
          rest -= lines[i].length + 1;
        }
        const last = editor.lastElementChild;
        return [last, last.childNodes.length];
      };
      editor.focus();
      const range = document.createRange();
      range.setStart(...point(start));
      range.setEnd(...point(end));
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
    }

    function closest(name) {
      const selection = window.getSelection();
      let node = selection.rangeCount ? selection.getRangeAt(0).commonAncestorContainer : null;
      while (node && node !== editor) {
        if (node.nodeName === name) return node;
        node = node.parentNode;
      }
      return null;
    }

    function inEditor() {
      const selection = window.getSelection();
      return editor && selection.rangeCount > 0 && editor.contains(selection.getRangeAt(0).commonAncestorContainer);
    }

    function update() {
      if (!editor) return;
      const inside = inEditor();
      const state = {
        bold: inside && document.queryCommandState('bold'),
        italic: inside && document.queryCommandState('italic'),
        bulleted: inside && document.queryCommandState('insertUnorderedList'),
        numbered: inside && document.queryCommandState('insertOrderedList'),
        quote: inside && closest('BLOCKQUOTE') !== null,
      };
      buttons.forEach(b => {
        if (b.dataset.format in state) b.setAttribute('aria-pressed', state[b.dataset.format] ? 'true' : 'false');
      });
    }

    function quote() {
      const block = closest('BLOCKQUOTE');
      if (!block) {
        document.execCommand('formatBlock', false, 'blockquote');
        return;
      }
      while (block.firstChild) block.parentNode.insertBefore(block.firstChild, block);
      block.remove();
      editor.dispatchEvent(new Event('input'));
    }

    // Chromium puts the caret at the start of a line it has just made a list item (when lines are divs), in new text
    // nodes. The text itself does not change, so the selection is put back at the same characters.
    function textOffset(node, offset) {
      const range = document.createRange();
      range.setStart(editor, 0);
      range.setEnd(node, offset);
      return range.toString().length;
    }

    function pointAt(count) {
      const walker = document.createTreeWalker(editor, NodeFilter.SHOW_TEXT);
      let last = null;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (count <= node.data.length) return [node, count];
        count -= node.data.length;
        last = node;
      }
      return last ? [last, last.data.length] : [editor, 0];
    }

    function keepingSelection(command) {
      const selection = window.getSelection();
      const saved = inEditor() && selection.anchorNode.nodeType === Node.TEXT_NODE
        ? [textOffset(selection.anchorNode, selection.anchorOffset), textOffset(selection.focusNode, selection.focusOffset)]
        : null;
      command();
      if (saved) selection.setBaseAndExtent(...pointAt(saved[0]), ...pointAt(saved[1]));
    }

    function apply(format) {
      if (!editor) toEditor();
      else if (!inEditor()) editor.focus();
      switch (format) {
        case 'bold': document.execCommand('bold'); break;
        case 'italic': document.execCommand('italic'); break;
        case 'bulleted': keepingSelection(() => document.execCommand('insertUnorderedList')); break;
        case 'numbered': keepingSelection(() => document.execCommand('insertOrderedList')); break;
        case 'quote': quote(); break;
        case 'link': openLink(); return;
      }
      update();
    }

    // Ctrl (or ⌘) + B, I, K; Ctrl+Shift+7 / 8 / 9 for numbered, bulleted, quote (as Gmail). Physical keys (event.code),
    // so the digits work on a Japanese keyboard too, where Shift+8 types "(".
    function shortcut(event) {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const key = event.shiftKey
        ? { Digit7: 'numbered', Digit8: 'bulleted', Digit9: 'quote' }[event.code]
        : { KeyB: 'bold', KeyI: 'italic', KeyK: 'link' }[event.code];
      if (!key) return;
      event.preventDefault();
      apply(key);
    }

    // The link box: asks for the address; only http, https and mailto (the server drops any other anyway).
    function openLink() {
      const selection = window.getSelection();
      savedRange = inEditor() ? selection.getRangeAt(0).cloneRange() : null;
      const current = closest('A');
      linkInput.value = current ? current.getAttribute('href') : '';
      linkError.hidden = true;
      linkInput.removeAttribute('aria-invalid');
      linkBox.hidden = false;
      linkButton.setAttribute('aria-expanded', 'true');
      linkInput.focus();
    }

    function closeLink() {
      linkBox.hidden = true;
      linkButton.setAttribute('aria-expanded', 'false');
      editor.focus();
      if (savedRange) {
        const selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(savedRange);
      }
    }

    function allowed(text) {
      let url = text.trim();
      if (/^[^\s@:/]+@[^\s@]+\.[^\s@]+$/.test(url)) url = 'mailto:' + url; // an address typed alone
      else if (/^[a-z0-9-]+(\.[a-z0-9-]+)+([/?#]\S*)?$/i.test(url)) url = 'https://' + url; // example.com/page
      return /^(https?:\/\/[^\s/?#]+\S*|mailto:[^\s@]+@[^\s@]+)$/i.test(url) ? url : null;
    }

    function addLink() {
      const url = allowed(linkInput.value);
      if (!url) {
        linkError.hidden = false;
        linkInput.setAttribute('aria-invalid', 'true');
        linkInput.focus();
        return;
      }
      closeLink();
      const selection = window.getSelection();
      if (!savedRange || savedRange.collapsed) {
        const anchor = document.createElement('a');
        anchor.href = url;
        anchor.textContent = url.replace(/^mailto:/i, '');
        // Inserted as a node, not with execCommand('insertHTML'): chromium's insertHTML copies the computed style onto
        // what it inserts as style attributes, which the page's Content-Security-Policy (no inline style) refuses.
        const range = selection.rangeCount > 0 && inEditor() ? selection.getRangeAt(0) : null;
        if (range) {
          range.insertNode(anchor);
          range.setStartAfter(anchor);
          range.collapse(true);
          selection.removeAllRanges();
          selection.addRange(range);
        } else {
          editor.append(anchor);
        }
      } else {
        document.execCommand('createLink', false, url);
        selection.collapseToEnd();
      }
      update();
    }

    linkInput.addEventListener('keydown', event => {
      if (event.key === 'Enter') { event.preventDefault(); addLink(); }
      if (event.key === 'Escape') { event.preventDefault(); closeLink(); }
    });
    area.querySelector('[data-link-add]').addEventListener('click', addLink);
    area.querySelector('[data-link-cancel]').addEventListener('click', closeLink);

    toolbar.addEventListener('mousedown', event => {
      if (event.target.closest('[data-format]') && editor) event.preventDefault(); // keep the editor's selection
    });
    toolbar.addEventListener('click', event => {
      const button = event.target.closest('[data-format]');
      if (button) apply(button.dataset.format);
    });
    textarea.addEventListener('keydown', shortcut);
    document.addEventListener('selectionchange', update);

    form.addEventListener('submit', () => {
      if (!editor) return;
      let field = form.querySelector('input[name="Form.BodyHtml"]');
      if (!field) {
        field = document.createElement('input');
        field.type = 'hidden';
        field.name = 'Form.BodyHtml';
        form.append(field);
      }
      field.value = editor.innerHTML;
    });

    const template = document.getElementById('body-html');
    if (template) {
      createEditor('');
      editor.append(template.content.cloneNode(true));
      if (textarea.autofocus) {
        editor.focus(); // a reply: the cursor at the top, above the quote
        const range = document.createRange();
        range.setStart(editor, 0);
        range.collapse(true);
        window.getSelection().removeAllRanges();
        window.getSelection().addRange(range);
      }
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', setup);
  else setup();
})();
