// The popup list above the composer shared by the `@` file picker and the `/` command menu: the
// composer keeps focus and drives the selection with the arrow keys (see useMenuKeys); a click
// picks an entry too.
import { useEffect, useRef } from 'react';

export interface PickerEntry {
  readonly key: string;
  readonly label: string;
  readonly detail?: string;
  readonly icon: string;
}

export function PickerMenu(props: {
  testId: string;
  label: string;
  entries: readonly PickerEntry[];
  selected: number;
  empty: string;
  onPick(index: number): void;
}): React.JSX.Element {
  const list = useRef<HTMLUListElement>(null);
  useEffect(() => {
    list.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [props.selected]);
  return (
    <div className="codex-picker" data-testid={props.testId} role="presentation">
      {props.entries.length === 0 ? (
        <div className="codex-picker-empty codex-muted">{props.empty}</div>
      ) : (
        <ul ref={list} id={`${props.testId}-list`} role="listbox" aria-label={props.label} className="codex-picker-list">
          {props.entries.map((entry, i) => (
            <li
              key={entry.key}
              id={`${props.testId}-option-${i}`}
              role="option"
              aria-selected={i === props.selected}
              data-key={entry.key}
              className={`codex-picker-item${i === props.selected ? ' codex-picker-selected' : ''}`}
              onMouseDown={(event) => {
                event.preventDefault(); // keep the composer's focus
                props.onPick(i);
              }}
            >
              <span className={`codicon codicon-${entry.icon}`} aria-hidden="true" />
              <span className="codex-picker-label" title={entry.label}>
                {entry.label}
              </span>
              {entry.detail ? (
                <span className="codex-picker-detail codex-muted" title={entry.detail}>
                  {entry.detail}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Arrow/Enter/Tab/Escape handling for a picker; returns true when the key was the menu's. */
export function menuKey(
  key: string,
  count: number,
  selected: number,
  actions: { select(index: number): void; pick(index: number): void; close(): void },
): boolean {
  switch (key) {
    case 'ArrowDown':
      if (count > 0) actions.select((selected + 1) % count);
      return true;
    case 'ArrowUp':
      if (count > 0) actions.select((selected - 1 + count) % count);
      return true;
    case 'Enter':
    case 'Tab':
      if (count === 0) return false;
      actions.pick(selected);
      return true;
    case 'Escape':
      actions.close();
      return true;
    default:
      return false;
  }
}
