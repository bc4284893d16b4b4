// Views of wasm memory, re-made only when it has grown (growing detaches the old buffer, whose
// views then have byteLength 0): making a view per access costs more than the access itself.
export function memoryViews(memory: () => WebAssembly.Memory) {
  let bytes = new Uint8Array(0);
  let u32 = new Uint32Array(0);
  let f64 = new Float64Array(0);
  return {
    bytes: (): Uint8Array => (bytes.byteLength !== 0 ? bytes : (bytes = new Uint8Array(memory().buffer))),
    u32: (): Uint32Array => (u32.byteLength !== 0 ? u32 : (u32 = new Uint32Array(memory().buffer))),
    f64: (): Float64Array => (f64.byteLength !== 0 ? f64 : (f64 = new Float64Array(memory().buffer))),
  };
}

export type MemoryViews = ReturnType<typeof memoryViews>;

// The report bindings/wasm/src/state.rs keeps at a fixed address: byte offsets of its fields.
export const REPORT_TIMESTAMP = 0;
export const REPORT_OUT = 8;
export const REPORT_OUT_LEN = 12;
export const REPORT_STATUS = 16;
export const REPORT_HOST = 20;
export const REPORT_HOST_RESULT = 40;
