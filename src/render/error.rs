//! What can go wrong when drawing a diagram, each with a message that says what
//! to do about it.

use std::io;

/// The package that provides `dot` on Debian and Ubuntu, named in messages.
const INSTALL: &str = "install it with `apt-get install graphviz`";

/// A diagram could not be drawn.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RenderError {
    /// `DotOptions::rankdir` is not one of Graphviz's four directions.
    #[error("unknown rank direction `{0}`: use LR, TB, RL or BT")]
    InvalidRankdir(String),
    /// The `dot` program could not be started.
    #[error(
        "could not run Graphviz `{program}`: {source}; {INSTALL}, or set NEWSGRAPH_DOT to the path of `dot`"
    )]
    DotNotRunnable {
        program: String,
        #[source]
        source: io::Error,
    },
    /// `dot` ran and reported an error.
    #[error("Graphviz `{program}` failed ({status}): {stderr}")]
    DotFailed {
        program: String,
        status: String,
        stderr: String,
    },
    /// Writing the graph to `dot` or reading its answer failed.
    #[error("lost contact with Graphviz `{program}`: {source}")]
    DotIo {
        program: String,
        #[source]
        source: io::Error,
    },
    /// PNG was asked for and Graphviz is not installed.
    #[error("PNG needs Graphviz: {INSTALL}, or set NEWSGRAPH_DOT to the path of `dot` (SVG works without it)")]
    PngNeedsGraphviz,
    /// PNG was asked for and `NEWSGRAPH_DOT=none` switches Graphviz off.
    #[error("PNG needs Graphviz, which NEWSGRAPH_DOT=none switches off: unset NEWSGRAPH_DOT, or write SVG")]
    PngGraphvizDisabled,
    /// The pure-Rust layout gave up on this view.
    #[error(
        "the builtin layout failed ({0}); draw a smaller view (--focus, --relation), or {INSTALL}"
    )]
    BuiltinLayout(String),
}
