import { describe, expect, it } from 'vitest';
import { gridMove, moveTo } from './gridKeys';

const at = (value: string, start: number, end = start) => ({
  value,
  selectionStart: start,
  selectionEnd: end,
});

describe('entry grid keys', () => {
  it('Up, Down and Enter move; Shift+Enter goes up; modifiers and typing stay with the input', () => {
    expect(gridMove({ key: 'ArrowUp' }, at('12', 1))).toBe('up');
    expect(gridMove({ key: 'ArrowDown' }, at('12', 1))).toBe('down');
    expect(gridMove({ key: 'Enter' }, at('12', 2))).toBe('down');
    expect(gridMove({ key: 'Enter', shiftKey: true }, at('12', 2))).toBe('up');
    expect(gridMove({ key: 'ArrowDown', ctrlKey: true }, at('12', 1))).toBeNull();
    expect(gridMove({ key: 'Enter', isComposing: true }, at('12', 1))).toBeNull();
    expect(gridMove({ key: '5' }, at('12', 1))).toBeNull();
  });

  it('Left and Right move only from the start or the end of the text', () => {
    expect(gridMove({ key: 'ArrowLeft' }, at('123', 0))).toBe('left');
    expect(gridMove({ key: 'ArrowLeft' }, at('123', 1))).toBeNull();
    expect(gridMove({ key: 'ArrowLeft' }, at('123', 0, 3))).toBeNull(); // a selection collapses first
    expect(gridMove({ key: 'ArrowRight' }, at('123', 3))).toBe('right');
    expect(gridMove({ key: 'ArrowRight' }, at('123', 2))).toBeNull();
    expect(gridMove({ key: 'ArrowRight', shiftKey: true }, at('123', 3))).toBeNull();
    expect(gridMove({ key: 'ArrowRight' }, at('', 0))).toBe('right');
  });

  it('a drop-down keeps its keys while open, and Enter opens it', () => {
    const closed = { ...at('', 0), select: true, listOpen: false };
    const open = { ...closed, listOpen: true };
    expect(gridMove({ key: 'ArrowDown' }, closed)).toBe('down');
    expect(gridMove({ key: 'Enter' }, closed)).toBeNull();
    expect(gridMove({ key: 'ArrowDown' }, open)).toBeNull();
    expect(gridMove({ key: 'ArrowLeft' }, open)).toBeNull();
  });

  it('Up and Down keep the column; Left and Right read the cells in order; null at the edges', () => {
    const rows = [1, 2, 0, 1]; // a number, a ratio, a row without a cell, a number
    expect(moveTo(rows, { row: 0, col: 0 }, 'down')).toEqual({ row: 1, col: 0 });
    expect(moveTo(rows, { row: 1, col: 1 }, 'down')).toEqual({ row: 3, col: 0 });
    expect(moveTo(rows, { row: 3, col: 0 }, 'up')).toEqual({ row: 1, col: 0 });
    expect(moveTo(rows, { row: 0, col: 0 }, 'up')).toBeNull();
    expect(moveTo(rows, { row: 3, col: 0 }, 'down')).toBeNull();
    expect(moveTo(rows, { row: 1, col: 0 }, 'right')).toEqual({ row: 1, col: 1 });
    expect(moveTo(rows, { row: 1, col: 1 }, 'right')).toEqual({ row: 3, col: 0 });
    expect(moveTo(rows, { row: 3, col: 0 }, 'left')).toEqual({ row: 1, col: 1 });
    expect(moveTo(rows, { row: 1, col: 0 }, 'left')).toEqual({ row: 0, col: 0 });
    expect(moveTo(rows, { row: 0, col: 0 }, 'left')).toBeNull();
    expect(moveTo(rows, { row: 3, col: 0 }, 'right')).toBeNull();
  });
});
