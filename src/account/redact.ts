// Keeps API keys out of what the user or the log sees (pure, unit-tested).

/** Removes the secret (and anything shaped like an OpenAI key) from a message. */
export function redact(message: string, secret: string): string {
  let out = message;
  const trimmed = secret.trim();
  if (trimmed.length > 0) out = out.split(trimmed).join('[redacted]');
  return out.replace(/\bsk-[A-Za-z0-9_-]{8,}/g, 'sk-[redacted]');
}
