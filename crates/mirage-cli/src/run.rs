//! `mirage run`: link MIR files and call `main` the way a C program starts.
//!
//! `main` may be `func i32` (or any integer result) with no arguments, or
//! take `(argc, argv)`; argv[0] is the first file's name and the arguments
//! after `--` follow. The process exits with main's result (modulo 256, as
//! for any C program). Reading, verification and link errors exit with
//! status 1 and diagnostics; runtime errors (traps) exit with status 70.

use crate::ModeArg;
use mirage::{Context, ContextOptions, Mode, Val};
use std::ffi::CString;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};

/// Exit status for runtime errors (BSD's EX_SOFTWARE).
const TRAP_STATUS: u8 = 70;

/// Native stack for the program: deep recursion in generated code has room,
/// and a runaway recursion (tens of millions of frames) still ends in a
/// clean "stack overflow" error.
const PROGRAM_STACK: usize = 64 << 20;

/// What `mirage run` was asked to do.
pub struct RunOptions {
    pub mode: ModeArg,
    pub trace: bool,
    pub compile_only: bool,
    pub opt_level: u8,
    pub disable_passes: Vec<String>,
}

pub fn run(ro: RunOptions, files: &[PathBuf], args: &[String]) -> ExitCode {
    mirage::traps::install_trap_handlers();
    let files = files.to_vec();
    let args = args.to_vec();
    match mirage::traps::run_with_stack(PROGRAM_STACK, move || run_program(ro, &files, &args)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("mirage: error: cannot start the program thread: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run_program(ro: RunOptions, files: &[PathBuf], args: &[String]) -> ExitCode {
    let RunOptions {
        mode,
        trace,
        compile_only,
        opt_level,
        disable_passes,
    } = ro;
    let mut opts = ContextOptions {
        opt_level,
        disable_passes,
        perf_map: std::env::var_os("MIRAGE_PERF_MAP").is_some_and(|v| v == "1"),
        ..ContextOptions::default()
    };
    let link_mode = match mode {
        ModeArg::Interp => Mode::Interp,
        ModeArg::InterpNoCode => {
            opts.code_generation = false;
            Mode::Interp
        }
        ModeArg::Jit => Mode::Jit,
        ModeArg::Lazy => Mode::Lazy,
    };
    if trace {
        opts.trace = Some(Arc::new(Mutex::new(std::io::stderr())));
    }
    let mut ctx = Context::with_options(opts);
    for f in files {
        let Some(modules) = crate::parse_file(f) else {
            return ExitCode::FAILURE;
        };
        for m in modules {
            if let Err(e) = ctx.load_module(m) {
                eprintln!("{}: error: {e}", f.display());
                return ExitCode::FAILURE;
            }
        }
    }
    if let Err(e) = ctx.link(link_mode) {
        eprintln!("mirage: error: {e}");
        return ExitCode::FAILURE;
    }
    if compile_only {
        return match ctx.prepare_all() {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("mirage: error: {e}");
                ExitCode::FAILURE
            }
        };
    }
    let Some(main_proto) = ctx.program().ok().and_then(|p| {
        let f = p.find_func("main")?;
        Some(p.func_ir(f)?.sig.clone())
    }) else {
        eprintln!("mirage: error: no function 'main' to run");
        return ExitCode::FAILURE;
    };
    // argv: the first file's name, then the user's arguments.
    let argv0 = files[0].display().to_string();
    let cstrings: Vec<CString> = std::iter::once(argv0.as_str())
        .chain(args.iter().map(String::as_str))
        .map(|s| CString::new(s.replace('\0', "")).unwrap_or_default())
        .collect();
    let mut argv: Vec<*const std::ffi::c_char> = cstrings.iter().map(|c| c.as_ptr()).collect();
    argv.push(std::ptr::null());
    let call_args: Vec<Val> = match main_proto.params.len() {
        0 => vec![],
        1 => vec![Val::from_i64(cstrings.len() as i64)],
        2 => vec![
            Val::from_i64(cstrings.len() as i64),
            Val::from_i64(argv.as_ptr() as i64),
        ],
        n => {
            eprintln!("mirage: error: main takes {n} arguments; expected none or (argc, argv)");
            return ExitCode::FAILURE;
        }
    };
    let result = ctx.call("main", &call_args);
    let _ = std::io::stdout().flush();
    match result {
        Ok(res) => {
            let code = res.first().map_or(0, |v| v.i64());
            // Like C's exit: libc flushes its stdio buffers, the status is
            // taken modulo 256 by the system.
            std::process::exit(code as i32)
        }
        Err(e) => {
            // Flush what the program printed through C stdio first.
            // SAFETY: fflush(NULL) flushes every open output stream.
            unsafe { libc_fflush_all() };
            eprintln!("mirage: {e}");
            ExitCode::from(TRAP_STATUS)
        }
    }
}

extern "C" {
    fn fflush(stream: *mut std::ffi::c_void) -> i32;
}

/// Flushes C stdio (what the MIR program printed with printf & co).
unsafe fn libc_fflush_all() {
    // SAFETY: fflush(NULL) is defined to flush all output streams.
    unsafe {
        fflush(std::ptr::null_mut());
    }
}
