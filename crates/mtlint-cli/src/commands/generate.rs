//! `mtlint gen`: a corpus of generated valid and invalid responses.

use crate::args::GenArgs;

use super::CommandError;

/// Writes the corpus and says what it wrote (one line, with a final newline).
///
/// # Errors
/// A flag cannot be used, or the corpus cannot be written.
pub fn generate(args: &GenArgs) -> Result<String, CommandError> {
    let options = args.options().map_err(CommandError::Usage)?;
    let report = mtlint_gen::corpus::generate(&options)?;
    Ok(format!(
        "wrote {} samples ({} valid, {} invalid) to {}, listed in {}\n",
        report.samples.len(),
        report.valid(),
        report.invalid(),
        options.out.display(),
        options.out.join(mtlint_gen::manifest::FILE_NAME).display()
    ))
}
