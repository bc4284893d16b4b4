// Where the browser build's code goes: each function's size, grouped by the set of exports that
// reach it through calls (and the table, for indirect calls). A group reached by one export alone
// is what that export costs; shared groups are what several need. Run by `make bench` on a build
// of the browser wasm that keeps names and does not inline (mk/npm.mk, WASM_NAMED_SIZE), so the
// functions are the source's; the shipped build inlines some of them into their callers.
//
//   node bench/size-by-export.mjs <named.wasm> [functions listed per group, default 5]
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { parse } from './wasm-module.mjs';

const [file, perGroup = '5'] = process.argv.slice(2);

// Code sizes, in function order (the module imports no functions, so body order is function order).
const sizes = parse(readFileSync(file)).bodies.map((body) => body.length);

// Names, calls, exports and the table from the text form, in the same function order.
const wat = execFileSync(join(import.meta.dirname, '../node_modules/.bin/wasm-dis'), [file], { maxBuffer: 1 << 28 }).toString();
const name = String.raw`\$("[^"]*"|[^\s)]+)`;
const funcs = [];
const exports = new Map();
const table = [];
let current;
for (const line of wat.split('\n')) {
  let m;
  if ((m = line.match(new RegExp(String.raw`^ \(func ${name}`)))) {
    current = { name: m[1], calls: new Set(), indirect: false, size: sizes[funcs.length] };
    funcs.push(current);
  } else if ((m = line.match(new RegExp(String.raw`^ \(export "([^"]+)" \(func ${name}\)`)))) {
    exports.set(m[1], m[2]);
  } else if (line.startsWith(' (elem')) {
    for (const f of line.matchAll(new RegExp(name, 'g'))) table.push(f[1]);
  } else if (current) {
    for (const c of line.matchAll(new RegExp(String.raw`call ${name}`, 'g'))) current.calls.add(c[1]);
    if (line.includes('call_indirect')) current.indirect = true;
  }
}
const byName = new Map(funcs.map((f) => [f.name, f]));
const reached = (root) => {
  const seen = new Set();
  const todo = [root];
  while (todo.length > 0) {
    const f = byName.get(todo.pop());
    if (f === undefined || seen.has(f)) continue;
    seen.add(f);
    todo.push(...f.calls, ...(f.indirect ? table : []));
  }
  return seen;
};
const reach = [...exports].map(([exported, f]) => [exported, reached(f)]);

const groups = new Map();
for (const f of funcs) {
  const key = reach.filter(([, set]) => set.has(f)).map(([exported]) => exported).join(' + ') || '(none)';
  const group = groups.get(key) ?? { size: 0, funcs: [] };
  group.size += f.size;
  group.funcs.push(f);
  groups.set(key, group);
}
// Crate hashes and common paths out of the names, for reading.
const short = (n) => n.replace(/^"|"$/g, '').replace(/\[[0-9a-f]{16}\]/g, '').replace(/hooksig_wasm::/g, 'W::').replace(/hooksig::/g, 'h::').replace(/core::/g, 'c::').replace(/alloc::/g, 'a::');
const total = funcs.reduce((sum, f) => sum + f.size, 0);
console.log(`\ncode by the exports that reach it (${file}; ${total} B of code, raw, names kept, nothing inlined):`);
for (const [key, group] of [...groups].sort((a, b) => b[1].size - a[1].size)) {
  console.log(`${String(group.size).padStart(7)} B  ${key}`);
  for (const f of group.funcs.sort((a, b) => b.size - a.size).slice(0, Number(perGroup))) {
    console.log(`${String(f.size).padStart(15)}  ${short(f.name).slice(0, 110)}`);
  }
}
