//! The module's one piece of global state: the facade's input buffer, the text output of the last
//! call, the [`Report`] the facade reads after each call, and the hooks behind the handles.
//!
//! Global because the boundary passes only numbers: wasm-bindgen's classes and strings need glue
//! that imports from JS, and any import costs a Node cold start ~0.6 ms (npm/README.md). Without
//! imports, wasm can never call out while one of its exports runs, so no export is ever re-entered
//! and the `RefCell` here is never found borrowed.

use alloc::boxed::Box;
use alloc::vec::Vec;
use core::cell::RefCell;
use zeroize::Zeroize;

use hooksig::engine::Fail;

use crate::Hook;

/// What the facade reads after a call, at the fixed address [`crate::report`] returns. `repr(C)`:
/// the facade reads fields at fixed offsets (npm/src/api.ts, `REPORT_*`).
#[repr(C)]
pub struct Report {
    /// The last verified timestamp in unix seconds, NaN when the scheme has none (offset 0).
    pub timestamp: f64,
    /// Where and how long the last call's text output is (offsets 8, 12).
    pub out_ptr: u32,
    pub out_len: u32,
    /// The status of a call that returns a handle or a length (offset 16).
    pub status: u32,
    /// The host HMAC the last call asks for (offsets 20–36, feature `host`, src/host.rs).
    pub host: [u32; 5],
    /// Where the facade writes that HMAC's result (offset 40).
    pub host_result: [u8; 32],
}

pub struct State {
    pub report: Report,
    /// Header values and body for a verify, id and body for a sign, secrets for a constructor
    /// ([`crate::input_buffer`]).
    pub input: Vec<u8>,
    pub out: Out,
    pub hooks: Vec<Option<Box<Hook>>>,
    /// From how many bytes of signed content on the host computes HMACs (`usize::MAX`: never).
    #[cfg(feature = "host")]
    pub host_threshold: usize,
}

impl State {
    const fn new() -> State {
        State {
            report: Report { timestamp: f64::NAN, out_ptr: 0, out_len: 0, status: 0, host: [0; 5], host_result: [0; 32] },
            input: Vec::new(),
            out: Out(Vec::new(), false),
            hooks: Vec::new(),
            #[cfg(feature = "host")]
            host_threshold: usize::MAX,
        }
    }
}

/// The text output of the last call, which the report points at, and whether it is a secret.
pub struct Out(Vec<u8>, bool);

impl Out {
    /// Replaces the output with what `write` appends (a generated secret is zeroized first), and
    /// points the report at it.
    fn replace(&mut self, report: &mut Report, write: impl FnOnce(&mut Vec<u8>)) {
        if self.1 {
            self.0.zeroize();
            self.1 = false;
        }
        self.0.clear();
        write(&mut self.0);
        report.out_ptr = self.0.as_ptr() as usize as u32;
        report.out_len = self.0.len() as u32;
    }

    /// Replaces the output with `parts`, back to back.
    pub fn set(&mut self, report: &mut Report, parts: &[&[u8]]) {
        self.replace(report, |out| parts.iter().for_each(|part| out.extend_from_slice(part)));
    }

    /// Replaces the output with `count` items, `item(i)` each, joined by NUL. (One instance for
    /// every caller: a generic iterator here was one per caller.)
    pub fn set_joined<'a>(&mut self, report: &mut Report, count: usize, item: &dyn Fn(usize) -> &'a [u8]) {
        self.replace(report, |out| {
            for i in 0..count {
                if i > 0 {
                    out.push(0);
                }
                out.extend_from_slice(item(i));
            }
        });
    }

    /// [`Out::set`] with a generated secret, zeroized when the output is next replaced.
    pub fn set_secret(&mut self, report: &mut Report, secret: &[u8]) {
        self.set(report, &[secret]);
        self.1 = true;
    }

    /// Puts `fail`'s message in the output and returns its status. `header`: the name of the
    /// header it names, if any; `timing`: the replay window's numbers, for the codes that name them.
    pub fn fail(&mut self, report: &mut Report, fail: &Fail, header: &str, timing: (i64, i64, u64)) -> u32 {
        self.replace(report, |out| fail.write_message(header, timing, out));
        crate::status(fail)
    }
}

struct Global(RefCell<State>);

// SAFETY: wasm32 without atomics runs one thread, so the state is never shared across threads.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[allow(unsafe_code)]
unsafe impl Sync for Global {}

#[cfg(target_arch = "wasm32")]
static STATE: Global = Global(RefCell::new(State::new()));

/// Runs `f` on the state; `None` only if it is borrowed, which needs an export re-entered (see
/// the module docs: not possible).
#[cfg(target_arch = "wasm32")]
pub fn with<T>(f: impl FnOnce(&mut State) -> T) -> Option<T> {
    STATE.0.try_borrow_mut().ok().map(|mut state| f(&mut state))
}

// The host build (tests, clippy) keeps one state per thread.
#[cfg(not(target_arch = "wasm32"))]
std::thread_local! {
    static STATE: Global = const { Global(RefCell::new(State::new())) };
}

#[cfg(not(target_arch = "wasm32"))]
pub fn with<T>(f: impl FnOnce(&mut State) -> T) -> Option<T> {
    STATE.with(|global| global.0.try_borrow_mut().ok().map(|mut state| f(&mut state)))
}
