//! Fuzz regressions and hostile inputs for the reader, verifier and writer.
//!
//! Every input here goes through the property the fuzz targets of `fuzz/`
//! check (see `fuzz/src/lib.rs`):
//!
//! * `read_modules` never panics and ends in bounded time and memory;
//! * a failed read reports at least one diagnostic (and no more than
//!   `max_errors`), and every diagnostic renders with its source line;
//! * a successful read survives a round trip: the written text re-reads
//!   without error to modules that write the same text. This is checked with
//!   the verifier (the default options) and without it (`verify: false`).
//!
//! The inputs are
//!
//! * every file of `tests/fuzz_regressions/` (inputs the fuzzers found,
//!   minimized with `cargo fuzz tmin`; binary files are fine). Inputs of
//!   bugs not fixed yet wait in `tests/fuzz_regressions/open/`, run only by
//!   the ignored test `open_fuzz_regressions`;
//! * every prefix, at every 37th byte, of every `.mir` file of the
//!   repository (benchmarks, examples, filetests);
//! * generated hostile inputs: 10 MB lines, 1 MB number literals, 100,000
//!   unclosed functions, 20,000 modules, 100,000 labels, huge sizes …
//!
//! Each input runs on a thread of its own, so that a hang is reported as a
//! failure instead of blocking the run, and its memory is measured by a
//! counting allocator (per thread), so that "bounded memory" is an assertion.

use mirage_ir::{read_modules, write_modules, Module, ReadOptions};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::fmt::Write as _;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

// ---------------------------------------------------------------------------
// A per-thread counting allocator
// ---------------------------------------------------------------------------

struct Counting;

thread_local! {
    /// Bytes currently allocated by this thread (net of its frees).
    static CURRENT: Cell<isize> = const { Cell::new(0) };
    /// The largest value `CURRENT` has reached.
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

fn account(delta: isize) {
    // `try_with`: the allocator may be called while a thread is being torn
    // down; the cells have no destructor, so this only guards the API.
    let _ = CURRENT.try_with(|c| {
        let now = c.get() + delta;
        c.set(now);
        let _ = PEAK.try_with(|p| {
            if now > p.get() {
                p.set(now);
            }
        });
    });
}

// SAFETY: every method forwards to `System` unchanged; the bookkeeping only
// touches thread-local cells and never allocates.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded with the caller's guarantees.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            account(layout.size() as isize);
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded with the caller's guarantees.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            account(layout.size() as isize);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded with the caller's guarantees.
        unsafe { System.dealloc(ptr, layout) };
        account(-(layout.size() as isize));
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded with the caller's guarantees.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            account(new_size as isize - layout.size() as isize);
        }
        p
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Resets the peak of this thread to its current allocation.
fn reset_peak() -> isize {
    let now = CURRENT.with(Cell::get);
    PEAK.with(|p| p.set(now));
    now
}

fn peak() -> isize {
    PEAK.with(Cell::get)
}

// ---------------------------------------------------------------------------
// The property
// ---------------------------------------------------------------------------

fn opts(verify: bool) -> ReadOptions {
    ReadOptions {
        verify,
        ..ReadOptions::default()
    }
}

/// What a read is expected to end in.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Expect {
    Ok,
    Err,
    Any,
}

/// Reads `src` (with and without the verifier) and checks the round trip.
/// Returns whether the verified read succeeded. Panics on a violation.
fn check(src: &[u8]) -> bool {
    let ok = check_with(src, true);
    let ok_unverified = check_with(src, false);
    assert!(
        ok_unverified || !ok,
        "read succeeds with the verifier but fails without it"
    );
    ok
}

fn check_with(src: &[u8], verify: bool) -> bool {
    let o = opts(verify);
    let mods = match read_modules(src, &o) {
        Ok(m) => m,
        Err(e) => {
            assert!(!e.0.is_empty(), "read_modules failed with no diagnostic");
            assert!(
                e.0.len() <= o.max_errors,
                "{} diagnostics, more than max_errors = {}",
                e.0.len(),
                o.max_errors
            );
            // Rendering costs O(line length), and the unverified read's
            // diagnostics are the same syntax errors: render the first and
            // the last diagnostic of the verified read.
            if verify {
                let _ = e.0[0].render(Some(src));
                let _ = e.0[e.0.len() - 1].render(Some(src));
            }
            return false;
        }
    };
    round_trip(&mods, verify);
    true
}

fn round_trip(mods: &[Module], verify: bool) {
    let text = write_modules(mods);
    let again = match read_modules(text.as_bytes(), &opts(verify)) {
        Ok(m) => m,
        Err(e) => {
            let mut msg = String::new();
            for d in e.0.iter().take(5) {
                msg.push_str(&d.render(Some(text.as_bytes())));
            }
            panic!(
                "written text does not re-read (verify: {verify}):\n{msg}--- text (first 2000 bytes) ---\n{}",
                head(&text, 2000)
            );
        }
    };
    let text2 = write_modules(&again);
    if text != text2 {
        let at = text
            .bytes()
            .zip(text2.bytes())
            .position(|(a, b)| a != b)
            .unwrap_or(text.len().min(text2.len()));
        let from = at.saturating_sub(200);
        panic!(
            "round trip changed the modules (verify: {verify}) at byte {at}:\n--- first ---\n{}\n--- second ---\n{}",
            head(&text[from.min(text.len())..], 600),
            head(&text2[from.min(text2.len())..], 600)
        );
    }
}

fn head(s: &str, n: usize) -> &str {
    let mut end = n.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

// ---------------------------------------------------------------------------
// Running one case on a thread of its own
// ---------------------------------------------------------------------------

/// How long one case may take: generous, since tests may run in debug
/// builds, on two shared cores, next to other tests.
const TIME_LIMIT: Duration = Duration::from_secs(45);

/// Allowed peak allocation for an input of `len` bytes.
fn memory_limit(len: usize) -> isize {
    (64 << 20) + 40 * len as isize
}

struct Outcome {
    ok: bool,
    peak: isize,
    elapsed: Duration,
}

/// Runs `inputs` (all with the same expectation) on one fresh thread and
/// returns a description of the first failure, if any.
fn run_case(name: &str, inputs: Vec<Vec<u8>>, expect: Expect) -> Result<Outcome, String> {
    let (tx, rx) = mpsc::channel();
    let thread_name = name.to_string();
    let spawned = std::thread::Builder::new()
        .name(thread_name)
        // The fuzzers run on a main thread with 8 MiB of stack.
        .stack_size(8 << 20)
        .spawn(move || {
            let start = Instant::now();
            let mut worst = Outcome {
                ok: true,
                peak: 0,
                elapsed: Duration::ZERO,
            };
            for (i, input) in inputs.iter().enumerate() {
                let base = reset_peak();
                let r = catch_unwind(AssertUnwindSafe(|| check(input)));
                let used = peak() - base;
                let verdict = match r {
                    Err(p) => Err(format!("input #{i}: panicked: {}", panic_message(&*p))),
                    Ok(_) if used > memory_limit(input.len()) => Err(format!(
                        "input #{i} ({} bytes): peak allocation {} MiB exceeds the bound of {} MiB",
                        input.len(),
                        used >> 20,
                        memory_limit(input.len()) >> 20
                    )),
                    Ok(ok) if expect == Expect::Ok && !ok => {
                        Err(format!("input #{i}: expected a successful read"))
                    }
                    Ok(ok) if expect == Expect::Err && ok => {
                        Err(format!("input #{i}: expected an error"))
                    }
                    Ok(ok) => Ok(ok),
                };
                match verdict {
                    Ok(ok) => {
                        worst.ok &= ok;
                        worst.peak = worst.peak.max(used);
                    }
                    Err(e) => {
                        let _ = tx.send(Err(e));
                        return;
                    }
                }
            }
            worst.elapsed = start.elapsed();
            let _ = tx.send(Ok(worst));
        });
    if let Err(e) = spawned {
        return Err(format!("{name}: cannot spawn a thread: {e}"));
    }
    match rx.recv_timeout(TIME_LIMIT) {
        Ok(Ok(o)) => Ok(o),
        Ok(Err(e)) => Err(format!("{name}: {e}")),
        // The thread is left running; the test fails and the process ends.
        Err(_) => Err(format!("{name}: did not finish within {TIME_LIMIT:?}")),
    }
}

fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = p.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = p.downcast_ref::<String>() {
        s.clone()
    } else {
        "(non-string panic payload)".to_string()
    }
}

/// Runs every case and fails with the list of all failures.
fn run_all(cases: Vec<(String, Vec<Vec<u8>>, Expect)>) {
    let n = cases.len();
    let mut failures = Vec::new();
    for (name, inputs, expect) in cases {
        match run_case(&name, inputs, expect) {
            Ok(o) => eprintln!(
                "{name}: {} in {:?}, peak {} KiB",
                if o.ok { "ok" } else { "error(s)" },
                o.elapsed,
                o.peak >> 10
            ),
            Err(e) => failures.push(e),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {n} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

// ---------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn mir_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            mir_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "mir") {
            out.push(p);
        }
    }
}

/// Every `.mir` file of the benchmarks, examples and filetests.
fn repo_mir_files() -> Vec<PathBuf> {
    let root = repo_root();
    let mut files = Vec::new();
    for d in ["bench", "examples", "tests/filetests"] {
        mir_files(&root.join(d), &mut files);
    }
    files.sort();
    files
}

fn regression_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions")
}

/// The regression inputs directly in `dir` (not in subdirectories).
fn regression_cases(dir: &Path) -> Vec<(String, Vec<Vec<u8>>, Expect)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.path())
                .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "mir"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
        .iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, vec![std::fs::read(p).unwrap()], Expect::Any)
        })
        .collect()
}

/// Inputs found by the fuzzers (and fixed).
#[test]
fn fuzz_regression_files() {
    run_all(regression_cases(&regression_dir()));
}

/// Inputs found by the fuzzers whose bug is not fixed yet: they live in
/// `tests/fuzz_regressions/open/` so that the suite stays green meanwhile.
/// Run them with `cargo test -p mirage-ir --test fuzz_regressions -- --ignored`;
/// once one passes, move it up to `tests/fuzz_regressions/`.
#[test]
#[ignore = "known open bugs; see tests/fuzz_regressions/open/"]
fn open_fuzz_regressions() {
    run_all(regression_cases(&regression_dir().join("open")));
}

/// Every prefix, at every 37th byte, of every `.mir` file of the repository.
#[test]
fn truncated_repository_files() {
    let files = repo_mir_files();
    assert!(
        !files.is_empty(),
        "no .mir files found under {:?}",
        repo_root()
    );
    let cases = files
        .iter()
        .map(|p| {
            let text = std::fs::read(p).unwrap();
            let prefixes = (0..text.len())
                .step_by(37)
                .map(|n| text[..n].to_vec())
                .collect();
            let name = p
                .strip_prefix(repo_root())
                .unwrap_or(p)
                .display()
                .to_string();
            (format!("prefixes of {name}"), prefixes, Expect::Any)
        })
        .collect();
    run_all(cases);
}

const MB: usize = 1 << 20;

/// `n` repetitions of `f(i)`.
fn repeat(n: usize, mut f: impl FnMut(usize, &mut String)) -> String {
    let mut s = String::new();
    for i in 0..n {
        f(i, &mut s);
    }
    s
}

/// `m: module` … `endmodule` around `body`.
fn in_module(body: &str) -> Vec<u8> {
    format!("m: module\n{body}\nendmodule\n").into_bytes()
}

/// A function `f` returning i64 with locals `a`, `b` around `body`.
fn in_func(body: &str) -> Vec<u8> {
    in_module(&format!(
        "f: func i64, i64:a\nlocal i64:b\n{body}\nret a\nendfunc"
    ))
}

/// Deterministic pseudo-random bytes (xorshift64*).
fn random_bytes(n: usize, mut seed: u64, alphabet: Option<&[u8]>) -> Vec<u8> {
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        seed ^= seed >> 12;
        seed ^= seed << 25;
        seed ^= seed >> 27;
        let r = seed.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 32;
        out.push(match alphabet {
            Some(a) => a[r as usize % a.len()],
            None => r as u8,
        });
    }
    out
}

/// Long lines and huge literals.
#[test]
fn hostile_long_lines_and_literals() {
    let digits = "7".repeat(MB);
    let zeros = "0".repeat(MB);
    let ones = "1".repeat(MB);
    let cases: Vec<(&str, Vec<u8>, Expect)> = vec![
        (
            "10 MB name",
            in_module(&format!("{}: func\nendfunc", "a".repeat(10 * MB))),
            Expect::Any,
        ),
        (
            "10 MB data line",
            in_module(&format!("d: u8 {}1", "255, ".repeat(10 * MB / 5 - 1))),
            Expect::Ok,
        ),
        (
            "10 MB comment",
            format!("# {}\n", "x".repeat(10 * MB)).into_bytes(),
            Expect::Ok,
        ),
        // Error recovery costs ~0.4 µs per bad byte (one formatted message
        // each), so this one is kept at 2 MB.
        ("2 MB of 0xff", vec![0xff; 2 * MB], Expect::Err),
        ("10 MB of commas", vec![b','; 10 * MB], Expect::Err),
        (
            "10 MB string",
            in_module(&format!(
                "s: string \"{}\"",
                "ab\\x41\\n\\101\\\"".repeat(10 * MB / 16)
            )),
            Expect::Ok,
        ),
        (
            "unterminated 10 MB string",
            in_module(&format!("s: string \"{}", "ab".repeat(5 * MB))),
            Expect::Err,
        ),
        (
            "10 MB instruction",
            in_func(&format!("add b, a, {}1", "a, ".repeat(10 * MB / 3))),
            Expect::Err,
        ),
        (
            "1 MB integer",
            in_module(&format!("d: i64 {digits}")),
            Expect::Err,
        ),
        (
            "1 MB negative integer operand",
            in_func(&format!("mov b, -{digits}")),
            Expect::Err,
        ),
        (
            "1 MB hex integer",
            in_module(&format!("d: u64 0x{}", "f".repeat(MB))),
            Expect::Err,
        ),
        (
            "1 MB of leading zeros (hex)",
            in_module(&format!("d: u64 0x{zeros}1")),
            Expect::Any,
        ),
        (
            "1 MB of leading zeros (octal)",
            in_module(&format!("d: u64 {zeros}7")),
            Expect::Any,
        ),
        (
            "1 MB of underscores",
            in_module(&format!("d: u64 1{}1", "_".repeat(MB))),
            Expect::Any,
        ),
        (
            "1 MB double",
            in_module(&format!("d: d {digits}.5")),
            Expect::Any,
        ),
        (
            "1 MB fraction",
            in_module(&format!("d: d 0.{zeros}1")),
            Expect::Any,
        ),
        (
            "1 MB float",
            in_module(&format!("d: f {ones}.{ones}f")),
            Expect::Any,
        ),
        (
            "1 MB long double",
            in_module(&format!("d: ld {digits}.{digits}L")),
            Expect::Any,
        ),
        (
            "1 MB tiny long double",
            in_module(&format!("d: ld 0.{zeros}{digits}e-4000L")),
            Expect::Any,
        ),
        (
            "1 MB long double exponent",
            in_module(&format!("d: ld 1e{digits}L")),
            Expect::Any,
        ),
        (
            "1 MB negative exponent",
            in_module(&format!("d: d 1e-{digits}")),
            Expect::Any,
        ),
        (
            "1 MB exponent with zeros",
            in_module(&format!("d: d 1e{zeros}1")),
            Expect::Any,
        ),
        (
            "1 MB double operand",
            in_func(&format!("local d:x\ndmov x, {digits}.{digits}e-{digits}")),
            Expect::Any,
        ),
    ];
    run_all(
        cases
            .into_iter()
            .map(|(n, i, e)| (n.to_string(), vec![i], e))
            .collect(),
    );
}

/// Many items, headers, modules and labels.
#[test]
fn hostile_counts() {
    const K: usize = 100_000;
    let cases: Vec<(&str, Vec<u8>, Expect)> = vec![
        (
            "100k func headers without endfunc",
            in_module(&repeat(K, |i, s| {
                let _ = writeln!(s, "f{i}: func i64");
            })),
            Expect::Err,
        ),
        (
            "100k module headers",
            repeat(K, |i, s| {
                let _ = writeln!(s, "m{i}: module");
            })
            .into_bytes(),
            Expect::Err,
        ),
        (
            "100k endfunc",
            in_module(&"endfunc\n".repeat(K)),
            Expect::Err,
        ),
        ("100k endmodule", "endmodule\n".repeat(K).into_bytes(), Expect::Err),
        (
            "20k modules",
            repeat(20_000, |i, s| {
                let _ = write!(
                    s,
                    "m{i}: module\nexport f{i}\nf{i}: func i64, i64:a\nadd a, a, {i}\nret a\nendfunc\nendmodule\n"
                );
            })
            .into_bytes(),
            Expect::Ok,
        ),
        (
            "20k modules of one name",
            "m: module\nendmodule\n".repeat(20_000).into_bytes(),
            Expect::Any,
        ),
        (
            "100k functions",
            in_module(&repeat(K, |i, s| {
                let _ = write!(s, "f{i}: func i64, i64:a\nret a\nendfunc\n");
            })),
            Expect::Ok,
        ),
        (
            "100k duplicate functions",
            in_module(&"f: func\nendfunc\n".repeat(K)),
            Expect::Err,
        ),
        (
            "100k repeated labels before one insn",
            in_func(&format!("{}ret a", "L: ".repeat(K))),
            Expect::Err,
        ),
        (
            "100k distinct labels before one insn",
            in_func(&repeat(K, |i, s| {
                let _ = write!(s, "L{i}: ");
            })),
            Expect::Ok,
        ),
        (
            "100k labelled jumps",
            in_func(&repeat(K, |i, s| {
                let _ = writeln!(s, "L{i}: jmp L{}", i + 1);
            })
            .replace(&format!("jmp L{K}"), "jmp L0")),
            Expect::Ok,
        ),
        (
            "100k undefined labels",
            in_func(&repeat(K, |i, s| {
                let _ = writeln!(s, "jmp L{i}");
            })),
            Expect::Err,
        ),
        (
            "100k redefined labels",
            in_func(&"L: mov a, 1\n".repeat(K)),
            Expect::Err,
        ),
        (
            "labels of 100k functions used in one",
            in_module(&format!(
                "{}g: func\n{}endfunc",
                repeat(K / 10, |i, s| {
                    let _ = write!(s, "f{i}: func\nL{i}: ret\nendfunc\n");
                }),
                repeat(K / 10, |i, s| {
                    let _ = writeln!(s, "jmp L{i}");
                })
            )),
            Expect::Err,
        ),
        (
            "switch with 100k labels",
            in_func(&format!(
                "switch a, {}\nL: ret a",
                vec!["L"; K].join(", ")
            )),
            Expect::Ok,
        ),
        (
            "call with 100k arguments",
            in_module(&format!(
                "p: proto i64, i64:x\nf: func i64, i64:a\ncall p, f, a, {}\nret a\nendfunc",
                vec!["a"; K].join(", ")
            )),
            Expect::Err,
        ),
        (
            "vararg call with 100k arguments",
            in_module(&format!(
                "p: proto i64, i64:x, ...\nf: func i64, i64:a\ncall p, f, a, {}\nret a\nendfunc",
                vec!["a"; K].join(", ")
            )),
            Expect::Ok,
        ),
        (
            "func with 100k parameters",
            in_module(&format!(
                "f: func i64, {}\nret x0\nendfunc",
                repeat(K, |i, s| {
                    let _ = write!(s, "{}i64:x{i}", if i > 0 { ", " } else { "" });
                })
            )),
            Expect::Any,
        ),
        (
            "func with 100k results",
            in_module(&format!("f: func {}\nendfunc", vec!["i64"; K].join(", "))),
            Expect::Any,
        ),
        (
            "100k locals",
            in_func(&repeat(K, |i, s| {
                let _ = writeln!(s, "local i64:v{i}");
            })),
            Expect::Ok,
        ),
        (
            "100k duplicate locals",
            in_func(&"local i64:v\n".repeat(K)),
            Expect::Err,
        ),
        (
            "100k data items",
            in_module(&repeat(K, |i, s| {
                let _ = writeln!(s, "d{i}: i32 {i}");
            })),
            Expect::Ok,
        ),
        (
            "100k refs",
            in_module(&format!(
                "d: i64 0\n{}",
                repeat(K, |i, s| {
                    let _ = writeln!(s, "r{i}: ref d, {i}");
                })
            )),
            Expect::Ok,
        ),
        (
            "100k lrefs",
            in_module(&format!(
                "f: func\nL: ret\nendfunc\n{}",
                repeat(K, |i, s| {
                    let _ = writeln!(s, "lref L, {i}");
                })
            )),
            Expect::Ok,
        ),
        (
            "100k aliases",
            in_func(&repeat(K, |i, s| {
                let _ = writeln!(s, "mov b, i64:(a):x{i}:y{i}");
            })),
            Expect::Ok,
        ),
        (
            "100k imports",
            in_module(&repeat(K, |i, s| {
                let _ = writeln!(s, "import x{i}");
            })),
            Expect::Any,
        ),
        (
            "1M statements that are errors",
            "x\n".repeat(10 * K).into_bytes(),
            Expect::Err,
        ),
        ("1M newlines", vec![b'\n'; 10 * K], Expect::Ok),
        ("1M semicolons", vec![b';'; 10 * K], Expect::Ok),
        ("1M CRLF", "\r\n".repeat(10 * K).into_bytes(), Expect::Ok),
        ("1M colons", vec![b':'; 10 * K], Expect::Err),
        (
            "100k nested parentheses",
            in_func(&format!("mov b, i64:{}a", "(".repeat(K))),
            Expect::Err,
        ),
    ];
    run_all(
        cases
            .into_iter()
            .map(|(n, i, e)| (n.to_string(), vec![i], e))
            .collect(),
    );
}

/// Sizes that would be dangerous to allocate, and other odd corners.
#[test]
fn hostile_sizes_and_bytes() {
    let mut cases: Vec<(String, Vec<Vec<u8>>, Expect)> = Vec::new();
    let mut add = |name: &str, inputs: Vec<Vec<u8>>, e: Expect| {
        cases.push((name.to_string(), inputs, e));
    };
    add(
        "huge bss sizes",
        [
            "18446744073709551615",
            "9223372036854775807",
            "-1",
            "4294967295",
            "4294967296",
            "1099511627776",
        ]
        .iter()
        .map(|n| in_module(&format!("b: bss {n}")))
        .collect(),
        Expect::Any,
    );
    add(
        "huge block parameters",
        ["4294967295", "4294967296", "18446744073709551615", "-1"]
            .iter()
            .map(|n| in_module(&format!("f: func i64, blk:{n}(x)\nret 0\nendfunc")))
            .collect(),
        Expect::Any,
    );
    add(
        "huge displacements and scales",
        [
            "mov b, i64:9223372036854775807(a, a, 8)",
            "mov b, i64:-9223372036854775808(a, a, 255)",
            "mov b, i64:(, a, 256)",
            "alloca b, 18446744073709551615",
            "alloca b, 9223372036854775807",
            "mov b, blk:(a)",
            "ret i64:(a)",
        ]
        .iter()
        .map(|b| in_func(b))
        .collect(),
        Expect::Any,
    );
    add(
        "huge data repetitions",
        [
            "d: u8",
            "d: ld",
            "d: i64 18446744073709551615",
            "d: u64 -18446744073709551615",
            "d: i8 99999",
            "l: lref L, 9223372036854775807",
            "r: ref r, -9223372036854775808",
            "e: expr e",
            "s: string \"\"",
        ]
        .iter()
        .map(|b| in_module(b))
        .collect(),
        Expect::Any,
    );
    add(
        "tiny inputs",
        [
            &b""[..],
            b"\0",
            b"\\",
            b"\"",
            b":",
            b"m:",
            b"m: module",
            b"m: module\n",
            b"m: module\nf: func",
            b"m: module\nf: func\n",
            b"\xef\xbb\xbfm: module\nendmodule\n",
            b"m: module\r",
            b"m: module\rendmodule",
            b"m:\0module",
            b"-",
            b"+",
            b"...",
            b"....",
            b"1",
            b"0x",
            b"1e",
            b"1e+",
            b".",
            b"-inf",
            b"\"\\",
            b"\"\\x",
            b"\"\\0",
            b"\"\\\r\n",
            b"#",
            b"#\r",
        ]
        .iter()
        .map(|b| b.to_vec())
        .collect(),
        Expect::Any,
    );
    add(
        "1 MB of random bytes",
        (0..4u64)
            .map(|s| random_bytes(MB / 4, 0x9e37_79b9_7f4a_7c15 ^ s, None))
            .collect(),
        Expect::Err,
    );
    let alphabet: &[u8] = b"ab: ,()\n;#\"\\0123456789.-+exfL\r";
    add(
        "1 MB of random MIR-ish characters",
        (0..4u64)
            .map(|s| {
                let mut v = b"m: module\nf: func i64, i64:a\n".to_vec();
                v.extend(random_bytes(MB / 4, 0xdead_beef ^ s, Some(alphabet)));
                v
            })
            .collect(),
        Expect::Any,
    );
    let words: Vec<&str> = "m: module endmodule f: func endfunc proto import export forward \
         local global i64:a d:x blk:8(b) ret mov add jmp L: L call p, f, a ( ) , ; \n \
         i64:(a, a, 8) 1 -1 1.5 1.5f 1.5L \"s\" bss 8 ref lref expr string switch"
        .split(' ')
        .collect();
    add(
        "random token soup",
        (0..16u64)
            .map(|s| {
                random_bytes(20_000, 0x1234_5678 ^ s, None)
                    .iter()
                    .fold(Vec::new(), |mut v, &b| {
                        v.extend_from_slice(words[b as usize % words.len()].as_bytes());
                        v.push(b' ');
                        v
                    })
            })
            .collect(),
        Expect::Any,
    );
    run_all(cases);
}
