// Reading a wasm module's sections, function bodies and names: what the bench scripts that look
// inside the built wasm (cold-path.mjs, size-by-export.mjs) share.

/** The unsigned LEB128 number at `at`, and where the next field starts. */
export function uleb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[at++];
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (b < 0x80) return [value, at];
  }
}

/** Sections, function bodies (code section order) and names (by body index) of a module. */
export function parse(bytes) {
  const sections = [];
  let imported = 0;
  const names = new Map();
  for (let at = 8; at < bytes.length; ) {
    const id = bytes[at];
    const [size, start] = uleb(bytes, at + 1);
    const end = start + size;
    sections.push({ id, body: bytes.subarray(start, end) });
    if (id === 2) imported = countFunctionImports(bytes.subarray(start, end));
    if (id === 0) readNames(bytes.subarray(start, end), names);
    at = end;
  }
  const code = sections.find((s) => s.id === 10).body;
  const bodies = [];
  let [count, at] = uleb(code, 0);
  while (count--) {
    const [size, start] = uleb(code, at);
    bodies.push(code.subarray(start, start + size));
    at = start + size;
  }
  const byBody = new Map([...names].map(([index, name]) => [index - imported, name]));
  return { sections, bodies, names: byBody };
}

function countFunctionImports(section) {
  let [count, at] = uleb(section, 0);
  let functions = 0;
  const skipName = () => {
    const [len, next] = uleb(section, at);
    at = next + len;
  };
  const skipLimits = () => {
    const flags = section[at++];
    at = uleb(section, at)[1];
    if (flags & 1) at = uleb(section, at)[1];
  };
  while (count--) {
    skipName();
    skipName();
    const kind = section[at++];
    if (kind === 0) {
      at = uleb(section, at)[1];
      functions++;
    } else if (kind === 1) {
      at++;
      skipLimits();
    } else if (kind === 2) skipLimits();
    else if (kind === 3) at += 2;
  }
  return functions;
}

function readNames(section, names) {
  const [len, start] = uleb(section, 0);
  if (new TextDecoder().decode(section.subarray(start, start + len)) !== 'name') return;
  for (let at = start + len; at < section.length; ) {
    const sub = section[at];
    const [size, begin] = uleb(section, at + 1);
    if (sub === 1) {
      let [count, p] = uleb(section, begin);
      while (count--) {
        const [index, q] = uleb(section, p);
        const [n, r] = uleb(section, q);
        names.set(index, new TextDecoder().decode(section.subarray(r, r + n)).replace(/\[[0-9a-f]+\]/g, ''));
        p = r + n;
      }
    }
    at = begin + size;
  }
}
