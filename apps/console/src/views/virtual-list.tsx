import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { scrollToReveal, windowRange } from './window-range';

export interface VirtualListProps<T> {
  items: readonly T[];
  /** Every row is this tall (CSS must agree): fixed heights keep the window arithmetic exact and cheap. */
  rowHeight: number;
  keyOf: (item: T) => string;
  renderRow: (item: T, index: number) => ComponentChildren;
  /** Index kept in view when it changes (the selected row, moved with the keyboard). */
  revealIndex?: number;
  overscan?: number;
  class?: string;
  label: string;
}

/** Before the first layout (and in a DOM without layout), assume a viewport this tall. */
const FALLBACK_VIEWPORT_PX = 800;

/** A list that renders only the rows in and near the viewport, so hundreds of rows stay cheap. */
export function VirtualList<T>(props: VirtualListProps<T>) {
  const { items, rowHeight, keyOf, renderRow, revealIndex, overscan = 6 } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(FALLBACK_VIEWPORT_PX);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => setViewport(el.clientHeight || FALLBACK_VIEWPORT_PX);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || revealIndex === undefined || revealIndex < 0) return;
    const target = scrollToReveal(revealIndex, rowHeight, el.scrollTop, viewport);
    if (target !== null) el.scrollTop = target;
  }, [revealIndex, rowHeight, viewport]);

  const range = windowRange({ count: items.length, rowHeight, scrollTop, viewportHeight: viewport, overscan });
  return (
    <div
      class={`virtual-list${props.class ? ` ${props.class}` : ''}`}
      ref={scroller}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
    >
      <ul aria-label={props.label} style={{ paddingTop: `${range.padTop}px`, paddingBottom: `${range.padBottom}px` }}>
        {items.slice(range.start, range.end).map((item, offset) => (
          <li key={keyOf(item)} style={{ height: `${rowHeight}px` }} aria-setsize={items.length} aria-posinset={range.start + offset + 1}>
            {renderRow(item, range.start + offset)}
          </li>
        ))}
      </ul>
    </div>
  );
}
