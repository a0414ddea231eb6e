//! `mirage dump`: what the generator makes of a function.
//!
//! `--asm` prints the disassembly (iced-x86's decoder, Intel syntax);
//! `--dump-after PASS` prints the function after a generator pass. The code
//! is compiled against placeholder addresses (see
//! `mirage::compile_detached`), so the output is the same on every run and
//! can serve as a golden test.

use iced_x86::{Decoder, DecoderOptions, Formatter, Instruction, IntelFormatter};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct DumpArgs {
    /// Print the disassembly of the function.
    #[arg(long)]
    asm: bool,
    /// Print the function after this generator pass instead.
    #[arg(long = "dump-after")]
    dump_after: Option<String>,
    /// Optimization level.
    #[arg(short = 'O', long = "opt-level", default_value_t = 2, value_parser = clap::value_parser!(u8).range(0..=2))]
    opt_level: u8,
    /// Skip a generator pass (repeatable).
    #[arg(long = "disable-pass")]
    disable_passes: Vec<String>,
    /// The function to show.
    func: String,
    /// The MIR files (linked together).
    #[arg(required = true)]
    files: Vec<PathBuf>,
}

/// Disassembles `code` placed at `ip`, one instruction per line:
/// `offset: instruction`.
pub fn disassemble(code: &[u8], ip: u64) -> String {
    let mut decoder = Decoder::with_ip(64, code, ip, DecoderOptions::NONE);
    let mut fmt = IntelFormatter::new();
    fmt.options_mut().set_first_operand_char_index(8);
    let mut out = String::new();
    let mut text = String::new();
    let mut insn = Instruction::default();
    while decoder.can_decode() {
        decoder.decode_out(&mut insn);
        text.clear();
        fmt.format(&insn, &mut text);
        out.push_str(&format!("{:5x}: {text}\n", insn.ip() - ip));
    }
    out
}

pub fn dump(a: DumpArgs) -> ExitCode {
    let mut modules = Vec::new();
    for f in &a.files {
        let Some(ms) = crate::parse_file(f) else {
            return ExitCode::FAILURE;
        };
        modules.extend(ms);
    }
    let opts = mirage::CodegenOptions {
        opt_level: a.opt_level,
        disable: a.disable_passes,
        dump_after: a.dump_after.clone(),
    };
    let c = match mirage::compile_detached(&modules, &a.func, &opts) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("mirage: error: {e}");
            return ExitCode::FAILURE;
        }
    };
    if let Some(pass) = &a.dump_after {
        match &c.dump {
            Some(text) => print!("{text}"),
            None => {
                eprintln!(
                    "mirage: error: no pass named '{pass}' ran at -O{}",
                    a.opt_level
                );
                return ExitCode::FAILURE;
            }
        }
    }
    if a.asm || a.dump_after.is_none() {
        print!(
            "{}",
            disassemble(
                &c.code[..c.stats.code_bytes.min(c.code.len())],
                mirage::DETACHED_CODE
            )
        );
    }
    ExitCode::SUCCESS
}
