import { useEffect, useRef, useState } from 'react';
import { IdleTimer, idleTimerSettings } from './idle-timer';

const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'wheel', 'touchstart', 'mousemove'] as const;

/** Watches user activity; returns the seconds left while the warning shows (null otherwise). */
export function useIdleSignOut(idleTimeoutSeconds: number, onTimeout: () => void, onKeepAlive: () => void) {
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null);
  const timerRef = useRef<IdleTimer | null>(null);
  const callbacks = useRef({ onTimeout, onKeepAlive });
  callbacks.current = { onTimeout, onKeepAlive };

  useEffect(() => {
    const timer = new IdleTimer({
      ...idleTimerSettings(idleTimeoutSeconds),
      onWarning: setSecondsLeft,
      onTimeout: () => {
        setSecondsLeft(null);
        callbacks.current.onTimeout();
      },
      onKeepAlive: () => callbacks.current.onKeepAlive(),
    });
    timerRef.current = timer;
    const onActivity = () => timer.activity();
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onActivity, { passive: true, capture: true });
    timer.start();
    return () => {
      timer.stop();
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onActivity, { capture: true });
    };
  }, [idleTimeoutSeconds]);

  const extend = () => {
    timerRef.current?.extend();
    setSecondsLeft(null);
  };
  return { secondsLeft, extend };
}
