//! The `mirage` command-line tool.
//!
//! `mirage check` reads and verifies MIR files, `mirage fmt` prints their
//! canonical text, `mirage run` links files and runs `main` like a C program,
//! `mirage bench` runs the benchmark suite. Diagnostics are printed with the
//! source line and a caret; every failure exits non-zero.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

mod bench;
mod dump;
mod run;

#[derive(Parser)]
#[command(name = "mirage", version, about = "A JIT compiler framework for MIR", long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// How `mirage run` executes the program.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ModeArg {
    /// The interpreter (no executable memory beyond the bridge's stubs).
    Interp,
    /// The interpreter in a context with code generation turned off: no
    /// executable page is mapped at all.
    InterpNoCode,
    /// Generate machine code for every function at link time.
    Jit,
    /// Generate each function's machine code on its first call (default).
    Lazy,
}

#[derive(Subcommand)]
enum Command {
    /// Read and verify MIR files; exit 1 with diagnostics on any error.
    Check {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Print the canonical text of a MIR file on stdout.
    Fmt { file: PathBuf },
    /// Link MIR files and call `main` with argc/argv; exit with its result.
    Run {
        /// Execution mode.
        #[arg(long, value_enum, default_value = "lazy")]
        mode: ModeArg,
        /// Print every executed instruction with its inputs and result.
        #[arg(long)]
        trace: bool,
        /// Read, verify, link and prepare every function, then exit
        /// without running main (for measuring compile time).
        #[arg(long)]
        compile_only: bool,
        /// Optimization level of generated code (jit and lazy modes).
        #[arg(short = 'O', long = "opt-level", default_value_t = 2, value_parser = clap::value_parser!(u8).range(0..=2))]
        opt_level: u8,
        /// Skip a generator pass (repeatable), e.g. `--disable-pass licm`.
        #[arg(long = "disable-pass")]
        disable_passes: Vec<String>,
        /// The MIR files to link together.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Arguments passed to main (after `--`).
        #[arg(last = true)]
        args: Vec<String>,
    },
    /// Show what the generator makes of a function: its disassembly, or
    /// the function after a pass (`--dump-after PASS`).
    Dump(dump::DumpArgs),
    /// Run the benchmark suite against gcc -O2 and print a table.
    Bench(bench::BenchArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check { files } => check(&files),
        Command::Fmt { file } => fmt(&file),
        Command::Run {
            mode,
            trace,
            compile_only,
            opt_level,
            disable_passes,
            files,
            args,
        } => run::run(
            run::RunOptions {
                mode,
                trace,
                compile_only,
                opt_level,
                disable_passes,
            },
            &files,
            &args,
        ),
        Command::Dump(args) => dump::dump(args),
        Command::Bench(args) => bench::bench(args),
    }
}

/// Reads one file; on error prints it and returns None.
pub fn read_file(path: &std::path::Path) -> Option<Vec<u8>> {
    match std::fs::read(path) {
        Ok(b) => Some(b),
        Err(e) => {
            eprintln!("{}: error: cannot read file: {e}", path.display());
            None
        }
    }
}

/// Reads and verifies one file, printing diagnostics on failure.
pub fn parse_file(path: &std::path::Path) -> Option<Vec<mirage_ir::Module>> {
    let src = read_file(path)?;
    let opts = mirage_ir::ReadOptions::file(path.display().to_string());
    match mirage_ir::read_modules(&src, &opts) {
        Ok(ms) => Some(ms),
        Err(errs) => {
            eprint!("{}", errs.render(Some(&src)));
            None
        }
    }
}

fn check(files: &[PathBuf]) -> ExitCode {
    let mut ok = true;
    for f in files {
        match parse_file(f) {
            // The process ends right after: skip freeing the IR (up to a
            // sixth of the time of `check` on large files), as compilers do.
            Some(modules) => std::mem::forget(modules),
            None => ok = false,
        }
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn fmt(file: &std::path::Path) -> ExitCode {
    match parse_file(file) {
        Some(ms) => {
            print!("{}", mirage_ir::write_modules(&ms));
            ExitCode::SUCCESS
        }
        None => ExitCode::FAILURE,
    }
}
