import { useState } from 'react';

/**
 * Prev/next paging over cursor lists: keeps the stack of cursors that led to the current page.
 * A new `resetKey` (the serialised filters) starts again at page one.
 */
export function useCursorPages(resetKey: string) {
  const [state, setState] = useState<{ key: string; stack: (string | null)[] }>({
    key: resetKey,
    stack: [null],
  });
  const stack = state.key === resetKey ? state.stack : [null];
  return {
    cursor: stack[stack.length - 1] ?? null,
    page: stack.length,
    hasPrev: stack.length > 1,
    next: (nextCursor: string) => setState({ key: resetKey, stack: [...stack, nextCursor] }),
    prev: () => setState({ key: resetKey, stack: stack.slice(0, -1) }),
    reset: () => setState({ key: resetKey, stack: [null] }),
  };
}
