//! Errors as a person reads them. The library's errors (thiserror) each say only their own
//! part and keep their cause as a source; the edges (the CLI, the window) print the whole
//! chain once, on one line, as anyhow prints it with `{:#}`: "could not save map.ron:
//! cannot replace the file: Permission denied (os error 13)".

/// An error and each of its causes, outermost first, joined by ": ".
pub fn said(error: &(dyn std::error::Error + 'static)) -> String {
    anyhow::Chain::new(error)
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(": ")
}

#[cfg(test)]
mod tests {
    use super::said;
    use crate::io::SaveError;
    use std::path::PathBuf;

    #[test]
    fn a_chain_is_said_once_each() {
        let error = SaveError::Io {
            path: PathBuf::from("map.ron"),
            what: "cannot replace the file",
            source: std::io::Error::new(std::io::ErrorKind::PermissionDenied, "Permission denied"),
        };
        assert_eq!(
            said(&error),
            "could not save map.ron: cannot replace the file: Permission denied"
        );
    }
}
