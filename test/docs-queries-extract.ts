/** One SQL statement of a Markdown document: under which `##` heading, and its place there. */
export interface DocStatement {
  heading: string;
  /** 0 for the first statement under the heading, counting across its sql blocks. */
  index: number;
  sql: string;
}

/** The statements of every ```sql block, split on `;` outside quotes and `--` comments. */
export function sqlStatementsOf(markdown: string): DocStatement[] {
  const out: DocStatement[] = [];
  let heading = '';
  let index = 0;
  const blocks = markdown.split(/^```/m);
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i] ?? '';
    if (i % 2 === 0) {
      for (const match of block.matchAll(/^## (.+)$/gm)) {
        heading = match[1]?.trim() ?? '';
        index = 0;
      }
      continue;
    }
    if (!block.startsWith('sql\n')) continue;
    for (const sql of splitStatements(block.slice(4))) out.push({ heading, index: index++, sql });
  }
  return out;
}

function splitStatements(text: string): string[] {
  const statements: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (!quoted && ch === '-' && text[i + 1] === '-') {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? text.length : end;
      current += text.slice(i, stop);
      i = stop - 1;
      continue;
    }
    if (ch === "'") quoted = !quoted;
    if (ch === ';' && !quoted) {
      statements.push(current.trim());
      current = '';
      continue;
    }
    current += ch;
  }
  if (withoutComments(current).trim() !== '') statements.push(current.trim());
  return statements.filter((s) => withoutComments(s).trim() !== '');
}

function withoutComments(sql: string): string {
  return sql.replace(/--.*$/gm, '');
}
