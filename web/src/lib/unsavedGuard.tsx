/**
 * The unsaved-changes guard: while a form or grid holds edits that are not saved, leaving the page inside
 * the app (a menu item, a link, back, another period in the URL) asks first, and closing or reloading the
 * tab gets the browser's own prompt.
 *
 * Forms and grids report "dirty" with `useUnsavedGuard(dirty)`; one `<UnsavedGuard />` at the root of the
 * router holds the only blocker (a router supports one at a time).
 */
import { App } from 'antd';
import { useCallback, useEffect, useId, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker } from 'react-router';

const dirtyOnes = new Set<string>();
const listeners = new Set<() => void>();
const notify = () => {
  for (const l of listeners) l();
};
const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};
const anyDirty = () => dirtyOnes.size > 0;

/**
 * Marks this component's edits as unsaved (or saved) for the guard. Returns `release`, which marks them saved
 * at once (before React re-renders), for a save that navigates away in the same tick.
 */
export function useUnsavedGuard(dirty: boolean): () => void {
  const id = useId();
  const release = useCallback(() => {
    if (dirtyOnes.delete(id)) notify();
  }, [id]);
  useEffect(() => {
    if (!dirty) return;
    dirtyOnes.add(id);
    notify();
    return () => {
      dirtyOnes.delete(id);
      notify();
    };
  }, [dirty, id]);
  return release;
}

/** The one blocker and the tab-close prompt; mount once inside the data router. */
export function UnsavedGuard() {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const dirty = useSyncExternalStore(subscribe, anyDirty);
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      anyDirty() &&
      (currentLocation.pathname !== nextLocation.pathname || currentLocation.search !== nextLocation.search),
  );
  const asking = useRef(false);

  useEffect(() => {
    if (blocker.state !== 'blocked' || asking.current) return;
    asking.current = true;
    modal.confirm({
      title: t('common.unsavedTitle'),
      content: t('common.unsavedText'),
      okText: t('common.leave'),
      okButtonProps: { danger: true, 'data-testid': 'unsaved-leave' },
      cancelText: t('common.stay'),
      cancelButtonProps: { 'data-testid': 'unsaved-stay' },
      onOk: () => {
        asking.current = false;
        // the edits are given up: the page that held them unmounts
        dirtyOnes.clear();
        blocker.proceed();
      },
      onCancel: () => {
        asking.current = false;
        blocker.reset();
      },
    });
  }, [blocker, modal, t]);

  useEffect(() => {
    if (!dirty) return;
    const h = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      // some browsers show the prompt only when returnValue is set
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', h);
    return () => window.removeEventListener('beforeunload', h);
  }, [dirty]);
  return null;
}

/**
 * An antd form's "has unsaved edits", reported to the guard: true from the first change until `reset`
 * (after a save) or until `open` turns false (a modal closed). Pass `onValuesChange` to the Form. `reset`
 * takes effect at once, so a save may navigate right after it.
 */
export function useFormDirty(open = true): { dirty: boolean; onValuesChange: () => void; reset: () => void } {
  const [dirty, setDirty] = useState(false);
  useEffect(() => {
    if (!open) setDirty(false);
  }, [open]);
  const onValuesChange = useCallback(() => setDirty(true), []);
  const release = useUnsavedGuard(open && dirty);
  const reset = useCallback(() => {
    release();
    setDirty(false);
  }, [release]);
  return { dirty: open && dirty, onValuesChange, reset };
}
