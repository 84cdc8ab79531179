// `skills/list`: the skills visible from each requested cwd (the server's cwd when none is given),
// read fresh from disk, with the SKILL.md files that failed to parse.
import { resolve } from 'node:path';
import type { HandlerMap } from '../rpc/methodRouter';
import type { SkillsListEntry } from '../protocol/skills';
import type { AgentContext } from './agentContext';

export interface SkillsHandlerDeps {
  readonly agentContext: AgentContext;
  /** The directory used when the request names none (default process.cwd()). */
  readonly defaultCwd?: () => string;
}

export function skillsHandlers(deps: SkillsHandlerDeps) {
  return {
    'skills/list': async (params) => {
      const requested = params?.cwds ?? [];
      const cwds = requested.length > 0 ? requested : [(deps.defaultCwd ?? process.cwd)()];
      const data: SkillsListEntry[] = [];
      for (const cwd of cwds) {
        const { skills, errors } = await deps.agentContext.skills(resolve(cwd));
        data.push({ cwd, skills, errors });
      }
      return { data };
    },
  } satisfies Partial<HandlerMap>;
}
