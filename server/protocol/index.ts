// The Codex app-server protocol, shared by server/, src/ and webview/: method tables, item and
// notification unions, error codes. Pure types and validators; imports nothing else of ours.
export * from './wire';
export * from './jsonrpc';
export * from './common';
export * from './items';
export * from './thread';
export * from './threadMethods';
export * from './turnMethods';
export * from './sessionMethods';
export * from './searchMethods';
export * from './clientRequests';
export * from './notifications';
export * from './serverRequests';
export * from './config';
export * from './skills';
export * from './mcp';
export * from './mcpOauth';
