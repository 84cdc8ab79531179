// `windowsSandbox/setupStart`: Codex's native Windows sandbox (restricted tokens, sandbox users,
// firewall rules) is deliberately not implemented — on Windows the agent server runs inside WSL2,
// where the Linux sandbox applies. The request is still answered the way clients expect:
// `{ started: true }` at once, then a `windowsSandbox/setupCompleted` notification with
// `success: false` and an error that says what to do instead. Wiring: register the method and
// send the notification right after the response (see the API notes in index.ts).
import { sandboxErrors } from './errors';

export type WindowsSandboxMode = 'elevated' | 'unelevated';

export interface WindowsSandboxSetupStartResult {
  started: true;
}

export interface WindowsSandboxSetupCompleted {
  mode: WindowsSandboxMode;
  success: boolean;
  error: string | null;
}

/** The response and the follow-up notification for `windowsSandbox/setupStart`. */
export function windowsSandboxSetup(mode: WindowsSandboxMode, platform: NodeJS.Platform = process.platform): { result: WindowsSandboxSetupStartResult; completed: WindowsSandboxSetupCompleted } {
  const error =
    platform === 'win32'
      ? `The native Windows sandbox is not available in Codex TS. ${sandboxErrors.windows().message}`
      : `The native Windows sandbox only applies on Windows; this server runs on ${platform}, where commands are sandboxed with ${platform === 'darwin' ? 'Seatbelt' : 'bubblewrap'}.`;
  return { result: { started: true }, completed: { mode, success: false, error } };
}
