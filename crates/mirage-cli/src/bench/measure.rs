//! Running one child process: wall time, exit status, peak resident memory
//! (`ru_maxrss` from `wait4`) and a time limit.

use std::fs::File;
use std::io;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

/// How a child ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Exited(i32),
    Signaled(i32),
    /// Killed by the harness after the time limit.
    TimedOut,
}

/// One measured run.
pub struct Measured {
    /// Spawn to exit.
    pub wall: Duration,
    pub status: Status,
    /// Peak resident set of the child in KiB (`ru_maxrss`). It includes
    /// the anonymous memory the forked harness held before `exec` (well
    /// under 1 MiB), so it is a slight overestimate for tiny programs.
    pub maxrss_kb: u64,
    /// User plus system CPU time of the child.
    pub cpu: Duration,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
}

/// Runs `cmd` with stdin closed and stdout/stderr captured in files under
/// `scratch` (no pipes, so a chatty child never blocks and no reader thread
/// competes with it for a CPU). After `timeout` the child gets SIGKILL.
pub fn run(cmd: &mut Command, timeout: Duration, scratch: &Path) -> io::Result<Measured> {
    let out_path = scratch.join("stdout");
    let err_path = scratch.join("stderr");
    cmd.stdin(Stdio::null())
        .stdout(File::create(&out_path)?)
        .stderr(File::create(&err_path)?);
    // A pre-exec hook makes std fork instead of vfork/posix_spawn. Linux
    // carries the high-water RSS of the address space that calls exec into
    // the new program's `ru_maxrss`: with vfork that is the harness's whole
    // peak (a floor of ~4 MiB under every program); a forked copy only
    // holds the harness's anonymous pages.
    // SAFETY: the hook does nothing, so it is async-signal-safe.
    unsafe { cmd.pre_exec(|| Ok(())) };
    let start = Instant::now();
    let child = cmd.spawn()?;
    let pid = child.id() as libc::pid_t;

    let done = (Mutex::new(false), Condvar::new());
    let timed_out = AtomicBool::new(false);
    let waited = std::thread::scope(|s| {
        s.spawn(|| {
            let (lock, cv) = &done;
            let guard = lock.lock().unwrap_or_else(|e| e.into_inner());
            let (guard, _) = cv
                .wait_timeout_while(guard, timeout, |d| !*d)
                .unwrap_or_else(|e| e.into_inner());
            if !*guard {
                // The child has not been reaped (we wait with WNOWAIT
                // below), so the pid cannot have been reused.
                // SAFETY: plain syscall.
                unsafe { libc::kill(pid, libc::SIGKILL) };
                timed_out.store(true, Ordering::SeqCst);
            }
        });
        let r = wait_exit_nowait(pid);
        let wall = start.elapsed();
        *done.0.lock().unwrap_or_else(|e| e.into_inner()) = true;
        done.1.notify_all();
        r.map(|()| wall)
    });
    // Reap the child and read its resource usage.
    let mut raw = 0;
    // SAFETY: rusage is plain old data.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: valid pointers to locals.
        let r = unsafe { libc::wait4(pid, &mut raw, 0, &mut ru) };
        if r == pid {
            break;
        }
        let e = io::Error::last_os_error();
        if e.kind() != io::ErrorKind::Interrupted {
            return Err(e);
        }
    }
    drop(child);
    let wall = waited?;
    let status = if libc::WIFEXITED(raw) {
        Status::Exited(libc::WEXITSTATUS(raw))
    } else if timed_out.load(Ordering::SeqCst) {
        Status::TimedOut
    } else {
        Status::Signaled(libc::WTERMSIG(raw))
    };
    Ok(Measured {
        wall,
        status,
        maxrss_kb: u64::try_from(ru.ru_maxrss).unwrap_or(0),
        cpu: timeval(ru.ru_utime) + timeval(ru.ru_stime),
        stdout: std::fs::read(&out_path)?,
        stderr: std::fs::read(&err_path)?,
    })
}

fn timeval(t: libc::timeval) -> Duration {
    Duration::from_secs(u64::try_from(t.tv_sec).unwrap_or(0))
        + Duration::from_micros(u64::try_from(t.tv_usec).unwrap_or(0))
}

/// Blocks until `pid` has exited, leaving it a zombie.
fn wait_exit_nowait(pid: libc::pid_t) -> io::Result<()> {
    loop {
        // SAFETY: siginfo_t is plain old data; valid pointer to a local.
        let r = unsafe {
            let mut info: libc::siginfo_t = std::mem::zeroed();
            libc::waitid(
                libc::P_PID,
                pid as libc::id_t,
                &mut info,
                libc::WEXITED | libc::WNOWAIT,
            )
        };
        if r == 0 {
            return Ok(());
        }
        let e = io::Error::last_os_error();
        if e.kind() != io::ErrorKind::Interrupted {
            return Err(e);
        }
    }
}

/// A signal's conventional name.
pub fn signal_name(sig: i32) -> &'static str {
    match sig {
        libc::SIGABRT => "SIGABRT",
        libc::SIGBUS => "SIGBUS",
        libc::SIGFPE => "SIGFPE",
        libc::SIGILL => "SIGILL",
        libc::SIGKILL => "SIGKILL",
        libc::SIGSEGV => "SIGSEGV",
        libc::SIGTERM => "SIGTERM",
        libc::SIGTRAP => "SIGTRAP",
        libc::SIGINT => "SIGINT",
        _ => "signal",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch() -> std::path::PathBuf {
        let d = std::env::temp_dir().join(format!(
            "mirage-bench-measure-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn captures_output_status_and_rss() {
        let d = scratch();
        let m = run(
            Command::new("sh").args(["-c", "echo out; echo err >&2; exit 3"]),
            Duration::from_secs(30),
            &d,
        )
        .unwrap();
        assert_eq!(m.status, Status::Exited(3));
        assert_eq!(m.stdout, b"out\n");
        assert_eq!(m.stderr, b"err\n");
        assert!(m.maxrss_kb > 0);
        assert!(m.cpu <= m.wall + Duration::from_millis(50));
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn kills_after_timeout() {
        let d = scratch();
        let m = run(
            Command::new("sleep").arg("20"),
            Duration::from_millis(200),
            &d,
        )
        .unwrap();
        assert_eq!(m.status, Status::TimedOut);
        assert!(m.wall < Duration::from_secs(10));
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn reports_signals() {
        let d = scratch();
        let m = run(
            Command::new("sh").args(["-c", "kill -SEGV $$"]),
            Duration::from_secs(30),
            &d,
        )
        .unwrap();
        assert_eq!(m.status, Status::Signaled(libc::SIGSEGV));
        assert_eq!(signal_name(libc::SIGSEGV), "SIGSEGV");
        std::fs::remove_dir_all(&d).unwrap();
    }
}
