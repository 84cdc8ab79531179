// The context items that open every thread: base + developer instructions as a developer message
// and the environment (cwd, shell, date, timezone, sandbox) as a user message, in the shape the
// Responses API expects. Pure functions, so the exact text is testable.
import { localTimeZone } from './timezone';
import { sandboxModeName, type AskForApproval, type SandboxPolicy } from '../protocol/common';

export interface MessageInputItem {
  type: 'message';
  role: 'developer' | 'user';
  content: { type: 'input_text'; text: string }[];
}

export interface EnvironmentFacts {
  readonly cwd: string;
  readonly shell: string;
  readonly currentDate: string; // YYYY-MM-DD
  readonly timezone: string;
  readonly approvalPolicy: AskForApproval | 'on-failure';
  readonly sandbox: SandboxPolicy;
}

function describeApproval(policy: AskForApproval | 'on-failure'): string {
  if (typeof policy !== 'string') return 'granular';
  return policy;
}

export function instructionsMessage(baseInstructions: string, developerInstructions: string | null): MessageInputItem {
  const content = [{ type: 'input_text' as const, text: baseInstructions }];
  if (developerInstructions && developerInstructions.trim().length > 0) {
    content.push({ type: 'input_text', text: `<developer_instructions>\n${developerInstructions}\n</developer_instructions>` });
  }
  return { type: 'message', role: 'developer', content };
}

export function environmentContextMessage(facts: EnvironmentFacts): MessageInputItem {
  const text = [
    '<environment_context>',
    `  <cwd>${facts.cwd}</cwd>`,
    `  <shell>${facts.shell}</shell>`,
    `  <current_date>${facts.currentDate}</current_date>`,
    `  <timezone>${facts.timezone}</timezone>`,
    `  <approval_policy>${describeApproval(facts.approvalPolicy)}</approval_policy>`,
    `  <sandbox_mode>${sandboxModeName(facts.sandbox)}</sandbox_mode>`,
    '</environment_context>',
  ].join('\n');
  return { type: 'message', role: 'user', content: [{ type: 'input_text', text }] };
}

export function currentEnvironment(cwd: string, approvalPolicy: AskForApproval | 'on-failure', sandbox: SandboxPolicy, now = new Date()): EnvironmentFacts {
  const shellPath = process.env.SHELL ?? (process.platform === 'win32' ? 'powershell' : 'bash');
  const shell = shellPath.split(/[\\/]/).pop() ?? shellPath;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return {
    cwd,
    shell,
    currentDate: `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`,
    timezone: localTimeZone(),
    approvalPolicy,
    sandbox,
  };
}

/** The user message that tells the model the previous turn was interrupted on purpose. */
export const TURN_ABORTED_MESSAGE: MessageInputItem = {
  type: 'message',
  role: 'user',
  content: [
    {
      type: 'input_text',
      text: '<turn_aborted>\nThe user interrupted the previous turn on purpose. Do not continue it unless asked; wait for the next instruction.\n</turn_aborted>',
    },
  ],
};
