// The host client the chat components talk through: the page's client by default, another one in
// tests or a second surface (HostProvider). Components call `useHost()` instead of importing the
// page singleton, so a fake host can stand in.
import { createContext, createElement, type ReactNode, useContext } from 'react';
import { type HostClient, hostClient } from '../bridge/hostClient';

const HostContext = createContext<HostClient | null>(null);

export function HostProvider(props: { client: HostClient; children?: ReactNode }): ReactNode {
  return createElement(HostContext.Provider, { value: props.client }, props.children);
}

export function useHost(): HostClient {
  return useContext(HostContext) ?? hostClient();
}
