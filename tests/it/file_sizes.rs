//! No file under `src/`, `benches/`, `examples/` or `tests/` is over 500 lines (as `wc -l`
//! counts them), unless one of its first five lines says it is "generated" or "table-like".

use std::path::{Path, PathBuf};

/// The most lines a hand-written file may have.
const MAX_LINES: usize = 500;

/// The folders whose files are checked, from the crate's root.
const CHECKED_FOLDERS: &[&str] = &["src", "benches", "examples", "tests"];

/// What one of a file's first five lines says when the file may be longer.
const EXEMPTING_WORDS: &[&str] = &["generated", "table-like"];

/// Every file under `dir`.
fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// Whether one of the first five lines of `text` says the file is generated or table-like.
fn may_be_longer(text: &str) -> bool {
    text.lines().take(5).any(|line| {
        let line = line.to_lowercase();
        EXEMPTING_WORDS.iter().any(|word| line.contains(word))
    })
}

/// One file under a checked folder.
struct CheckedFile {
    /// Its path from the crate's root, with `/`.
    name: String,
    /// Its number of lines.
    lines: usize,
    /// Whether its first lines say it is generated or table-like.
    may_be_longer: bool,
}

/// Every file under the checked folders.
fn checked_files() -> Vec<CheckedFile> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    for folder in CHECKED_FOLDERS {
        files_under(&root.join(folder), &mut paths);
    }
    paths
        .iter()
        .map(|path| {
            let bytes = std::fs::read(path).unwrap();
            let text = String::from_utf8_lossy(&bytes);
            let relative = path.strip_prefix(root).unwrap();
            let name: Vec<_> = relative.components().map(|c| c.as_os_str().to_string_lossy()).collect();
            CheckedFile { name: name.join("/"), lines: text.lines().count(), may_be_longer: may_be_longer(&text) }
        })
        .collect()
}

#[test]
fn no_hand_written_file_is_over_500_lines() {
    let files = checked_files();
    assert!(files.len() > 100, "the files were not read: {} files", files.len());
    let mut too_long: Vec<(String, usize)> = files
        .into_iter()
        .filter(|file| file.lines > MAX_LINES && !file.may_be_longer)
        .map(|file| (file.name, file.lines))
        .collect();
    too_long.sort();
    let every_offender: Vec<String> = too_long.iter().map(|(name, lines)| format!("  {name}: {lines} lines")).collect();
    assert!(
        too_long.is_empty(),
        "files over {MAX_LINES} lines (split them, or say \"generated\" or \"table-like\" in their first five lines):\n{}",
        every_offender.join("\n"),
    );
}
