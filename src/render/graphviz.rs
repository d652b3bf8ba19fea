//! Running Graphviz's `dot` program: DOT text in on stdin, SVG or PNG bytes out.
//!
//! Which program runs is decided by the environment variable `NEWSGRAPH_DOT`:
//! unset or empty means `dot` from `PATH`, `none` switches Graphviz off, anything
//! else is the path of the program. graphviz-rust's own exec helpers always run
//! `dot` from `PATH` through a temporary file, so this module talks to the
//! process directly.

use super::RenderError;
use std::ffi::{OsStr, OsString};
use std::io::{self, Write};
use std::process::{Command, Stdio};
use std::thread;

/// The environment variable that chooses the Graphviz program.
pub const DOT_ENV: &str = "NEWSGRAPH_DOT";

/// The Graphviz program to run, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DotProgram {
    /// `dot` from `PATH`: when it is not installed, SVG falls back to the builtin layout.
    Default,
    /// A program the user named: failing to run it is an error.
    Configured(OsString),
    /// `NEWSGRAPH_DOT=none`.
    Disabled,
}

impl DotProgram {
    pub fn from_env() -> DotProgram {
        DotProgram::from_setting(std::env::var_os(DOT_ENV))
    }

    fn from_setting(value: Option<OsString>) -> DotProgram {
        match value {
            None => DotProgram::Default,
            Some(v) if v.is_empty() => DotProgram::Default,
            Some(v) if v == "none" => DotProgram::Disabled,
            Some(v) => DotProgram::Configured(v),
        }
    }

    pub fn path(&self) -> Option<&OsStr> {
        match self {
            DotProgram::Default => Some(OsStr::new("dot")),
            DotProgram::Configured(p) => Some(p),
            DotProgram::Disabled => None,
        }
    }

    /// Whether `err` means "Graphviz is simply not installed", the one failure
    /// the SVG renderer answers with its builtin layout instead of an error.
    pub fn is_missing(&self, err: &RenderError) -> bool {
        matches!(
            (self, err),
            (DotProgram::Default, RenderError::DotNotRunnable { source, .. })
                if source.kind() == io::ErrorKind::NotFound
        )
    }

    /// Whether the program starts and answers `-V`.
    pub fn works(&self) -> bool {
        self.path().is_some_and(|p| {
            Command::new(p)
                .arg("-V")
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        })
    }
}

/// What `dot` produced.
#[derive(Debug)]
pub(crate) struct DotOutput {
    pub bytes: Vec<u8>,
    /// Lines `dot` wrote to stderr while still succeeding (warnings).
    pub warnings: Vec<String>,
}

/// Runs `program -T<format>` on the DOT text.
pub(crate) fn run(program: &OsStr, format: &str, dot: &str) -> Result<DotOutput, RenderError> {
    let name = program.to_string_lossy().into_owned();
    let mut child = Command::new(program)
        .arg(format!("-T{format}"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|source| RenderError::DotNotRunnable {
            program: name.clone(),
            source,
        })?;
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let input = dot.to_owned();
    // Writing from another thread: `dot` may fill its stderr pipe with warnings
    // before it has read all of a large graph, and would wait for us forever.
    let writer = thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child
        .wait_with_output()
        .map_err(|source| RenderError::DotIo {
            program: name.clone(),
            source,
        })?;
    let written = writer.join().expect("the stdin writer does not panic");
    let stderr = String::from_utf8_lossy(&output.stderr).trim().to_string();
    if !output.status.success() {
        return Err(RenderError::DotFailed {
            program: name,
            status: output.status.to_string(),
            stderr,
        });
    }
    // A broken pipe with a successful exit cannot happen with a real `dot`, which
    // reads its whole input; anything else that went wrong writing is reported.
    if let Err(source) = written {
        return Err(RenderError::DotIo {
            program: name,
            source,
        });
    }
    Ok(DotOutput {
        bytes: output.stdout,
        warnings: stderr.lines().map(str::to_string).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_setting_chooses_the_program() {
        assert_eq!(DotProgram::from_setting(None), DotProgram::Default);
        assert_eq!(
            DotProgram::from_setting(Some("".into())),
            DotProgram::Default
        );
        assert_eq!(
            DotProgram::from_setting(Some("none".into())),
            DotProgram::Disabled
        );
        let custom = DotProgram::from_setting(Some("/opt/gv/bin/dot".into()));
        assert_eq!(custom.path(), Some(OsStr::new("/opt/gv/bin/dot")));
        assert_eq!(DotProgram::Disabled.path(), None);
        assert!(!DotProgram::Disabled.works());
    }

    #[test]
    fn only_a_missing_default_dot_counts_as_missing() {
        let missing = OsStr::new("/nonexistent/newsgraph-test/dot");
        let err = run(missing, "svg", "digraph {}").unwrap_err();
        assert!(DotProgram::Default.is_missing(&err));
        assert!(!DotProgram::Configured(missing.into()).is_missing(&err));
        assert!(err
            .to_string()
            .starts_with("could not run Graphviz `/nonexistent/newsgraph-test/dot`: "));
    }

    #[test]
    fn a_failing_program_reports_its_stderr() {
        // `sh -Tsvg` fails the way a broken `dot` would: non-zero exit, a message on stderr.
        let err = run(OsStr::new("sh"), "svg", "").unwrap_err();
        match err {
            RenderError::DotFailed {
                program, stderr, ..
            } => {
                assert_eq!(program, "sh");
                assert!(stderr.contains("-T"), "stderr: {stderr}");
            }
            other => panic!("expected DotFailed, got {other:?}"),
        }
    }
}
