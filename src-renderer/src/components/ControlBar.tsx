import { useRef, type ReactNode } from 'react';
import { splitControls } from '../core/app/controlBarLayout';
import type { PopoverId, Popovers } from '../core/app/Popovers';
import type { LocalMedia } from '../core/media/LocalMedia';
import { useElementSize } from '../hooks/useElementSize';
import { useStore } from '../hooks/useStore';
import { CameraIcon, LeaveIcon, MicIcon, MoreIcon } from './icons';

/** A control besides mic, camera and Leave: in the bar when it fits, else in the More menu. */
export interface SecondaryControl {
  id: string;
  /** The visible word(s); the accessible name contains them. */
  label: string;
  /** The accessible name (and the tooltip, with the shortcut). */
  name: string;
  shortcut?: string;
  icon: ReactNode;
  pressed?: boolean;
  badge?: ReactNode;
  testId?: string;
  className?: string;
  /** Opens this popover (above the bar) instead of acting at once. */
  popover?: PopoverId;
  onSelect?: () => void;
}

/** A popover's accessible name and content, shown above the bar while it is the open one. */
export type PopoverContent = Partial<Record<PopoverId, { label: string; body: ReactNode }>>;

interface Props {
  localMedia: LocalMedia;
  popovers: Popovers;
  controls: SecondaryControl[];
  content: PopoverContent;
  onLeave: () => void;
}

const tooltip = (name: string, shortcut?: string): string => (shortcut ? `${name} (${shortcut})` : name);

/**
 * The meeting's controls. Microphone, camera and Leave always stay in the bar; the others follow in
 * order as far as the width allows and the rest go into "More". One popover at a time opens above
 * the bar (a bottom sheet on phones); Escape or a press elsewhere closes it (core/app/Popovers).
 */
export function ControlBar({ localMedia, popovers, controls, content, onLeave }: Props) {
  const { prefs, microphone, errors } = useStore(localMedia.state);
  const open = useStore(popovers.open);
  const ref = useRef<HTMLDivElement>(null);
  const { width } = useElementSize(ref);
  const { inline, overflow } = splitControls(controls, width);
  const micOff = prefs.micMuted || !microphone;
  const select = (control: SecondaryControl): void => (control.popover ? popovers.toggle(control.popover) : (popovers.close(), control.onSelect?.()));
  const shown = open && open !== 'more' ? content[open] : undefined;
  return (
    <div className="control-bar" role="toolbar" aria-label="Meeting controls" ref={ref}>
      {open && shown && (
        <div className="popover" role="dialog" aria-label={shown.label} data-popover={open}>
          {shown.body}
        </div>
      )}
      {open === 'more' && (
        <div className="popover more-menu" role="menu" aria-label="More controls" data-popover="more">
          {overflow.map((control) => (
            <button key={control.id} type="button" role="menuitem" className="menu-item" aria-label={control.name} data-testid={control.testId} data-popover={control.popover} onClick={() => select(control)}>
              {control.icon}
              <span>{control.name}</span>
            </button>
          ))}
        </div>
      )}
      <button
        type="button"
        className={micOff ? 'control off' : 'control'}
        aria-pressed={!micOff}
        aria-label={micOff ? 'Unmute microphone' : 'Mute microphone'}
        aria-keyshortcuts="Control+D Meta+D"
        title={errors.microphone?.message ?? (micOff ? 'Unmute microphone (Ctrl+D; hold Space to talk)' : 'Mute microphone (Ctrl+D)')}
        disabled={!microphone}
        onClick={() => localMedia.setMicMuted(!prefs.micMuted)}
      >
        <MicIcon off={micOff} />
        <span className="control-label">{micOff ? 'Unmute' : 'Mute'}</span>
      </button>
      <button
        type="button"
        className={prefs.cameraOff ? 'control off' : 'control'}
        aria-pressed={!prefs.cameraOff}
        aria-label={prefs.cameraOff ? 'Turn camera on' : 'Turn camera off'}
        aria-keyshortcuts="Control+E Meta+E"
        title={errors.camera?.message ?? (prefs.cameraOff ? 'Turn camera on (Ctrl+E)' : 'Turn camera off (Ctrl+E)')}
        onClick={() => void localMedia.setCameraOff(!prefs.cameraOff)}
      >
        <CameraIcon off={prefs.cameraOff} />
        <span className="control-label">Camera</span>
      </button>
      {inline.map((control) => (
        <button
          key={control.id}
          type="button"
          className={`control${control.pressed ? ' active' : ''}${control.className ? ` ${control.className}` : ''}`}
          aria-pressed={control.popover ? undefined : control.pressed}
          aria-expanded={control.popover ? open === control.popover : undefined}
          aria-label={control.name}
          title={tooltip(control.name, control.shortcut)}
          data-testid={control.testId}
          data-popover={control.popover}
          onClick={() => select(control)}
        >
          {control.icon}
          <span className="control-label">{control.label}</span>
          {control.badge}
        </button>
      ))}
      {overflow.length > 0 && (
        <button type="button" className="control" aria-haspopup="menu" aria-expanded={open === 'more'} aria-label="More controls" title="More controls" data-popover="more" onClick={() => popovers.toggle('more')}>
          <MoreIcon />
          <span className="control-label">More</span>
        </button>
      )}
      <button type="button" className="control leave" aria-label="Leave meeting" title="Leave meeting" onClick={onLeave}>
        <LeaveIcon />
        <span>Leave</span>
      </button>
    </div>
  );
}
