export interface LegendItem {
  key: string;
  label: string;
  color: string;
  count?: number;
  shape: 'circle' | 'diamond' | 'square';
  active?: boolean;
}

/**
 * A row of big colour swatches with counts. With `onToggle`, each item is a button that filters by it (a second
 * click clears the filter).
 */
export function Legend({
  title,
  items,
  onToggle,
  testId,
}: {
  title: string;
  items: LegendItem[];
  onToggle?: (key: string) => void;
  testId?: string;
}) {
  return (
    <section className="dm-legend" data-testid={testId}>
      <h3>{title}</h3>
      <div className="dm-legend__items">
        {items.map((i) => {
          const body = (
            <>
              <span className={`dm-swatch dm-swatch--${i.shape}`} style={{ background: i.color }} />
              <span className="dm-legend__label">{i.label}</span>
              {i.count !== undefined && (
                <span
                  className="dm-legend__count"
                  data-testid={testId ? `${testId}-count-${i.key}` : undefined}
                >
                  {i.count}
                </span>
              )}
            </>
          );
          return onToggle ? (
            <button
              key={i.key}
              type="button"
              className={`dm-legend__item${i.active ? ' dm-legend__item--active' : ''}`}
              aria-pressed={i.active ?? false}
              onClick={() => onToggle(i.key)}
            >
              {body}
            </button>
          ) : (
            <span key={i.key} className="dm-legend__item">
              {body}
            </span>
          );
        })}
      </div>
    </section>
  );
}
