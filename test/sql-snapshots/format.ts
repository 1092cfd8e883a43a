// Lays out one compiled statement for reading in a diff: a new line before each clause, indented by the depth of
// the parentheses it stands in, and long lists wrapped after their commas. Quoted names and strings are untouched.
const CLAUSES = [
  'delete from',
  'insert into',
  'select',
  'from',
  'inner join',
  'left outer join',
  'left join',
  'cross join',
  'join',
  'where',
  'group by',
  'having',
  'order by',
  'limit',
  'offset',
  'values',
  'set',
  'on conflict',
  'returning',
  'union all',
  'union',
  'except',
  'intersect',
];

const CLAUSE = new RegExp(`^(?:${CLAUSES.join('|').replace(/ /g, '\\s+')})\\b`, 'i');

const WIDTH = 120;

export function formatSql(statement: string): string {
  return clauses(statement)
    .split('\n')
    .map((line) => wrap(line))
    .join('\n');
}

function clauses(statement: string): string {
  let out = '';
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < statement.length; i++) {
    const c = statement[i]!;
    if (quote) {
      out += c;
      if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    const atWord = i === 0 || /[\s(]/.test(statement[i - 1]!);
    const clause = atWord && /[a-z]/i.test(c) ? CLAUSE.exec(statement.slice(i)) : null;
    if (clause) {
      if (i > 0) out = `${out.replace(/\s+$/, '')}\n${'  '.repeat(depth)}`;
      out += clause[0];
      i += clause[0].length - 1;
      continue;
    }
    out += c;
  }
  return out.trim();
}

/** Breaks a line longer than WIDTH after ", " or before " and " (outside quotes), continuing two spaces deeper. */
function wrap(line: string): string {
  if (line.length <= WIDTH) return line;
  const indent = `${line.match(/^ */)![0]}  `;
  const pieces: string[] = [];
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ',' && line[i + 1] === ' ') {
      pieces.push(line.slice(start, i + 1));
      start = i + 2;
    } else if (c === ' ' && line.startsWith(' and ', i) && i > start) {
      pieces.push(line.slice(start, i));
      start = i + 1;
    }
  }
  pieces.push(line.slice(start));
  const lines: string[] = [];
  let current = '';
  for (const piece of pieces) {
    if (current && current.length + 1 + piece.length > WIDTH) {
      lines.push(current);
      current = indent + piece;
    } else current = current ? `${current} ${piece}` : piece;
  }
  lines.push(current);
  return lines.join('\n');
}
