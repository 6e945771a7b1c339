// Playing from the keyboard and with a screen reader (docs/accessibility.md). Plain script, no framework: it must work
// on every page, and before and after Blazor re-renders a screen.
(() => {
  'use strict';

  // Arrow keys (and Home/End) move between the buttons of a [data-arrow-group]: the answers of a question.
  const keys = ['ArrowDown', 'ArrowUp', 'ArrowLeft', 'ArrowRight', 'Home', 'End'];
  document.addEventListener('keydown', event => {
    if (!keys.includes(event.key) || event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }

    const group = event.target instanceof Element ? event.target.closest('[data-arrow-group]') : null;
    if (!group) {
      return;
    }

    const items = [...group.querySelectorAll('button:not([disabled])')];
    const at = items.indexOf(event.target);
    if (at < 0 || items.length === 0) {
      return;
    }

    const forward = event.key === 'ArrowDown' || event.key === 'ArrowRight';
    const next = event.key === 'Home' ? 0
      : event.key === 'End' ? items.length - 1
      : forward ? (at + 1) % items.length : (at - 1 + items.length) % items.length;
    items[next].focus();
    event.preventDefault();
  });

  window.partyA11y = {
    // A screen showing a room in another language than the page was served in (the TV of a Danish room).
    setLanguage(language) {
      if (language) {
        document.documentElement.lang = language;
      }
    },

    // A phase started: move focus to its task (the lie's input, the first answer), or to the screen's body when there
    // is nothing to do but wait, so a screen reader or keyboard user starts where the new task is.
    focusTask(selector) {
      const root = document.querySelector(selector);
      if (!root) {
        return;
      }

      const control = root.querySelector(
        '[data-autofocus]:not([disabled]), input:not([disabled]):not([type=hidden]), textarea:not([disabled]), button:not([disabled])');
      const target = control ?? root;
      if (target === root && !root.hasAttribute('tabindex')) {
        root.setAttribute('tabindex', '-1');
      }

      target.focus({ preventScroll: false });
    },
  };
})();
