/** `application/json` and every `+json` type; a charset other than UTF-8 is not JSON we read. */
export function isJsonType(type: string | undefined): boolean {
  if (type === undefined) return false;
  const lower = type.toLowerCase();
  const semi = lower.indexOf(';');
  const mime = (semi === -1 ? lower : lower.slice(0, semi)).trim();
  return mime === 'application/json' || (mime.startsWith('application/') && mime.endsWith('+json'));
}

export function isFormType(type: string | undefined): boolean {
  return type !== undefined && type.toLowerCase().startsWith('application/x-www-form-urlencoded');
}

export function isTextType(type: string | undefined): boolean {
  return type !== undefined && type.toLowerCase().startsWith('text/');
}

/** The declared charset, lower case, or undefined. */
export function charsetOf(type: string | undefined): string | undefined {
  if (type === undefined) return undefined;
  const match = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(type);
  return match?.[1]?.toLowerCase();
}
