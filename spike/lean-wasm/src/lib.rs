#![no_std]
#![allow(dangerous_implicit_autorefs, static_mut_refs)]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! { core::arch::wasm32::unreachable() }

static mut BUF: [u8; 1 << 20] = [0; 1 << 20];
static mut KEYS: [[u8; 128]; 4] = [[0; 128]; 4];
static mut KEYLEN: [usize; 4] = [0; 4];
static mut NOT_AFTER: [f64; 4] = [0.0; 4];
static mut NKEYS: usize = 0;
static mut SCHEME: usize = 0;

#[no_mangle]
pub extern "C" fn input_buffer() -> *mut u8 { unsafe { core::ptr::addr_of_mut!(BUF) as *mut u8 } }

// ---- encodings
fn b64v(c: u8) -> i32 {
    match c { b'A'..=b'Z' => (c - b'A') as i32, b'a'..=b'z' => (c - b'a' + 26) as i32, b'0'..=b'9' => (c - b'0' + 52) as i32,
      b'+' | b'-' => 62, b'/' | b'_' => 63, _ => -1 }
}
fn b64dec(s: &[u8], out: &mut [u8]) -> Option<usize> {
    let mut s = s; while let [rest @ .., b'='] = s { s = rest; }
    let (mut acc, mut bits, mut n) = (0u32, 0, 0);
    for &c in s { let v = b64v(c); if v < 0 { return None; } acc = acc << 6 | v as u32; bits += 6;
        if bits >= 8 { bits -= 8; *out.get_mut(n)? = (acc >> bits) as u8; n += 1; } }
    if bits >= 6 { return None; }
    Some(n)
}
fn hexv(c: u8) -> i32 { match c { b'0'..=b'9' => (c - b'0') as i32, b'a'..=b'f' => (c - b'a' + 10) as i32, b'A'..=b'F' => (c - b'A' + 10) as i32, _ => -1 } }
fn hexdec(s: &[u8], out: &mut [u8]) -> Option<usize> {
    if s.len() % 2 != 0 { return None; }
    for (i, p) in s.chunks_exact(2).enumerate() { let [a, b] = p else { return None }; let (a, b) = (hexv(*a), hexv(*b)); if a < 0 || b < 0 { return None; } *out.get_mut(i)? = (a << 4 | b) as u8; }
    Some(s.len() / 2)
}

// ---- hashing
struct H { st: [u32; 8], s1: [u32; 5], sha1: bool, buf: [u8; 64], n: usize, total: u64 }
impl H {
    fn new(sha1: bool) -> H { H { st: sha::IV, s1: [0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0], sha1, buf: [0; 64], n: 0, total: 0 } }
    fn block(&mut self) { if self.sha1 { sha::sha1_compress(&mut self.s1, &self.buf) } else { sha::compress(&mut self.st, &self.buf) } }
    fn update(&mut self, d: &[u8]) { for &b in d { if let Some(x) = self.buf.get_mut(self.n) { *x = b; } self.n += 1; self.total += 1; if self.n >= 64 { self.block(); self.n = 0; } } }
    fn finish(mut self, out: &mut [u8; 32]) -> usize {
        let bits = self.total * 8; self.update(&[0x80]); while self.n != 56 { self.update(&[0]); }
        self.update(&bits.to_be_bytes());
        let words: &[u32] = if self.sha1 { &self.s1 } else { &self.st };
        for (o, w) in out.chunks_exact_mut(4).zip(words) { o.copy_from_slice(&w.to_be_bytes()); }
        words.len() * 4
    }
}
fn hmac(sha1: bool, key: &[u8], parts: &[&[u8]], out: &mut [u8; 32]) -> usize {
    let mut k = [0u8; 64];
    if key.len() > 64 { let mut h = H::new(sha1); h.update(key); let mut t = [0; 32]; h.finish(&mut t); for (a, b) in k.iter_mut().zip(t) { *a = b } } else { for (a, b) in k.iter_mut().zip(key) { *a = *b } }
    let mut h = H::new(sha1); let mut pad = [0u8; 64];
    for (p, x) in pad.iter_mut().zip(k) { *p = x ^ 0x36; } h.update(&pad); for p in parts { h.update(p); }
    let mut inner = [0; 32]; let n = h.finish(&mut inner);
    let mut h = H::new(sha1); for (p, x) in pad.iter_mut().zip(k) { *p = x ^ 0x5c; } h.update(&pad); h.update(inner.get(..n).unwrap_or_default()); h.finish(out)
}
fn ct_eq(a: &[u8], b: &[u8]) -> bool { if a.len() != b.len() { return false; } let mut d = 0; for (x, y) in a.iter().zip(b) { d |= x ^ y; } core::hint::black_box(d) == 0 }

// ---- schemes: (id idx, ts idx, sig idx) into header names per variant; layout; prefix; encoding; template
#[derive(Clone, Copy)] enum Lay { Single, List, Kv }
#[derive(Clone, Copy)] enum P { L(&'static [u8]), Id, Ts, Body }
struct V { id: i8, ts: i8, sig: i8, sha1: bool }
struct S { v: &'static [V], lay: Lay, prefix: &'static [u8], b64: bool, t: &'static [P] }
static STD_T: &[P] = &[P::Id, P::L(b"."), P::Ts, P::L(b"."), P::Body];
static SCHEMES: [S; 6] = [
    S { v: &[V { id: 0, ts: 1, sig: 2, sha1: false }, V { id: 3, ts: 4, sig: 5, sha1: false }], lay: Lay::List, prefix: b"v1,", b64: true, t: STD_T },
    S { v: &[V { id: -1, ts: -2, sig: 0, sha1: false }], lay: Lay::Kv, prefix: b"v1", b64: false, t: &[P::Ts, P::L(b"."), P::Body] },
    S { v: &[V { id: -1, ts: -1, sig: 0, sha1: false }], lay: Lay::Single, prefix: b"sha256=", b64: false, t: &[P::Body] },
    S { v: &[V { id: -1, ts: -1, sig: 0, sha1: false }, V { id: -1, ts: -1, sig: 1, sha1: true }], lay: Lay::Single, prefix: b"sha256=", b64: false, t: &[P::Body] },
    S { v: &[V { id: -1, ts: 0, sig: 1, sha1: false }], lay: Lay::Single, prefix: b"v0=", b64: false, t: &[P::L(b"v0:"), P::Ts, P::L(b":"), P::Body] },
    S { v: &[V { id: -1, ts: -1, sig: 0, sha1: false }, V { id: -1, ts: -1, sig: 1, sha1: false }], lay: Lay::Single, prefix: b"", b64: true, t: &[P::Body] },
];

fn trim(v: &[u8]) -> &[u8] { let mut v = v; while let [b' ' | b'\t', r @ ..] = v { v = r; } while let [r @ .., b' ' | b'\t'] = v { v = r; } v }
fn header(h: &[u8], idx: i8) -> Result<Option<&[u8]>, u32> {
    let mut found: Option<&[u8]> = None;
    for e in h.split(|&b| b == 0) { if let [i, v @ ..] = e { if (*i as i8).wrapping_sub(b'0' as i8) == idx {
        let v = trim(v); if v.len() > 8192 { return Err(3); } if v.is_empty() { continue; }
        if let Some(f) = found { if f != v { return Err(2); } } found = Some(v); } } }
    Ok(found)
}
fn parse_ts(t: &[u8]) -> Result<i64, u32> {
    if t.is_empty() || (t[0] == b'0' && t.len() > 1) { return Err(6); }
    let mut n = 0i64; for &c in t { if !c.is_ascii_digit() { return Err(6); } n = n * 10 + (c - b'0') as i64; if n > 253402300799 { return Err(6) } } Ok(n)
}

#[no_mangle]
pub extern "C" fn new(scheme: u32, len: u32, format: u32, not_after: f64) -> u32 {
    unsafe {
        let s = &*core::ptr::addr_of!(BUF); let Some(t) = s.get(..len as usize) else { return 16 };
        if NKEYS >= 4 { return 14 }
        let k = &mut (*core::ptr::addr_of_mut!(KEYS))[NKEYS];
        let tt = trim(t); if tt.is_empty() { return 10 }
        let n = match format {
            0 => { if t.len() > 4096 { return 13 } let b = tt.strip_prefix(b"whsec_").unwrap_or(tt);
                if b.get(..6).is_some_and(|p| p.eq_ignore_ascii_case(b"whsec_")) { return 11 }
                let has = |x: u8, y: u8| b.iter().any(|&c| c == x || c == y); if has(b'+', b'/') && has(b'-', b'_') { return 11 }
                if b.starts_with(b"whsk_") || b.starts_with(b"whpk_") { return 11 }
                match b64dec(b, k) { Some(n) => n, None => return 11 } }
            1 => match hexdec(tt, k) { Some(n) => n, None => return 11 },
            _ => { if tt.len() != t.len() { return 11 } if t.len() > 128 { return 13 } k[..t.len()].copy_from_slice(t); t.len() }
        };
        if n == 0 { return 10 }
        KEYLEN[NKEYS] = n; NOT_AFTER[NKEYS] = not_after; NKEYS += 1; SCHEME = scheme as usize % 6; 0
    }
}

#[no_mangle]
pub extern "C" fn verify(hlen: u32, blen: u32, now: f64) -> u32 {
    unsafe { match run(hlen as usize, blen as usize, now as i64) { Ok(k) => k << 8, Err(e) => e } }
}

unsafe fn run(hlen: usize, blen: usize, now: i64) -> Result<u32, u32> {
    let buf = &*core::ptr::addr_of!(BUF);
    let h = buf.get(..hlen).ok_or(16u32)?; let body = buf.get(hlen..hlen + blen).ok_or(16u32)?;
    let s = &SCHEMES[SCHEME];
    let mut vi = 0;
    for (i, v) in s.v.iter().enumerate() { if header(h, v.sig)?.is_some() || (v.id >= 0 && header(h, v.id)?.is_some()) { vi = i; break; } }
    let v = &s.v[vi];
    let id = if v.id >= 0 { Some(header(h, v.id)?.ok_or(1u32)?) } else { None };
    let mut ts = if v.ts >= 0 { Some(header(h, v.ts)?.ok_or(1u32)?) } else { None };
    let mut cands = [[0u8; 32]; 32]; let mut nc = 0; let mut entries = 0;
    let tag_len = if v.sha1 { 20 } else { 32 };
    let mut add = |t: Option<&[u8]>| -> Result<(), u32> {
        entries += 1; if entries > 32 { return Err(4); }
        if let Some(t) = t { let mut o = [0u8; 64]; let n = if s.b64 { b64dec(t, &mut o) } else { hexdec(t, &mut o) };
            if n == Some(tag_len) { cands[nc][..tag_len].copy_from_slice(&o[..tag_len]); nc += 1; } }
        Ok(())
    };
    let mut any = false; let mut total = 0usize;
    for e in h.split(|&b| b == 0) { if let [i, val @ ..] = e { if (*i as i8).wrapping_sub(b'0' as i8) == v.sig { total += val.len(); if total > 8192 { return Err(3) } } } }
    for e in h.split(|&b| b == 0) { if let [i, val @ ..] = e { if (*i as i8).wrapping_sub(b'0' as i8) != v.sig { continue; } any = true;
        let val = trim(val); if val.len() > 8192 { return Err(3); }
        match s.lay {
            Lay::Single => add(val.strip_prefix(if v.sha1 { &b"sha1="[..] } else { s.prefix }))?,
            Lay::List => for p in val.split(|&b| b == b' ').filter(|p| !p.is_empty()) { add(p.strip_prefix(s.prefix))? },
            Lay::Kv => for p in val.split(|&b| b == b',').map(trim).filter(|p| !p.is_empty()) {
                match p.iter().position(|&c| c == b'=') { None => add(None)?, Some(eq) => {
                    let (k, x) = (&p[..eq], &p[eq + 1..]);
                    if k == b"t" { if let Some(prev) = ts.replace(x) { if prev != x { return Err(2); } add(None)?; } }
                    else { add((k == s.prefix).then_some(x))? } } } },
        } } }
    if !any { return Err(1); }
    let tsv = match ts { Some(t) => { let n = parse_ts(t)?; if n < now - 300 { return Err(7) } if n > now + 300 { return Err(8) } Some(t) } None => None };
    let mut parts: [&[u8]; 8] = [&[]; 8];
    for (i, p) in s.t.iter().enumerate() { parts[i] = match p { P::L(l) => l, P::Id => id.unwrap_or(&[]), P::Ts => tsv.unwrap_or(&[]), P::Body => body }; }
    let mut active = false;
    for k in 0..NKEYS { if !(NOT_AFTER[k].is_nan() || now as f64 <= NOT_AFTER[k]) { continue; } active = true;
        let key = &(*core::ptr::addr_of!(KEYS))[k][..KEYLEN[k]];
        let mut tag = [0u8; 32]; hmac(v.sha1, key, &parts[..s.t.len()], &mut tag);
        let mut m = false; for c in &cands[..nc] { m |= ct_eq(&tag[..tag_len], &c[..tag_len]); }
        if m { if let Some(id) = id { if core::str::from_utf8(id).is_err() { return Err(2) } } return Ok(k as u32) } }
    if !active { return Err(9) }
    Err(5)
}

// ---- sign: header value for the scheme, into OUT
static mut OUT: [u8; 4096] = [0; 4096];
static mut OUTLEN: usize = 0;
fn push(b: &[u8]) { unsafe { let o = &mut *core::ptr::addr_of_mut!(OUT); let n = OUTLEN; if n + b.len() <= o.len() { o[n..n + b.len()].copy_from_slice(b); OUTLEN = n + b.len(); } } }
const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
fn b64enc(d: &[u8]) { for c in d.chunks(3) { let n = (c[0] as u32) << 16 | (*c.get(1).unwrap_or(&0) as u32) << 8 | *c.get(2).unwrap_or(&0) as u32;
    for i in 0..4 { if i <= c.len() { push(&[B64[(n >> (18 - 6 * i) & 63) as usize]]) } else { push(b"=") } } } }
fn hexenc(d: &[u8]) { for &b in d { push(&[b"0123456789abcdef"[(b >> 4) as usize], b"0123456789abcdef"[(b & 15) as usize]]); } }
fn decimal(mut v: u64) { let mut d = [0u8; 20]; let mut i = 20; loop { i -= 1; d[i] = b'0' + (v % 10) as u8; v /= 10; if v == 0 { break } } push(&d[i..]); }

#[no_mangle]
pub extern "C" fn sign(idlen: u32, blen: u32, ts: f64) -> u32 {
    unsafe {
        OUTLEN = 0;
        let buf = &*core::ptr::addr_of!(BUF);
        let (Some(id), Some(body)) = (buf.get(..idlen as usize), buf.get(idlen as usize..(idlen + blen) as usize)) else { return 16 };
        if ts < 0.0 || ts > 253402300799.0 { return 6 }
        let mut tsb = [0u8; 20]; let mut i = 20; let mut v = ts as u64; loop { i -= 1; tsb[i] = b'0' + (v % 10) as u8; v /= 10; if v == 0 { break } }
        let tst = &tsb[i..];
        let s = &SCHEMES[SCHEME];
        let mut parts: [&[u8]; 8] = [&[]; 8];
        for (i, p) in s.t.iter().enumerate() { parts[i] = match p { P::L(l) => l, P::Id => id, P::Ts => tst, P::Body => body }; }
        if matches!(s.lay, Lay::Kv) { push(b"t="); push(tst); }
        let mut any = false;
        for k in 0..NKEYS { if !(NOT_AFTER[k].is_nan() || ts <= NOT_AFTER[k]) { continue; }
            let key = &(*core::ptr::addr_of!(KEYS))[k][..KEYLEN[k]];
            let mut tag = [0u8; 32]; let n = hmac(false, key, &parts[..s.t.len()], &mut tag);
            match s.lay { Lay::Kv => { push(b","); push(s.prefix); push(b"=") } Lay::List => { if any { push(b" ") } push(s.prefix) } Lay::Single => push(s.prefix) }
            if s.b64 { b64enc(&tag[..n]) } else { hexenc(&tag[..n]) }
            any = true; if matches!(s.lay, Lay::Single) { break } }
        if any { 0 } else { 9 }
    }
}

#[no_mangle]
pub extern "C" fn generate(n: u32, hex: u32) -> u32 {
    unsafe { OUTLEN = 0; if n < 24 { return 12 } if n > 512 { return 13 }
        let d = &(*core::ptr::addr_of!(BUF))[..n as usize];
        if hex != 0 { hexenc(d) } else { push(b"whsec_"); b64enc(d) } 0 }
}

#[no_mangle]
pub extern "C" fn hint(k: u32) -> u32 { unsafe { OUTLEN = 0; push(b"..."); let key = &(*core::ptr::addr_of!(KEYS))[k as usize % 4][..KEYLEN[k as usize % 4]]; if key.len() >= 2 { hexenc(&key[key.len()-2..]) } 0 } }

// ---- messages: code + reason + numbers, as the core's Display
#[no_mangle]
pub extern "C" fn describe(code: u32, reason: u32, a: f64, b: f64, c: f64) {
    unsafe { OUTLEN = 0; }
    let r: &[u8] = REASONS.get(reason as usize).copied().unwrap_or(b"");
    match code {
        1 => { push(b"missing header "); push(r) }
        2 => { push(b"malformed header "); push(r) }
        3 => { push(b"header "); push(r); push(b" is larger than "); decimal(a as u64); push(b" bytes") }
        4 => { push(b"signature header has more than "); decimal(a as u64); push(b" entries") }
        5 => push(b"no matching signature"),
        6 => { push(b"invalid timestamp: "); push(r) }
        7 | 8 => { push(b"timestamp "); decimal(a as u64); push(b" is more than "); decimal(c as u64); push(if code == 7 { b" s older than now (" } else { b" s newer than now (" }); decimal(b as u64); push(b")") }
        9 => push(b"no key in the keyring is valid at this time"),
        10 => push(b"secret is empty"),
        11 => { push(b"invalid secret: "); push(r) }
        12 => { push(b"secret of "); decimal(a as u64); push(b" bytes is shorter than the minimum of "); decimal(b as u64) }
        13 => { push(b"secret of "); decimal(a as u64); push(b" bytes is longer than the maximum of "); decimal(b as u64) }
        14 => { push(b"more than "); decimal(a as u64); push(b" keys") }
        15 => { push(b"invalid scheme: "); push(r) }
        _ => { push(b"invalid argument: "); push(r) }
    }
}
static REASONS: &[&[u8]] = &[b"webhook-id", b"webhook-timestamp", b"webhook-signature", b"svix-id", b"svix-timestamp", b"svix-signature",
 b"repeated timestamp", b"no timestamp entry", b"repeated with different values", b"not UTF-8", b"empty", b"leading zero", b"not an unsigned decimal integer", b"after year 9999",
 b"not valid base64 after whsec_", b"not valid base64", b"not valid hex", b"text secret has surrounding whitespace", b"mixes the standard and URL-safe base64 alphabets",
 b"whsec_ prefix repeated or not in lowercase", b"Ed25519 (whsk_/whpk_) keys are not supported by this build; it verifies v1 (HMAC) signatures", b"unknown scheme name",
 b"message id must be 1 to 256 bytes", b"message id has control characters or surrounding spaces", b"this scheme signs a message id", b"input layout", b"unknown handle",
 b"stripe-signature", b"x-hub-signature-256", b"x-hub-signature", b"x-slack-signature", b"x-slack-request-timestamp", b"x-shopify-hmac-sha256", b"shopify-hmac-sha256"];
