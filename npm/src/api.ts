// The public API of the `hooksig` npm package. Hand-written: argument checks, header lookup and
// the error classes live here; everything that decides whether a delivery is authentic (header
// syntax, timestamps, key choice, constant-time comparison) runs in the Rust core through wasm.
//
// Runtime entries (node.ts, node-cjs.ts, browser.ts, worker.ts) load the wasm module their own way, then call
// `_init` before exporting this module's names.

import { memoryViews, REPORT_OUT, REPORT_OUT_LEN, REPORT_STATUS, REPORT_TIMESTAMP } from './memory.js';
import type { Host, Outside } from './host-node.js';

/** A secret: text as the provider shows it, raw key bytes, or either with an expiry (rotation). */
export type SecretInput =
  | string
  | Uint8Array
  | { secret: string | Uint8Array; notAfter?: Date | number | undefined; format?: SecretFormat | undefined };

/** How secret text is written. `auto` is the scheme's default (`whsec` for Standard Webhooks, `text` for the others). */
export type SecretFormat = 'auto' | 'whsec' | 'base64' | 'hex' | 'text' | 'raw';

export type SchemeName = 'standard' | 'svix' | 'stripe' | 'github' | 'github-sha1' | 'slack' | 'shopify';

/** A provider without a preset (tests/vectors/README.md "Custom schemes", in camelCase). */
export interface CustomScheme {
  name: string;
  signatureHeader: string;
  layout?:
    | undefined
    | { type: 'single'; prefix?: string | undefined }
    | { type: 'list'; separator: string; prefix: string }
    | { type: 'keyValue' | 'key_value'; pairSeparator: string; signatureKey: string; timestampKey?: string | null | undefined };
  encoding?: 'hex' | 'base64' | undefined;
  template: string;
  idHeader?: string | null | undefined;
  timestampHeader?: string | null | undefined;
  timestampUnit?: 'seconds' | 'milliseconds' | undefined;
  secretFormat?: Exclude<SecretFormat, 'auto' | 'raw'> | 'auto' | undefined;
}

export interface WebhookOptions {
  /** Default `'standard'`. */
  scheme?: SchemeName | CustomScheme | undefined;
  /** Replay window either side of now, in seconds. Default 300. */
  tolerance?: number | undefined;
  /** How string secrets are written. Default `'auto'`. `'raw'` keys with the string's char codes (like `standardwebhooks`). */
  format?: SecretFormat | undefined;
}

/** A Fetch `Headers`, Node's `IncomingHttpHeaders` (values may be arrays), a plain object with any casing, or a `Map`. */
export type HeadersLike =
  | { get(name: string): string | null | undefined; has?(name: string): boolean }
  | Map<string, string | readonly string[] | undefined>
  | Record<string, string | readonly string[] | number | Uint8Array | undefined | null>
  | WebhookUnbrandedRequiredHeaders;

/**
 * The three Standard Webhooks headers, as `standardwebhooks` types them. An interface has no index
 * signature, so it is not a `Record<string, …>`: listed in `HeadersLike` for code typed against it.
 */
export interface WebhookUnbrandedRequiredHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

export type Payload = string | Uint8Array | ArrayBuffer | ArrayBufferView;

export interface VerifyOptions {
  /** The current time: unix seconds or a Date. Default: the clock, read here (the core has none). */
  now?: number | Date | undefined;
  /** `verify` only: `false` returns `undefined` instead of the parsed body (as in `standardwebhooks`). Default `true`. */
  jsonParse?: boolean | undefined;
}

/** What verified: the scheme, which key (index in the order given), and the message's id and timestamp where the scheme has them. */
export interface Verification {
  scheme: string;
  keyIndex: number;
  id: string | null;
  timestamp: number | null;
  kind: 'hmac-sha256' | 'hmac-sha1' | 'ed25519';
}

/** Stable error codes (one to one with the Rust core's `Error::code()`). */
export type ErrorCode =
  | 'MISSING_HEADER' | 'MALFORMED_HEADER' | 'HEADER_TOO_LARGE' | 'TOO_MANY_SIGNATURES' | 'NO_MATCHING_SIGNATURE'
  | 'INVALID_TIMESTAMP' | 'TIMESTAMP_TOO_OLD' | 'TIMESTAMP_TOO_NEW' | 'NO_ACTIVE_KEY' | 'EMPTY_SECRET'
  | 'INVALID_SECRET' | 'SECRET_TOO_SHORT' | 'SECRET_TOO_LONG' | 'TOO_MANY_KEYS' | 'INVALID_SCHEME' | 'INVALID_ARGUMENT';

// Same order as CODES in bindings/wasm/src/lib.rs: status = index + 1.
const CODES: readonly ErrorCode[] = [
  'MISSING_HEADER', 'MALFORMED_HEADER', 'HEADER_TOO_LARGE', 'TOO_MANY_SIGNATURES', 'NO_MATCHING_SIGNATURE',
  'INVALID_TIMESTAMP', 'TIMESTAMP_TOO_OLD', 'TIMESTAMP_TOO_NEW', 'NO_ACTIVE_KEY', 'EMPTY_SECRET',
  'INVALID_SECRET', 'SECRET_TOO_SHORT', 'SECRET_TOO_LONG', 'TOO_MANY_KEYS', 'INVALID_SCHEME', 'INVALID_ARGUMENT',
];
// The first nine are the core's `is_verification_failure()` codes.
const VERIFICATION_FAILURES = 9;

/**
 * Every error hooksig raises for a bad secret, scheme or argument value; `code` is stable.
 * `new WebhookVerificationError(message)`, as code written for `standardwebhooks` makes one, has
 * code `NO_MATCHING_SIGNATURE` (`INVALID_ARGUMENT` for a `WebhookError`).
 */
export class WebhookError extends Error {
  readonly code: ErrorCode;
  /**
   * `instanceof` by a global brand as well as by prototype: an application that both imports and
   * requires hooksig (directly and through a dependency) gets two copies of it, and an error thrown
   * by one must still be recognised by the other's classes.
   */
  static [Symbol.hasInstance](value: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    const brand = this === WebhookVerificationError ? VERIFICATION_BRAND : this === WebhookError ? ERROR_BRAND : undefined;
    return brand !== undefined && typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true;
  }
  constructor(message: string);
  constructor(code: ErrorCode, message: string);
  constructor(codeOrMessage: string, message?: string) {
    super(message ?? codeOrMessage);
    if (message !== undefined) this.code = codeOrMessage as ErrorCode;
    else this.code = this instanceof WebhookVerificationError ? 'NO_MATCHING_SIGNATURE' : 'INVALID_ARGUMENT';
  }
}

/**
 * Gives an error class its `name` (on the prototype, as `Error`'s own; spelled out, as minifiers
 * rename classes) and its global brand, which it returns.
 */
function brand(errorClass: typeof WebhookError, name: string): symbol {
  const mark = Symbol.for(`hooksig.${name}`);
  Object.defineProperty(errorClass.prototype, 'name', { value: name, writable: true, configurable: true });
  Object.defineProperty(errorClass.prototype, mark, { value: true });
  return mark;
}
const ERROR_BRAND = brand(WebhookError, 'WebhookError');

/** A delivery that is not authentic or not fresh (missing/malformed headers, bad signature, stale timestamp, …). */
export class WebhookVerificationError extends WebhookError {}
const VERIFICATION_BRAND = brand(WebhookVerificationError, 'WebhookVerificationError');

// ---- the wasm module, as each entry hands it over --------------------------------------------

/** @internal The wasm module's exports (bindings/wasm/src/lib.rs: numbers only; u32 results come back signed). */
export interface Exports {
  readonly memory: WebAssembly.Memory;
  report(): number;
  input_buffer(capacity: number): number;
  hook_new(schemeLen: number, customLen: number, secretsLen: number, count: number, tolerance: number): number;
  hook_free(h: number): void;
  hook_verify(h: number, headersLen: number, bodyLen: number, now: number): number;
  hook_sign(h: number, idLen: number, timestamp: number, bodyLen: number): number;
  hook_hints(h: number): void;
  generate_secret(nbytes: number, schemeLen: number): number;
  /** Feature `host` (the build for Node, Deno, Bun and Workers). */
  hook_resume?(h: number): number;
  set_host_threshold?(threshold: number): void;
}

/** @internal */
export interface Backend {
  exports: Exports;
  /** Native HMAC for Node, Deno, Bun (and Workers with nodejs_compat): src/host-node.ts. */
  host?: Host | undefined;
  random(bytes: Uint8Array): void;
}

let backend: Backend | undefined;
// The report's address (bindings/wasm/src/state.rs), fixed for the module's life.
let report = 0;
/** @internal Called once by the runtime entry. */
export function _init(b: Backend): void {
  backend = b;
  report = b.exports.report() >>> 0;
  if (HOOKSIG_HOST && b.host) b.exports.set_host_threshold?.(b.host.threshold);
}

function wasm(): Backend {
  if (!backend) throw new WebhookError('INVALID_ARGUMENT', 'hooksig: the wasm module is not initialised');
  return backend;
}

const memory = memoryViews(() => wasm().exports.memory);
// Frees a Webhook's wasm side once the Webhook is collected (keys and pad states are zeroized then).
const registry = typeof FinalizationRegistry === 'function' ? new FinalizationRegistry((h: number) => backend?.exports.hook_free(h)) : undefined;

// Status of a round that needs a host HMAC (bindings/wasm/src/host.rs NEED_HOST).
const NEED_HOST = 255;

/** The text the last wasm call left in its output (bindings/wasm Out). */
function output(): string {
  const u32 = memory.u32();
  const at = u32[(report + REPORT_OUT) >>> 2];
  return decoder.decode(memory.bytes().subarray(at, at + u32[(report + REPORT_OUT_LEN) >>> 2]));
}

// The input buffer wasm reads an operation's input from (bindings/wasm input_buffer): shared by
// every Webhook (calls never overlap) and kept, whatever its size. Wasm memory never shrinks, so
// freeing it would not give memory back, and each large delivery would pay for allocating and
// zero-filling it again (~40 µs per MiB).
let inputAt = 0;
let inputCapacity = 0;

/** Makes the input buffer at least `size` bytes (wasm keeps its contents when it moves); its address. */
function reserve(size: number): number {
  if (size <= inputCapacity) return inputAt;
  // 0: wasm memory cannot hold it (or, past 2^32 - 1, cannot even address it).
  const at = size <= 0xffff_ffff ? wasm().exports.input_buffer(size) >>> 0 : 0;
  if (at === 0) throw new RangeError(`${size} bytes of input do not fit in wasm memory`);
  inputAt = at;
  inputCapacity = size;
  return at;
}

/** Writes `text` as UTF-8 at `at` (room for 3 bytes per UTF-16 unit reserved); its length in bytes. */
function writeText(text: string, at: number): number {
  return encoder.encodeInto(text, memory.bytes().subarray(at, at + text.length * 3)).written;
}

/**
 * Runs an operation's rounds: while wasm asks for a host HMAC, computes it and resumes. `outside`:
 * the body, if it was left out of wasm memory for the host to read (Webhook #run). Called under
 * `if (HOOKSIG_HOST)`: the browser entry's wasm never asks, and its build drops the calls and this
 * function whole.
 */
function rounds(b: Backend, h: number, status: number, outside?: Outside): number {
  while ((status & 0xff) === NEED_HOST && b.host && b.exports.hook_resume) {
    b.host.run(report, memory, outside);
    status = b.exports.hook_resume(h) >>> 0;
  }
  return status;
}

// Where hook_new's result has the primary header count, above the handle (bindings/wasm PRIMARY_SHIFT).
const PRIMARY_SHIFT = 30;
const FORMATS: Record<string, number> = { auto: 0, whsec: 1, base64: 2, hex: 3, text: 4, raw: 5 };
const KINDS: Verification['kind'][] = ['hmac-sha256', 'hmac-sha1', 'ed25519'];
const DEFAULT_TOLERANCE = 300;
// wasm32 memory is at most 4 GiB and the body is copied into it: refuse what cannot fit rather
// than let an allocation fail inside wasm.
const MAX_BODY = 1 << 30;
// The core's limits that the facade uses to keep oversized input out of wasm memory without
// changing what the core decides (#add, #sign, generateSecret). The build reads them from
// crates/hooksig/src/limits.rs (scripts/build.mjs), so the two cannot drift apart.
declare const HOOKSIG_MAX_HEADER_BYTES: number;
declare const HOOKSIG_MAX_ID_BYTES: number;
declare const HOOKSIG_MAX_KEY_BYTES: number;
declare const HOOKSIG_HOST_ONE_SHOT_MAX: number;
/** Whether the entry's wasm can ask for host HMACs: false in the browser entry, so that an app's minifier drops that code. */
declare const HOOKSIG_HOST: boolean;
const MAX_HEADER_BYTES = HOOKSIG_MAX_HEADER_BYTES;
const MAX_ID_BYTES = HOOKSIG_MAX_ID_BYTES;
// No secret has as many random bytes as this (bindings/wasm generate_secret).
const TOO_MANY_RANDOM_BYTES = HOOKSIG_MAX_KEY_BYTES + 1;
// Above this many bytes of signed content the host streams the HMAC from where each part is
// (bindings/wasm/src/host.rs ONE_SHOT_MAX); wasm does not read the body itself then.
const HOST_ONE_SHOT_MAX = HOOKSIG_HOST_ONE_SHOT_MAX;
// A header value longer than MAX_HEADER_BYTES UTF-16 units is longer than it in UTF-8 too (a unit
// is at least one byte): the core refuses it as too large wherever it reads it, and elsewhere only
// asks whether it is blank. One of these, of the limit + 1 bytes, goes in its place.
const OVERSIZED_VALUE = 'x'.repeat(MAX_HEADER_BYTES + 1);
const OVERSIZED_BLANK = ' '.repeat(MAX_HEADER_BYTES + 1);
const encoder = new TextEncoder();
const decoder = new TextDecoder();
// Header bytes keep a leading BOM, as the same header given as a string does.
const headerDecoder = new TextDecoder('utf-8', { ignoreBOM: true });

function typeName(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

// Type checks that also hold for objects from another realm (an iframe, a `node:vm` context, Jest's
// test environment), where `instanceof` against this realm's constructors is false.
const tag = (v: unknown): string => Object.prototype.toString.call(v);
const isUint8Array = (v: unknown): v is Uint8Array => v instanceof Uint8Array || (ArrayBuffer.isView(v) && tag(v) === '[object Uint8Array]');
const isArrayBuffer = (v: unknown): v is ArrayBuffer => v instanceof ArrayBuffer || tag(v) === '[object ArrayBuffer]';
const isDate = (v: unknown): v is Date => v instanceof Date || tag(v) === '[object Date]';
const isMap = (v: unknown): v is Map<unknown, unknown> => v instanceof Map || tag(v) === '[object Map]';

function seconds(value: unknown, what: string): number {
  let n: number;
  if (isDate(value)) n = Date.prototype.getTime.call(value) / 1000;
  else if (typeof value === 'number') n = value;
  else throw new TypeError(`${what} must be a number of unix seconds or a Date, not ${typeName(value)}`);
  if (!Number.isFinite(n)) throw new RangeError(`${what} must be a finite time`);
  // Past ±2^53 s (285 million years) the value is meaningless; the core bounds timestamps itself.
  if (Math.abs(n) > Number.MAX_SAFE_INTEGER) throw new RangeError(`${what} is out of range`);
  return Math.floor(n);
}

/** Optional `options`, checked to be an object. */
function optionsOf<T>(options: T): T {
  if (options !== undefined && (typeof options !== 'object' || options === null)) throw new TypeError('options must be an object');
  return options;
}

function checkSize(length: number, what: string): void {
  if (length > MAX_BODY) throw new RangeError(`${what} is larger than ${MAX_BODY} bytes`);
}

function bytesOf(payload: unknown, what: string): Uint8Array {
  let bytes: Uint8Array;
  if (isUint8Array(payload)) bytes = payload;
  else if (isArrayBuffer(payload)) bytes = new Uint8Array(payload);
  else if (ArrayBuffer.isView(payload)) bytes = new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength);
  else if (typeof payload === 'string') bytes = encoder.encode(payload);
  else throw new TypeError(`${what} must be a string, Uint8Array, Buffer or ArrayBuffer, not ${typeName(payload)}`);
  checkSize(bytes.byteLength, what);
  return bytes;
}

/** Throws the core's error: a WebhookVerificationError for a delivery that failed verification. */
function fail(code: number, message: string, verifying = true): never {
  const name = CODES[code - 1] ?? 'INVALID_ARGUMENT';
  if (verifying && code <= VERIFICATION_FAILURES) throw new WebhookVerificationError(name, message);
  throw new WebhookError(name, message);
}

function str(v: unknown, what: string, optional = false): string {
  if (optional && (v === undefined || v === null)) return '';
  if (typeof v !== 'string') throw new TypeError(`${what} must be a string, not ${typeName(v)}`);
  // NUL separates fields on the way into wasm; none of these may contain it.
  if (v.includes('\0')) throw new WebhookError('INVALID_SCHEME', `${what} contains a NUL character`);
  if (optional && v === '') throw new WebhookError('INVALID_SCHEME', `${what} must not be empty (omit it instead)`);
  return v;
}

function packCustom(s: CustomScheme): string {
  if (typeof s !== 'object' || s === null) throw new TypeError('scheme must be a preset name or a CustomScheme object');
  const layout = (s.layout ?? { type: 'single' }) as Record<string, unknown>;
  if (typeof layout !== 'object' || layout === null) throw new TypeError('scheme.layout must be an object');
  const own = (key: keyof CustomScheme, optional?: boolean) => str(s[key], `scheme.${key}`, optional);
  const inLayout = (key: string, optional?: boolean) => str(layout[key], `scheme.layout.${key}`, optional);
  // A named option as its index in `choices` (a digit): how the boundary receives it. The first is the default.
  const choice = (key: keyof CustomScheme, choices: readonly string[]) => {
    const index = choices.indexOf(str(s[key] ?? choices[0], `scheme.${key}`));
    if (index < 0) throw new WebhookError('INVALID_SCHEME', `scheme.${key} must be one of ${choices.join(', ')}`);
    return String(index);
  };
  let fields: string[];
  switch (layout.type) {
    case 'single':
      fields = ['s', str(layout.prefix ?? '', 'scheme.layout.prefix'), '', ''];
      break;
    case 'list':
      fields = ['l', inLayout('separator'), inLayout('prefix'), ''];
      break;
    case 'keyValue':
    case 'key_value':
      fields = ['k', inLayout('pairSeparator'), inLayout('signatureKey'), inLayout('timestampKey', true)];
      break;
    default:
      throw new WebhookError('INVALID_SCHEME', 'scheme.layout.type must be single, list or keyValue');
  }
  return [
    own('name'),
    own('signatureHeader'),
    ...fields,
    choice('encoding', ENCODINGS),
    own('template'),
    own('idHeader', true),
    own('timestampHeader', true),
    choice('timestampUnit', UNITS),
    // Unset: auto, which the boundary reads as text, a custom scheme's default.
    choice('secretFormat', Object.keys(FORMATS)),
  ].join('\0');
}

const ENCODINGS = ['hex', 'base64'];
const UNITS = ['seconds', 'milliseconds'];

function latin1(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Its char codes are the key: one byte each.
    if (c > 0xff) throw new RangeError("a 'raw' string secret must contain only characters U+0000 to U+00FF");
    out[i] = c;
  }
  return out;
}

/** A secret format's name, checked (`what` names it in the error). */
function formatName(v: unknown, what: string): SecretFormat {
  if (typeof v !== 'string' || !Object.hasOwn(FORMATS, v)) throw new TypeError(`${what} must be one of ${Object.keys(FORMATS).join(', ')}`);
  return v as SecretFormat;
}

/** The constructor's options, checked. */
interface Options {
  /** The scheme's name: a preset's, or a custom scheme's own. */
  name: string;
  /** A custom scheme's fields (packCustom, never empty), or empty for a preset. */
  custom: string;
  format: SecretFormat;
  tolerance: number;
}

const DEFAULT_OPTIONS: Options = { name: 'standard', custom: '', format: 'auto', tolerance: DEFAULT_TOLERANCE };

function readOptions(options: WebhookOptions): Options {
  const o = optionsOf(options);
  const scheme = o.scheme ?? 'standard';
  const format = formatName(o.format ?? 'auto', 'options.format');
  const tolerance = o.tolerance ?? DEFAULT_TOLERANCE;
  if (typeof tolerance !== 'number') throw new TypeError('options.tolerance must be a number of seconds');
  if (!Number.isSafeInteger(tolerance) || tolerance < 0) {
    throw new RangeError('options.tolerance must be a non-negative integer number of seconds');
  }
  // A preset's name goes to the core as it is: the core alone knows the presets.
  if (typeof scheme === 'string') return { name: scheme, custom: '', format, tolerance };
  const custom = packCustom(scheme);
  return { name: scheme.name, custom, format, tolerance };
}

/** Copies of the caller's secrets as bytes, with their format codes and expiries. */
interface Secrets {
  parts: Uint8Array[];
  codes: number[];
  expiries: number[];
  total: number;
}

function readSecrets(secret: unknown, format: SecretFormat): Secrets {
  const out: Secrets = { parts: [], codes: [], expiries: [], total: 0 };
  try {
    if (Array.isArray(secret)) for (const item of secret) addSecret(out, item, format);
    else addSecret(out, secret, format);
  } catch (e) {
    for (const p of out.parts) p.fill(0);
    throw e;
  }
  return out;
}

/** A secret, or (not inside one) an entry: `{ secret, notAfter?, format? }`. */
function addSecret(out: Secrets, value: unknown, format: SecretFormat, notAfter = NaN, inEntry = false): void {
  let bytes: Uint8Array;
  let code: number;
  if (typeof value === 'string') {
    if (format === 'raw') {
      bytes = latin1(value);
      code = FORMATS.raw;
    } else {
      bytes = encoder.encode(value);
      code = FORMATS[format];
    }
  } else if (isUint8Array(value)) {
    // A copy, which is zeroized once wasm has it; a Buffer's slice() would be a view, and
    // zeroizing it would wipe the caller's key.
    bytes = new Uint8Array(value);
    code = FORMATS.raw;
  } else if (!inEntry && typeof value === 'object' && value !== null) {
    const entry = value as { secret?: unknown; notAfter?: unknown; format?: unknown };
    const expiry = entry.notAfter === undefined || entry.notAfter === null ? NaN : seconds(entry.notAfter, 'notAfter');
    return addSecret(out, entry.secret, entry.format === undefined ? format : formatName(entry.format, "a secret's format"), expiry, true);
  } else {
    throw new TypeError(`a secret must be a string or a Uint8Array, not ${typeName(value)}`);
  }
  out.parts.push(bytes);
  out.codes.push(code);
  out.expiries.push(notAfter);
  out.total += bytes.length;
}

/**
 * A verifier in wasm from the checked options and secrets: its handle and primary header count
 * (bindings/wasm hook_new, PRIMARY_SHIFT), or 0 (the status and message are in the report). The
 * input wasm reads (bindings/wasm build): per secret its length, format and expiry (16 bytes), then
 * a preset's name or the packed custom scheme, and the secrets back to back. The copies of the
 * secrets are zeroized here, and wasm zeroizes the ones it was given, whatever the outcome.
 */
function create(b: Backend, o: Options, { parts, codes, expiries, total }: Secrets): number {
  // Wasm reads a preset by its name, a custom scheme by its fields.
  const preset = o.custom === '' ? o.name : '';
  try {
    const start = reserve(16 * parts.length + 3 * (preset.length + o.custom.length) + total);
    const meta = new DataView(b.exports.memory.buffer, start, 16 * parts.length);
    for (let i = 0; i < parts.length; i++) {
      meta.setUint32(16 * i, parts[i].length, true);
      meta.setUint32(16 * i + 4, codes[i], true);
      meta.setFloat64(16 * i + 8, expiries[i], true);
    }
    let at = start + 16 * parts.length;
    const schemeLen = writeText(preset, at);
    const customLen = writeText(o.custom, (at += schemeLen));
    at += customLen;
    for (const p of parts) {
      memory.bytes().set(p, at);
      at += p.length;
    }
    return b.exports.hook_new(schemeLen, customLen, total, parts.length, o.tolerance) >>> 0;
  } finally {
    for (const p of parts) p.fill(0);
  }
}

const inspect = Symbol.for('nodejs.util.inspect.custom');

/**
 * Verifies and signs webhook deliveries for one scheme and keyring. A drop-in for the
 * `standardwebhooks` package's `Webhook`.
 */
export class Webhook {
  /** Its handle in wasm (bindings/wasm hook_new). */
  #hook: number;
  #names: string[];
  // names[i] has length l  <=>  byLength[l] includes i: a cheap pre-filter before lowercasing keys.
  #byLength: (number[] | undefined)[];
  // Which of the (name, value) pairs signing returns is the signature header's, as the core says.
  #signatureIndex: number;
  #scheme: string;
  #b: Backend;
  // Scratch of #pack: the first #count entries are the header values sent on the last call, in
  // order, with their name indexes.
  #vals: string[] = [];
  #index: number[] = [];
  #count = 0;
  #bodyLen = 0;

  constructor(secret: SecretInput | readonly SecretInput[], options?: WebhookOptions) {
    const b = wasm();
    // The common case (no options, one secret) runs the least code: a cold start compiles only
    // the functions it calls.
    const o = options === undefined ? DEFAULT_OPTIONS : readOptions(options);
    const created = create(b, o, readSecrets(secret, o.format));
    if (created === 0) fail(memory.u32()[(report + REPORT_STATUS) >>> 2], output());
    // The handle, and how many headers signing emits first (the signature header is the last of
    // them); the output is every header name verification may read.
    const hook = created & ((1 << PRIMARY_SHIFT) - 1);
    const names = output().split('\0');
    registry?.register(this, hook);
    this.#b = b;
    this.#hook = hook;
    this.#signatureIndex = (created >>> PRIMARY_SHIFT) - 1;
    this.#scheme = o.name;
    // Internalized (as property keys are), so that comparing one with a header name is a pointer
    // comparison.
    this.#names = names.map((n) => Object.keys({ [n]: 0 })[0]);
    this.#byLength = [];
    this.#names.forEach((n, i) => (this.#byLength[n.length] ??= []).push(i));
  }

  /** The header names verification reads (lowercase). */
  get headerNames(): readonly string[] {
    return this.#names.slice();
  }

  /** Verifies a delivery (raw body exactly as received) and returns its parsed JSON body (`undefined` when empty). */
  verify(payload: Payload, headers: HeadersLike, options?: VerifyOptions): unknown {
    const jsonParse = options?.jsonParse ?? true;
    if (typeof jsonParse !== 'boolean') throw new TypeError(`options.jsonParse must be a boolean, not ${typeName(jsonParse)}`);
    this.#run(payload, headers, options);
    if (!jsonParse) return undefined;
    const text = typeof payload === 'string' ? payload : decoder.decode(bytesOf(payload, 'payload'));
    return text === '' ? undefined : JSON.parse(text);
  }

  /** Verifies a delivery without parsing it: which key matched, and the id and timestamp where the scheme has them. */
  verifySignature(payload: Payload, headers: HeadersLike, options?: VerifyOptions): Verification {
    // Kind, key index and where the id is come back packed in the result (bindings/wasm hook_verify).
    const r = this.#run(payload, headers, options);
    const ts = memory.f64()[(report + REPORT_TIMESTAMP) >>> 3];
    const at = (r >>> 18) & 0xff;
    return {
      scheme: this.#scheme,
      keyIndex: (r >>> 10) & 0xff,
      id: at === 0 ? null : at === 255 ? output() : (this.#vals[at - 1] ?? null),
      timestamp: Number.isNaN(ts) ? null : ts,
      kind: KINDS[(r >>> 8) & 3] ?? 'hmac-sha256',
    };
  }

  #run(payload: Payload, headers: HeadersLike, options?: VerifyOptions): number {
    const given = optionsOf(options)?.now;
    const now = given === undefined ? Math.floor(Date.now() / 1000) : seconds(given, 'options.now');
    this.#pack(headers);
    let body: string | Uint8Array;
    if (typeof payload === 'string') {
      checkSize(payload.length, 'payload');
      body = payload;
    } else {
      body = bytesOf(payload, 'payload');
    }
    const b = this.#b;
    // A byte body that the host will stream (over the one-shot size, and over the threshold, so
    // wasm never hashes it) is not copied into wasm: the host reads it where it is, in place of
    // the room reserved for it (~50 µs per MiB). Verify only: if wasm ever did read that room,
    // the tag would be over stale bytes and the delivery would be refused, never accepted.
    const outside = HOOKSIG_HOST && typeof body !== 'string' && b.host !== undefined && body.length > HOST_ONE_SHOT_MAX && body.length >= b.host.threshold;
    // A string body is encoded straight into the input buffer, and a failed allocation there is a
    // RangeError, not a trap.
    const headersLen = this.#write(body, outside);
    let status = b.exports.hook_verify(this.#hook, headersLen, this.#bodyLen, now) >>> 0;
    // The body's room follows the headers at the start of the input buffer (#write).
    if (HOOKSIG_HOST) status = rounds(b, this.#hook, status, outside ? { at: inputAt + headersLen, bytes: body as Uint8Array } : undefined);
    if ((status & 0xff) !== 0) fail(status & 0xff, output());
    return status;
  }

  /**
   * Reads only the header names the scheme needs into `#vals`/`#index`, in the order met (wasm
   * may point at one of them as the message id).
   */
  #pack(headers: HeadersLike): void {
    if (typeof headers !== 'object' || headers === null) {
      throw new TypeError(`headers must be a Headers, Map or object, not ${typeName(headers)}`);
    }
    this.#count = 0;
    try {
      if (isMap(headers)) this.#packMap(headers);
      else if (typeof (headers as { get?: unknown }).get === 'function') this.#packGetter(headers as { get(name: string): unknown });
      else {
        // for-in walks V8's cached key list without allocating (Object.keys builds an array);
        // inherited keys are skipped by the hasOwn check, made only for a name's length.
        const names = this.#names;
        const h = headers as Record<string, unknown>;
        for (const k in h) {
          const candidates = this.#byLength[k.length];
          if (candidates === undefined || !Object.hasOwn(h, k)) continue;
          // Node's IncomingHttpHeaders are lowercase already: skip toLowerCase when it is.
          const lower = names[candidates[0]] === k ? k : k.toLowerCase();
          for (let c = 0; c < candidates.length; c++) if (names[candidates[c]] === lower) this.#add(candidates[c], h[k]);
        }
      }
    } catch (e) {
      if (e instanceof Error) throw e;
      throw new TypeError('reading the headers threw a non-Error value');
    }
  }

  #packMap(headers: Map<unknown, unknown>): void {
    const names = this.#names;
    for (const [k, v] of headers) {
      if (typeof k !== 'string') continue;
      const candidates = this.#byLength[k.length];
      if (candidates === undefined) continue;
      const lower = k.toLowerCase();
      for (let c = 0; c < candidates.length; c++) if (names[candidates[c]] === lower) this.#add(candidates[c], v);
    }
  }

  /** Fetch `Headers` (case-insensitive get; repeated fields come back joined by ", "). */
  #packGetter(headers: { get(name: string): unknown }): void {
    const names = this.#names;
    for (let i = 0; i < names.length; i++) this.#add(i, headers.get(names[i]));
  }

  /**
   * Writes the header values from #pack (`<index><value>\0…`) and then the body, UTF-8, into the
   * wasm input buffer. ASCII header values (nearly all) are stored char by char; one with other
   * characters goes through `encodeInto` from there on. Returns the headers' length; the body's is
   * left in #bodyLen. `outside`: room for a byte body only, left unwritten.
   */
  #write(body: string | Uint8Array, outside: boolean): number {
    const vals = this.#vals;
    const count = this.#count;
    let headersMax = 0;
    for (let j = 0; j < count; j++) headersMax += vals[j].length * 3 + 2;
    // A string body is sized for ASCII first; see below.
    const start = reserve(headersMax + body.length);
    let mem = memory.bytes();
    let at = start;
    for (let j = 0; j < count; j++) {
      const v = vals[j];
      mem[at++] = 48 + this.#index[j];
      let i = 0;
      for (; i < v.length; i++) {
        const c = v.charCodeAt(i);
        if (c >= 0x80 || c === 0) break;
        mem[at++] = c;
      }
      if (i < v.length) {
        if (v.includes('\0', i)) this.#nul(this.#index[j]);
        at += encoder.encodeInto(v.slice(i), mem.subarray(at, inputAt + inputCapacity)).written;
      }
      mem[at++] = 0;
    }
    const headersLen = at - start;
    if (typeof body !== 'string') {
      if (!outside) mem.set(body, at);
      this.#bodyLen = body.length;
      return headersLen;
    }
    let { read, written } = encoder.encodeInto(body, mem.subarray(at, inputAt + inputCapacity));
    if (read < body.length) {
      // Not all ASCII: room for the worst case of the rest (3 bytes per UTF-16 unit), then on.
      const moved = reserve(headersLen + written + (body.length - read) * 3);
      mem = memory.bytes();
      const rest = encoder.encodeInto(body.slice(read), mem.subarray(moved + headersLen + written, inputAt + inputCapacity));
      written += rest.written;
    }
    this.#bodyLen = written;
    return headersLen;
  }

  #nul(i: number): never {
    throw new WebhookVerificationError('MALFORMED_HEADER', `malformed header ${this.#names[i]}: contains NUL`);
  }

  #add(i: number, value: unknown): void {
    // A string is nearly every header value; the other kinds are #addOther's.
    const v = typeof value === 'string' && value.length <= MAX_HEADER_BYTES ? value : this.#addOther(i, value);
    if (v === undefined) return;
    // A NUL (never in a field value, RFC 9110 §5.5) is refused by #write, in the same pass that copies.
    // Overwritten in place from call to call (resetting an array's length is a runtime call).
    this.#vals[this.#count] = v;
    this.#index[this.#count++] = i;
  }

  /** A header value other than a string within the limit: its text, or undefined for none. */
  #addOther(i: number, value: unknown): string | undefined {
    if (value === undefined || value === null) return undefined;
    let v: string;
    if (typeof value === 'string') v = value;
    else if (typeof value === 'number') v = String(value);
    else if (Array.isArray(value)) {
      for (const item of value) this.#add(i, item);
      return undefined;
    } else if (isUint8Array(value)) {
      // Bytes, as stripe-node takes a Buffer header and the Python package takes bytes: their UTF-8
      // text (a header that is not valid UTF-8 is not one a provider signed). Over the limit, a
      // stand-in without decoding it all.
      if (value.byteLength <= MAX_HEADER_BYTES) v = headerDecoder.decode(value);
      else if (value.includes(0)) return this.#nul(i);
      else v = value.every((b) => b === 0x20 || b === 0x09) ? OVERSIZED_BLANK : OVERSIZED_VALUE;
    } else throw new TypeError(`header ${this.#names[i]} must be a string, a number, a Uint8Array or an array of them, not ${typeName(value)}`);
    if (v.length > MAX_HEADER_BYTES) {
      if (v.includes('\0')) this.#nul(i);
      let end = 0;
      while (end < v.length && (v.charCodeAt(end) === 0x20 || v.charCodeAt(end) === 0x09)) end++;
      v = end === v.length ? OVERSIZED_BLANK : OVERSIZED_VALUE;
    }
    return v;
  }

  /** The signature header value, e.g. `v1,<base64>` for Standard Webhooks. */
  sign(msgId: string, timestamp: Date | number, payload: string | Uint8Array | ArrayBuffer): string {
    const headers = this.#sign(msgId, timestamp, payload);
    return headers[this.#signatureIndex * 2 + 1] ?? headers[headers.length - 1];
  }

  /** Every header a sender attaches for this scheme (names cased as the provider sends them). */
  signHeaders(payload: string | Uint8Array | ArrayBuffer, options?: { id?: string | undefined; timestamp?: Date | number | undefined }): Record<string, string> {
    let id = optionsOf(options)?.id;
    if (id === undefined) {
      const r = new Uint8Array(16);
      this.#b.random(r);
      id = 'msg_' + Array.from(r, (x) => x.toString(16).padStart(2, '0')).join('');
    }
    const flat = this.#sign(id, options?.timestamp ?? new Date(), payload);
    const out: Record<string, string> = {};
    for (let i = 0; i + 1 < flat.length; i += 2) out[flat[i]] = flat[i + 1];
    return out;
  }

  #sign(msgId: unknown, timestamp: unknown, payload: unknown): string[] {
    if (msgId !== undefined && msgId !== null && typeof msgId !== 'string') throw new TypeError(`msgId must be a string, not ${typeName(msgId)}`);
    const ts = seconds(timestamp, 'timestamp');
    const body = bytesOf(payload, 'payload');
    // An id over the core's limit is refused for its length before anything else is read of it:
    // a stand-in of the limit + 1 spares copying a huge string into wasm.
    const id = typeof msgId !== 'string' ? undefined : msgId.length > MAX_ID_BYTES ? 'x'.repeat(MAX_ID_BYTES + 1) : msgId;
    const b = this.#b;
    // The id (UTF-8), then the body, in the input buffer.
    const start = reserve((id === undefined ? 0 : 3 * id.length) + body.length);
    const idLen = id === undefined ? 0xffff_ffff : writeText(id, start);
    memory.bytes().set(body, start + (id === undefined ? 0 : idLen));
    let status = b.exports.hook_sign(this.#hook, idLen, ts, body.length) >>> 0;
    if (HOOKSIG_HOST) status = rounds(b, this.#hook, status);
    // Signing errors (no key valid then, a timestamp out of range) are the sender's configuration
    // or arguments, never a failed verification.
    if (status !== 0) fail(status, output(), false);
    return output().split('\0');
  }

  /** Shows the scheme and key hints (`...abcd`), never a secret. */
  toString(): string {
    return `Webhook(${this.#scheme}, keys: [${this.#hints().join(', ')}])`;
  }

  toJSON(): { scheme: string; keys: string[] } {
    return { scheme: this.#scheme, keys: this.#hints() };
  }

  /** The keys' hints (`...abcd`), safe to display. */
  #hints(): string[] {
    this.#b.exports.hook_hints(this.#hook);
    const hints = output();
    return hints === '' ? [] : hints.split('\0');
  }

  [inspect](): string {
    return this.toString();
  }
}

/** A new random secret in the scheme's format (`whsec_…` for Standard Webhooks, hex text otherwise). */
export function generateSecret(options?: { scheme?: string | undefined; bytes?: number | undefined }): string {
  const b = wasm();
  const scheme = optionsOf(options)?.scheme ?? 'standard';
  if (typeof scheme !== 'string') throw new TypeError(`options.scheme must be a string, not ${typeName(scheme)}`);
  const n = options?.bytes ?? 32;
  if (typeof n !== 'number') throw new TypeError(`options.bytes must be a number, not ${typeName(n)}`);
  // The core decides the bounds (SECRET_TOO_SHORT / SECRET_TOO_LONG, per format) for any count
  // wasm32 can hold; a negative, fractional or larger one is an argument out of range.
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) {
    throw new RangeError('options.bytes must be an integer from 0 to 2^32 - 1');
  }
  const drawn = Math.min(n, TOO_MANY_RANDOM_BYTES);
  // Drawn straight into wasm memory (no copy of the secret in JS), then the scheme's name; wasm
  // zeroizes the bytes once encoded.
  const start = reserve(drawn + 3 * scheme.length);
  b.random(memory.bytes().subarray(start, start + drawn));
  const status = b.exports.generate_secret(n, writeText(scheme, start + drawn)) >>> 0;
  if (status !== 0) fail(status, output(), false);
  return output();
}
