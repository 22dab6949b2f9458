import { useEffect, useRef } from 'react';

export type DeskShortcutHandlers = {
  /** Space or Enter, only while a call rings. */
  answer: (() => void) | null;
  /** M */
  mute: (() => void) | null;
  /** H: hold, or resume when on hold. */
  hold: (() => void) | null;
  /** Esc */
  hangUp: (() => void) | null;
  /** Ctrl+Enter (⌘+Enter on a Mac): the only one that also works while typing. */
  save: (() => void) | null;
};

/** True when the key goes to something the operator types in (the shortcuts then stay out of the way). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    // Checkboxes and radios take Space themselves; text-like inputs take every key.
    return !['button', 'submit', 'reset'].includes(target.type);
  }
  return false;
}

/**
 * The desk's keyboard shortcuts, on the whole window. A handler that is null is not available now
 * (its key does what it normally does). Nothing fires while typing in a field, except save.
 */
export function useDeskShortcuts(handlers: DeskShortcutHandlers): void {
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const h = ref.current;
      const run = (handler: (() => void) | null) => {
        if (!handler) return false;
        event.preventDefault();
        if (!event.repeat) handler();
        return true;
      };
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        run(h.save);
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTypingTarget(event.target)) return;
      if (event.key === ' ' || event.code === 'Space' || event.key === 'Enter') {
        run(h.answer);
        return;
      }
      if (event.key === 'Escape') {
        run(h.hangUp);
        return;
      }
      // By physical key too, so they work with a Japanese (kana) layout.
      if (event.code === 'KeyM' || event.key.toLowerCase() === 'm') {
        run(h.mute);
        return;
      }
      if (event.code === 'KeyH' || event.key.toLowerCase() === 'h') run(h.hold);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
