import { useEffect, useMemo, useRef, useState } from 'react';
import type { RunReviewQuery } from '../gql/graphql';
import { drawPoints } from '../map/draw-points';
import { PcaPointStore } from '../map/pca-point-store';
import { segmentColor } from '../map/segment-colors';
import { boundsOf, fitView, toScreen } from '../map/view-transform';

type ReviewPoint = NonNullable<NonNullable<RunReviewQuery['trainingRun']>['reviewMap']>['points'][number];

interface Props {
  readonly points: readonly ReviewPoint[];
  /** Segment ids in legend order (the review's rows). */
  readonly segments: readonly string[];
}

const MOVED_RING = '#111';

/**
 * Old vs new on one map: the customers at the champion's PCA positions, coloured by the challenger's segment,
 * the ones whose segment changes ringed. Drawn like the PCA map (pixels straight into an ImageData).
 */
export function ReviewOverlay({ points, segments }: Props) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(560);
  const height = Math.round(Math.min(420, Math.max(240, width * 0.6)));
  const store = useMemo(() => {
    const s = new PcaPointStore();
    s.append(points.map((p) => ({ customerId: p.customerId, segmentId: p.challengerSegment, x: p.x, y: p.y })));
    return s;
  }, [points]);
  const moved = useMemo(() => points.filter((p) => p.moved), [points]);
  const colorOf = (id: string) => segmentColor(id, Math.max(0, segments.indexOf(id)));

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.max(200, Math.min(720, Math.floor(entry.contentRect.width)))));
    observer.observe(canvas.parentElement ?? canvas);
    return () => observer.disconnect();
  }, []);

  const [drawn, setDrawn] = useState(0);
  useEffect(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context || store.count === 0) return;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    const view = fitView(boundsOf(store.xs, store.ys, store.count), width, height);
    const image = context.createImageData(canvas.width, canvas.height);
    setDrawn(drawPoints(image, store, { ...view, scale: view.scale * ratio }, store.segmentIds.map((id, i) => segmentColor(id, i)), new Set(), Math.max(2, Math.round(2 * ratio))));
    context.putImageData(image, 0, 0);
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.strokeStyle = MOVED_RING;
    context.lineWidth = 1;
    for (const p of moved) {
      const [x, y] = toScreen(view, width, height, p.x, p.y);
      context.beginPath();
      context.arc(x, y, 4, 0, 2 * Math.PI);
      context.stroke();
    }
  }, [store, moved, width, height]);

  return (
    <figure className="overlay">
      <figcaption>
        Customers where the champion places them, coloured by the new model&apos;s segment; ringed: {moved.length.toLocaleString('en')} that change segment.
      </figcaption>
      <ul className="legend" aria-label="Segments of the new model">
        {segments.map((id) => (
          <li key={id}>
            <span className="swatch" style={{ background: colorOf(id) }} aria-hidden="true" />
            {id}
          </li>
        ))}
      </ul>
      <canvas
        ref={canvasRef}
        style={{ width, height, maxWidth: '100%' }}
        aria-label={`Map of ${points.length} customers by the new model's segment; ${moved.length} move`}
        data-points={drawn}
        data-moved={moved.length}
      />
    </figure>
  );
}
