import { describe, expect, it } from 'vitest';
import { CALL_WINDOW_SIZE, placeCallWindow } from './call-window-placement';

const laptop = { x: 0, y: 0, width: 1440, height: 860 };
const monitorOnLeft = { x: -1920, y: 0, width: 1920, height: 1040 };
const corner = { x: 1440 - 320 - 16, y: 860 - 240 - 16, ...CALL_WINDOW_SIZE };

describe('placeCallWindow', () => {
  it('opens in the primary display’s corner the first time', () => {
    expect(placeCallWindow(undefined, [laptop])).toEqual(corner);
  });

  it('reopens where it was left, on any display', () => {
    const left = { x: -1800, y: 100, ...CALL_WINDOW_SIZE };
    expect(placeCallWindow(left, [laptop, monitorOnLeft])).toEqual(left);
    expect(placeCallWindow({ x: 10, y: 10, ...CALL_WINDOW_SIZE }, [laptop])).toEqual({
      x: 10,
      y: 10,
      ...CALL_WINDOW_SIZE,
    });
  });

  it('never opens off-screen: a place on an unplugged monitor, or with its top out of reach, goes back to the corner', () => {
    expect(placeCallWindow({ x: -1800, y: 100, ...CALL_WINDOW_SIZE }, [laptop])).toEqual(corner);
    expect(placeCallWindow({ x: 100, y: -200, ...CALL_WINDOW_SIZE }, [laptop])).toEqual(corner);
    expect(placeCallWindow({ x: 1420, y: 100, ...CALL_WINDOW_SIZE }, [laptop])).toEqual(corner);
    expect(placeCallWindow({ x: 100, y: 850, ...CALL_WINDOW_SIZE }, [laptop])).toEqual(corner);
  });

  it('keeps its own size whatever was saved', () => {
    expect(placeCallWindow({ x: 10, y: 10, width: 5000, height: 5000 }, [laptop])).toEqual({
      x: 10,
      y: 10,
      ...CALL_WINDOW_SIZE,
    });
  });
});
