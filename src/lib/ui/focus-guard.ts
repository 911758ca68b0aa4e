// Never steal the focus from someone typing. A page moves the focus to its heading when it has
// loaded what a navigation asked for (a profile, the gap analysis); that load can end seconds
// later (a chunk, the data), when the user has already started typing a new search. The guard
// remembers where the focus was when the navigation happened and whether the user typed since:
// the page may take the focus only if nobody typed and the focus is still where navigation left
// it (or nowhere: on the body, the link that was clicked having gone with the old page).
//
// FocusGuard is pure (no DOM: elements are opaque values), so the rule is unit-tested in Node;
// `navigationFocus` wires it to the document.

export class FocusGuard {
  private armed = false;
  private target: unknown = null;
  private typed = false;

  /** A navigation happened; `active` is the element that has the focus now. */
  arm(active: unknown): void {
    this.armed = true;
    this.target = active;
    this.typed = false;
  }

  /** The user typed (an input event) somewhere in the page. */
  noteTyping(): void {
    if (this.armed) this.typed = true;
  }

  /**
   * May the page move the focus now? `active` is the focused element, `isBody` whether it is the
   * body (or nothing). Once answered, the navigation's claim is spent: a later load (data refresh)
   * does not move the focus again until the next navigation.
   */
  claim(active: unknown, isBody: boolean): boolean {
    if (!this.armed) return false;
    this.armed = false;
    return !this.typed && (isBody || active === this.target);
  }
}

const guard = new FocusGuard();
let listening = false;

export const navigationFocus = {
  /** Called by the shell on every navigation (route change). */
  arm(): void {
    if (!listening) {
      // Capture: an input anywhere counts, even when a component stops its propagation.
      window.addEventListener('input', () => guard.noteTyping(), { capture: true });
      listening = true;
    }
    guard.arm(document.activeElement);
  },
  /** Focuses `el` (a page heading) unless the user has moved on since the navigation. */
  focus(el: HTMLElement | null | undefined): void {
    if (!el) return;
    const active = document.activeElement;
    if (guard.claim(active, !active || active === document.body)) el.focus();
  },
};
