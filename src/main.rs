use std::process::ExitCode;

fn main() -> ExitCode {
    redbrief::cli::run()
}
