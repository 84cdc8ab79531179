// The message composer: a textarea whose Enter follows `codex.composerEnterBehavior`, `@` file
// mentions and the `/` command menu (keyboard-driven pickers), images (paste, drop, picker) and
// context chips, the follow-up queue, a stop button while a turn runs, and the footer pickers.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { VscodeButton, VscodeToolbarButton } from '@vscode-elements/react-elements';
import type { ContextChip } from '../../bridge/messages';
import { useHost } from '../chrome/hostContext';
import { useDraft, useHostInfo, useSettings, useWebviewStore } from '../state/hooks';
import { t } from '../l10n';
import { Attachments, readImages } from './Attachments';
import { type ImageAttachment, type Mention, isEmptyContent } from './buildInput';
import { useComposer } from './composerStore';
import { enterAction } from './enterBehavior';
import { FooterPickers } from './FooterPickers';
import { type TokenAtCaret, insertMention, mentionAtCaret, slashAtCaret } from './mentions';
import { type PickerEntry, PickerMenu, menuKey } from './PickerMenu';
import { QueueList } from './QueueList';
import { availableCommands, filterCommands, parseSlashMessage } from './slash/commands';
import { SlashPanel } from './slash/SlashPanel';
import { resultPath, useFileSearch } from './useFileSearch';
import { useComposerActions } from './useComposerActions';
import { dropFiles, sendHint } from './composerInput';
import './composer.css';

export function Composer(props: { threadId: string | null }): React.JSX.Element {
  const { threadId } = props;
  const store = useWebviewStore();
  const client = useHost();
  const settings = useSettings();
  const host = useHostInfo();
  const text = useDraft(threadId);
  const plan = useComposer((c) => c.prefs.plan);
  const actions = useComposerActions(threadId);
  const [mentions, setMentions] = useState<readonly Mention[]>([]);
  const [images, setImages] = useState<readonly ImageAttachment[]>([]);
  const [chips, setChips] = useState<readonly ContextChip[]>([]);
  const [caret, setCaret] = useState(0);
  const [selected, setSelected] = useState(0);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const pendingCaret = useRef<number | null>(null);

  const setText = (value: string): void => store.setDraft(threadId ?? '', value);
  const addImages = (list: readonly ImageAttachment[]): void => {
    if (list.length > 0) setImages((old) => [...old, ...list]);
  };

  // Host events for the composer: context chips, TODO tasks, new chat, focus, picked images.
  const latest = useRef({ actions, setText });
  latest.current = { actions, setText };
  useEffect(
    () =>
      client.onHostMessage((message) => {
        switch (message.type) {
          case 'composer/addContext':
            setChips((old) => [...old, message.chip]);
            textarea.current?.focus();
            return;
          case 'composer/startTask':
            store.setActiveThread(null);
            void latest.current.actions.send({ content: { text: message.text, mentions: [], images: [] }, chips: [...message.chips], plan: false }, false);
            return;
          case 'chat/new':
            store.setActiveThread(null);
            textarea.current?.focus();
            return;
          case 'composer/focus':
            textarea.current?.focus();
            return;
          case 'images/picked':
            addImages(message.images.map((img, i) => ({ id: `picked-${Date.now()}-${i}`, name: img.name, dataUrl: img.dataUrl })));
            return;
          default:
            return;
        }
      }),
    [client, store],
  );

  useLayoutEffect(() => {
    if (pendingCaret.current === null || !textarea.current) return;
    textarea.current.setSelectionRange(pendingCaret.current, pendingCaret.current);
    setCaret(pendingCaret.current);
    pendingCaret.current = null;
  });

  // Which picker is open: `/` at the start, `@` at the caret (unless dismissed with Escape).
  const slash = slashAtCaret(text, caret);
  const mention = slash ? null : mentionAtCaret(text, caret);
  const tokenKey = (kind: string, token: TokenAtCaret | null): string | null => (token ? `${kind}:${token.start}` : null);
  const openKey = tokenKey('slash', slash) ?? tokenKey('mention', mention);
  const menuOpen = openKey !== null && openKey !== dismissed;
  const commands = filterCommands(availableCommands({ hasThread: threadId !== null }), slash?.query ?? '');
  const search = useFileSearch(menuOpen && mention ? mention.query : null, host?.cwd ?? null);
  const entries: PickerEntry[] = slash
    ? commands.map((c) => ({ key: c.id, label: `/${c.id}`, detail: c.description(), icon: 'symbol-event' }))
    : search.files.slice(0, 20).map((f) => ({ key: resultPath(f), label: f.path, detail: f.root !== host?.cwd ? f.root : '', icon: 'file' }));
  const clampedSelected = Math.min(selected, Math.max(0, entries.length - 1));

  useEffect(() => setSelected(0), [openKey, slash?.query, mention?.query]);

  const pick = (index: number): void => {
    if (slash) {
      const command = commands[index];
      if (!command) return;
      // A command that takes an argument is completed ("/goal ") unless already typed in full.
      if (command.argument && slash.query !== command.id) {
        setText(`/${command.id} `);
        pendingCaret.current = command.id.length + 2;
      } else {
        setText('');
        actions.runCommand(command.id, '');
      }
      return;
    }
    const file = search.files[index];
    if (!mention || !file) return;
    const name = file.path;
    const next = insertMention(text, mention, caret, name);
    setText(next.text);
    setMentions((old) => [...old, { name, path: resultPath(file) }]);
    pendingCaret.current = next.caret;
  };

  const submit = (reverse: boolean): void => {
    const command = parseSlashMessage(text, availableCommands({ hasThread: threadId !== null }));
    if (command && images.length === 0) {
      setText('');
      actions.runCommand(command.command.id, command.args);
      return;
    }
    const content = { text, mentions, images };
    if (isEmptyContent(content) && chips.length === 0) return;
    const message = { content, chips, plan };
    const restore = { text, mentions, images, chips };
    setText('');
    setMentions([]);
    setImages([]);
    setChips([]);
    void actions.send(message, reverse).then((ok) => {
      if (ok) return;
      // Keep what the user wrote when sending failed.
      store.setDraft(store.activeThreadId ?? '', restore.text);
      setMentions(restore.mentions);
      setImages(restore.images);
      setChips(restore.chips);
    });
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLTextAreaElement>): void => {
    if (menuOpen && !event.nativeEvent.isComposing) {
      const handled = menuKey(event.key, entries.length, clampedSelected, {
        select: setSelected,
        pick,
        close: () => setDismissed(openKey),
      });
      if (handled) {
        event.preventDefault();
        return;
      }
    }
    if (event.key === 'Escape' && actions.panel !== null) {
      event.preventDefault();
      actions.setPanel(null);
      return;
    }
    const action = enterAction(settings?.composerEnterBehavior ?? 'enter', { ...event, isComposing: event.nativeEvent.isComposing }, text);
    if (action.kind === 'send') {
      event.preventDefault();
      submit(action.reverseFollowUp);
    }
  };

  const syncCaret = (): void => setCaret(textarea.current?.selectionStart ?? 0);
  const mac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);

  return (
    <div className="codex-composer" data-testid="composer" data-running={actions.running !== null}>
      {actions.panel ? (
        <SlashPanel kind={actions.panel} threadId={threadId} onReview={actions.startReview} onClose={() => actions.setPanel(null)} />
      ) : null}
      <QueueList threadId={threadId} onSteer={actions.steerNow} />
      {actions.notice ? (
        <p className="codex-notice" role="status" data-testid="composer-notice">
          {actions.notice}
        </p>
      ) : null}
      {actions.error ? (
        <p className="codex-error" role="alert" data-testid="composer-error">
          {actions.error}
        </p>
      ) : null}
      {menuOpen ? (
        <PickerMenu
          testId={slash ? 'slash-menu' : 'mention-menu'}
          label={slash ? t('Commands') : t('Files')}
          entries={entries}
          selected={clampedSelected}
          empty={
            slash
              ? t('No matching command')
              : host?.cwd
                ? search.searching || mention?.query === ''
                  ? t('Type to search files…')
                  : t('No matching files')
                : t('Open a folder to mention files')
          }
          onPick={pick}
        />
      ) : null}
      <div
        className="codex-input-box"
        onDragOver={(e) => {
          if (e.dataTransfer.types.includes('Files') || e.dataTransfer.types.includes('text/uri-list')) e.preventDefault();
        }}
        onDrop={(e) => {
          e.preventDefault();
          const dropped = dropFiles(e.dataTransfer);
          void readImages(dropped.images).then(addImages);
          if (dropped.paths.length > 0) setChips((old) => [...old, ...dropped.paths.map((path) => ({ type: 'file' as const, path }))]);
        }}
      >
        <Attachments
          chips={chips}
          images={images}
          onRemoveChip={(i) => setChips((old) => old.filter((_, j) => j !== i))}
          onRemoveImage={(id) => setImages((old) => old.filter((img) => img.id !== id))}
        />
        <textarea
          ref={textarea}
          className="codex-textarea"
          data-testid="composer-input"
          aria-label={t('Message Codex')}
          aria-autocomplete="list"
          aria-controls={menuOpen ? `${slash ? 'slash-menu' : 'mention-menu'}-list` : undefined}
          aria-activedescendant={menuOpen && entries.length > 0 ? `${slash ? 'slash-menu' : 'mention-menu'}-option-${clampedSelected}` : undefined}
          placeholder={actions.running !== null ? t('Send a follow-up…') : t('Ask Codex to do anything — @ to mention files, / for commands')}
          rows={3}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setCaret(e.target.selectionStart);
            setDismissed(null);
            actions.clearMessages();
          }}
          onKeyDown={onKeyDown}
          onKeyUp={syncCaret}
          onClick={syncCaret}
          onSelect={syncCaret}
          onPaste={(e) => {
            const files = [...e.clipboardData.files].filter((f) => f.type.startsWith('image/'));
            if (files.length === 0) return;
            e.preventDefault();
            void readImages(files).then(addImages);
          }}
        />
        <div className="codex-input-actions">
          <VscodeToolbarButton
            icon="file-media"
            label={t('Attach images')}
            title={t('Attach images')}
            data-action="pick-images"
            onClick={() => client.postUi({ type: 'ui/pickImages' })}
          />
          <span className="codex-muted codex-hint" data-testid="composer-hint">
            {sendHint(settings?.composerEnterBehavior ?? 'enter', mac)}
          </span>
          {actions.running !== null ? (
            <VscodeButton data-action="stop" secondary title={t('Stop the running turn')} onClick={actions.stop}>
              <span className="codicon codicon-debug-stop" aria-hidden="true" /> {t('Stop')}
            </VscodeButton>
          ) : null}
          <VscodeButton
            data-action="send"
            title={actions.running !== null ? t('Queue or steer (Ctrl/Cmd+Shift+Enter does the other)') : t('Send')}
            disabled={text.trim() === '' && images.length === 0 && chips.length === 0}
            onClick={() => submit(false)}
          >
            <span className="codicon codicon-send" aria-hidden="true" />
          </VscodeButton>
        </div>
      </div>
      <FooterPickers />
    </div>
  );
}

