// What sending does while a turn runs: queue the message for after the turn, or steer the running
// turn (`turn/steer` with `expectedTurnId`), per `codex.followUpQueueMode`; Ctrl/Cmd+Shift+Enter
// reverses it for one message. With no running turn, a message starts a turn.
import type { WebviewSettings } from '../../bridge/messages';

export type FollowUpQueueMode = WebviewSettings['followUpQueueMode'];
export type SendRoute = 'start' | 'queue' | 'steer';

export function sendRoute(mode: FollowUpQueueMode, turnRunning: boolean, reverse: boolean): SendRoute {
  if (!turnRunning) return 'start';
  const effective: FollowUpQueueMode = reverse ? (mode === 'queue' ? 'steer' : 'queue') : mode;
  return effective;
}
