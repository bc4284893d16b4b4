// Views of wasm memory, re-made only when it has grown (growing detaches the old buffer, whose
// views then have byteLength 0): making a view per access costs more than the access itself.
export function memoryViews(memory: () => WebAssembly.Memory) {
  let bytes = new Uint8Array(0);
  let f64 = new Float64Array(0);
  return {
    bytes: (): Uint8Array => (bytes.byteLength !== 0 ? bytes : (bytes = new Uint8Array(memory().buffer))),
    f64: (): Float64Array => (f64.byteLength !== 0 ? f64 : (f64 = new Float64Array(memory().buffer))),
  };
}
