//! The `redbrief` program. Everything it does is in the library; the one
//! thing decided here is how the process's allocator returns memory, which
//! is the program's business, not the library's.

// The crate's only `unsafe` is the allocator's business below.
#![deny(unsafe_code)]

use std::process::ExitCode;

fn main() -> ExitCode {
    return_large_blocks_when_freed();
    redbrief::memory::on_release(release_free_pages);
    redbrief::cli::run()
}

/// Has glibc map every allocation of 128 KiB or more on its own, so freeing
/// it gives the memory back at once. Left alone, glibc raises that
/// threshold to the largest block freed so far (up to 32 MiB): after the
/// first language's check of a 10,000-creator spec lets go of its 5.8 MiB
/// creator list, the second language's pages and check came from the heap
/// and stayed there, and `render`'s peak went from 39 to 48 MiB. Fixing the
/// threshold costs no time beyond the noise (`check` of 10k creators,
/// interleaved runs: 106-108 ms with it and without). Other platforms'
/// allocators have no such rule.
fn return_large_blocks_when_freed() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        /// glibc's own starting value; setting it turns the raising off.
        const MAPPED_FROM_BYTES: libc::c_int = 128 * 1024;
        // SAFETY: mallopt only changes an allocator setting, which glibc
        // allows at any time and from any thread; it touches no memory of
        // ours. A refusal (0) leaves glibc's default, which is still correct.
        #[allow(unsafe_code)]
        unsafe {
            libc::mallopt(libc::M_MMAP_THRESHOLD, MAPPED_FROM_BYTES);
        }
    }
}

/// Gives back to the system every whole page that glibc holds free, in
/// every arena (`malloc_trim(0)`): a freed model's pages otherwise stay
/// with glibc, in arenas the next step may not allocate from. Before the
/// second language's check of a 10,000-creator render this takes the
/// process from 29 to 21 MiB, and the render's peak down 0.5 MiB (100,000
/// creators: 8 MiB), for no time beyond the noise. Called between the
/// large steps of a run (`redbrief::memory`).
fn release_free_pages() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        // SAFETY: malloc_trim only returns free memory to the system; it
        // touches no live allocation and is safe to call from any thread
        // at any time.
        #[allow(unsafe_code)]
        unsafe {
            libc::malloc_trim(0);
        }
    }
}
