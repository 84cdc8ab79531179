// Facts the composer's pickers need from the server, loaded once it is ready (and again after a
// restart): the models of the configured provider (model/list, hidden ones left out; read again
// when a new chat begins, as choosing a local model in the sign-in card starts one), the config
// requirements (configRequirements/read) that constrain the modes, and the approval policy and
// sandbox config.toml sets (config/read, read again when a new chat begins).
import { useEffect, useState } from 'react';
import * as z from 'zod';
import type { ConfigRequirements, ModelInfo } from '@protocol';
import { useHost } from '../chrome/hostContext';
import { useActiveThreadId, useHostInfo, useServerState } from '../state/hooks';
import type { ConfigPolicy } from './modes';

/** The config/read keys the mode picker reads (the rest of the effective config is not checked). */
const PolicyKeys = z.looseObject({
  approval_policy: z.union([z.string(), z.record(z.string(), z.unknown())]).nullish(),
  sandbox_mode: z.enum(['read-only', 'workspace-write', 'danger-full-access']).nullish(),
});

/** The models to offer; until a new read answers, the last list stays (no flicker). */
export function useModels(): readonly ModelInfo[] {
  const client = useHost();
  const server = useServerState();
  const newChat = useActiveThreadId() === null;
  const [models, setModels] = useState<readonly ModelInfo[]>([]);
  useEffect(() => {
    if (server.state !== 'ready') return;
    let live = true;
    client.rpc('model/list', {}).then(
      (result) => {
        if (live) setModels(result.data.filter((m) => !m.hidden));
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [client, server.state, newChat]);
  return models;
}

export function useRequirements(): ConfigRequirements | null {
  const client = useHost();
  const server = useServerState();
  const [requirements, setRequirements] = useState<ConfigRequirements | null>(null);
  useEffect(() => {
    if (server.state !== 'ready') return;
    let live = true;
    client.rpc('configRequirements/read', {}).then(
      (result) => {
        if (live) setRequirements(result.requirements);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [client, server.state]);
  return requirements;
}

/**
 * config.toml's approval policy and sandbox for a chat in the workspace; null until known (or when
 * unreadable). Read once the server is ready and again when a new chat begins (config.toml may
 * have been edited meanwhile).
 */
export function useConfigPolicy(): ConfigPolicy | null {
  const client = useHost();
  const server = useServerState();
  const cwd = useHostInfo()?.cwd ?? null;
  const newChat = useActiveThreadId() === null;
  const [policy, setPolicy] = useState<ConfigPolicy | null>(null);
  useEffect(() => {
    if (server.state !== 'ready') return;
    let live = true;
    client.rpc('config/read', { cwd }).then(
      (result) => {
        const keys = PolicyKeys.safeParse(result.config);
        if (!live) return;
        if (!keys.success) {
          setPolicy(null);
          return;
        }
        const approval = keys.data.approval_policy ?? null;
        setPolicy({
          approvalPolicy: approval === null || typeof approval === 'string' ? approval : JSON.stringify(approval),
          sandboxMode: keys.data.sandbox_mode ?? null,
        });
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [client, server.state, cwd, newChat]);
  return policy;
}

/** The model shown as selected: the chosen one, else the server's default (config.toml's model), else the first. */
export function currentModel(models: readonly ModelInfo[], chosen: string | null): ModelInfo | undefined {
  return models.find((m) => m.model === chosen || m.id === chosen) ?? (chosen === null ? (models.find((m) => m.isDefault) ?? models[0]) : undefined);
}
