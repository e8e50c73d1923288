/** Reads the RMS level of an audio track through an AnalyserNode. */
export interface LevelMeter {
  /** Current level, 0 (silence) to 1 (full scale), with a perceptual curve. */
  read(): number;
  close(): void;
}

export function createLevelMeter(track: MediaStreamTrack): LevelMeter {
  const context = new AudioContext();
  const source = context.createMediaStreamSource(new MediaStream([track]));
  const analyser = context.createAnalyser();
  analyser.fftSize = 512;
  source.connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  return {
    read() {
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const sample of samples) sum += sample * sample;
      const rms = Math.sqrt(sum / samples.length);
      // -60 dBFS..0 dBFS mapped to 0..1.
      const db = 20 * Math.log10(Math.max(rms, 1e-6));
      return Math.min(1, Math.max(0, (db + 60) / 60));
    },
    close() {
      source.disconnect();
      void context.close();
    },
  };
}
