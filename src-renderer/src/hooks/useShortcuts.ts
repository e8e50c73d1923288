import { useEffect } from 'react';
import type { LocalMedia } from '../core/media/LocalMedia';

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

/**
 * Meeting shortcuts: Ctrl/Cmd+D toggles the microphone, Ctrl/Cmd+E the camera, and holding Space
 * while muted talks until Space is released.
 */
export function useShortcuts(localMedia: LocalMedia): void {
  useEffect(() => {
    let pushToTalk = false;
    const onKeyDown = (event: KeyboardEvent): void => {
      const { prefs } = localMedia.state.get();
      const mod = event.ctrlKey || event.metaKey;
      if (mod && !event.shiftKey && !event.altKey && (event.key === 'd' || event.key === 'D')) {
        event.preventDefault();
        localMedia.setMicMuted(!prefs.micMuted);
      } else if (mod && !event.shiftKey && !event.altKey && (event.key === 'e' || event.key === 'E')) {
        event.preventDefault();
        void localMedia.setCameraOff(!prefs.cameraOff);
      } else if (event.code === 'Space' && !mod && !isTyping(event.target) && !(event.target instanceof HTMLButtonElement)) {
        event.preventDefault();
        if (!event.repeat && prefs.micMuted) {
          pushToTalk = true;
          localMedia.setMicMuted(false);
        }
      }
    };
    const onKeyUp = (event: KeyboardEvent): void => {
      if (event.code === 'Space' && pushToTalk) {
        pushToTalk = false;
        localMedia.setMicMuted(true);
      }
    };
    const onBlur = (): void => {
      if (pushToTalk) {
        pushToTalk = false;
        localMedia.setMicMuted(true);
      }
    };
    addEventListener('keydown', onKeyDown);
    addEventListener('keyup', onKeyUp);
    addEventListener('blur', onBlur);
    return () => {
      removeEventListener('keydown', onKeyDown);
      removeEventListener('keyup', onKeyUp);
      removeEventListener('blur', onBlur);
    };
  }, [localMedia]);
}
