import { describe, expect, it } from 'vitest';
import { FocusGuard } from '../../src/lib/ui/focus-guard.ts';

const search = { id: 'header-search' };
const link = { id: 'open-profile' };
const other = { id: 'filters' };

describe('FocusGuard: never steal the focus while the user types', () => {
  it('lets the page take the focus when it is still where navigation left it', () => {
    const g = new FocusGuard();
    g.arm(search);
    expect(g.claim(search, false)).toBe(true);
  });

  it('lets the page take the focus from the body (the clicked link went away with the old page)', () => {
    const g = new FocusGuard();
    g.arm(link);
    expect(g.claim(null, true)).toBe(true);
  });

  it('refuses once the user has typed since the navigation, even in the same field', () => {
    const g = new FocusGuard();
    g.arm(search);
    g.noteTyping();
    expect(g.claim(search, false)).toBe(false);
  });

  it('refuses when the focus moved elsewhere since the navigation', () => {
    const g = new FocusGuard();
    g.arm(search);
    expect(g.claim(other, false)).toBe(false);
  });

  it('answers once per navigation, and typing before a navigation does not count', () => {
    const g = new FocusGuard();
    expect(g.claim(null, true)).toBe(false); // never armed
    g.noteTyping();
    g.arm(search);
    expect(g.claim(search, false)).toBe(true);
    expect(g.claim(search, false)).toBe(false); // spent
    g.arm(search);
    expect(g.claim(search, false)).toBe(true); // a new navigation
  });
});
