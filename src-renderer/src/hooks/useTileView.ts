import { useEffect, type RefObject } from 'react';
import type { ConsumerId } from '../../../src-common/ids';
import type { ViewReporter } from '../core/media/ViewReporter';

/**
 * Reports how an element shows a consumer: its size in device pixels, and whether it can be seen
 * (in the viewport of its window, page not hidden). When the element goes away the consumer is reported hidden.
 */
export function useTileView(
  ref: RefObject<HTMLElement | null>,
  consumerId: ConsumerId | undefined,
  pinned: boolean,
  views: ViewReporter | undefined,
): void {
  useEffect(() => {
    const element = ref.current;
    if (!element || !consumerId || !views) return undefined;
    // The element may live in a pop-out window: observe it with that window's viewport and state.
    const doc = element.ownerDocument;
    const view = doc.defaultView ?? window;
    let width = 0;
    let height = 0;
    let intersecting = false;
    const report = (): void => {
      const dpr = view.devicePixelRatio || 1;
      views.report(consumerId, {
        visible: intersecting && doc.visibilityState === 'visible' && width > 0 && height > 0,
        width: Math.round(width * dpr),
        height: Math.round(height * dpr),
        pinned,
      });
    };
    const resize = new view.ResizeObserver(([entry]) => {
      if (!entry) return;
      width = entry.contentRect.width;
      height = entry.contentRect.height;
      report();
    });
    const intersection = new view.IntersectionObserver(([entry]) => {
      if (!entry) return;
      intersecting = entry.isIntersecting;
      report();
    });
    resize.observe(element);
    intersection.observe(element);
    doc.addEventListener('visibilitychange', report);
    return () => {
      resize.disconnect();
      intersection.disconnect();
      doc.removeEventListener('visibilitychange', report);
      views.report(consumerId, { visible: false, width: Math.round(width), height: Math.round(height), pinned: false });
    };
  }, [ref, consumerId, pinned, views]);
}
