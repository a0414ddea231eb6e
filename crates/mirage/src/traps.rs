//! Runtime errors in generated code, reported instead of crashing.
//!
//! Interpreted code traps with a [`Trap`](crate::Trap) value. Generated
//! code runs natively, so its faults arrive as signals: an integer division
//! by zero (or `INT64_MIN / -1`) raises SIGFPE, running off the end of the
//! stack raises SIGSEGV on the guard page. A host that runs MIR programs
//! (the `mirage` CLI does) calls [`install_trap_handlers`] once and runs
//! programs through [`run_with_stack`]: the handlers print a clear runtime
//! error and end the process with status 70, like a trap in the interpreter,
//! instead of a crash.
//!
//! Handlers run on an alternate signal stack (the normal one may be
//! exhausted) and use only async-signal-safe calls (`write`, `_exit`).

use std::sync::atomic::{AtomicUsize, Ordering};

/// Exit status for runtime errors (BSD's EX_SOFTWARE), as for traps in the
/// interpreter.
pub const TRAP_STATUS: i32 = 70;

/// Lowest address of the stack given to [`run_with_stack`] (0 if none).
static STACK_LOW: AtomicUsize = AtomicUsize::new(0);

fn write_stderr(msg: &[u8]) {
    // SAFETY: write(2) on fd 2 with a valid buffer is async-signal-safe.
    unsafe {
        libc::write(2, msg.as_ptr() as *const libc::c_void, msg.len());
    }
}

extern "C" fn on_signal(sig: libc::c_int, info: *mut libc::siginfo_t, _ctx: *mut libc::c_void) {
    // SAFETY: the kernel passes a valid siginfo_t for SA_SIGINFO handlers.
    let addr = unsafe { (*info).si_addr() } as usize;
    let low = STACK_LOW.load(Ordering::Relaxed);
    let msg: &[u8] = match sig {
        libc::SIGFPE => {
            b"mirage: runtime error: division by zero (or INT64_MIN / -1) in generated code\n"
        }
        libc::SIGSEGV | libc::SIGBUS
            if low != 0 && addr < low + (1 << 20) && addr + (1 << 20) > low =>
        {
            b"mirage: runtime error: stack overflow in generated code (recursion too deep)\n"
        }
        libc::SIGILL => b"mirage: runtime error: illegal instruction in generated code\n",
        _ => b"mirage: runtime error: invalid memory access (segmentation fault)\n",
    };
    write_stderr(msg);
    // SAFETY: _exit is async-signal-safe; C stdio buffers are deliberately
    // not flushed from a signal handler.
    unsafe { libc::_exit(TRAP_STATUS) }
}

/// Installs handlers for SIGFPE, SIGSEGV, SIGBUS and SIGILL that report a
/// runtime error and exit with [`TRAP_STATUS`].
pub fn install_trap_handlers() {
    for sig in [libc::SIGFPE, libc::SIGSEGV, libc::SIGBUS, libc::SIGILL] {
        // SAFETY: a zeroed sigaction is a valid starting point; the handler
        // has the SA_SIGINFO signature and only uses async-signal-safe calls.
        unsafe {
            let mut sa: libc::sigaction = std::mem::zeroed();
            sa.sa_sigaction = on_signal as *const () as usize;
            sa.sa_flags = libc::SA_SIGINFO | libc::SA_ONSTACK;
            libc::sigemptyset(&mut sa.sa_mask);
            libc::sigaction(sig, &sa, std::ptr::null_mut());
        }
    }
}

/// Gives the calling thread an alternate signal stack (so a stack overflow
/// can still be reported). The stack is leaked: it must outlive the thread.
fn alternate_signal_stack() {
    const SIZE: usize = 64 * 1024;
    let mem: &'static mut [u8] = Box::leak(vec![0u8; SIZE].into_boxed_slice());
    let st = libc::stack_t {
        ss_sp: mem.as_mut_ptr() as *mut libc::c_void,
        ss_flags: 0,
        ss_size: SIZE,
    };
    // SAFETY: `st` describes valid memory that lives for the rest of the
    // process.
    unsafe {
        libc::sigaltstack(&st, std::ptr::null_mut());
    }
}

/// Whether the main thread's stack may grow to `stack_bytes` (plus a
/// margin): its soft limit is set to that (raised when the hard limit
/// allows, lowered from a larger or unlimited one so that a runaway
/// recursion still ends at the same depth). Linux grows the main stack on
/// demand up to the limit in force at the time of the fault, and leaves at
/// least 128 MiB below it free of mappings.
fn main_stack_can_grow(stack_bytes: usize) -> bool {
    let want = (stack_bytes + (1 << 20)) as libc::rlim_t;
    let mut lim = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit/setrlimit with a valid rlimit pointer.
    unsafe {
        if libc::getrlimit(libc::RLIMIT_STACK, &mut lim) != 0 {
            return false;
        }
        if lim.rlim_cur == want {
            return true;
        }
        if lim.rlim_max != libc::RLIM_INFINITY && lim.rlim_max < want {
            return false;
        }
        lim.rlim_cur = want;
        libc::setrlimit(libc::RLIMIT_STACK, &lim) == 0
    }
}

/// Runs `f` with a `stack_bytes` stack (only the pages used are committed)
/// and an alternate signal stack, so deep native recursion in generated
/// code has room and running out of it is reported clearly.
///
/// Called on the process's main thread, `f` runs right there when the main
/// stack may grow that far (see `main_stack_can_grow`): a process that
/// never starts a second thread keeps glibc's single-threaded `malloc` and
/// `free` (no locks or atomic operations, the main arena), which a program
/// calling them in a loop runs up to twice as fast with. Otherwise `f` runs
/// on a new thread with a stack of that size.
pub fn run_with_stack<R: Send + 'static>(
    stack_bytes: usize,
    f: impl FnOnce() -> R + Send + 'static,
) -> std::io::Result<R> {
    if std::thread::current().name() == Some("main") && main_stack_can_grow(stack_bytes) {
        alternate_signal_stack();
        let here = &stack_bytes as *const usize as usize;
        STACK_LOW.store(here.saturating_sub(stack_bytes), Ordering::Relaxed);
        return Ok(f());
    }
    let h = std::thread::Builder::new()
        .name("mirage-main".into())
        .stack_size(stack_bytes)
        .spawn(move || {
            alternate_signal_stack();
            let here = &stack_bytes as *const usize as usize;
            STACK_LOW.store(here.saturating_sub(stack_bytes), Ordering::Relaxed);
            f()
        })?;
    match h.join() {
        Ok(r) => Ok(r),
        Err(p) => std::panic::resume_unwind(p),
    }
}
