/** Rewrites one generated section of a Markdown file, between its start and end markers. */

export const SERVICE_SECTION = 'bench:service';

export function replaceSection(document: string, section: string, content: string): string {
  const start = `<!-- ${section}:start -->`;
  const end = `<!-- ${section}:end -->`;
  const from = document.indexOf(start);
  const to = document.indexOf(end);
  if (from === -1 || to === -1 || to < from) {
    throw new Error(`the document has no "${start}" … "${end}" markers: put them where the section belongs`);
  }
  return `${document.slice(0, from + start.length)}\n${content}\n${document.slice(to)}`;
}
