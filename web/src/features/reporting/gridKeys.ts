/**
 * Moving about the entry grid from the keyboard, like a spreadsheet: Up and Down go to the same column
 * of the previous and next row, Enter goes down (Shift+Enter up), Left and Right go to the previous and
 * next cell only when the caret is at the start or the end of the text, so editing inside a value works.
 * The decision is pure (tested beside); `onGridKeyDown` applies it to the grid's cells in the page.
 */
import type { KeyboardEvent } from 'react';

export type GridMove = 'up' | 'down' | 'left' | 'right';

export interface KeyInfo {
  key: string;
  shiftKey?: boolean;
  altKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  isComposing?: boolean;
}

export interface FieldInfo {
  /** The text in the input. */
  value: string;
  selectionStart: number | null;
  selectionEnd: number | null;
  /** A drop-down cell (yes/no): Enter and the arrows belong to it while its list is open. */
  select?: boolean;
  listOpen?: boolean;
}

/** Which way a key moves from a cell, or null when the key stays with the input. */
export function gridMove(k: KeyInfo, f: FieldInfo): GridMove | null {
  if (k.isComposing || k.altKey || k.ctrlKey || k.metaKey) return null;
  if (f.select && f.listOpen) return null;
  switch (k.key) {
    case 'ArrowUp':
    case 'Up':
      return 'up';
    case 'ArrowDown':
    case 'Down':
      return 'down';
    case 'Enter':
      // a closed drop-down opens on Enter
      if (f.select) return null;
      return k.shiftKey ? 'up' : 'down';
    case 'ArrowLeft':
    case 'Left':
      if (k.shiftKey) return null;
      return f.selectionStart === 0 && f.selectionEnd === 0 ? 'left' : null;
    case 'ArrowRight':
    case 'Right':
      if (k.shiftKey) return null;
      return f.selectionStart === f.value.length && f.selectionEnd === f.value.length ? 'right' : null;
    default:
      return null;
  }
}

/**
 * The cell a move reaches. `rows` holds how many cells each row has (a ratio has two: numerator and
 * denominator); rows without cells are skipped. Up and Down keep the column (the last one when the
 * row has fewer); Left and Right go through the cells in reading order. Null at the edges.
 */
export function moveTo(
  rows: number[],
  at: { row: number; col: number },
  move: GridMove,
): { row: number; col: number } | null {
  if (move === 'up' || move === 'down') {
    const step = move === 'up' ? -1 : 1;
    for (let r = at.row + step; r >= 0 && r < rows.length; r += step) {
      if (rows[r] > 0) return { row: r, col: Math.min(at.col, rows[r] - 1) };
    }
    return null;
  }
  if (move === 'left') {
    if (at.col > 0) return { row: at.row, col: at.col - 1 };
    for (let r = at.row - 1; r >= 0; r--) if (rows[r] > 0) return { row: r, col: rows[r] - 1 };
    return null;
  }
  if (at.col < rows[at.row] - 1) return { row: at.row, col: at.col + 1 };
  for (let r = at.row + 1; r < rows.length; r++) if (rows[r] > 0) return { row: r, col: 0 };
  return null;
}

/** Cells are the inputs whose id starts with "cell-", grouped by their table row. */
const CELL = 'input[id^="cell-"]:not([disabled])';

/**
 * The grid's key handler, put on an element around the table as `onKeyDownCapture`: it runs before the
 * cell's own handler, so a moving key neither steps a number nor opens a drop-down (a number cell
 * still takes its value when it loses the focus).
 */
export function onGridKeyDown(ev: KeyboardEvent<HTMLElement>) {
  const input = ev.target as HTMLElement;
  if (!(input instanceof HTMLInputElement) || !input.matches(CELL)) return;
  const select = input.getAttribute('role') === 'combobox';
  const move = gridMove(
    {
      key: ev.key,
      shiftKey: ev.shiftKey,
      altKey: ev.altKey,
      ctrlKey: ev.ctrlKey,
      metaKey: ev.metaKey,
      isComposing: ev.nativeEvent.isComposing,
    },
    {
      value: input.value,
      selectionStart: input.selectionStart,
      selectionEnd: input.selectionEnd,
      select,
      listOpen: input.getAttribute('aria-expanded') === 'true',
    },
  );
  if (!move) return;
  const trs: HTMLElement[] = [];
  const cells: HTMLInputElement[][] = [];
  for (const c of ev.currentTarget.querySelectorAll<HTMLInputElement>(CELL)) {
    const tr = c.closest('tr') ?? c;
    const last = trs.length - 1;
    if (last >= 0 && trs[last] === tr) cells[last].push(c);
    else {
      trs.push(tr);
      cells.push([c]);
    }
  }
  const row = cells.findIndex((r) => r.includes(input));
  if (row < 0) return;
  const to = moveTo(
    cells.map((r) => r.length),
    { row, col: cells[row].indexOf(input) },
    move,
  );
  // at an edge the key does nothing (and a number cell is not stepped)
  ev.preventDefault();
  ev.stopPropagation();
  if (!to) return;
  const next = cells[to.row][to.col];
  next.focus();
  if (next.getAttribute('role') !== 'combobox') next.select();
}
