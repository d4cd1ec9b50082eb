//! The run's accounting: every input ends converted, failed or skipped.

use std::fmt;
use std::time::Duration;

use super::select::SkipReason;

/// Counts for one batch run.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    /// Inputs whose JSON was written.
    pub converted: u64,
    /// Inputs that failed (one error record each).
    pub failed: u64,
    /// Inputs seen but not converted, per reason in the order of [`SkipReason::ALL`].
    skipped: [u64; SkipReason::ALL.len()],
    /// Warnings in the converted documents.
    pub warnings: u64,
    /// Bytes read from the converted and failed inputs.
    pub bytes_read: u64,
    /// Wall-clock time of the run.
    pub elapsed: Duration,
    /// The run was interrupted (Ctrl-C) before every input was started; the inputs after
    /// the last one reported were not converted.
    pub interrupted: bool,
    /// `--fail-fast` stopped the run after a failure, before every input was started.
    pub stopped_on_failure: bool,
    /// Worker threads used (`-j`, capped at the inputs and [`super::max_threads`]).
    pub threads: usize,
}

impl Summary {
    /// Adds one skipped input.
    pub fn skip(&mut self, reason: SkipReason) {
        if let Some(n) = self.skipped.get_mut(reason.index()) {
            *n += 1;
        }
    }

    /// Inputs skipped for one reason.
    pub fn skipped_for(&self, reason: SkipReason) -> u64 {
        self.skipped.get(reason.index()).copied().unwrap_or(0)
    }

    /// The reasons inputs were skipped for, with their counts, in a fixed order.
    pub fn skipped(&self) -> impl Iterator<Item = (SkipReason, u64)> + '_ {
        SkipReason::ALL
            .iter()
            .zip(self.skipped.iter())
            .filter(|(_, &n)| n > 0)
            .map(|(&r, &n)| (r, n))
    }

    /// All skipped inputs.
    pub fn skipped_total(&self) -> u64 {
        self.skipped.iter().sum()
    }

    /// Converted documents per second of wall-clock time.
    pub fn docs_per_sec(&self) -> f64 {
        per_sec(self.converted as f64, self.elapsed)
    }

    /// Megabytes (10^6 bytes) read per second.
    pub fn mb_per_sec(&self) -> f64 {
        per_sec(self.bytes_read as f64 / 1e6, self.elapsed)
    }
}

fn per_sec(x: f64, d: Duration) -> f64 {
    let s = d.as_secs_f64();
    if s > 0.0 {
        x / s
    } else {
        0.0
    }
}

/// One line: `converted 1998, failed 2, skipped 5 (3 not an included type, 2 Word lock
/// file), warnings 41; 1.93 s, 1035 docs/s, 21.4 MB/s`.
impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "converted {}, failed {}, skipped {}",
            self.converted,
            self.failed,
            self.skipped_total()
        )?;
        if self.skipped_total() > 0 {
            let parts: Vec<String> = self.skipped().map(|(r, n)| format!("{n} {r}")).collect();
            write!(f, " ({})", parts.join(", "))?;
        }
        write!(
            f,
            ", warnings {}; {:.2} s, {:.0} docs/s, {:.1} MB/s",
            self.warnings,
            self.elapsed.as_secs_f64(),
            self.docs_per_sec(),
            self.mb_per_sec()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skips_are_counted_in_a_fixed_order() {
        let mut s = Summary::default();
        s.skip(SkipReason::LockFile);
        s.skip(SkipReason::UpToDate);
        s.skip(SkipReason::LockFile);
        assert_eq!(
            s.skipped().collect::<Vec<_>>(),
            [(SkipReason::UpToDate, 1), (SkipReason::LockFile, 2)]
        );
        assert_eq!(s.skipped_total(), 3);
        assert_eq!(s.skipped_for(SkipReason::LockFile), 2);
        s.converted = 10;
        s.elapsed = Duration::from_secs(2);
        let line = s.to_string();
        assert!(
            line.starts_with("converted 10, failed 0, skipped 3 (1 up to date, 2 Word lock file), warnings 0; 2.00 s, 5 docs/s"),
            "{line}"
        );
    }
}
