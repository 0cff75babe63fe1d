//! CI checks the features alone and in pairs (`cargo hack check --feature-powerset --depth 2` in
//! `.ci/run`), not every combination: that is enough only while no gate names three features or
//! more. This test keeps it so: a `cfg(..)` or `cfg_attr(..)` naming three features fails here,
//! and the fix is to raise `--depth` in `.ci/run` (or to split the gate).

use std::path::{Path, PathBuf};

/// The folders whose Rust files are read, from the crate's root.
const READ_FOLDERS: &[&str] = &["src", "benches", "examples", "tests"];

fn rust_files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files_under(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The distinct features one `cfg`/`cfg_attr` attribute line names.
fn features_named(line: &str) -> Vec<&str> {
    let mut features: Vec<&str> =
        line.split("feature = \"").skip(1).filter_map(|rest| rest.split('"').next()).collect();
    features.sort_unstable();
    features.dedup();
    features
}

#[test]
fn no_gate_names_three_features() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for folder in READ_FOLDERS {
        rust_files_under(&root.join(folder), &mut files);
    }
    let this_file = Path::new(file!()).file_name().unwrap();
    let mut wide = Vec::new();
    for file in files.iter().filter(|f| f.file_name() != Some(this_file)) {
        let text = std::fs::read_to_string(file).unwrap();
        for (n, line) in text.lines().enumerate() {
            let trimmed = line.trim_start();
            let is_gate = trimmed.starts_with("#[cfg") || trimmed.starts_with("#![cfg") || trimmed.contains("cfg!(");
            if is_gate && features_named(trimmed).len() >= 3 {
                wide.push(format!("{}:{}: {}", file.strip_prefix(root).unwrap().display(), n + 1, trimmed));
            }
        }
    }
    assert!(
        wide.is_empty(),
        "these gates name three features or more, which CI's `--depth 2` does not combine: raise the depth in \
         .ci/run\n{}",
        wide.join("\n")
    );
}

#[test]
fn a_gate_s_features_are_read_once_each() {
    assert_eq!(features_named(r#"#[cfg(all(feature = "sts", feature = "s3"))]"#), ["s3", "sts"]);
    assert_eq!(features_named(r#"#[cfg(any(feature = "a", feature = "b", feature = "a"))]"#), ["a", "b"]);
    let three = r#"#[cfg(all(feature = "glue", feature = "sts", feature = "s3"))]"#;
    assert_eq!(features_named(three).len(), 3);
}
