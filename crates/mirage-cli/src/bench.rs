//! `mirage bench`.
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct BenchArgs {
    /// Small sizes, check outputs only, no timing claims.
    #[arg(long)]
    quick: bool,
}

pub fn bench(_a: BenchArgs) -> ExitCode {
    eprintln!("mirage: error: the benchmark harness is not available yet");
    ExitCode::FAILURE
}
