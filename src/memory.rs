//! Giving freed memory back to the system between the large steps of a
//! run. How that is done is the allocator's business, which is the
//! program's, not the library's: `main.rs` registers it here, and a program
//! that registers nothing keeps its allocator's default.

use std::sync::OnceLock;

static RELEASE: OnceLock<fn()> = OnceLock::new();

/// Sets what `release` does; only the first call counts.
pub fn on_release(release: fn()) {
    let _ = RELEASE.set(release);
}

/// Hands back what the allocator keeps of memory already freed, when the
/// program said how.
pub(crate) fn release() {
    if let Some(release) = RELEASE.get() {
        release();
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    static FIRST: AtomicUsize = AtomicUsize::new(0);
    static SECOND: AtomicUsize = AtomicUsize::new(0);

    #[test]
    fn release_does_what_the_program_registered_first() {
        super::on_release(|| {
            FIRST.fetch_add(1, Ordering::SeqCst);
        });
        super::on_release(|| {
            SECOND.fetch_add(1, Ordering::SeqCst);
        });
        // Another test that renders may call it too, at the same time.
        let before = FIRST.load(Ordering::SeqCst);
        super::release();
        super::release();
        assert!(FIRST.load(Ordering::SeqCst) >= before + 2);
        assert_eq!(SECOND.load(Ordering::SeqCst), 0);
    }
}
