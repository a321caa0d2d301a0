import { useEffect, useId, useState } from 'react';
import type { ApiClient, Schemas } from '../../api/client';
import { formatJstDateTime, formatJstTime } from '../../format/dates';
import { closureCalendarOf, hoursAt, programHours, type ClosureCalendar, type ProgramHours } from './service-hours';

type Channel = Schemas['LineChannelDto'];

/** The LINE accounts, their programs' hours and the closure days: read once per screen. */
export interface LineReference {
  channels: Channel[];
  programs: ProgramHours[];
  closures: ClosureCalendar;
}

/**
 * Loads what the LINE screens need to name a channel and tell whether its program answers now.
 * A failure leaves it null: the screens then show codes and no hours indicator (the server still
 * refuses an out-of-hours reply).
 */
export function useLineReference(api: ApiClient): LineReference | null {
  const [reference, setReference] = useState<LineReference | null>(null);
  useEffect(() => {
    let current = true;
    Promise.all([api.GET('/api/v1/line/channels'), api.GET('/api/v1/programs'), api.GET('/api/v1/closure-days')]).then(
      ([channels, programs, closures]) => {
        if (!current || !channels.response.ok || !programs.response.ok || !closures.response.ok) return;
        setReference({
          channels: channels.data ?? [],
          programs: (programs.data ?? []).map(programHours),
          closures: closureCalendarOf(closures.data ?? []),
        });
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [api]);
  return reference;
}

export function channelName(reference: LineReference | null, channelId: string, programCode: string): string {
  return reference?.channels.find((c) => c.id === channelId)?.name ?? reference?.programs.find((p) => p.code === programCode)?.name ?? programCode;
}

/** One program's 受付時間 now: within hours (until when), outside (next opening), or no fixed hours. */
export function HoursLine({ program, closures, now }: { program: ProgramHours; closures: ClosureCalendar; now: Date }) {
  const state = hoursAt(program.serviceHours, now, closures);
  if (state.kind === 'always') {
    return (
      <li>
        {program.name}: <span className="badge hours-open">受付中</span>（受付時間の定めなし）
      </li>
    );
  }
  if (state.kind === 'open') {
    return (
      <li>
        {program.name}: <span className="badge hours-open">受付時間内</span>（{formatJstTime(state.closesAt.toISOString())}まで）
      </li>
    );
  }
  return (
    <li>
      {program.name}: <span className="badge hours-closed">受付時間外</span>
      {state.nextOpening ? `（次の受付: ${formatJstDateTime(state.nextOpening.toISOString())}から）` : '（次の受付日は未定）'}
      <span className="note"> 受付時間外の返信は査察指導員のみ送信できます。</span>
    </li>
  );
}

/** The 受付時間 panel for the given programs. */
export function ServiceHours({ reference, programCodes, now }: { reference: LineReference | null; programCodes: readonly string[]; now: Date }) {
  const titleId = useId();
  if (!reference) return null;
  const programs = reference.programs.filter((p) => programCodes.includes(p.code));
  if (programs.length === 0) return null;
  return (
    <section className="service-hours" aria-labelledby={titleId}>
      <h2 id={titleId}>受付時間</h2>
      <ul>
        {programs.map((p) => (
          <HoursLine key={p.code} program={p} closures={reference.closures} now={now} />
        ))}
      </ul>
    </section>
  );
}
