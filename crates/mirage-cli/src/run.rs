//! `mirage run`.
use crate::ModeArg;
use std::path::PathBuf;
use std::process::ExitCode;

pub fn run(_mode: ModeArg, _trace: bool, files: &[PathBuf], _args: &[String]) -> ExitCode {
    for f in files {
        if crate::parse_file(f).is_none() {
            return ExitCode::FAILURE;
        }
    }
    eprintln!("mirage: error: no execution mode is available yet");
    ExitCode::FAILURE
}
