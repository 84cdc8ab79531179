// The composer's own state shared by the footer pickers, the slash commands and the queue: the
// chosen model, reasoning effort, mode (and the mode sent while none is chosen) and plan-mode
// toggle, and per thread the follow-ups queued
// while a turn runs (editable, drained one by one when the turn ends). A tiny external store read
// with useSyncExternalStore; one per chat view (ComposerStoreProvider).
import { createContext, createElement, type ReactNode, useContext, useSyncExternalStore } from 'react';
import type { ContextChip } from '../../bridge/messages';
import type { ComposerContent } from './buildInput';
import type { ModeId } from './modes';

export interface QueuedMessage {
  readonly id: string;
  readonly content: ComposerContent;
  readonly chips: readonly ContextChip[];
  readonly plan: boolean;
}

export interface ComposerPrefs {
  /** null: the server's default model. */
  readonly model: string | null;
  /** null: the model's default effort. */
  readonly effort: string | null;
  /** The mode the user picked; null: none, so `defaultMode` is sent (or, when that is null, nothing). */
  readonly mode: ModeId | null;
  /** Send turns in the plan collaboration mode (/plan). */
  readonly plan: boolean;
}

const NO_QUEUE: readonly QueuedMessage[] = [];

export class ComposerStore {
  private prefsValue: ComposerPrefs = { model: null, effort: null, mode: null, plan: false };
  private defaultModeValue: ModeId | null = null;
  private queues: Readonly<Record<string, readonly QueuedMessage[]>> = {};
  private readonly listeners = new Set<() => void>();
  private readonly startedHere = new Set<string>();
  private nextId = 1;

  /** Threads this composer started: their settings are the composer's already (not followed). */
  markStarted(threadId: string): void {
    this.startedHere.add(threadId);
  }

  wasStartedHere(threadId: string): boolean {
    return this.startedHere.has(threadId);
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private changed(): void {
    for (const listener of [...this.listeners]) listener();
  }

  get prefs(): ComposerPrefs {
    return this.prefsValue;
  }

  setPrefs(patch: Partial<ComposerPrefs>): void {
    const next = { ...this.prefsValue, ...patch };
    if (Object.keys(patch).every((k) => Object.is(next[k as keyof ComposerPrefs], this.prefsValue[k as keyof ComposerPrefs]))) return;
    this.prefsValue = next;
    this.changed();
  }

  /**
   * The mode sent while the user has picked none: Agent when config.toml sets neither approval_policy
   * nor sandbox_mode (the footer sets it once config/read answers); null: nothing is sent, so
   * config.toml's settings apply.
   */
  get defaultMode(): ModeId | null {
    return this.defaultModeValue;
  }

  setDefaultMode(mode: ModeId | null): void {
    if (mode === this.defaultModeValue) return;
    this.defaultModeValue = mode;
    this.changed();
  }

  /** The mode thread/start and turn/start carry: the picked one, else the default; null: neither setting is sent. */
  get sentMode(): ModeId | null {
    return this.prefsValue.mode ?? this.defaultModeValue;
  }

  /** Threads with queued messages. */
  queuedThreads(): string[] {
    return Object.keys(this.queues).filter((id) => (this.queues[id]?.length ?? 0) > 0);
  }

  /** The last failure to send a queued message, shown by that thread's composer. */
  private drainErrorValue: { readonly threadId: string; readonly message: string } | null = null;

  get drainError(): { readonly threadId: string; readonly message: string } | null {
    return this.drainErrorValue;
  }

  setDrainError(value: { threadId: string; message: string } | null): void {
    this.drainErrorValue = value;
    this.changed();
  }

  queue(threadId: string | null): readonly QueuedMessage[] {
    return threadId === null ? NO_QUEUE : (this.queues[threadId] ?? NO_QUEUE);
  }

  enqueue(threadId: string, message: Omit<QueuedMessage, 'id'>): QueuedMessage {
    const entry: QueuedMessage = { ...message, id: `q${this.nextId++}` };
    this.queues = { ...this.queues, [threadId]: [...this.queue(threadId), entry] };
    this.changed();
    return entry;
  }

  updateQueued(threadId: string, id: string, text: string): void {
    this.queues = {
      ...this.queues,
      [threadId]: this.queue(threadId).map((m) => (m.id === id ? { ...m, content: { ...m.content, text } } : m)),
    };
    this.changed();
  }

  removeQueued(threadId: string, id: string): void {
    this.queues = { ...this.queues, [threadId]: this.queue(threadId).filter((m) => m.id !== id) };
    this.changed();
  }

  /** Takes the oldest queued message of a thread (undefined when none). */
  shift(threadId: string): QueuedMessage | undefined {
    const [first, ...rest] = this.queue(threadId);
    if (!first) return undefined;
    this.queues = { ...this.queues, [threadId]: rest };
    this.changed();
    return first;
  }
}

const ComposerContext = createContext<ComposerStore | null>(null);

export function ComposerStoreProvider(props: { store: ComposerStore; children?: ReactNode }): ReactNode {
  return createElement(ComposerContext.Provider, { value: props.store }, props.children);
}

export function useComposerStore(): ComposerStore {
  const store = useContext(ComposerContext);
  if (!store) throw new Error('useComposerStore outside ComposerStoreProvider');
  return store;
}

export function useComposer<T>(selector: (store: ComposerStore) => T): T {
  const store = useComposerStore();
  return useSyncExternalStore(store.subscribe, () => selector(store));
}
