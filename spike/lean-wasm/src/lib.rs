#![no_std]
#![allow(dangerous_implicit_autorefs, static_mut_refs)]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! { core::arch::wasm32::unreachable() }

static mut BUF: [u8; 1 << 20] = [0; 1 << 20];
static mut KEYS: [[u8; 128]; 4] = [[0; 128]; 4];
static mut KEYLEN: [usize; 4] = [0; 4];
static mut NOT_AFTER: [f64; 4] = [0.0; 4];
static mut NKEYS: usize = 0;

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

// ---- schemes, laid out at run time into one table (presets and custom alike)
#[derive(Clone, Copy, PartialEq)] enum Lay { Single, List, Kv }
#[derive(Clone, Copy, PartialEq)] enum P { L(u16, u16), Id, Ts, Body }
#[derive(Clone, Copy)] struct V { id: i8, ts: i8, sig: i8, sha1: bool, sign: bool, prefix: (u16, u16) }
struct RS { text: [u8; 1024], n: usize, hdr: [(u16, u16); 6], nh: usize, v: [V; 2], nv: usize, lay: Lay, sep: u8,
    sigkey: (u16, u16), tskey: (u16, u16), b64: bool, ms: bool, t: [P; 16], nt: usize, name: (u16, u16) }
static mut CUR: RS = RS { text: [0; 1024], n: 0, hdr: [(0, 0); 6], nh: 0, v: [V { id: 0, ts: 0, sig: 0, sha1: false, sign: false, prefix: (0, 0) }; 2], nv: 0,
    lay: Lay::Single, sep: 0, sigkey: (0, 0), tskey: (0, 0), b64: false, ms: false, t: [P::Body; 16], nt: 0, name: (0, 0) };
impl RS {
    fn put(&mut self, b: &[u8]) -> Result<(u16, u16), u32> { let s = self.n; let d = self.text.get_mut(s..s + b.len()).ok_or(15u32)?; d.copy_from_slice(b); self.n += b.len(); Ok((s as u16, self.n as u16)) }
    fn get(&self, sp: (u16, u16)) -> &[u8] { self.text.get(sp.0 as usize..sp.1 as usize).unwrap_or(&[]) }
    fn header(&mut self, name: &[u8]) -> Result<i8, u32> { if name.is_empty() { return Ok(-1) } let sp = self.put(name)?; let i = self.nh; *self.hdr.get_mut(i).ok_or(15u32)? = sp; self.nh += 1; Ok(i as i8) }
    fn variant(&mut self, id: &[u8], ts: &[u8], sig: &[u8], prefix: &[u8], sha1: bool, sign: bool) -> Result<(), u32> {
        let v = V { id: self.header(id)?, ts: self.header(ts)?, sig: self.header(sig)?, sha1, sign, prefix: self.put(prefix)? };
        *self.v.get_mut(self.nv).ok_or(15u32)? = v; self.nv += 1; Ok(()) }
    fn template(&mut self, t: &[u8]) -> Result<(), u32> {
        if t.len() > 256 { return Err(15) }
        let (mut bodies, mut prev, mut at) = (0, None, 0);
        while at < t.len() {
            let part = match t.get(at) {
                Some(b'{') => { let mut c = at; while c < t.len() && t.get(c) != Some(&b'}') { c += 1 } if c == t.len() { return Err(15) }
                    let p = match t.get(at..=c) { Some(b"{id}") => P::Id, Some(b"{timestamp}") => P::Ts, Some(b"{body}") => P::Body, _ => return Err(15) }; at = c + 1; p }
                Some(b'}') => return Err(15),
                _ => { let mut e = at; while e < t.len() && !matches!(t.get(e), Some(b'{' | b'}')) { e += 1 } let sp = self.put(t.get(at..e).unwrap_or(&[]))?; at = e; P::L(sp.0, sp.1) }
            };
            if part == P::Body { bodies += 1 }
            if matches!((prev, part), (Some(P::Id), P::Body) | (Some(P::Body), P::Id)) { return Err(15) }
            prev = Some(part);
            *self.t.get_mut(self.nt).ok_or(15u32)? = part; self.nt += 1;
        }
        if bodies != 1 { return Err(15) } Ok(())
    }
    fn has(&self, p: P) -> bool { self.t.iter().take(self.nt).any(|x| *x == p) }
}
fn reset() -> &'static mut RS { unsafe { let r = &mut *core::ptr::addr_of_mut!(CUR); r.n = 0; r.nh = 0; r.nv = 0; r.nt = 0; r.tskey = (0, 0); r.sigkey = (0, 0); r } }
fn preset(k: u32) -> Result<(), u32> {
    let r = reset();
    let (lay, b64, t): (Lay, bool, &[u8]) = match k {
        0 | 1 => { let (a, b): (&[u8], &[u8]) = if k == 0 { (b"webhook-", b"svix-") } else { (b"svix-", b"webhook-") };
            for (i, pre) in [a, b].iter().enumerate() { let mut n = [[0u8; 20]; 3]; let mut l = [0; 3];
                for (j, suf) in [&b"id"[..], b"timestamp", b"signature"].iter().enumerate() { n[j][..pre.len()].copy_from_slice(pre); n[j][pre.len()..pre.len() + suf.len()].copy_from_slice(suf); l[j] = pre.len() + suf.len(); }
                r.variant(&n[0][..l[0]], &n[1][..l[1]], &n[2][..l[2]], b"v1,", false, i == 0)?; }
            r.sep = b' '; (Lay::List, true, b"{id}.{timestamp}.{body}") }
        2 => { r.variant(b"", b"", b"Stripe-Signature", b"", false, true)?; r.sep = b','; r.sigkey = r.put(b"v1")?; r.tskey = r.put(b"t")?; (Lay::Kv, false, b"{timestamp}.{body}") }
        3 | 4 => { r.variant(b"", b"", b"X-Hub-Signature-256", b"sha256=", false, true)?; if k == 4 { r.variant(b"", b"", b"X-Hub-Signature", b"sha1=", true, true)?; } (Lay::Single, false, b"{body}") }
        5 => { r.variant(b"", b"X-Slack-Request-Timestamp", b"X-Slack-Signature", b"v0=", false, true)?; (Lay::Single, false, b"v0:{timestamp}:{body}") }
        _ => { r.variant(b"", b"", b"X-Shopify-Hmac-Sha256", b"", false, true)?; r.variant(b"", b"", b"Shopify-Hmac-Sha256", b"", false, false)?; (Lay::Single, true, b"{body}") }
    };
    r.lay = lay; r.b64 = b64; r.ms = false; r.template(t)
}
fn is_token(s: &[u8]) -> bool { !s.is_empty() && s.len() <= 64 && s.iter().all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'!' | b'#' | b'$' | b'%' | b'&' | b'\'' | b'*' | b'+' | b'-' | b'.' | b'^' | b'_' | b'`' | b'|' | b'~')) }
fn delim(c: u8) -> Result<u8, u32> { if (c == b' ' || c.is_ascii_graphic()) && c != b'=' && !c.is_ascii_alphanumeric() && !matches!(c, b'+' | b'/' | b'-' | b'_') { Ok(c) } else { Err(15) } }
fn control(s: &[u8]) -> bool { s.iter().enumerate().any(|(i, &c)| c < 0x20 || c == 0x7f || (c == 0xc2 && s.get(i + 1).is_some_and(|d| (0x80..0xa0).contains(d)))) }
fn blank(s: &[u8]) -> bool { matches!(s.first(), Some(b' ' | b'\t')) }
/// A custom scheme from BUF: 9 fields joined by NUL (name, signature header, a, b, c, template, id header, timestamp header), and numbers.
#[no_mangle]
pub extern "C" fn custom(len: u32, lay: u32, sep: u32, b64: u32, ms: u32) -> u32 { match custom_in(len as usize, lay, sep, b64 != 0, ms != 0) { Ok(()) => 0, Err(e) => e } }
fn custom_in(len: usize, lay: u32, sep: u32, b64: bool, ms: bool) -> Result<(), u32> {
    let buf = unsafe { &*core::ptr::addr_of!(BUF) }; let packed = buf.get(..len).ok_or(16u32)?;
    let mut f: [&[u8]; 8] = [&[]; 8]; let mut n = 0;
    for x in packed.split(|&b| b == 0) { *f.get_mut(n).ok_or(15u32)? = x; n += 1; }
    if n != 8 { return Err(15) }
    let [name, sig, a, b, c, t, id, ts] = f;
    if name.is_empty() || name.len() > 64 { return Err(15) }
    let names = [sig, id, ts];
    for (i, x) in names.iter().enumerate() { if i > 0 && x.is_empty() { continue } if !is_token(x) { return Err(15) }
        if names.iter().skip(i + 1).any(|y| !y.is_empty() && x.eq_ignore_ascii_case(y)) { return Err(15) } }
    let sep = u8::try_from(sep).map_err(|_| 15u32)?;
    let r = reset();
    let (lay, prefix) = match lay {
        0 => { if control(a) || blank(a) { return Err(15) } (Lay::Single, a) }
        1 => { let s = delim(sep)?; if control(a) || a.is_empty() || a.contains(&s) || blank(a) { return Err(15) } r.sep = s; (Lay::List, a) }
        _ => { let s = delim(sep)?; let key = |k: &[u8]| is_token(k) && !k.contains(&s); if !key(b) || !(c.is_empty() || key(c)) || b == c { return Err(15) }
            r.sep = s; r.sigkey = r.put(b)?; if !c.is_empty() { r.tskey = r.put(c)?; } (Lay::Kv, &b""[..]) }
    };
    r.variant(id, ts, sig, prefix, false, true)?;
    r.lay = lay; r.b64 = b64; r.ms = ms; r.template(t)?;
    r.name = r.put(name)?;
    if !ts.is_empty() && r.tskey.1 > r.tskey.0 { return Err(15) }
    if r.has(P::Ts) == (ts.is_empty() && r.tskey.1 == r.tskey.0) { return Err(15) }
    if r.has(P::Id) == id.is_empty() { return Err(15) }
    Ok(())
}
/// Header names, lowercase, NUL-joined, into OUT.
#[no_mangle]
pub extern "C" fn names() { unsafe { OUTLEN = 0; let r = &*core::ptr::addr_of!(CUR); for i in 0..r.nh { if i > 0 { push(&[0]) } for &c in r.get(*r.hdr.get(i).unwrap_or(&(0, 0))) { push(&[c.to_ascii_lowercase()]) } } } }

fn trim(v: &[u8]) -> &[u8] { let mut v = v; while let [b' ' | b'\t', r @ ..] = v { v = r; } while let [r @ .., b' ' | b'\t'] = v { v = r; } v }
fn header(h: &[u8], idx: i8) -> Result<Option<&[u8]>, u32> {
    let mut found: Option<&[u8]> = None;
    for e in h.split(|&b| b == 0) { if let [i, v @ ..] = e { if (*i as i8).wrapping_sub(b'0' as i8) == idx {
        let v = trim(v); if v.len() > 8192 { return Err(3); } if v.is_empty() { continue; }
        if let Some(f) = found { if f != v { return Err(2); } } found = Some(v); } } }
    Ok(found)
}
fn parse_ts(t: &[u8], ms: bool) -> Result<i64, u32> {
    let max: i64 = if ms { 253402300799999 } else { 253402300799 };
    if t.is_empty() || (t[0] == b'0' && t.len() > 1) { return Err(6); }
    let mut n = 0i64; for &c in t { if !c.is_ascii_digit() { return Err(6); } n = n * 10 + (c - b'0') as i64; if n > max { return Err(6) } } Ok(if ms { n / 1000 } else { n })
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
        KEYLEN[NKEYS] = n; NOT_AFTER[NKEYS] = not_after; NKEYS += 1; if scheme < 7 { if let Err(e) = preset(scheme) { return e } } 0
    }
}

#[no_mangle]
pub extern "C" fn verify(hlen: u32, blen: u32, now: f64) -> u32 {
    unsafe { match run(hlen as usize, blen as usize, now as i64) { Ok(k) => k << 8, Err(e) => e } }
}

unsafe fn run(hlen: usize, blen: usize, now: i64) -> Result<u32, u32> {
    let buf = &*core::ptr::addr_of!(BUF);
    let h = buf.get(..hlen).ok_or(16u32)?; let body = buf.get(hlen..hlen + blen).ok_or(16u32)?;
    let s = &*core::ptr::addr_of!(CUR);
    let mut vi = 0;
    for (i, v) in s.v.iter().take(s.nv).enumerate() { if header(h, v.sig)?.is_some() || (v.id >= 0 && header(h, v.id)?.is_some()) || (v.ts >= 0 && header(h, v.ts)?.is_some()) { vi = i; break; } }
    let v = s.v.get(vi).ok_or(5u32)?;
    let id = if v.id >= 0 { Some(header(h, v.id)?.ok_or(1u32)?) } else { None };
    let mut ts = if v.ts >= 0 { Some(header(h, v.ts)?.ok_or(1u32)?) } else { None };
    let mut cands = [[0u8; 32]; 32]; let mut nc = 0; let mut entries = 0;
    let tag_len = if v.sha1 { 20 } else { 32 };
    let prefix = s.get(v.prefix); let sigkey = s.get(s.sigkey); let tskey = s.get(s.tskey);
    let mut add = |t: Option<&[u8]>| -> Result<(), u32> {
        entries += 1; if entries > 32 { return Err(4); }
        if let Some(t) = t { let mut o = [0u8; 64]; let n = if s.b64 { b64dec(t, &mut o) } else { hexdec(t, &mut o) };
            if n == Some(tag_len) { if let Some(c) = cands.get_mut(nc) { c[..tag_len].copy_from_slice(&o[..tag_len]); nc += 1; } } }
        Ok(())
    };
    let mut any = false; let mut total = 0usize;
    for e in h.split(|&b| b == 0) { if let [i, val @ ..] = e { if (*i as i8).wrapping_sub(b'0' as i8) == v.sig { total += val.len(); if total > 8192 { return Err(3) } } } }
    for e in h.split(|&b| b == 0) { if let [i, val @ ..] = e { if (*i as i8).wrapping_sub(b'0' as i8) != v.sig { continue; }
        let val = trim(val); if val.is_empty() { continue } any = true;
        match s.lay {
            Lay::Single => add(val.strip_prefix(prefix))?,
            Lay::List => for p in val.split(|&b| b == s.sep).filter(|p| !p.is_empty()) { add(p.strip_prefix(prefix))? },
            Lay::Kv => for p in val.split(|&b| b == s.sep).map(trim).filter(|p| !p.is_empty()) {
                match p.iter().position(|&c| c == b'=') { None => add(None)?, Some(eq) => {
                    let (k, x) = (&p[..eq], &p[eq + 1..]);
                    if !tskey.is_empty() && k == tskey { if let Some(prev) = ts.replace(x) { if prev != x { return Err(2); } add(None)?; } }
                    else { add((k == sigkey).then_some(x))? } } } },
        } } }
    if !any { return Err(1); }
    if !tskey.is_empty() && ts.is_none() { return Err(2) }
    let tsv = match ts { Some(t) => { let n = parse_ts(t, s.ms)?; if n < now - 300 { return Err(7) } if n > now + 300 { return Err(8) } Some(t) } None => None };
    let mut parts: [&[u8]; 16] = [&[]; 16];
    for (i, p) in s.t.iter().take(s.nt).enumerate() { if let Some(slot) = parts.get_mut(i) { *slot = match p { P::L(a, b) => s.get((*a, *b)), P::Id => id.unwrap_or(&[]), P::Ts => tsv.unwrap_or(&[]), P::Body => body }; } }
    let mut active = false;
    for k in 0..NKEYS { if !(NOT_AFTER[k].is_nan() || now as f64 <= NOT_AFTER[k]) { continue; } active = true;
        let key = &(*core::ptr::addr_of!(KEYS))[k][..KEYLEN[k]];
        let mut tag = [0u8; 32]; hmac(v.sha1, key, parts.get(..s.nt).unwrap_or(&[]), &mut tag);
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
        let s = &*core::ptr::addr_of!(CUR);
        let mut parts: [&[u8]; 16] = [&[]; 16];
        for (i, p) in s.t.iter().take(s.nt).enumerate() { if let Some(slot) = parts.get_mut(i) { *slot = match p { P::L(a, b) => s.get((*a, *b)), P::Id => id, P::Ts => tst, P::Body => body }; } }
        let mut any = false;
        for v in s.v.iter().take(s.nv).filter(|v| v.sign) {
        if v.id >= 0 { push(s.get(*s.hdr.get(v.id as usize).unwrap_or(&(0, 0)))); push(&[0]); push(id); push(&[0]); }
        if v.ts >= 0 { push(s.get(*s.hdr.get(v.ts as usize).unwrap_or(&(0, 0)))); push(&[0]); push(tst); push(&[0]); }
        push(s.get(*s.hdr.get(v.sig as usize).unwrap_or(&(0, 0)))); push(&[0]);
        if s.tskey.1 > s.tskey.0 { push(s.get(s.tskey)); push(b"="); push(tst); }
        let mut first = true;
        for k in 0..NKEYS { if !(NOT_AFTER[k].is_nan() || ts <= NOT_AFTER[k]) { continue; }
            let key = &(*core::ptr::addr_of!(KEYS))[k][..KEYLEN[k]];
            let mut tag = [0u8; 32]; let n = hmac(v.sha1, key, parts.get(..s.nt).unwrap_or(&[]), &mut tag);
            match s.lay { Lay::Kv => { if !first || s.tskey.1 > s.tskey.0 { push(&[s.sep]) } push(s.get(s.sigkey)); push(b"=") } Lay::List => { if !first { push(&[s.sep]) } push(s.get(v.prefix)) } Lay::Single => push(s.get(v.prefix)) }
            if s.b64 { b64enc(&tag[..n]) } else { hexenc(&tag[..n]) }
            any = true; first = false; if matches!(s.lay, Lay::Single) { break } }
        push(&[0]);
        }
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
