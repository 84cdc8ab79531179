// Validation of what a client receives from an app-server, against the protocol tables: a
// request's result, a notification's params, a server request's params. A failure names the
// method, what was checked and the offending field ("thread/start result: thread.id: expected
// string"), as the server's own params errors do.
import type * as z from 'zod';
import { clientRequests, isClientRequestMethod } from '@protocol/clientRequests';
import { isServerNotificationMethod, serverNotifications } from '@protocol/notifications';
import { isServerRequestMethod, serverRequests } from '@protocol/serverRequests';

/** At most this many fields are named in one message (the first ones are what needs fixing). */
const MAX_ISSUES = 5;

/** "threadId: expected string, received number; input: …": every offending field by its path. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, MAX_ISSUES)
    .map((issue) => {
      const path = issue.path.map(String).join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

/** The parsed value (unknown keys kept, defaults applied), or what is wrong with it. */
export type Checked = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string };

function check(schema: z.ZodType, value: unknown, what: string): Checked {
  const parsed = schema.safeParse(value);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, message: `${what}: ${describeIssues(parsed.error)}` };
}

/** A request's result; a method outside the table passes unchecked. */
export function checkResult(method: string, result: unknown): Checked {
  if (!isClientRequestMethod(method)) return { ok: true, value: result };
  return check(clientRequests[method].result, result, `${method} result`);
}

/** A notification's params; null for a method outside the table (no consumer knows it). */
export function checkNotification(method: string, params: unknown): Checked | null {
  if (!isServerNotificationMethod(method)) return null;
  return check(serverNotifications[method].params, params, `${method} notification`);
}

/** A server request's params; a method outside the table passes unchecked. */
export function checkServerRequest(method: string, params: unknown): Checked {
  if (!isServerRequestMethod(method)) return { ok: true, value: params };
  return check(serverRequests[method].params, params, `${method} request`);
}
