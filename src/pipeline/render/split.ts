/**
 * Splits Telegram HTML into messages of at most `limit` characters without cutting a tag or an
 * entity: blocks are packed whole; a block too long on its own is cut at a space, and the tags
 * open at the cut are closed and reopened in the next part.
 */

/** Telegram's limit on a message's text (after entity parsing, but we count the HTML). */
export const TELEGRAM_MAX_LENGTH = 4096;

/** Packs HTML blocks (each well-formed) into parts of at most `limit` characters. */
export function packBlocks(
  blocks: string[],
  separator = "\n\n",
  limit = TELEGRAM_MAX_LENGTH,
): string[] {
  const parts: string[] = [];
  let current = "";
  for (const block of blocks.flatMap((b) => (b.length > limit ? splitBlock(b, limit) : [b]))) {
    if (!current) current = block;
    else if (current.length + separator.length + block.length <= limit)
      current += separator + block;
    else {
      parts.push(current);
      current = block;
    }
  }
  if (current) parts.push(current);
  return parts;
}

const ATOM = /<\/?[a-z][^>]*>|&(?:[a-z]+|#\d+|#x[0-9a-f]+);|[^<&]+|[<&]/gi;

/** Cuts one well-formed HTML block into parts of at most `limit` characters. */
export function splitBlock(html: string, limit = TELEGRAM_MAX_LENGTH): string[] {
  const parts: string[] = [];
  const open: Array<{ name: string; tag: string }> = [];
  let current = "";
  const closing = () =>
    open
      .map((t) => `</${t.name}>`)
      .reverse()
      .join("");
  const reopening = () => open.map((t) => t.tag).join("");
  const flush = () => {
    parts.push(current + closing());
    current = reopening();
  };
  // Room needed to close every open tag at a cut.
  const room = () => limit - closing().length;
  for (const atom of html.match(ATOM) ?? []) {
    if (atom.startsWith("<") && atom.length > 1) {
      const name = /^<\/?([a-z0-9-]+)/i.exec(atom)?.[1]?.toLowerCase() ?? "";
      if (current.length + atom.length > room()) flush();
      current += atom;
      if (atom.startsWith("</")) {
        const idx = open.map((t) => t.name).lastIndexOf(name);
        if (idx >= 0) open.splice(idx, 1);
      } else if (!atom.endsWith("/>")) open.push({ name, tag: atom });
      continue;
    }
    if (atom.startsWith("&") && atom.length > 1) {
      if (current.length + atom.length > room()) flush();
      current += atom;
      continue;
    }
    let text = atom;
    while (current.length + text.length > room()) {
      const space = room() - current.length;
      if (space <= 0) {
        flush();
        continue;
      }
      const cut = text.lastIndexOf(" ", space);
      const at = cut > space / 2 ? cut : space;
      current += text.slice(0, at);
      text = text.slice(at).replace(/^ /, "");
      flush();
    }
    current += text;
  }
  if (current.replace(/<[^>]*>/g, "").trim()) parts.push(current + closing());
  return parts;
}
