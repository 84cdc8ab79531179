// Params and results of fuzzyFileSearch (one-shot) and the fuzzyFileSearch/session* methods
// (typing-as-you-search), with the session notification payloads.
import * as z from 'zod';
import { wireObject } from './wire';

export const FuzzyFileSearchResult = z.lazy(() => wireObject({
  root: z.string(),
  path: z.string(),
  match_type: z.enum(['file', 'directory']),
  file_name: z.string(),
  score: z.number(),
  indices: z.array(z.number()).nullable(),
}));
export type FuzzyFileSearchResult = z.output<typeof FuzzyFileSearchResult>;

export const FuzzyFileSearchParams = z.object({
  query: z.string(),
  roots: z.array(z.string()),
  cancellationToken: z.string().nullish(),
});
export const FuzzyFileSearchResponse = z.lazy(() => wireObject({ files: z.array(FuzzyFileSearchResult) }));

export const FuzzySessionStartParams = z.object({ sessionId: z.string().min(1), roots: z.array(z.string()) });
export const FuzzySessionUpdateParams = z.object({ sessionId: z.string().min(1), query: z.string() });
export const FuzzySessionStopParams = z.object({ sessionId: z.string().min(1) });

export const FuzzySessionUpdated = z.lazy(() => wireObject({ sessionId: z.string(), query: z.string(), files: z.array(FuzzyFileSearchResult) }));
export const FuzzySessionCompleted = z.lazy(() => wireObject({ sessionId: z.string() }));
