import { useState } from 'react';
import { LayoutIcon } from './icons';

export type LayoutMode = 'grid' | 'speaker';

export interface ViewOptions {
  layout: LayoutMode;
  hideSelf: boolean;
  hideNoVideo: boolean;
}

/** Layout and who is shown: grid or speaker view, self-view, participants without video. */
export function ViewMenu({ options, onChange }: { options: ViewOptions; onChange: (options: ViewOptions) => void }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="view-menu">
      <button type="button" className="control" aria-expanded={open} aria-label="View options" onClick={() => setOpen((v) => !v)}>
        <LayoutIcon />
      </button>
      {open && (
        <div className="device-popover" role="dialog" aria-label="View options">
          <fieldset className="layout-choice">
            <legend>Layout</legend>
            {(['grid', 'speaker'] as const).map((layout) => (
              <label key={layout} className="toggle">
                <input type="radio" name="layout" checked={options.layout === layout} onChange={() => onChange({ ...options, layout })} />
                {layout === 'grid' ? 'Grid' : 'Speaker'}
              </label>
            ))}
          </fieldset>
          <label className="toggle">
            <input type="checkbox" checked={options.hideSelf} onChange={(e) => onChange({ ...options, hideSelf: e.target.checked })} />
            Hide self-view
          </label>
          <label className="toggle">
            <input type="checkbox" checked={options.hideNoVideo} onChange={(e) => onChange({ ...options, hideNoVideo: e.target.checked })} />
            Hide participants without video
          </label>
        </div>
      )}
    </div>
  );
}
