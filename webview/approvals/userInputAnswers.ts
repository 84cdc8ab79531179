// Answers to `item/tool/requestUserInput`: each question is answered by one of its options or, when
// it allows "other" (or has no options), by free text. Pure: the card keeps the drafts, this turns
// them into the `{ answers: { [questionId]: { answers: string[] } } }` result.
import type { UserInputQuestion } from './requestParams';

export const OTHER = '\u0000other';

export interface QuestionDraft {
  /** The chosen option's label, OTHER for free text, or null when nothing is chosen. */
  readonly choice: string | null;
  readonly text: string;
}

export function emptyDraft(question: UserInputQuestion): QuestionDraft {
  const hasOptions = (question.options?.length ?? 0) > 0;
  return { choice: hasOptions ? null : OTHER, text: '' };
}

/** Whether a question takes free text (no options, or "other" allowed). */
export function allowsText(question: UserInputQuestion): boolean {
  return (question.options?.length ?? 0) === 0 || question.isOther;
}

function answerOf(draft: QuestionDraft): string | null {
  if (draft.choice === null) return null;
  if (draft.choice === OTHER) {
    const text = draft.text.trim();
    return text === '' ? null : text;
  }
  return draft.choice;
}

export type AnswersResult =
  | { readonly ok: true; readonly result: { answers: Record<string, { answers: string[] }> } }
  | { readonly ok: false; readonly unanswered: readonly string[] };

export function buildAnswers(
  questions: readonly UserInputQuestion[],
  drafts: Readonly<Record<string, QuestionDraft>>,
): AnswersResult {
  const answers: Record<string, { answers: string[] }> = {};
  const unanswered: string[] = [];
  for (const q of questions) {
    const answer = answerOf(drafts[q.id] ?? emptyDraft(q));
    if (answer === null) unanswered.push(q.id);
    else answers[q.id] = { answers: [answer] };
  }
  return unanswered.length > 0 ? { ok: false, unanswered } : { ok: true, result: { answers } };
}
