// Pure pieces of review and compaction: the reviewer's answer parsed (bare, fenced or embedded JSON,
// plain text, partial findings) and rendered (priority tags, file:line relative to cwd); the
// compaction config keys; the opening context and the recent user messages kept by a compaction.
import { strict as assert } from 'node:assert';
import { parseReviewOutput, renderReview } from '../../server/turns/reviewFindings';
import { compactConfigFromTable, openingContext, recentUserMessages, SUMMARY_PREFIX } from '../../server/turns/compaction';
import type { HistoryEntry } from '../../server/threads/loadedThread';

const user = (text: string, turnId: string | null = 't'): HistoryEntry => ({ turnId, item: { type: 'message', role: 'user', content: [{ type: 'input_text', text }] } });
const dev = (text: string): HistoryEntry => ({ turnId: null, item: { type: 'message', role: 'developer', content: [{ type: 'input_text', text }] } });
const assistant = (text: string): HistoryEntry => ({ turnId: 't', item: { type: 'message', role: 'assistant', content: [{ type: 'output_text', text }] } });
const textOf = (item: unknown): string => ((item as { content: { text: string }[] }).content[0] as { text: string }).text;

describe('review output', () => {
  const finding = { title: 'Off by one', body: 'The loop skips the last item.', priority: 2, confidence_score: 0.7, code_location: { absolute_file_path: '/repo/src/a.ts', line_range: { start: 4, end: 6 } } };

  it('parses bare, fenced and embedded JSON alike', () => {
    const json = JSON.stringify({ findings: [finding], overall_correctness: 'patch is incorrect', overall_explanation: 'One bug.' });
    for (const text of [json, `\`\`\`json\n${json}\n\`\`\``, `Here is my review:\n${json}\nThanks.`]) {
      const output = parseReviewOutput(text);
      assert.equal(output.findings.length, 1);
      assert.deepEqual(output.findings[0], { title: 'Off by one', body: 'The loop skips the last item.', confidenceScore: 0.7, priority: 2, path: '/repo/src/a.ts', start: 4, end: 6 });
      assert.equal(output.overallExplanation, 'One bug.');
    }
  });

  it('keeps a plain-text answer as it is, and tolerates findings with missing fields', () => {
    assert.deepEqual(parseReviewOutput('  All good.  '), { findings: [], overallCorrectness: null, overallExplanation: 'All good.' });
    assert.deepEqual(parseReviewOutput('{"unrelated": true}').overallExplanation, '{"unrelated": true}');
    const partial = parseReviewOutput(JSON.stringify({ findings: [{ title: 'No location' }, 'junk', { body: 'Only a body\nsecond line' }] }));
    assert.deepEqual(
      partial.findings.map((f) => [f.title, f.path, f.priority]),
      [
        ['No location', null, null],
        ['Only a body', null, null],
      ],
    );
  });

  it('renders priority and file:line relative to cwd; single lines without a range', () => {
    const output = parseReviewOutput(
      JSON.stringify({
        findings: [finding, { ...finding, title: '[P0] Already tagged', priority: 0, code_location: { absolute_file_path: '/elsewhere/b.ts', line_range: { start: 9, end: 9 } } }],
        overall_explanation: 'Two problems.',
      }),
    );
    assert.equal(
      renderReview(output, '/repo'),
      ['Two problems.', '', 'Findings (2):', '- [P2] Off by one — src/a.ts:4-6', '  The loop skips the last item.', '- [P0] Already tagged — /elsewhere/b.ts:9', '  The loop skips the last item.'].join('\n'),
    );
    assert.equal(renderReview(parseReviewOutput(''), '/repo'), 'The reviewer returned no findings and no explanation.');
  });
});

describe('compaction helpers', () => {
  it('reads model_auto_compact_token_limit and compact_prompt (unset, zero and junk mean the default)', () => {
    assert.deepEqual(compactConfigFromTable({ model_auto_compact_token_limit: 5000, compact_prompt: 'Summarise.' }), { autoCompactTokenLimit: 5000, compactPrompt: 'Summarise.' });
    for (const table of [{}, { model_auto_compact_token_limit: 0 }, { model_auto_compact_token_limit: 'x', compact_prompt: '  ' }]) {
      assert.deepEqual(compactConfigFromTable(table), { autoCompactTokenLimit: null, compactPrompt: null });
    }
  });

  it('keeps the opening context and the newest user messages within the budget, never context or earlier summaries', () => {
    const history = [
      dev('base instructions'),
      user('<environment_context>\n  <cwd>/w</cwd>\n</environment_context>', null),
      user('# AGENTS.md instructions for /w\n...', null),
      user('first'),
      assistant('answer'),
      user(`${SUMMARY_PREFIX}\n\nold summary`),
      user('<skill>\n...</skill>'),
      user('second message'),
      user('third'),
    ];
    assert.equal(openingContext(history).length, 3);
    assert.deepEqual(recentUserMessages(history).map(textOf), ['first', 'second message', 'third']);
    // A budget of 10 characters: "third" (5), then the first 5 characters of "second message".
    assert.deepEqual(recentUserMessages(history, 10).map(textOf), ['secon\n[… message truncated]', 'third']);
  });
});
