export type LayoutMode = 'grid' | 'speaker';

export interface ViewOptions {
  layout: LayoutMode;
  hideSelf: boolean;
  hideNoVideo: boolean;
  /** A short sound when someone joins or leaves (small meetings only; see core/meeting/cueRules). */
  joinSounds: boolean;
}

/** Layout and who is shown: grid or speaker view, self-view, participants without video; join and leave sounds (the View popover). */
export function ViewOptionsForm({ options, onChange }: { options: ViewOptions; onChange: (options: ViewOptions) => void }) {
  return (
    <>
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
      <label className="toggle">
        <input type="checkbox" checked={options.joinSounds} onChange={(e) => onChange({ ...options, joinSounds: e.target.checked })} />
        Sound when people join or leave
      </label>
    </>
  );
}
