// The reviewer's instructions, the JSON it answers with (findings with priority and code location,
// plus an overall verdict), a tolerant parser (fenced or bare JSON, else the plain text), and the
// readable rendering that the exitedReviewMode item carries.

export const REVIEW_INSTRUCTIONS = [
  'You are reviewing a code change written by someone else. Look for real problems the author would want to fix:',
  'bugs, wrong behaviour, security issues, crashes, data loss, races, broken error handling, missing or wrong tests,',
  'and clear maintainability problems. Do not comment on style or taste unless it hides a bug.',
  'Only report an issue that the change introduced, that you can point to in the code, and that you are fairly sure about.',
  'Each finding needs a short title, a body explaining why it is a problem and when it happens, the file and the',
  'smallest line range it concerns, a priority and your confidence:',
  '- priority 0: must fix before anything ships (broken build, data loss, security hole);',
  '- priority 1: should fix in this change;',
  '- priority 2: worth fixing eventually;',
  '- priority 3: minor.',
  'Then judge the change as a whole: "patch is correct" if it can go in as is, otherwise "patch is incorrect".',
  'Reply with JSON only, no prose around it, in this shape:',
  '{"findings": [{"title": "<= 80 chars", "body": "markdown", "confidence_score": 0.0-1.0, "priority": 0-3,',
  '  "code_location": {"absolute_file_path": "/abs/path", "line_range": {"start": 1, "end": 1}}}],',
  ' "overall_correctness": "patch is correct" | "patch is incorrect", "overall_explanation": "1-3 sentences",',
  ' "overall_confidence_score": 0.0-1.0}',
  'An empty findings list is a valid answer when the change looks right.',
].join('\n');

export interface ReviewFinding {
  readonly title: string;
  readonly body: string;
  readonly confidenceScore: number | null;
  readonly priority: number | null;
  readonly path: string | null;
  readonly start: number | null;
  readonly end: number | null;
}

export interface ReviewOutput {
  readonly findings: ReviewFinding[];
  readonly overallCorrectness: string | null;
  readonly overallExplanation: string | null;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value.trim() : null);
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The JSON object in the answer: the whole text, a fenced block, or the outermost braces. */
function findJson(text: string): Record<string, unknown> | null {
  const candidates = [text.trim()];
  const fenced = /```(?:json)?\s*\n([\s\S]*?)```/.exec(text);
  if (fenced?.[1]) candidates.push(fenced[1]);
  const first = text.indexOf('{');
  const last = text.lastIndexOf('}');
  if (first >= 0 && last > first) candidates.push(text.slice(first, last + 1));
  for (const candidate of candidates) {
    const parsed = tryJson(candidate);
    if (isRecord(parsed)) return parsed;
  }
  return null;
}

function parseFinding(raw: unknown): ReviewFinding | null {
  if (!isRecord(raw)) return null;
  const title = str(raw.title);
  const body = str(raw.body) ?? '';
  if (!title && !body) return null;
  const location = isRecord(raw.code_location) ? raw.code_location : {};
  const range = isRecord(location.line_range) ? location.line_range : {};
  const start = num(range.start);
  return {
    title: title ?? body.split('\n')[0] ?? '',
    body,
    confidenceScore: num(raw.confidence_score),
    priority: num(raw.priority),
    path: str(location.absolute_file_path),
    start,
    end: num(range.end) ?? start,
  };
}

/** Parses the reviewer's answer; an answer that is not the JSON becomes the explanation as is. */
export function parseReviewOutput(text: string): ReviewOutput {
  const json = findJson(text);
  if (!json || (!Array.isArray(json.findings) && !str(json.overall_explanation))) {
    return { findings: [], overallCorrectness: null, overallExplanation: text.trim() || null };
  }
  const findings = (Array.isArray(json.findings) ? json.findings : []).map(parseFinding).filter((f): f is ReviewFinding => f !== null);
  return { findings, overallCorrectness: str(json.overall_correctness), overallExplanation: str(json.overall_explanation) };
}

/** `path:start-end` (or `path:line`), relative to cwd when inside it. */
export function locationText(finding: ReviewFinding, cwd: string): string | null {
  if (!finding.path) return null;
  const prefix = cwd.endsWith('/') ? cwd : `${cwd}/`;
  const path = finding.path.startsWith(prefix) ? finding.path.slice(prefix.length) : finding.path;
  if (finding.start === null) return path;
  return finding.end !== null && finding.end !== finding.start ? `${path}:${finding.start}-${finding.end}` : `${path}:${finding.start}`;
}

/** The review as text for the user (and for the thread's history). */
export function renderReview(output: ReviewOutput, cwd: string): string {
  const parts: string[] = [];
  if (output.overallExplanation) parts.push(output.overallExplanation);
  if (output.overallCorrectness) parts.push(`Verdict: ${output.overallCorrectness}.`);
  if (output.findings.length > 0) {
    const lines = [output.findings.length === 1 ? 'Finding:' : `Findings (${output.findings.length}):`];
    for (const finding of output.findings) {
      // Titles often carry the priority already ("[P1] …").
      const tag = finding.priority !== null && !/^\[P\d\]/.test(finding.title) ? `[P${finding.priority}] ` : '';
      const where = locationText(finding, cwd);
      lines.push(`- ${tag}${finding.title}${where ? ` — ${where}` : ''}`);
      if (finding.body) for (const line of finding.body.split('\n')) lines.push(line ? `  ${line}` : '');
    }
    parts.push(lines.join('\n'));
  } else if (output.overallCorrectness || output.overallExplanation === null) {
    parts.push(output.overallExplanation === null && !output.overallCorrectness ? 'The reviewer returned no findings and no explanation.' : 'No findings.');
  }
  return parts.join('\n\n');
}
