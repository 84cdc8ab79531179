// The error a failed config write answers with: JSON-RPC code -32600 and
// `data.config_write_error_code`, exactly as the real server reports it, so clients can tell a
// version conflict (re-read and retry) from a rejected value.
import { ResponseError } from 'vscode-jsonrpc/node';
import type { ConfigWriteErrorCode } from '../protocol/config';
import { JsonRpcErrorCode } from '../protocol/jsonrpc';

export class ConfigWriteError extends ResponseError<{ config_write_error_code: ConfigWriteErrorCode }> {
  constructor(
    readonly writeCode: ConfigWriteErrorCode,
    message: string,
  ) {
    super(JsonRpcErrorCode.InvalidRequest, message, { config_write_error_code: writeCode });
    // ResponseError resets the prototype to its own; restore ours so `instanceof` works.
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

export function versionConflict(): ConfigWriteError {
  return new ConfigWriteError('configVersionConflict', 'Configuration was modified since last read. Fetch latest version and retry.');
}
