import type { CueSound } from './cueRules';

/** Each cue as short tones (frequency in Hz, start and length in seconds): no sound files to ship. */
const TONES: Record<CueSound, Array<[number, number, number]>> = {
  joined: [[660, 0, 0.09], [880, 0.1, 0.12]],
  left: [[880, 0, 0.09], [587, 0.1, 0.14]],
  knock: [[392, 0, 0.07], [392, 0.14, 0.07]],
  message: [[988, 0, 0.08]],
};

/**
 * Plays cue sounds quietly through Web Audio. The context is made on the first cue (after the
 * join click, so the browser lets it play) and closed with `close()`, which is safe to call twice.
 */
export function cueSoundPlayer(volume = 0.06): { play: (sound: CueSound) => void; close: () => void } {
  let context: AudioContext | null = null;
  let idle: ReturnType<typeof setTimeout> | undefined;
  return {
    play(sound) {
      try {
        context ??= new AudioContext();
        // A running context keeps an audio thread busy: it runs only while a cue plays.
        clearTimeout(idle);
        void context.resume();
        const running = context;
        idle = setTimeout(() => void running.suspend(), 1000);
        const start = context.currentTime + 0.01;
        for (const [frequency, at, length] of TONES[sound]) {
          const oscillator = context.createOscillator();
          const gain = context.createGain();
          oscillator.frequency.value = frequency;
          gain.gain.setValueAtTime(volume, start + at);
          gain.gain.exponentialRampToValueAtTime(0.0001, start + at + length);
          oscillator.connect(gain).connect(context.destination);
          oscillator.start(start + at);
          oscillator.stop(start + at + length);
        }
      } catch (error) {
        // A cue is a nicety: no audio output (or no Web Audio) must not disturb the meeting.
        console.info(`cue sound ${sound} not played`, error);
      }
    },
    close() {
      clearTimeout(idle);
      const closing = context;
      context = null;
      closing?.close().catch((error: unknown) => console.info('closing the cue sounds failed', error));
    },
  };
}
