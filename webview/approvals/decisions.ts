// The buttons of an approval card, derived from the request's `availableDecisions`: which decision
// each sends, its keyboard shortcut, and whether it is the primary action. Pure and unit-tested;
// the card labels them through t().
import type { CommandExecutionApprovalDecision, FileChangeApprovalDecision } from '@protocol';

export type ApprovalDecision = CommandExecutionApprovalDecision | FileChangeApprovalDecision;

export type DecisionKind =
  | 'accept'
  | 'acceptForSession'
  | 'acceptWithExecpolicyAmendment'
  | 'applyNetworkPolicyAmendment'
  | 'decline'
  | 'cancel';

export interface DecisionButton {
  readonly kind: DecisionKind;
  readonly decision: ApprovalDecision;
  /** Keys (KeyboardEvent.key) that press this button while the card has focus. */
  readonly keys: readonly string[];
  /** The shortcut as shown on the button. */
  readonly shortcutLabel: string;
  readonly primary: boolean;
  /** For execpolicy amendments: the command prefix the rule would allow. */
  readonly rule?: readonly string[];
  /** For network policy amendments: the host and whether it is allowed or denied from now on. */
  readonly network?: { readonly host: string; readonly action: 'allow' | 'deny' };
}

const KEYS: Record<DecisionKind, { keys: string[]; label: string }> = {
  accept: { keys: ['Enter', 'y'], label: 'Y' },
  acceptForSession: { keys: ['a'], label: 'A' },
  acceptWithExecpolicyAmendment: { keys: ['p'], label: 'P' },
  applyNetworkPolicyAmendment: { keys: ['h'], label: 'H' },
  decline: { keys: ['n', 'Escape'], label: 'N' },
  cancel: { keys: ['c'], label: 'C' },
};

const DENY_HOST = { keys: ['d'], label: 'D' };

export function decisionKind(decision: ApprovalDecision): DecisionKind {
  if (typeof decision === 'string') return decision;
  if ('acceptWithExecpolicyAmendment' in decision) return 'acceptWithExecpolicyAmendment';
  return 'applyNetworkPolicyAmendment';
}

/** The default decisions when a request does not list them (older servers). */
export const DEFAULT_DECISIONS: readonly ApprovalDecision[] = ['accept', 'acceptForSession', 'decline', 'cancel'];

export function decisionButtons(available: readonly ApprovalDecision[] | null | undefined): DecisionButton[] {
  const list = available && available.length > 0 ? available : DEFAULT_DECISIONS;
  const seen = new Set<string>();
  const buttons: DecisionButton[] = [];
  for (const decision of list) {
    const kind = decisionKind(decision);
    const rule =
      typeof decision === 'object' && 'acceptWithExecpolicyAmendment' in decision
        ? decision.acceptWithExecpolicyAmendment.execpolicy_amendment
        : undefined;
    const network =
      typeof decision === 'object' && 'applyNetworkPolicyAmendment' in decision
        ? decision.applyNetworkPolicyAmendment.network_policy_amendment
        : undefined;
    const dedupeKey = network ? `${kind}:${network.action}` : kind;
    if (seen.has(dedupeKey)) continue;
    seen.add(dedupeKey);
    const shortcut = network?.action === 'deny' ? DENY_HOST : KEYS[kind];
    buttons.push({
      kind,
      decision,
      keys: shortcut.keys,
      shortcutLabel: shortcut.label,
      primary: kind === 'accept',
      ...(rule ? { rule } : {}),
      ...(network ? { network } : {}),
    });
  }
  return buttons;
}

/** The button a key press selects, if any (modifier combinations never match). */
export function buttonForKey(
  buttons: readonly DecisionButton[],
  key: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean },
): DecisionButton | undefined {
  if (key.ctrlKey || key.metaKey || key.altKey) return undefined;
  const pressed = key.key.length === 1 ? key.key.toLowerCase() : key.key;
  return buttons.find((b) => b.keys.includes(pressed));
}
