//! The filetest runner.
//!
//! Every `tests/filetests/**/*.mir` file states its expectations in header
//! comments (see `tests/filetests/README.md`):
//!
//! * `# run: ARGS` — arguments for `main`;
//! * `# stdout: LINE` — one per expected output line;
//! * `# exit: N` — expected exit status (default 0);
//! * `# error: LINE:COL: TEXT` or `# error: TEXT` — reading, verifying or
//!   linking must fail with a diagnostic at that position containing TEXT;
//! * `# trap: TEXT` — the run must stop with a runtime error containing TEXT;
//! * `# needs: callbacks` — the program passes MIR functions to C, which a
//!   context without code generation refuses (that mode must then fail with
//!   a clear refusal, which is checked).
//!
//! Each file runs through the real `mirage` binary in every execution mode
//! available; every mode must give the expected result, so any difference
//! between modes fails. `MIRAGE_BLESS=1` rewrites the `# stdout:` and
//! `# exit:` headers from the interpreter's actual output.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Execution modes the runner compares: the interpreter (with and without
/// executable memory), the generator at every optimization level, and lazy
/// generation.
const MODES: &[&[&str]] = &[
    &["--mode", "interp"],
    &["--mode", "interp-no-code"],
    &["--mode", "jit", "-O0"],
    &["--mode", "jit", "-O1"],
    &["--mode", "jit", "-O2"],
    &["--mode", "lazy"],
];

#[derive(Default, Debug)]
struct Expect {
    args: Vec<String>,
    stdout: Vec<String>,
    exit: i32,
    error: Option<(Option<(u32, u32)>, String)>,
    trap: Option<String>,
    needs_callbacks: bool,
}

fn parse_header(text: &str) -> Expect {
    let mut e = Expect::default();
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        let Some(rest) = line.strip_prefix('#') else {
            if line.trim().is_empty() {
                continue;
            }
            break;
        };
        let rest = rest.strip_prefix(' ').unwrap_or(rest);
        if let Some(v) = rest.strip_prefix("run:") {
            e.args = v.split_whitespace().map(str::to_string).collect();
        } else if let Some(v) = rest.strip_prefix("stdout:") {
            e.stdout.push(v.strip_prefix(' ').unwrap_or(v).to_string());
        } else if let Some(v) = rest.strip_prefix("exit:") {
            e.exit = v.trim().parse().expect("bad # exit: value");
        } else if let Some(v) = rest.strip_prefix("error:") {
            let v = v.trim();
            let mut pos = None;
            let mut msg = v.to_string();
            let mut parts = v.splitn(3, ':');
            if let (Some(l), Some(c), Some(m)) = (parts.next(), parts.next(), parts.next()) {
                if let (Ok(l), Ok(c)) = (l.trim().parse(), c.trim().parse()) {
                    pos = Some((l, c));
                    msg = m.trim().to_string();
                }
            }
            e.error = Some((pos, msg));
        } else if let Some(v) = rest.strip_prefix("trap:") {
            e.trap = Some(v.trim().to_string());
        } else if let Some(v) = rest.strip_prefix("needs:") {
            e.needs_callbacks |= v.contains("callbacks");
        }
    }
    e
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .unwrap()
        .to_path_buf()
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = rd.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|x| x == "mir") {
            out.push(p);
        }
    }
}

struct Outcome {
    stdout: String,
    stderr: String,
    code: Option<i32>,
}

fn mirage(args: &[&str]) -> Outcome {
    let out = Command::new(env!("CARGO_BIN_EXE_mirage"))
        .args(args)
        .output()
        .expect("cannot run mirage");
    Outcome {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        code: out.status.code(),
    }
}

fn run_file(path: &Path, bless: bool) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let e = parse_header(&text);
    let file = path.to_str().unwrap();
    if let Some((pos, msg)) = &e.error {
        // Reading and verifying must fail, or else linking must.
        let check = mirage(&["check", file]);
        let out = if check.code == Some(0) {
            mirage(&["run", file])
        } else {
            check
        };
        if out.code == Some(0) {
            return Err("expected an error, but the program was accepted".into());
        }
        if out.code != Some(1) {
            return Err(format!(
                "expected exit status 1 with a diagnostic, got {:?}:\n{}",
                out.code, out.stderr
            ));
        }
        let want_pos = pos.map(|(l, c)| format!(":{l}:{c}: "));
        let ok = out.stderr.lines().any(|l| {
            l.contains(msg.as_str()) && want_pos.as_ref().is_none_or(|p| l.contains(p.as_str()))
        });
        if !ok {
            return Err(format!(
                "expected error {}{msg:?}, got:\n{}",
                want_pos.unwrap_or_default(),
                out.stderr
            ));
        }
        return Ok(());
    }
    let mut reference: Option<(String, Option<i32>)> = None;
    for &mode_args in MODES {
        let mode = mode_args.join(" ");
        let mode = mode.trim_start_matches("--mode ");
        let mut args = vec!["run"];
        args.extend_from_slice(mode_args);
        args.push(file);
        if !e.args.is_empty() {
            args.push("--");
            args.extend(e.args.iter().map(String::as_str));
        }
        let out = mirage(&args);
        if mode == "interp-no-code" && e.needs_callbacks {
            if out.code == Some(0) || !out.stderr.contains("code generation") {
                return Err(format!(
                    "[{mode}] expected a clear refusal to call back into MIR, got {:?}:\n{}",
                    out.code, out.stderr
                ));
            }
            continue;
        }
        // The generator handles every verified function: no mode that
        // generates code may fall back to the interpreter.
        if out.stderr.contains("runs in the interpreter") {
            return Err(format!("[{mode}] generation fell back:\n{}", out.stderr));
        }
        if let Some(t) = &e.trap {
            if out.code == Some(0) || !out.stderr.contains(t.as_str()) {
                return Err(format!(
                    "[{mode}] expected trap {t:?}, got {:?}:\n{}",
                    out.code, out.stderr
                ));
            }
            if out.code.is_none() {
                return Err(format!("[{mode}] killed by a signal:\n{}", out.stderr));
            }
            continue;
        }
        if let Some((s, c)) = &reference {
            if *s != out.stdout || *c != out.code {
                return Err(format!(
                    "[{mode}] differs from {}: stdout {:?} exit {:?} vs {:?} exit {:?}\n{}",
                    MODES[0].join(" "),
                    out.stdout,
                    out.code,
                    s,
                    c,
                    out.stderr
                ));
            }
        } else {
            reference = Some((out.stdout.clone(), out.code));
        }
        if bless && mode_args == MODES[0] {
            if out.code.is_none() {
                return Err(format!("killed by a signal:\n{}", out.stderr));
            }
            rewrite_header(path, &text, &out.stdout, out.code.unwrap_or(-1))?;
            continue;
        }
        let got: Vec<&str> = out.stdout.lines().collect();
        let want: Vec<&str> = e.stdout.iter().map(String::as_str).collect();
        if got != want || out.code != Some(e.exit) {
            return Err(format!(
                "[{mode}] expected stdout {want:?} exit {}, got stdout {got:?} exit {:?}\nstderr:\n{}",
                e.exit, out.code, out.stderr
            ));
        }
    }
    Ok(())
}

fn rewrite_header(path: &Path, text: &str, stdout: &str, code: i32) -> Result<(), String> {
    let mut lines: Vec<&str> = text.lines().collect();
    let header_end = lines
        .iter()
        .position(|l| !l.starts_with('#') && !l.trim().is_empty())
        .unwrap_or(lines.len());
    let mut new_header: Vec<String> = lines[..header_end]
        .iter()
        .filter(|l| !l.starts_with("# stdout:") && !l.starts_with("# exit:"))
        .map(|l| l.to_string())
        .collect();
    for l in stdout.lines() {
        new_header.push(format!("# stdout: {l}"));
    }
    if code != 0 {
        new_header.push(format!("# exit: {code}"));
    }
    let rest = lines.split_off(header_end);
    let mut out = new_header.join("\n");
    out.push('\n');
    out.push_str(&rest.join("\n"));
    out.push('\n');
    std::fs::write(path, out).map_err(|e| e.to_string())
}

#[test]
fn filetests() {
    let root = workspace_root().join("tests/filetests");
    let mut files = Vec::new();
    collect(&root, &mut files);
    assert!(
        !files.is_empty(),
        "no filetests found under {}",
        root.display()
    );
    let bless = std::env::var_os("MIRAGE_BLESS").is_some();
    let next = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(f) = files.get(i) else { break };
                if let Err(msg) = run_file(f, bless) {
                    let rel = f.strip_prefix(&root).unwrap_or(f);
                    failures
                        .lock()
                        .unwrap()
                        .push(format!("{}: {msg}", rel.display()));
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    eprintln!(
        "filetests: {} passed, {} failed",
        files.len() - failures.len(),
        failures.len()
    );
    if !failures.is_empty() {
        panic!(
            "{} filetest(s) failed:\n{}",
            failures.len(),
            failures.join("\n\n")
        );
    }
}

/// Golden disassembly tests: `tests/disasm/*.mir` name a function
/// (`# disasm: FUNC`) and a level (`# opt: N`, default 2) and list the
/// expected `mirage dump --asm` output as `# asm:` lines. The generator is
/// deterministic and `dump` uses placeholder addresses, so the text is the
/// same on every run. `MIRAGE_BLESS=1` rewrites the `# asm:` lines.
#[test]
fn disasm_golden() {
    let root = workspace_root().join("tests/disasm");
    let mut files = Vec::new();
    collect(&root, &mut files);
    assert!(
        !files.is_empty(),
        "no golden files under {}",
        root.display()
    );
    let bless = std::env::var_os("MIRAGE_BLESS").is_some();
    let mut failures = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        let header: Vec<&str> = text.lines().take_while(|l| l.starts_with('#')).collect();
        let get = |key: &str| {
            header
                .iter()
                .find_map(|l| l.strip_prefix(key).map(|v| v.trim().to_string()))
        };
        let func = get("# disasm:").expect("# disasm: FUNC missing");
        let opt = get("# opt:").unwrap_or_else(|| "2".into());
        let want: Vec<String> = header
            .iter()
            .filter_map(|l| l.strip_prefix("# asm: ").map(str::to_string))
            .collect();
        let out = mirage(&[
            "dump",
            "--asm",
            &format!("-O{opt}"),
            &func,
            f.to_str().unwrap(),
        ]);
        if out.code != Some(0) {
            failures.push(format!("{}: dump failed:\n{}", f.display(), out.stderr));
            continue;
        }
        let got: Vec<String> = out
            .stdout
            .lines()
            .map(|l| l.trim_end().to_string())
            .collect();
        if bless {
            let mut new: Vec<String> = header
                .iter()
                .filter(|l| !l.starts_with("# asm:"))
                .map(|l| l.to_string())
                .collect();
            new.extend(got.iter().map(|l| format!("# asm: {l}")));
            let body: Vec<&str> = text.lines().skip_while(|l| l.starts_with('#')).collect();
            std::fs::write(f, format!("{}\n{}\n", new.join("\n"), body.join("\n"))).unwrap();
        } else if got != want {
            failures.push(format!(
                "{}: disassembly differs (MIRAGE_BLESS=1 to accept):\n--- expected\n{}\n--- got\n{}",
                f.display(),
                want.join("\n"),
                got.join("\n")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
