//! Giving memory back to the system after a one-off peak.
//!
//! Building the Norwegian lexicon makes some 3 million short strings and keeps 40 MiB of
//! them; glibc's allocator keeps the freed rest (about 120 MiB, fragmented between the kept
//! allocations) in the process. `malloc_trim` returns whole free pages to the system
//! (measured with `bench/src/bin/lexicon-memory.rs`: 163 MiB resident → 39 MiB).

/// Keeps glibc to two heap arenas. By default it makes up to eight per core, one per busy
/// thread, and each keeps its own freed memory: a server's resident memory then grows with
/// its thread count rather than with what it holds. Call first thing in `main`.
pub fn limit_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt sets a tuning parameter of the allocator; it takes no pointers.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
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
