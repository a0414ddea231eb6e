//! `mirage bench`: the benchmark suite in `bench/` against gcc -O2.
//!
//! Every program of `bench/sizes.txt` exists twice, as `NAME.c` and
//! `NAME.mir`. The harness builds the C versions with `gcc -O2 -w -lm` into a
//! temporary directory, then for each program runs the gcc binary and this
//! very `mirage` binary (`mirage run --mode MODE bench/NAME.mir -- SIZE`) for
//! every requested mode. The engines alternate within each round (gcc,
//! mode 1, mode 2, ..., then again), so that noise from other users of the
//! machine hits all engines alike. Every output is compared with
//! `bench/expected/NAME.{quick,default}`; a wrong output, crash, non-zero
//! exit or timeout is reported with details and makes the exit status
//! non-zero, and the harness goes on with the other programs and modes.
//!
//! Each run's wall time and peak resident memory (`ru_maxrss` from `wait4`)
//! are recorded; with `--compile-only` support in `mirage run`, the time to
//! read, verify, link and lower/generate every function is measured too.
//! The result is a Markdown table on stdout (median time, ratio to gcc,
//! peak memory, compile-only time; the geometric mean of the ratios; the
//! median run-to-run spread `max/min - 1` per engine), `latest.json` with
//! every run time and the machine, and `latest.svg`, a grouped bar chart of
//! the ratios on a log scale.
//!
//! `--quick` is the CI check: quick sizes, one run, no compile-only runs,
//! outputs checked, no timings printed and no result files written.

mod json;
mod measure;
mod report;
mod stats;
mod svg;
mod sysinfo;

use measure::Status;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Duration;

#[derive(clap::Args)]
pub struct BenchArgs {
    /// Check only: quick sizes, one run, outputs compared with
    /// bench/expected/NAME.quick; no timings, no result files.
    #[arg(long)]
    quick: bool,
    /// Timed rounds per program (each round runs every engine once).
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..))]
    runs: u32,
    /// Engines to measure, comma-separated: a `mirage run --mode` name,
    /// optionally with an optimization level as `MODE-O<N>` (`jit-O0`,
    /// `lazy-O1`; plain `jit` uses run's default level).
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "interp,jit-O0,jit-O1,jit,lazy",
        value_name = "MODE,..."
    )]
    modes: Vec<String>,
    /// Programs to run, comma-separated (default: all of bench/sizes.txt).
    #[arg(long, value_delimiter = ',', value_name = "NAME,...")]
    programs: Vec<String>,
    /// The directory with NAME.c, NAME.mir, sizes.txt and expected/.
    #[arg(long, default_value = "bench", value_name = "DIR")]
    bench_dir: PathBuf,
    /// Where latest.json and latest.svg go [default: BENCH_DIR/results].
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Time limit of one run in seconds [default: 60 with --quick, else 900].
    #[arg(long, value_name = "SECS")]
    timeout: Option<f64>,
}

/// What went wrong with an engine on a program.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailKind {
    /// gcc could not build the C version.
    Build,
    /// Non-zero exit, a signal, or the run could not be started.
    Crash,
    /// Exit status 0 but the output differs from the expected one.
    Wrong,
    /// Killed after the time limit.
    Timeout,
}

impl FailKind {
    /// The table cell.
    pub fn cell(self) -> &'static str {
        match self {
            FailKind::Build => "build error",
            FailKind::Crash => "FAIL",
            FailKind::Wrong => "WRONG",
            FailKind::Timeout => "timeout",
        }
    }

    /// The `status` in latest.json.
    pub fn json(self) -> &'static str {
        match self {
            FailKind::Build => "build-error",
            FailKind::Crash => "failed",
            FailKind::Wrong => "wrong-output",
            FailKind::Timeout => "timeout",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Failure {
    pub kind: FailKind,
    pub detail: String,
}

/// One engine (gcc or a mirage mode) on one program.
#[derive(Debug)]
pub struct EngineResult {
    pub engine: String,
    /// Wall seconds of every run whose output was right.
    pub times: Vec<f64>,
    /// Peak resident KiB of those runs.
    pub rss_kb: Vec<u64>,
    /// User + system CPU seconds of those runs (steadier than wall time on
    /// a busy machine; recorded in latest.json only).
    pub cpu_times: Vec<f64>,
    /// Milliseconds of every `--compile-only` run that succeeded.
    pub compile_ms: Vec<f64>,
    /// The first failure; the engine is not run again on this program.
    pub failure: Option<Failure>,
    pub compile_failure: Option<String>,
}

impl EngineResult {
    fn new(engine: &str) -> EngineResult {
        EngineResult {
            engine: engine.to_string(),
            times: Vec::new(),
            rss_kb: Vec::new(),
            cpu_times: Vec::new(),
            compile_ms: Vec::new(),
            failure: None,
            compile_failure: None,
        }
    }

    /// The median time, if every run was right.
    pub fn median(&self) -> Option<f64> {
        self.failure
            .is_none()
            .then(|| stats::median(&self.times))
            .flatten()
    }

    pub fn spread(&self) -> Option<f64> {
        self.failure
            .is_none()
            .then(|| stats::spread(&self.times))
            .flatten()
    }

    pub fn peak_rss_kb(&self) -> Option<u64> {
        self.failure
            .is_none()
            .then(|| self.rss_kb.iter().copied().max())
            .flatten()
    }

    pub fn compile_median_ms(&self) -> Option<f64> {
        self.compile_failure
            .is_none()
            .then(|| stats::median(&self.compile_ms))
            .flatten()
    }
}

/// All engines on one program; `engines[0]` is gcc, then the modes in order.
#[derive(Debug)]
pub struct ProgramResult {
    pub name: String,
    pub size: u64,
    pub engines: Vec<EngineResult>,
}

impl ProgramResult {
    /// Engine `i`'s median time relative to gcc's.
    pub fn ratio(&self, i: usize) -> Option<f64> {
        let gcc = self.engines.first()?.median()?;
        let t = self.engines.get(i)?.median()?;
        (gcc > 0.0).then(|| t / gcc)
    }
}

/// One line of bench/sizes.txt.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Sizes {
    name: String,
    quick: u64,
    default: u64,
}

/// Parses `name quick default` lines; `#` starts a comment.
fn parse_sizes(text: &str) -> Result<Vec<Sizes>, String> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split_whitespace().collect();
        let parsed = match f.as_slice() {
            [name, q, d] => q
                .parse()
                .ok()
                .zip(d.parse().ok())
                .map(|(quick, default)| Sizes {
                    name: name.to_string(),
                    quick,
                    default,
                }),
            _ => None,
        };
        out.push(parsed.ok_or_else(|| {
            format!(
                "line {}: expected `name quick default`, got `{line}`",
                n + 1
            )
        })?);
    }
    Ok(out)
}

/// Compares an output with the expected one; on a difference, describes it
/// line by line (at most `max` differing lines).
fn compare_output(expected: &[u8], got: &[u8], max: usize) -> Option<String> {
    if expected == got {
        return None;
    }
    let e = String::from_utf8_lossy(expected);
    let g = String::from_utf8_lossy(got);
    let el: Vec<&str> = e.lines().collect();
    let gl: Vec<&str> = g.lines().collect();
    let mut out = String::new();
    let mut shown = 0;
    let mut differing = 0;
    for i in 0..el.len().max(gl.len()) {
        let (a, b) = (el.get(i), gl.get(i));
        if a == b {
            continue;
        }
        differing += 1;
        if shown == max {
            continue;
        }
        shown += 1;
        out.push_str(&format!("    line {}:\n", i + 1));
        out.push_str(&format!(
            "      expected: {}\n",
            a.map_or("(no line)".into(), |s| format!("{s:?}"))
        ));
        out.push_str(&format!(
            "      got:      {}\n",
            b.map_or("(no line)".into(), |s| format!("{s:?}"))
        ));
    }
    if differing > shown {
        out.push_str(&format!("    ... and {} more lines\n", differing - shown));
    }
    if differing == 0 {
        // Same lines, different bytes: a missing or extra final newline.
        out.push_str(&format!(
            "    final newline: expected {}, got {}\n",
            expected.ends_with(b"\n"),
            got.ends_with(b"\n")
        ));
    }
    Some(out)
}

/// The last `n` non-empty lines of a child's stderr, indented.
fn stderr_tail(stderr: &[u8], n: usize) -> String {
    let s = String::from_utf8_lossy(stderr);
    let lines: Vec<&str> = s.lines().filter(|l| !l.trim().is_empty()).collect();
    let mut out = String::new();
    if lines.len() > n {
        out.push_str(&format!("    ... ({} lines of stderr)\n", lines.len()));
    }
    for l in &lines[lines.len().saturating_sub(n)..] {
        let l: String = l.chars().take(300).collect();
        out.push_str(&format!("    | {l}\n"));
    }
    out
}

/// Classifies a finished run against the expected output.
fn judge(m: &measure::Measured, expected: &[u8], timeout: Duration) -> Option<Failure> {
    let fail = |kind, detail: String| Some(Failure { kind, detail });
    match m.status {
        Status::TimedOut => fail(
            FailKind::Timeout,
            format!("timed out after {:.0} s\n", timeout.as_secs_f64()),
        ),
        Status::Signaled(sig) => fail(
            FailKind::Crash,
            format!(
                "killed by signal {sig} ({})\n{}",
                measure::signal_name(sig),
                stderr_tail(&m.stderr, 6)
            ),
        ),
        Status::Exited(c) if c != 0 => fail(
            FailKind::Crash,
            format!("exit status {c}\n{}", stderr_tail(&m.stderr, 6)),
        ),
        Status::Exited(_) => compare_output(expected, &m.stdout, 8).map(|d| Failure {
            kind: FailKind::Wrong,
            detail: format!("wrong output\n{d}"),
        }),
    }
}

/// A command line as it could be typed into a shell.
fn shell_line(args: impl IntoIterator<Item = String>) -> String {
    args.into_iter()
        .map(|a| {
            if !a.is_empty()
                && a.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_./=,:+@%".contains(c))
            {
                a
            } else {
                format!("'{}'", a.replace('\'', "'\\''"))
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Everything a run of the harness needs.
struct Bench {
    quick: bool,
    rounds: u32,
    timeout: Duration,
    modes: Vec<String>,
    programs: Vec<Sizes>,
    bench_dir: PathBuf,
    out_dir: PathBuf,
    mirage: PathBuf,
    /// Temporary: gcc binaries and captured output.
    work: PathBuf,
    gcc_version: String,
    compile_only: bool,
}

fn err<T>(msg: impl std::fmt::Display) -> Result<T, String> {
    Err(msg.to_string())
}

impl Bench {
    fn setup(args: BenchArgs) -> Result<Bench, String> {
        let sizes_path = args.bench_dir.join("sizes.txt");
        let text = std::fs::read_to_string(&sizes_path)
            .map_err(|e| format!("cannot read {}: {e}", sizes_path.display()))?;
        let all = parse_sizes(&text).map_err(|e| format!("{}: {e}", sizes_path.display()))?;
        let programs = if args.programs.is_empty() {
            all
        } else {
            let mut sel = Vec::new();
            for name in args.programs.iter().filter(|p| !p.is_empty()) {
                match all.iter().find(|s| &s.name == name) {
                    Some(s) if !sel.contains(s) => sel.push(s.clone()),
                    Some(_) => {}
                    None => {
                        let known: Vec<&str> = all.iter().map(|s| s.name.as_str()).collect();
                        return err(format!(
                            "unknown program `{name}` (known: {})",
                            known.join(", ")
                        ));
                    }
                }
            }
            sel
        };
        if programs.is_empty() {
            return err("no programs to run");
        }
        for p in &programs {
            for ext in ["c", "mir"] {
                let f = args.bench_dir.join(format!("{}.{ext}", p.name));
                if !f.is_file() {
                    return err(format!("missing {}", f.display()));
                }
            }
        }
        let mut modes: Vec<String> = Vec::new();
        for m in args.modes.iter().filter(|m| !m.is_empty()) {
            if !modes.contains(m) {
                modes.push(m.clone());
            }
        }
        let gcc_version = match Command::new("gcc").arg("--version").output() {
            Ok(o) if o.status.success() => String::from_utf8_lossy(&o.stdout)
                .lines()
                .next()
                .unwrap_or("gcc")
                .to_string(),
            Ok(o) => return err(format!("`gcc --version` failed: {}", o.status)),
            Err(e) => {
                return err(format!(
                    "cannot run gcc ({e}); gcc is needed to build the C baselines"
                ))
            }
        };
        let mirage = std::env::current_exe()
            .map_err(|e| format!("cannot find the mirage binary itself: {e}"))?;
        let work = std::env::temp_dir().join(format!("mirage-bench-{}", std::process::id()));
        std::fs::create_dir_all(&work)
            .map_err(|e| format!("cannot create {}: {e}", work.display()))?;
        let compile_only = !args.quick && supports_compile_only(&mirage);
        Ok(Bench {
            quick: args.quick,
            rounds: if args.quick { 1 } else { args.runs },
            timeout: Duration::from_secs_f64(
                args.timeout
                    .filter(|t| *t > 0.0 && t.is_finite())
                    .unwrap_or(if args.quick { 60.0 } else { 900.0 }),
            ),
            modes,
            programs,
            out_dir: args.out.unwrap_or_else(|| args.bench_dir.join("results")),
            bench_dir: args.bench_dir,
            mirage,
            work,
            gcc_version,
            compile_only,
        })
    }

    fn size(&self, p: &Sizes) -> u64 {
        if self.quick {
            p.quick
        } else {
            p.default
        }
    }

    /// Builds every C program in parallel; per program the binary or the
    /// compiler's complaint.
    fn build_c(&self) -> Vec<Result<PathBuf, String>> {
        let jobs = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
        let next = std::sync::atomic::AtomicUsize::new(0);
        let slots: Vec<std::sync::Mutex<Option<Result<PathBuf, String>>>> =
            self.programs.iter().map(|_| Default::default()).collect();
        std::thread::scope(|s| {
            for _ in 0..jobs {
                s.spawn(|| loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    let Some(p) = self.programs.get(i) else { break };
                    let r = self.build_one(&p.name);
                    *slots[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(r);
                });
            }
        });
        slots
            .into_iter()
            .map(|m| {
                m.into_inner()
                    .unwrap_or_else(|e| e.into_inner())
                    .unwrap_or_else(|| Err("not built".into()))
            })
            .collect()
    }

    fn build_one(&self, name: &str) -> Result<PathBuf, String> {
        let exe = self.work.join(name);
        let src = self.bench_dir.join(format!("{name}.c"));
        let out = Command::new("gcc")
            .args(["-O2", "-w", "-o"])
            .arg(&exe)
            .arg(&src)
            .arg("-lm")
            .output()
            .map_err(|e| format!("cannot run gcc: {e}"))?;
        if out.status.success() {
            Ok(exe)
        } else {
            Err(format!(
                "gcc -O2 -w {} -lm failed ({})\n{}",
                src.display(),
                out.status,
                stderr_tail(&out.stderr, 8)
            ))
        }
    }

    fn mir_file(&self, p: &Sizes) -> PathBuf {
        self.bench_dir.join(format!("{}.mir", p.name))
    }

    /// The command for engine `i` (0 = gcc) on program `p`.
    fn command(&self, i: usize, p: &Sizes, gcc_exe: &Path) -> Command {
        let size = self.size(p).to_string();
        if i == 0 {
            let mut c = Command::new(gcc_exe);
            c.arg(size);
            c
        } else {
            let mut c = Command::new(&self.mirage);
            c.arg("run")
                .args(mode_args(&self.modes[i - 1]))
                .arg(self.mir_file(p))
                .args(["--", &size]);
            c
        }
    }

    fn compile_command(&self, mode: &str, p: &Sizes) -> Command {
        let mut c = Command::new(&self.mirage);
        c.arg("run")
            .args(mode_args(mode))
            .arg("--compile-only")
            .arg(self.mir_file(p));
        c
    }

    /// Runs every engine on one program for all rounds, round-robin.
    fn run_program(
        &self,
        p: &Sizes,
        gcc: &Result<PathBuf, String>,
        log: &mut dyn FnMut(&str),
    ) -> ProgramResult {
        let mut res = ProgramResult {
            name: p.name.clone(),
            size: self.size(p),
            engines: std::iter::once("gcc")
                .chain(self.modes.iter().map(String::as_str))
                .map(EngineResult::new)
                .collect(),
        };
        let gcc_exe = match gcc {
            Ok(exe) => exe.clone(),
            Err(e) => {
                res.engines[0].failure = Some(Failure {
                    kind: FailKind::Build,
                    detail: e.clone(),
                });
                PathBuf::new()
            }
        };
        let kind = if self.quick { "quick" } else { "default" };
        let exp_path = self
            .bench_dir
            .join("expected")
            .join(format!("{}.{kind}", p.name));
        let expected = match std::fs::read(&exp_path) {
            Ok(e) => e,
            Err(e) => {
                let detail = format!("cannot read {}: {e}", exp_path.display());
                for eng in &mut res.engines {
                    eng.failure.get_or_insert(Failure {
                        kind: FailKind::Crash,
                        detail: detail.clone(),
                    });
                }
                return res;
            }
        };
        for round in 0..self.rounds {
            if !self.quick {
                log(&format!("  round {}/{}:", round + 1, self.rounds));
            }
            for i in 0..res.engines.len() {
                if res.engines[i].failure.is_some() {
                    continue;
                }
                let mut cmd = self.command(i, p, &gcc_exe);
                let failure = match measure::run(&mut cmd, self.timeout, &self.work) {
                    Ok(m) => {
                        let f = judge(&m, &expected, self.timeout);
                        if f.is_none() {
                            let eng = &mut res.engines[i];
                            eng.times.push(m.wall.as_secs_f64());
                            eng.rss_kb.push(m.maxrss_kb);
                            eng.cpu_times.push(m.cpu.as_secs_f64());
                            if !self.quick {
                                log(&format!(" {} {:.3}s", eng.engine, m.wall.as_secs_f64()));
                            }
                        }
                        f
                    }
                    Err(e) => Some(Failure {
                        kind: FailKind::Crash,
                        detail: format!("cannot run {:?}: {e}\n", cmd.get_program()),
                    }),
                };
                if let Some(f) = failure {
                    if !self.quick {
                        log(&format!(" {} {}", res.engines[i].engine, f.kind.cell()));
                    }
                    res.engines[i].failure = Some(f);
                }
            }
            if self.compile_only {
                for i in 1..res.engines.len() {
                    if res.engines[i].compile_failure.is_some() {
                        continue;
                    }
                    let mut cmd = self.compile_command(&self.modes[i - 1], p);
                    let eng = &mut res.engines[i];
                    match measure::run(&mut cmd, self.timeout, &self.work) {
                        Ok(m) if m.status == Status::Exited(0) => {
                            let ms = m.wall.as_secs_f64() * 1e3;
                            eng.compile_ms.push(ms);
                            log(&format!(" {}:compile {ms:.1}ms", eng.engine));
                        }
                        Ok(m) => {
                            let why = match m.status {
                                Status::TimedOut => "timed out".to_string(),
                                Status::Signaled(s) => {
                                    format!("killed by {}", measure::signal_name(s))
                                }
                                Status::Exited(c) => format!("exit status {c}"),
                            };
                            eng.compile_failure =
                                Some(format!("{why}\n{}", stderr_tail(&m.stderr, 6)));
                            log(&format!(" {}:compile FAIL", eng.engine));
                        }
                        Err(e) => eng.compile_failure = Some(format!("cannot run: {e}\n")),
                    }
                }
            }
            if !self.quick {
                log("\n");
            }
        }
        res
    }
}

/// The `mirage run` options selecting the engine `spec` names: `MODE` or
/// `MODE-O<N>`.
fn mode_args(spec: &str) -> Vec<String> {
    if let Some((mode, level)) = spec.rsplit_once("-O") {
        if !mode.is_empty() && !level.is_empty() && level.chars().all(|c| c.is_ascii_digit()) {
            return vec!["--mode".into(), mode.into(), format!("-O{level}")];
        }
    }
    vec!["--mode".into(), spec.into()]
}

/// Whether `mirage run` of this binary knows `--compile-only`.
fn supports_compile_only(mirage: &Path) -> bool {
    Command::new(mirage)
        .args(["run", "--help"])
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("--compile-only"))
}

/// Prints every failure of a program (the table only says that it failed).
fn report_failures(p: &ProgramResult, out: &mut dyn Write) -> usize {
    let mut n = 0;
    for e in &p.engines {
        if let Some(f) = &e.failure {
            n += 1;
            let _ = write!(
                out,
                "FAIL {} ({}) {}: {}",
                p.name, p.size, e.engine, f.detail
            );
        }
        if let Some(c) = &e.compile_failure {
            n += 1;
            let _ = write!(out, "FAIL {} {} --compile-only: {c}", p.name, e.engine);
        }
    }
    n
}

pub fn bench(args: BenchArgs) -> ExitCode {
    let b = match Bench::setup(args) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("mirage: error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let status = b.run();
    let _ = std::fs::remove_dir_all(&b.work);
    status
}

impl Bench {
    fn run(&self) -> ExitCode {
        let machine = sysinfo::Machine::detect();
        let date = sysinfo::now_utc();
        let command = shell_line(std::env::args());
        let profile = if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        };
        let mut stderr = std::io::stderr();
        if !self.quick {
            eprintln!(
                "mirage bench: {} programs, engines gcc{}{}, {} rounds, default sizes, time limit {:.0} s per run",
                self.programs.len(),
                if self.modes.is_empty() { "" } else { ", " },
                self.modes.join(", "),
                self.rounds,
                self.timeout.as_secs_f64()
            );
            if profile == "debug" {
                eprintln!("warning: this mirage is a debug build; its timings mean little");
            }
            if !self.compile_only {
                eprintln!(
                    "note: `mirage run` has no --compile-only yet; compile times are not measured"
                );
            }
        }
        eprintln!(
            "building {} C programs with gcc -O2 ...",
            self.programs.len()
        );
        let built = self.build_c();

        let mut results = Vec::new();
        let mut failures = 0;
        let total = self.programs.len();
        for (n, (p, gcc)) in self.programs.iter().zip(&built).enumerate() {
            if !self.quick {
                eprintln!("[{}/{total}] {} {}", n + 1, p.name, self.size(p));
            }
            let mut log = |s: &str| {
                let _ = stderr.write_all(s.as_bytes());
            };
            let r = self.run_program(p, gcc, &mut log);
            if self.quick {
                let mut stdout = std::io::stdout();
                let ok: Vec<&str> = r
                    .engines
                    .iter()
                    .filter(|e| e.failure.is_none())
                    .map(|e| e.engine.as_str())
                    .collect();
                if !ok.is_empty() {
                    println!("ok   {} ({}): {}", r.name, r.size, ok.join(" "));
                }
                failures += report_failures(&r, &mut stdout);
            } else {
                failures += report_failures(&r, &mut stderr);
            }
            results.push(r);
        }

        let checks = results.len() * (self.modes.len() + 1);
        if self.quick {
            println!(
                "{} checks ({} programs x {} engines): {} passed, {failures} failed",
                checks,
                results.len(),
                self.modes.len() + 1,
                checks
                    - results
                        .iter()
                        .map(|r| r.engines.iter().filter(|e| e.failure.is_some()).count())
                        .sum::<usize>(),
            );
            return if failures == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            };
        }

        // The table.
        println!(
            "mirage bench, {date}: {} ({}, {} CPUs, load {} at start), {}, mirage {profile} build; \
             median of {} runs at the default sizes; wall seconds; ×gcc = time / gcc's time; \
             MB = peak RSS{}.",
            machine.cpu,
            machine.arch,
            machine.nproc,
            machine.loadavg.map_or("?".into(), |l| format!("{l:.2}")),
            self.gcc_version,
            self.rounds,
            if self.compile_only {
                "; compile ms = `mirage run --compile-only` (read, verify, link, lower every function), median"
            } else {
                ""
            }
        );
        println!();
        print!(
            "{}",
            report::results_table(&results, &self.modes, self.compile_only).render()
        );
        println!();
        println!(
            "geomean: geometric mean of the ratios over the programs where both engines succeeded."
        );
        println!("median spread: median over programs of (slowest run / fastest run - 1).");

        // The files.
        let meta = report::Meta {
            date: &date,
            machine: &machine,
            command: &command,
            runs: self.rounds,
            timeout_s: self.timeout.as_secs_f64(),
            modes: &self.modes,
            mirage_exe: &self.mirage.display().to_string(),
            mirage_profile: profile,
            gcc_version: &self.gcc_version,
            compile_only: self.compile_only,
        };
        let json = report::results_json(&meta, &results).render();
        let names: Vec<String> = results.iter().map(|r| r.name.clone()).collect();
        let values = report::chart_values(&results, &self.modes);
        let subtitle = format!(
            "{date}, {} ({}), median of {} runs, default sizes",
            machine.cpu, machine.arch, self.rounds
        );
        let svg = svg::bar_chart(&svg::Chart {
            title: "mirage run time relative to gcc -O2 (lower is better)",
            subtitle: &subtitle,
            y_label: "time / gcc -O2 time (log scale)",
            x_label: "program",
            one_label: "gcc -O2 = 1",
            groups: &names,
            series: &self.modes,
            values: &values,
        });
        let mut write_ok = true;
        if let Err(e) = std::fs::create_dir_all(&self.out_dir) {
            eprintln!(
                "mirage: error: cannot create {}: {e}",
                self.out_dir.display()
            );
            write_ok = false;
        } else {
            for (name, text) in [("latest.json", &json), ("latest.svg", &svg)] {
                let path = self.out_dir.join(name);
                match std::fs::write(&path, text) {
                    Ok(()) => eprintln!("wrote {}", path.display()),
                    Err(e) => {
                        eprintln!("mirage: error: cannot write {}: {e}", path.display());
                        write_ok = false;
                    }
                }
            }
        }
        if failures > 0 {
            eprintln!("{failures} failures (details above)");
        }
        if failures == 0 && write_ok {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_file() {
        let s =
            parse_sizes("# name quick default\n\nfib 15 42\nsieve   1000  40000000 # x\n").unwrap();
        assert_eq!(
            s,
            vec![
                Sizes {
                    name: "fib".into(),
                    quick: 15,
                    default: 42
                },
                Sizes {
                    name: "sieve".into(),
                    quick: 1000,
                    default: 40_000_000
                },
            ]
        );
        assert!(parse_sizes("fib 15\n").unwrap_err().contains("line 1"));
        assert!(parse_sizes("fib x 42\n").is_err());
    }

    #[test]
    fn the_real_sizes_file_parses() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../bench/sizes.txt");
        if let Ok(text) = std::fs::read_to_string(path) {
            let s = parse_sizes(&text).unwrap();
            assert!(s.iter().any(|p| p.name == "fib" && p.quick == 15));
        }
    }

    #[test]
    fn output_comparison() {
        assert_eq!(compare_output(b"a\nb\n", b"a\nb\n", 8), None);
        let d = compare_output(b"fib(15) = 610\n", b"fib(15) = 611\n", 8).unwrap();
        assert!(d.contains("line 1:"));
        assert!(d.contains("expected: \"fib(15) = 610\""));
        assert!(d.contains("got:      \"fib(15) = 611\""));
        let d = compare_output(b"a\nb\n", b"a\n", 8).unwrap();
        assert!(d.contains("line 2:") && d.contains("got:      (no line)"));
        let d = compare_output(b"a\n", b"a", 8).unwrap();
        assert!(d.contains("final newline: expected true, got false"));
        let d = compare_output(b"1\n2\n3\n", b"x\ny\nz\n", 1).unwrap();
        assert!(d.contains("... and 2 more lines"));
    }

    #[test]
    fn stderr_tails() {
        let t = stderr_tail(b"one\n\ntwo\nthree\n", 2);
        assert_eq!(t, "    ... (3 lines of stderr)\n    | two\n    | three\n");
        assert_eq!(stderr_tail(b"", 3), "");
    }

    #[test]
    fn mode_specs() {
        assert_eq!(mode_args("interp"), ["--mode", "interp"]);
        assert_eq!(mode_args("interp-no-code"), ["--mode", "interp-no-code"]);
        assert_eq!(mode_args("jit-O1"), ["--mode", "jit", "-O1"]);
        assert_eq!(mode_args("lazy-O0"), ["--mode", "lazy", "-O0"]);
        assert_eq!(mode_args("-O2"), ["--mode", "-O2"]);
        assert_eq!(mode_args("jit-Ox"), ["--mode", "jit-Ox"]);
    }

    #[test]
    fn shell_lines() {
        assert_eq!(
            shell_line(["mirage", "bench", "--modes", "interp,jit"].map(String::from)),
            "mirage bench --modes interp,jit"
        );
        assert_eq!(
            shell_line(["a b", "it's", ""].map(String::from)),
            "'a b' 'it'\\''s' ''"
        );
    }

    #[test]
    fn ratios_need_both_engines() {
        let mut gcc = EngineResult::new("gcc");
        gcc.times = vec![1.0, 3.0, 2.0];
        let mut m = EngineResult::new("interp");
        m.times = vec![20.0, 30.0, 40.0];
        let mut bad = EngineResult::new("jit");
        bad.times = vec![1.0];
        bad.failure = Some(Failure {
            kind: FailKind::Crash,
            detail: String::new(),
        });
        let p = ProgramResult {
            name: "x".into(),
            size: 1,
            engines: vec![gcc, m, bad],
        };
        assert_eq!(p.ratio(1), Some(15.0));
        assert_eq!(p.ratio(2), None);
        assert_eq!(p.ratio(3), None);
        assert_eq!(p.engines[1].spread(), Some(1.0));
    }
}
