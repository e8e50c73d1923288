import fs from 'node:fs';
import path from 'node:path';

/**
 * Writes a WAV file that Chromium plays as its fake microphone: a voice-like tone whose loudness
 * rises and falls at syllable rate, without long pauses. Chromium's default fake input beeps
 * once a second, which audio-level meters see but speaker detection barely does.
 */
export function writeFakeSpeech(file: string): string {
  if (fs.existsSync(file)) return file;
  const rate = 48_000;
  const seconds = 4;
  const samples = rate * seconds;
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) {
    const t = i / rate;
    const syllables = 0.55 + 0.45 * Math.sin(2 * Math.PI * 3.5 * t);
    const voice = 0.6 * Math.sin(2 * Math.PI * 180 * t) + 0.3 * Math.sin(2 * Math.PI * 360 * t) + 0.1 * Math.sin(2 * Math.PI * 720 * t);
    data.writeInt16LE(Math.round(voice * syllables * 0.7 * 32767), i * 2);
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8);
  header.write('fmt ', 12);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, Buffer.concat([header, data]));
  return file;
}
