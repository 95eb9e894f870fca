// The current agenda item's timer: the server stores when the item started; this shows the elapsed
// time as mm:ss, updated each second once JavaScript runs (without it, the time when the page was
// served), and says in words — not by colour alone — when the item runs over its planned minutes.
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { elapsedSeconds, formatElapsed, isOverrun } from "~/modules/meetings/rules";

export function MeetingTimer({ startedAt, plannedMinutes, serverNow }: { startedAt: number; plannedMinutes: number | null; serverNow: number }) {
  const { t } = useTranslation("meetings");
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    // The server's clock decides: keep the offset between it and this device's clock.
    const offset = serverNow - Date.now();
    // Deliberate: the clock starts ticking from this device's time at once, not a second later.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setNow(Date.now() + offset);
    const id = window.setInterval(() => setNow(Date.now() + offset), 1000);
    return () => window.clearInterval(id);
  }, [serverNow, startedAt]);
  const elapsed = elapsedSeconds(startedAt, now);
  const over = isOverrun(elapsed, plannedMinutes);
  return (
    <div>
      <p className="timer" role="timer" aria-label={t("run.elapsed")} aria-live="off" data-testid="timer">
        {formatElapsed(elapsed)}
      </p>
      {plannedMinutes ? <p className="timer-planned">{t("run.planned", { count: plannedMinutes })}</p> : null}
      {/* Only the words are announced, once, when the item runs over; the counter is not. */}
      <div className={over ? "overrun" : undefined} data-testid={over ? "overrun" : undefined}>
        <span aria-live="polite">
          {over ? (
            <>
              <span aria-hidden="true">⚠ </span>
              {t("run.overrun")}
            </>
          ) : null}
        </span>
        {over ? <span> {t("run.overrun_by", { time: formatElapsed(elapsed - (plannedMinutes ?? 0) * 60) })}</span> : null}
      </div>
    </div>
  );
}
