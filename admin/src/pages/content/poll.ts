// Periodic refresh that does not keep an idle session alive. Every staff request refreshes the server's idle
// timer, so a plain 60-second poll would stop an unattended console from ever timing out (等保 session rule).
// Polls therefore run only while the tab is visible and the staff member used the console recently.
import { useEffect, useRef } from 'react';

/** A poll counts as “recent activity” only within this window after the last keyboard/pointer input. */
const ACTIVE_WINDOW_MS = 2 * 60_000;

let lastActivity = Date.now();
let listening = false;

function listen(): void {
  if (listening || typeof window === 'undefined') return;
  listening = true;
  const mark = () => {
    lastActivity = Date.now();
  };
  for (const type of ['pointerdown', 'keydown', 'wheel', 'touchstart']) window.addEventListener(type, mark, { passive: true, capture: true });
}

export function recentlyActive(): boolean {
  return Date.now() - lastActivity < ACTIVE_WINDOW_MS && (typeof document === 'undefined' || document.visibilityState === 'visible');
}

/** Runs `run` now and every `intervalMs` while the staff member is active, and when the tab is shown again. */
export function startPolling(run: () => void, intervalMs: number): () => void {
  listen();
  run();
  const timer = window.setInterval(() => {
    if (recentlyActive()) run();
  }, intervalMs);
  const onVisible = () => {
    if (document.visibilityState === 'visible' && recentlyActive()) run();
  };
  document.addEventListener('visibilitychange', onVisible);
  return () => {
    window.clearInterval(timer);
    document.removeEventListener('visibilitychange', onVisible);
  };
}

/** startPolling for the lifetime of a component. */
export function useActivePoll(run: () => void, intervalMs: number): void {
  const ref = useRef(run);
  ref.current = run;
  useEffect(() => startPolling(() => ref.current(), intervalMs), [intervalMs]);
}
