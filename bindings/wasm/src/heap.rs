//! The wasm build's global allocator: size classes (four per power of two), each with a free
//! list, carved from memory the module grows on demand.
//!
//! Why not `dlmalloc` (what std uses on wasm32): V8 compiles wasm lazily, function by function,
//! and the first `new Webhook` reached ~7 KB of its code, so every Node cold start paid ~0.25 ms
//! to compile it; it was also 2.3 KB of the browser's gzip download. This one is a few hundred
//! bytes, and `alloc`/`free` are O(1).
//!
//! The price is memory, bounded: a block is never split or merged, so a class holds at most its
//! peak number of live blocks, each at most 25% (and 16 bytes) larger than asked for, after a
//! 16-byte header that records its class: a 600 MB body takes a 640 MiB block, not 1 GiB, so
//! whatever memory would have held it under `dlmalloc` still holds it, give or take a quarter.
//! When memory cannot grow any more (wasm32 stops at 4 GiB), the smallest free block of a larger
//! class serves, and returns to its own class when freed: bodies of ever new sizes reuse the
//! blocks earlier ones left instead of failing with most of memory free. What a webhook receiver
//! allocates (keys, header copies, a body per call) is small and recurring, and memory can never
//! be handed back to the host by any wasm allocator anyway (it only grows).
//!
//! Single-threaded by construction: wasm32 without the `atomics` feature has one thread.

use core::alloc::{GlobalAlloc, Layout};
use core::cell::UnsafeCell;
use core::ptr::null_mut;

/// Every block is at least this big and this aligned (an `i128`'s alignment on wasm32).
const MIN_BLOCK: usize = 16;
/// Before each block: its class (in the first word), so that a block lent to a smaller class
/// goes back to its own when freed.
const HEADER: usize = MIN_BLOCK;
const PAGE: usize = 64 * 1024;
const CLASSES: usize = 4 * usize::BITS as usize;

/// Where fresh memory comes from: `memory.grow` in wasm, a test arena on the host.
pub trait Grow {
    /// Adds `pages` pages of 64 KiB and returns the address where they start, `None` if the host
    /// refuses.
    fn grow(&self, pages: usize) -> Option<usize>;
}

struct State {
    /// Head of each class's free list (0 = empty); a free block's first word links to the next.
    free: [usize; CLASSES],
    /// The bump region not yet carved into blocks.
    next: usize,
    end: usize,
}

pub struct Heap<G> {
    state: UnsafeCell<State>,
    memory: G,
}

/// The class that holds `layout`: `4e + q` for sizes in (2^e + q·2^(e-2), 2^e + (q+1)·2^(e-2)],
/// the quarter `q` of the power of two `2^e` they exceed.
fn class(layout: &Layout) -> usize {
    let size = layout.size().max(layout.align()).max(MIN_BLOCK);
    // 2^e ≤ n < 2^(e+1), e ≥ 3 as n ≥ 15.
    let n = size - 1;
    let e = (usize::BITS - 1 - n.leading_zeros()) as usize;
    4 * e + ((n >> (e - 2)) & 3)
}

/// The size of a class's blocks: the top of its range, a multiple of [`MIN_BLOCK`]. Fits in a
/// usize: sizes are at most `isize::MAX`, so the largest block is `2^(usize::BITS - 1)`.
fn block_size(class: usize) -> usize {
    let (e, q) = (class / 4, class % 4);
    ((5 + q) << (e - 2)).next_multiple_of(MIN_BLOCK)
}

impl<G: Grow> Heap<G> {
    pub const fn new(memory: G) -> Self {
        Heap { state: UnsafeCell::new(State { free: [0; CLASSES], next: 0, end: 0 }), memory }
    }

    /// Carves a fresh block of `class` aligned to `align`, after its header, growing memory if
    /// needed.
    fn carve(&self, state: &mut State, class: usize, align: usize) -> *mut u8 {
        let size = block_size(class);
        let align = align.max(MIN_BLOCK);
        // Where a block goes after `next`: room for its header, then aligned.
        let place = |next: usize| next.checked_add(HEADER + align - 1).map(|n| n & !(align - 1));
        let fits = |start: Option<usize>, end: usize| matches!(start.and_then(|s| s.checked_add(size)), Some(e) if e <= end);
        let mut start = place(state.next);
        if !fits(start, state.end) {
            let Some(wanted) = size.checked_add(HEADER + align).map(|n| n.div_ceil(PAGE)) else { return null_mut() };
            let Some(at) = self.memory.grow(wanted) else { return null_mut() };
            if at != state.end {
                // Not contiguous with the old region (something else grew memory): the old rest is
                // abandoned, it is smaller than this one block.
                state.next = at;
            }
            state.end = at + wanted * PAGE;
            start = place(state.next);
        }
        let Some(start) = start.filter(|s| fits(Some(*s), state.end)) else { return null_mut() };
        state.next = start + size;
        // SAFETY: the header's 16 bytes lie between the old `next` and `start`, in memory this
        // heap owns and no block uses.
        unsafe { ((start - HEADER) as *mut usize).write(class) };
        start as *mut u8
    }
}

/// Takes the first block off a non-empty free list.
///
/// # Safety
/// `head` is a free list's head, not 0: a free block whose first word links to the next.
unsafe fn pop(head: &mut usize) -> *mut u8 {
    let block = *head as *mut u8;
    *head = unsafe { (block as *const usize).read() };
    block
}

/// The class a block was carved for, from its header.
///
/// # Safety
/// `block` came from this heap's `carve`.
unsafe fn class_of(block: *mut u8) -> usize {
    unsafe { ((block as usize - HEADER) as *const usize).read() }
}

// SAFETY (for the `unsafe` blocks below): `Heap` is only ever used from one thread (see the
// module docs), so the `&mut State` taken from the cell is unique for the duration of each call;
// no call re-enters the heap (`Grow` does not allocate). Free blocks belong to the heap, which may
// store a link in their first word: every block is at least 16 bytes and 16-aligned. Every
// pointer `dealloc` and `realloc` receive came from `alloc`, so it has a header.
unsafe impl<G: Grow> GlobalAlloc for Heap<G> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let state = unsafe { &mut *self.state.get() };
        let class = class(&layout);
        // Over-aligned requests (none in this crate or its dependencies) take a fresh block rather
        // than search a list for a suitably aligned one.
        let aligned = layout.align() <= MIN_BLOCK;
        if let Some(head) = state.free.get_mut(class).filter(|head| aligned && **head != 0) {
            return unsafe { pop(head) };
        }
        let block = self.carve(state, class, layout.align());
        if !block.is_null() || !aligned {
            return block;
        }
        // Memory cannot grow: the smallest free block of a larger class serves (module docs).
        match state.free.iter_mut().skip(class + 1).find(|head| **head != 0) {
            Some(head) => unsafe { pop(head) },
            None => null_mut(),
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        let state = unsafe { &mut *self.state.get() };
        if let Some(head) = state.free.get_mut(unsafe { class_of(ptr) }) {
            unsafe { (ptr as *mut usize).write(*head) };
            *head = ptr as usize;
        }
    }

    // The browser build (feature `small`) takes `GlobalAlloc`'s own: a new block and a copy every
    // time, for 0.08 KB less download.
    #[cfg(not(feature = "small"))]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let Ok(new_layout) = Layout::from_size_align(new_size, layout.align()) else { return null_mut() };
        // In place while the block holds the new size and it does not shrink to a smaller class
        // (whose block would give the rest of this one back).
        let wanted = class(&new_layout);
        if wanted <= unsafe { class_of(ptr) } && wanted >= class(&layout) {
            return ptr;
        }
        let new = unsafe { self.alloc(new_layout) };
        if !new.is_null() {
            unsafe {
                core::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
                self.dealloc(ptr, layout);
            }
        }
        new
    }
}

/// `memory.grow` on this module's memory.
#[cfg(target_arch = "wasm32")]
pub struct WasmMemory;

#[cfg(target_arch = "wasm32")]
impl Grow for WasmMemory {
    fn grow(&self, pages: usize) -> Option<usize> {
        match core::arch::wasm32::memory_grow(0, pages) {
            usize::MAX => None,
            old => Some(old * PAGE),
        }
    }
}

// SAFETY: wasm32 without atomics runs one thread; the heap is never shared across threads.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
unsafe impl Sync for Heap<WasmMemory> {}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;
    use std::vec::Vec;

    /// A fixed arena standing in for wasm memory: `grow` hands out its pages in order.
    struct Arena {
        base: usize,
        pages: usize,
        used: Cell<usize>,
        _memory: Vec<u8>,
    }

    impl Arena {
        fn new(pages: usize) -> Self {
            let memory = vec![0u8; (pages + 1) * PAGE];
            let base = (memory.as_ptr() as usize).next_multiple_of(PAGE);
            Arena { base, pages, used: Cell::new(0), _memory: memory }
        }
    }

    impl Grow for &Arena {
        fn grow(&self, pages: usize) -> Option<usize> {
            let used = self.used.get();
            if used + pages > self.pages {
                return None;
            }
            self.used.set(used + pages);
            Some(self.base + used * PAGE)
        }
    }

    /// xorshift64*: deterministic, no dependency.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
        }
        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
    }

    struct Live {
        ptr: *mut u8,
        layout: Layout,
        fill: u8,
    }

    fn check(block: &Live) {
        // SAFETY: `block` is live and `layout.size()` bytes long.
        let bytes = unsafe { std::slice::from_raw_parts(block.ptr, block.layout.size()) };
        assert!(bytes.iter().all(|b| *b == block.fill), "a live block's contents changed");
    }

    #[test]
    fn random_alloc_realloc_free_keep_blocks_disjoint_aligned_and_intact() {
        random_use(1024);
    }

    /// The same in an arena too small for the load: refused requests are skipped, and blocks lent
    /// across classes must stay disjoint and intact as well.
    #[test]
    fn under_memory_pressure_blocks_stay_disjoint_and_intact() {
        random_use(24);
    }

    fn random_use(pages: usize) {
        let arena = Arena::new(pages);
        let heap = Heap::new(&arena);
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let mut live: Vec<Live> = Vec::new();
        let mut refused = 0;
        for step in 0..20_000u32 {
            match rng.below(10) {
                0..=3 => {
                    // Mostly small, sometimes up to ~300 KB (a body).
                    let size = if rng.below(20) == 0 { rng.below(300_000) } else { rng.below(600) } as usize + 1;
                    let align = 1usize << rng.below(7);
                    let layout = Layout::from_size_align(size, align).unwrap();
                    // SAFETY: a non-zero-sized layout.
                    let ptr = unsafe { heap.alloc(layout) };
                    if ptr.is_null() {
                        assert!(pages < 1024, "refused with room to spare");
                        refused += 1;
                        continue;
                    }
                    assert_eq!(ptr as usize % align, 0, "misaligned block");
                    let fill = step as u8;
                    // SAFETY: fresh block of `size` bytes.
                    unsafe { ptr.write_bytes(fill, size) };
                    live.push(Live { ptr, layout, fill });
                }
                4..=5 if !live.is_empty() => {
                    let i = rng.below(live.len() as u64) as usize;
                    let old = &live[i];
                    check(old);
                    let new_size = rng.below((4 * old.layout.size() as u64 + 64).min(400_000)) as usize + 1;
                    // SAFETY: `old` is live with this layout; the new size is non-zero.
                    let ptr = unsafe { heap.realloc(old.ptr, old.layout, new_size) };
                    if ptr.is_null() {
                        // Refused: the old block is untouched and still live.
                        assert!(pages < 1024, "refused with room to spare");
                        refused += 1;
                        check(old);
                        continue;
                    }
                    let kept = old.layout.size().min(new_size);
                    // SAFETY: the new block has `new_size` bytes.
                    let bytes = unsafe { std::slice::from_raw_parts_mut(ptr, new_size) };
                    assert!(bytes[..kept].iter().all(|b| *b == old.fill), "realloc lost contents");
                    bytes.fill(old.fill);
                    let layout = Layout::from_size_align(new_size, old.layout.align()).unwrap();
                    assert_eq!(ptr as usize % layout.align(), 0);
                    live[i] = Live { ptr, layout, fill: old.fill };
                }
                _ if !live.is_empty() => {
                    let block = live.swap_remove(rng.below(live.len() as u64) as usize);
                    check(&block);
                    // SAFETY: live, allocated with this layout.
                    unsafe { heap.dealloc(block.ptr, block.layout) };
                }
                _ => {}
            }
            if step % 1000 == 0 {
                let mut spans: Vec<(usize, usize)> = live.iter().map(|b| (b.ptr as usize, b.layout.size())).collect();
                spans.sort_unstable();
                assert!(spans.windows(2).all(|w| w[0].0 + w[0].1 <= w[1].0), "live blocks overlap");
                live.iter().for_each(check);
            }
        }
        assert_eq!(refused > 0, pages < 1024, "{refused} requests refused");
    }

    #[test]
    fn recurring_large_bodies_reuse_their_block() {
        let arena = Arena::new(64);
        let heap = Heap::new(&arena);
        for size in [1 << 20, 700_000, 1 << 20, 600_000].into_iter().cycle().take(200) {
            let layout = Layout::from_size_align(size, 1).unwrap();
            // SAFETY: non-zero size; freed right away with the same layout.
            unsafe {
                let p = heap.alloc(layout);
                assert!(!p.is_null());
                heap.dealloc(p, layout);
            }
        }
        // One block per class (1 MiB, 768 KiB and 640 KiB) and slack: far below 200 bodies.
        assert!(arena.used.get() <= 42, "used {} pages", arena.used.get());
    }

    #[test]
    fn a_block_fits_its_size_with_at_most_a_quarter_to_spare() {
        let mut rng = Rng(7);
        for _ in 0..100_000 {
            let size = (rng.next() >> rng.below(64)) as usize % (isize::MAX as usize) + 1;
            let block = block_size(class(&Layout::from_size_align(size, 1).unwrap()));
            assert!(block >= size && block % MIN_BLOCK == 0, "size {size}: block {block}");
            assert!(block - size <= size / 4 + MIN_BLOCK, "size {size}: block {block}");
        }
        // Classes order blocks by size, so a shrinking realloc never keeps a too-small block.
        let sizes: Vec<usize> = (4 * 4..4 * (usize::BITS as usize - 1)).map(block_size).collect();
        assert!(sizes.windows(2).all(|w| w[0] <= w[1]));
    }

    #[test]
    fn when_memory_cannot_grow_a_larger_free_block_serves() {
        // Room for one 1 MiB block and little else: bodies of other sizes must reuse it once it is
        // free, or every new size class would need memory of its own.
        let arena = Arena::new(17);
        let heap = Heap::new(&arena);
        let big = Layout::from_size_align(1 << 20, 1).unwrap();
        // SAFETY: valid layouts; every pointer is checked before use and freed with its layout.
        unsafe {
            let first = heap.alloc(big);
            assert!(!first.is_null());
            heap.dealloc(first, big);
            for size in [900_000usize, 700_000, 600_000, 300_000] {
                let layout = Layout::from_size_align(size, 1).unwrap();
                let p = heap.alloc(layout);
                assert_eq!(p, first, "{size} bytes: the free 1 MiB block serves");
                p.write_bytes(0xa5, size);
                heap.dealloc(p, layout);
            }
            // It went back to its own class each time: a 1 MiB body finds it again, and a second
            // live body has nowhere to go.
            let p = heap.alloc(big);
            assert_eq!(p, first);
            assert!(heap.alloc(Layout::from_size_align(600_000, 1).unwrap()).is_null());
            heap.dealloc(p, big);
            // Small requests still carve from what is left.
            assert!(!heap.alloc(Layout::from_size_align(100, 8).unwrap()).is_null());
        }
    }

    #[test]
    fn refused_growth_is_a_null_pointer_not_a_crash() {
        let arena = Arena::new(2);
        let heap = Heap::new(&arena);
        // SAFETY: valid layouts; a null result is checked, not used.
        unsafe {
            assert!(heap.alloc(Layout::from_size_align(1 << 20, 1).unwrap()).is_null());
            assert!(!heap.alloc(Layout::from_size_align(100, 8).unwrap()).is_null());
        }
    }
}
