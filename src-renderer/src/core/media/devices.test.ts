import { describe, expect, it } from 'vitest';
import { classifyCaptureError } from './devices';

describe('classifyCaptureError', () => {
  it.each([
    ['NotAllowedError', 'permission-denied'],
    ['SecurityError', 'permission-denied'],
    ['NotFoundError', 'not-found'],
    ['OverconstrainedError', 'not-found'],
    ['NotReadableError', 'in-use'],
    ['AbortError', 'in-use'],
    ['TypeError', 'other'],
  ] as const)('maps %s to %s', (name, kind) => {
    const error = classifyCaptureError(new DOMException('x', name), 'camera');
    expect(error.kind).toBe(kind);
    expect(error.device).toBe('camera');
    expect(error.message).toMatch(/camera/);
  });

  it('classifies things that are not errors at all', () => {
    expect(classifyCaptureError('boom', 'microphone').kind).toBe('other');
  });
});
