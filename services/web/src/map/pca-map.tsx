import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { featureField, formatFeatureValue, type FeatureKey } from '../features/feature-fields';
import { drawPoints } from './draw-points';
import { segmentColor } from './segment-colors';
import { SpatialGrid } from './spatial-grid';
import { useHoveredCustomer, type HoveredFeatures } from './use-hovered-customer';
import { usePcaPoints } from './use-pca-points';
import { boundsOf, fitView, panBy, toData, toScreen, zoomAt, type ViewTransform } from './view-transform';

export interface MapSegment {
  readonly id: string;
  readonly label: string | null;
  readonly centroid: { readonly x: number; readonly y: number } | null;
}

export interface MapHighlight {
  readonly x: number;
  readonly y: number;
  readonly label: string;
}

interface Props {
  readonly segments: readonly MapSegment[];
  readonly highlight: MapHighlight | null;
  readonly reloadKey: number;
}

const HOVER_RADIUS_PX = 6;
const KEY_PAN_PX = 40;
const TOOLTIP_OFFSET_PX = 12;
const TOOLTIP_KEYS: readonly (FeatureKey & keyof HoveredFeatures)[] = ['balance', 'purchases', 'cashAdvance', 'creditLimit'];

/** Where the tooltip goes: beside the pointer, on the side with room, so it never leaves the map (nor widens the page). */
function tooltipPlacement(px: number, py: number, width: number, height: number) {
  return {
    ...(px < width / 2 ? { left: px + TOOLTIP_OFFSET_PX } : { right: width - px + TOOLTIP_OFFSET_PX }),
    ...(py < height / 2 ? { top: py + TOOLTIP_OFFSET_PX } : { bottom: height - py + TOOLTIP_OFFSET_PX }),
  };
}

export function PcaMap({ segments, highlight, reloadKey }: Props) {
  // Points load at once, in parallel with the segment list; the legend follows the list, then any other id.
  const { store, version, done, error } = usePcaPoints(reloadKey);
  const legendIds = useMemo(
    () => [...segments.map((s) => s.id), ...store.segmentIds.filter((id) => !segments.some((s) => s.id === id))],
    [segments, store, version], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const colorOf = useCallback((id: string) => segmentColor(id, legendIds.indexOf(id)), [legendIds]);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [size, setSize] = useState({ width: 800, height: 520 });
  // Null until the user zooms or pans: the fitted view follows the data and the canvas size until then.
  const [userView, setView] = useState<ViewTransform | null>(null);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const [hover, setHover] = useState<{ index: number; x: number; y: number } | null>(null);
  const [drawn, setDrawn] = useState(0);
  const drag = useRef<{ x: number; y: number } | null>(null);
  const hoveredFeatures = useHoveredCustomer(hover ? store.customerIds[hover.index] : null);

  const colors = useMemo(() => store.segmentIds.map(colorOf), [store.segmentIds, colorOf]);
  const labelOf = useCallback((id: string) => segments.find((s) => s.id === id)?.label ?? id, [segments]);
  const bounds = useMemo(() => boundsOf(store.xs, store.ys, store.count), [store, version]); // eslint-disable-line react-hooks/exhaustive-deps
  // The grid is built once the last page is in: hover is useless before the picture is complete.
  const grid = useMemo(() => (done ? new SpatialGrid(store.xs, store.ys, store.count, bounds) : null), [done, store, bounds]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const observer = new ResizeObserver(([entry]) => {
      const width = Math.max(200, Math.floor(entry.contentRect.width));
      setSize({ width, height: Math.round(Math.min(640, Math.max(320, width * 0.6))) });
    });
    observer.observe(canvas.parentElement ?? canvas);
    return () => observer.disconnect();
  }, []);

  const view = useMemo(() => userView ?? (store.count > 0 ? fitView(bounds, size.width, size.height) : null), [userView, store.count, bounds, size]);

  useEffect(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context || !view) return;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(size.width * ratio);
    canvas.height = Math.round(size.height * ratio);
    const deviceView = { ...view, scale: view.scale * ratio };
    const image = context.createImageData(canvas.width, canvas.height);
    setDrawn(drawPoints(image, store, deviceView, colors, hidden, Math.max(2, Math.round(2 * ratio))));
    context.putImageData(image, 0, 0);
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    for (const segment of segments) {
      if (!segment.centroid || hidden.has(segment.id)) continue;
      const [cx, cy] = toScreen(view, size.width, size.height, segment.centroid.x, segment.centroid.y);
      context.beginPath();
      context.arc(cx, cy, 8, 0, 2 * Math.PI);
      context.fillStyle = colorOf(segment.id);
      context.fill();
      context.lineWidth = 3;
      context.strokeStyle = '#111';
      context.stroke();
    }
    if (highlight) {
      const [hx, hy] = toScreen(view, size.width, size.height, highlight.x, highlight.y);
      context.beginPath();
      context.arc(hx, hy, 11, 0, 2 * Math.PI);
      context.lineWidth = 3;
      context.strokeStyle = '#c00';
      context.stroke();
      context.font = '600 13px system-ui, sans-serif';
      context.fillStyle = '#c00';
      context.fillText(highlight.label, hx + 14, hy - 10);
    }
    if (done) performance.mark('pca-map-drawn');
  }, [store, version, view, size, colors, hidden, segments, colorOf, highlight, done]);

  const toggle = (id: string) => setHidden((h) => {
    const next = new Set(h);
    if (!next.delete(id)) next.add(id);
    return next;
  });

  // A native listener: React's wheel handlers are passive, so the page would scroll while zooming.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !view) return;
    const onWheel = (event: globalThis.WheelEvent) => {
      event.preventDefault();
      const rect = canvas.getBoundingClientRect();
      setView(zoomAt(view, size.width, size.height, event.clientX - rect.left, event.clientY - rect.top, Math.exp(-event.deltaY * 0.0015)));
    };
    canvas.addEventListener('wheel', onWheel, { passive: false });
    return () => canvas.removeEventListener('wheel', onWheel);
  }, [view, size]);

  const onPointerMove = (event: PointerEvent<HTMLCanvasElement>) => {
    if (!view) return;
    const rect = event.currentTarget.getBoundingClientRect();
    const px = event.clientX - rect.left;
    const py = event.clientY - rect.top;
    if (drag.current) {
      setView(panBy(view, event.clientX - drag.current.x, event.clientY - drag.current.y));
      drag.current = { x: event.clientX, y: event.clientY };
      return;
    }
    if (!grid) return;
    const [x, y] = toData(view, size.width, size.height, px, py);
    const index = grid.nearest(x, y, HOVER_RADIUS_PX / view.scale, (i) => !hidden.has(store.segmentIds[store.segment[i]]));
    setHover(index < 0 ? null : { index, x: px, y: py });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLCanvasElement>) => {
    if (!view) return;
    const moves: Record<string, () => ViewTransform | null> = {
      '+': () => zoomAt(view, size.width, size.height, size.width / 2, size.height / 2, 1.25),
      '=': () => zoomAt(view, size.width, size.height, size.width / 2, size.height / 2, 1.25),
      '-': () => zoomAt(view, size.width, size.height, size.width / 2, size.height / 2, 0.8),
      ArrowLeft: () => panBy(view, KEY_PAN_PX, 0),
      ArrowRight: () => panBy(view, -KEY_PAN_PX, 0),
      ArrowUp: () => panBy(view, 0, KEY_PAN_PX),
      ArrowDown: () => panBy(view, 0, -KEY_PAN_PX),
      '0': () => null,
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    setView(move());
  };

  return (
    <section className="panel map" aria-labelledby="map-title">
      <h2 id="map-title">PCA map</h2>
      <p className="hint">
        {done ? `${store.count.toLocaleString('en')} customers` : `Loading customers… ${store.count.toLocaleString('en')}`}. Scroll to zoom, drag to pan;
        with the map focused: + and − zoom, arrows pan, 0 resets.
      </p>
      {error && <p role="alert" className="error">{error}</p>}
      <ul className="legend" aria-label="Segments on the map">
        {legendIds.map((id) => (
          <li key={id}>
            <button type="button" aria-pressed={!hidden.has(id)} onClick={() => toggle(id)}>
              <span className="swatch" style={{ background: colorOf(id) }} aria-hidden="true" />
              {labelOf(id)}
            </button>
          </li>
        ))}
      </ul>
      <div className="canvas-wrap">
        <canvas
          ref={canvasRef}
          style={{ width: size.width, height: size.height }}
          tabIndex={0}
          aria-label={`Map of ${store.count} customers by segment; ${drawn} shown`}
          data-points={drawn}
          data-complete={done}
          onPointerDown={(e) => {
            drag.current = { x: e.clientX, y: e.clientY };
            e.currentTarget.setPointerCapture(e.pointerId);
          }}
          onPointerUp={() => (drag.current = null)}
          onPointerMove={onPointerMove}
          onPointerLeave={() => setHover(null)}
          onKeyDown={onKeyDown}
        />
        {hover && (
          <div className="tooltip" role="status" style={tooltipPlacement(hover.x, hover.y, size.width, size.height)}>
            <strong>{store.customerIds[hover.index]}</strong>
            <br />
            {labelOf(store.segmentIds[store.segment[hover.index]])}
            {hoveredFeatures && (
              <dl>
                {TOOLTIP_KEYS.map((key) => {
                  const field = featureField(key);
                  return (
                    <div key={key} className="tooltip-row">
                      <dt>{field.label}</dt>
                      <dd>{formatFeatureValue(field, hoveredFeatures[key])}</dd>
                    </div>
                  );
                })}
              </dl>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
