// Where the transcript's scroll position goes when its content changes (react-virtuoso renders the
// rows, this decides the position): it follows the bottom until the user scrolls up, and keeps the
// row at the top of the view in place while older turns are prepended above it.

/** How close to the bottom (px) still counts as being at the latest item. */
export const AT_BOTTOM_THRESHOLD = 48;

interface Anchor {
  /** The row's `data-row` key. */
  readonly row: string;
  /** Its top edge relative to the scroller's top edge when the older turns arrived. */
  readonly offset: number;
}

/** User input that scrolls (or may start a scrollbar drag): the position is theirs from then on. */
const USER_SCROLL_INPUT = ['wheel', 'touchstart', 'keydown', 'pointerdown'] as const;

export class ScrollKeeper {
  private scroller: HTMLElement | null = null;
  private lastTop = 0;
  private following = true;
  private anchor: Anchor | null = null;
  private checkQueued = false;

  /** `onFollowingChange` sees each change of "following the bottom" (the jump-to-latest button). */
  constructor(private readonly onFollowingChange: (following: boolean) => void) {}

  /** Whether the view follows the latest output (the user has not scrolled up). */
  get isFollowing(): boolean {
    return this.following;
  }

  /** Virtuoso's `scrollerRef`: the scrolling element, or null when it goes. */
  readonly attach = (element: HTMLElement | Window | null): void => {
    if (this.scroller) {
      this.scroller.removeEventListener('scroll', this.onScroll);
      for (const type of USER_SCROLL_INPUT) this.scroller.removeEventListener(type, this.onUserInput);
    }
    this.scroller = element instanceof HTMLElement ? element : null;
    if (!this.scroller) return;
    this.lastTop = this.scroller.scrollTop;
    this.scroller.addEventListener('scroll', this.onScroll, { passive: true });
    for (const type of USER_SCROLL_INPUT) this.scroller.addEventListener(type, this.onUserInput, { passive: true });
  };

  /** The user asked for the latest item (jump to latest). */
  follow(): void {
    this.anchor = null;
    this.setFollowing(true);
  }

  /**
   * Virtuoso measured the rows (`totalListHeightChanged`). Following: `scrollToBottom`. Otherwise a
   * held row is put back where it was, once Virtuoso's own corrections of this measurement are done.
   */
  heightChanged(scrollToBottom: () => void): void {
    if (this.following) scrollToBottom();
    else this.queueAnchorCheck();
  }

  /**
   * Older rows are about to be rendered above the current ones (call before they are committed):
   * remembers the first row on screen and where it is, and keeps it there until the user scrolls.
   * Virtuoso shifts the position by estimated heights of the new rows and corrects the estimate
   * only within 50 ms of an upward scroll (react-virtuoso 4.18), so on a busy machine the rows it
   * measures above the view afterwards would push what is on screen down.
   */
  holdTopRow(): void {
    this.anchor = null;
    if (this.following || !this.scroller) return;
    const top = this.scroller.getBoundingClientRect().top;
    for (const row of Array.from(this.scroller.querySelectorAll<HTMLElement>('[data-row]'))) {
      const box = row.getBoundingClientRect();
      if (box.bottom > top && row.dataset.row !== undefined) {
        this.anchor = { row: row.dataset.row, offset: box.top - top };
        return;
      }
    }
  }

  private readonly onScroll = (): void => {
    const scroller = this.scroller;
    if (!scroller) return;
    const top = scroller.scrollTop;
    // Growing content never fires a scroll event, so a scroll up away from the bottom is the user's
    // (Virtuoso corrects upwards only when not at the bottom): stop following at once, before the
    // rows that come into view are measured and would be taken for output to follow.
    if (scroller.scrollHeight - top - scroller.clientHeight <= AT_BOTTOM_THRESHOLD) this.setFollowing(true);
    else if (top < this.lastTop) this.setFollowing(false);
    this.lastTop = top;
    if (this.anchor) this.queueAnchorCheck();
  };

  private readonly onUserInput = (): void => {
    this.anchor = null;
  };

  private setFollowing(following: boolean): void {
    if (following) this.anchor = null;
    if (following === this.following) return;
    this.following = following;
    this.onFollowingChange(following);
  }

  /** After the current task's callbacks (Virtuoso's scroll corrections run synchronously in them). */
  private queueAnchorCheck(): void {
    if (this.checkQueued || !this.anchor) return;
    this.checkQueued = true;
    queueMicrotask(() => {
      this.checkQueued = false;
      this.restoreAnchor();
    });
  }

  private restoreAnchor(): void {
    const scroller = this.scroller;
    const anchor = this.anchor;
    if (!scroller || !anchor || this.following) return;
    const row = scroller.querySelector(`[data-row="${CSS.escape(anchor.row)}"]`);
    if (!row) return;
    const moved = row.getBoundingClientRect().top - scroller.getBoundingClientRect().top - anchor.offset;
    if (Math.abs(moved) >= 1) scroller.scrollTop += moved;
  }
}
