// Periodic refresh of counts and reminders. Polls are sent with `poll: true` (the X-Govportal-Poll header):
// the server checks the session but does not treat them as activity, so a console left open still reaches
// the idle timeout (等保 session rule) and then shows the login page. Polls run while the tab is visible, and
// once more when it is shown again.
import { useEffect, useRef } from 'react';

const visible = () => typeof document === 'undefined' || document.visibilityState === 'visible';

/** Runs `run` now and every `intervalMs` while the tab is visible, and when the tab is shown again. */
export function startPolling(run: () => void, intervalMs: number): () => void {
  run();
  const timer = window.setInterval(() => {
    if (visible()) run();
  }, intervalMs);
  const onVisible = () => {
    if (visible()) run();
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
