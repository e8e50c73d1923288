import { describe, expect, it } from 'vitest';
import { defaultLayers, pickLayers, priorityFor } from './layerPolicy';

describe('pickLayers', () => {
  it.each([
    [{ width: 160, height: 90 }, 0, 1],
    [{ width: 300, height: 169 }, 0, 2],
    [{ width: 360, height: 203 }, 0, 2],
    [{ width: 400, height: 225 }, 1, 2],
    [{ width: 640, height: 360 }, 1, 2],
    [{ width: 900, height: 506 }, 2, 2],
    [{ width: 2560, height: 1440 }, 2, 2],
  ])('picks the smallest layer covering a %o view: spatial %i, temporal %i', (view, spatialLayer, temporalLayer) => {
    expect(pickLayers(view, defaultLayers)).toEqual({ spatialLayer, temporalLayer });
  });

  it('uses the sizes the publisher reported', () => {
    const lowResCamera = [{ width: 160, height: 120 }, { width: 320, height: 240 }, { width: 640, height: 480 }];
    expect(pickLayers({ width: 300, height: 225 }, lowResCamera).spatialLayer).toBe(1);
  });

  it('asks for the height too: a tall narrow tile needs a bigger layer', () => {
    expect(pickLayers({ width: 200, height: 500 }, defaultLayers).spatialLayer).toBe(2);
  });

  it('copes with a single-layer producer', () => {
    expect(pickLayers({ width: 1920, height: 1080 }, [{ width: 1280, height: 720 }])).toEqual({ spatialLayer: 0, temporalLayer: 2 });
  });
});

describe('priorityFor', () => {
  it('ranks pinned over active speaker over larger over smaller tiles', () => {
    const small = priorityFor({ width: 200, height: 112 }, false);
    const large = priorityFor({ width: 1280, height: 720 }, false);
    const speaker = priorityFor({ width: 200, height: 112 }, true);
    const pinned = priorityFor({ width: 200, height: 112, pinned: true }, false);
    expect(small).toBeLessThan(large);
    expect(large).toBeLessThan(speaker);
    expect(speaker).toBeLessThan(pinned);
    expect(pinned).toBeLessThanOrEqual(255);
  });
});
