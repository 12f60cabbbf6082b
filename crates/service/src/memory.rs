//! Giving memory back to the system after a one-off peak.
//!
//! Building the Norwegian lexicon makes some 3 million short strings and keeps 40 MiB of
//! them; glibc's allocator keeps the freed rest (about 120 MiB, fragmented between the kept
//! allocations) in the process. `malloc_trim` returns whole free pages to the system
//! (measured with `bench/src/bin/lexicon-memory.rs`: 163 MiB resident → 39 MiB).

/// Allocations of this size or more get pages of their own, returned when freed.
pub const OWN_PAGES_FROM: usize = 1 << 20;

/// Keeps glibc to two heap arenas, and gives large allocations pages of their own. Call first
/// thing in `main`.
///
/// - By default glibc makes up to eight arenas per core, one per busy thread, and each keeps
///   its own freed memory: a server's resident memory then grows with its thread count
///   rather than with what it holds.
/// - By default glibc raises its threshold for separately mapped allocations to the size of
///   any such allocation freed (up to 32 MiB). After the first sign-in, argon2's 19 MiB
///   working memory then comes from the heap, and several at once leave the heap that much
///   larger for good. A fixed threshold of 1 MiB returns such blocks when freed.
pub fn limit_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt sets tuning parameters of the allocator; it takes no pointers.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
        libc::mallopt(libc::M_MMAP_THRESHOLD, OWN_PAGES_FROM as libc::c_int);
    }
}

/// Returns free heap pages to the system (glibc on Linux; elsewhere nothing to do).
pub fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only walks the allocator's own free lists; it takes no pointers.
    unsafe {
        libc::malloc_trim(0);
    }
}
