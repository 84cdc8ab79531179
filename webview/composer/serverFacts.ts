// Facts the composer's pickers need from the server, loaded once it is ready (and again after a
// restart): the models (model/list, hidden ones left out) and the config requirements
// (configRequirements/read) that constrain the modes.
import { useEffect, useState } from 'react';
import type { ConfigRequirements, ModelInfo } from '@protocol';
import { useHost } from '../chrome/hostContext';
import { useServerState } from '../state/hooks';

export function useModels(): readonly ModelInfo[] {
  const client = useHost();
  const server = useServerState();
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
  }, [client, server.state]);
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

/** The model shown as selected: the chosen one, else the server's default, else the first. */
export function currentModel(models: readonly ModelInfo[], chosen: string | null): ModelInfo | undefined {
  return models.find((m) => m.model === chosen || m.id === chosen) ?? (chosen === null ? (models.find((m) => m.isDefault) ?? models[0]) : undefined);
}
