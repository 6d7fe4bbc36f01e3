//! Reading a file: opening it without blocking (a FIFO would wait for a writer forever), asking
//! the open file what it is, and reading it whole into a buffer each thread keeps.

use std::io::Read;
use std::path::Path;

/// What a path turned out to be when opened.
pub(super) enum Opened {
    /// A regular file, open, and its size.
    File(std::fs::File, u64),
    Folder,
    /// A FIFO, socket or device.
    Other,
}

/// Opens a path and asks the open file what it is: one path lookup instead of two (a `stat` by
/// path costs as much as the open). Without blocking: opening a FIFO for reading would otherwise
/// wait for a writer forever.
#[cfg(unix)]
pub(super) fn open_input(path: &Path) -> std::io::Result<Opened> {
    use std::os::unix::fs::OpenOptionsExt;
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)?;
    let metadata = file.metadata()?;
    Ok(if metadata.is_dir() {
        Opened::Folder
    } else if metadata.is_file() {
        Opened::File(file, metadata.len())
    } else {
        Opened::Other
    })
}

/// Elsewhere a folder cannot be opened as a file: the path is asked first.
#[cfg(not(unix))]
pub(super) fn open_input(path: &Path) -> std::io::Result<Opened> {
    let metadata = std::fs::metadata(path)?;
    Ok(if metadata.is_dir() {
        Opened::Folder
    } else if metadata.is_file() {
        Opened::File(std::fs::File::open(path)?, metadata.len())
    } else {
        Opened::Other
    })
}

/// Files up to this size are read into one buffer per thread, kept from file to file; a larger
/// one gets a buffer of its own, freed after it, so no thread holds on to a huge file's memory.
const REUSED_BUFFER_MAX: u64 = 4 << 20;

thread_local! {
    static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Runs `f` with a buffer for a file of `size` bytes: the thread's own when the file is small
/// enough (and the buffer is free, which it always is: nothing here nests), else a new one.
pub(super) fn with_buffer<T>(size: u64, f: impl FnOnce(&mut Vec<u8>) -> T) -> T {
    if size > REUSED_BUFFER_MAX {
        return f(&mut Vec::new());
    }
    BUFFER.with(|cell| match cell.try_borrow_mut() {
        Ok(mut buffer) => {
            let out = f(&mut buffer);
            // A file whose size was not known (a `/proc` file says 0) may have grown it past
            // the limit: let that memory go.
            if buffer.capacity() as u64 > REUSED_BUFFER_MAX {
                *buffer = Vec::new();
            }
            out
        }
        Err(_) => f(&mut Vec::new()),
    })
}

/// Reads a file of `size` bytes (as its metadata said) into `buffer`, which grows when it is
/// too small and is otherwise written over, never cleared. A file that size says is empty is
/// read to its end, up to `max` + 1 bytes (`/proc` files report 0 and have content); any other
/// is read up to `size`, not past it, which saves the read that would only confirm the end.
pub(super) fn read_sized(
    mut file: std::fs::File,
    size: u64,
    max: u64,
    buffer: &mut Vec<u8>,
) -> std::io::Result<&[u8]> {
    let Ok(size) = usize::try_from(size) else {
        return Err(std::io::Error::other("file too large for memory"));
    };
    if size == 0 {
        buffer.clear();
        file.take(max.saturating_add(1)).read_to_end(buffer)?;
        return Ok(buffer);
    }
    if buffer.len() < size {
        buffer.resize(size, 0);
    }
    let mut filled = 0;
    while filled < size {
        match file.read(&mut buffer[filled..size]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(&buffer[..filled])
}

/// Reads a file that sets up the run (the contract, the configuration, the baseline) as text,
/// opened as captures are: without blocking, regular files only, at most `max` bytes, so that a
/// FIFO or a device named by mistake ends in an error instead of a wait or an endless read.
///
/// # Errors
/// Why the file was not read, in words that follow "cannot read FILE: ".
pub fn read_text_file(path: &Path, max: u64) -> Result<String, String> {
    let too_large = || {
        format!("it is larger than {max} bytes, the most mtlint reads of one file (check --max-file-size)")
    };
    let (file, size) = match open_input(path) {
        Err(error) => return Err(error.to_string()),
        Ok(Opened::Folder) => return Err("it is a folder".to_string()),
        Ok(Opened::Other) => {
            return Err(
                "it is not a regular file (a FIFO, socket or device), so it is not read"
                    .to_string(),
            )
        }
        Ok(Opened::File(file, size)) => (file, size),
    };
    if size > max {
        return Err(too_large());
    }
    let mut buffer = Vec::new();
    let length = read_sized(file, size, max, &mut buffer)
        .map_err(|error| error.to_string())?
        .len();
    if length as u64 > max {
        return Err(too_large());
    }
    buffer.truncate(length);
    String::from_utf8(buffer).map_err(|_| "it is not UTF-8 text".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reused_buffer_gives_each_file_its_own_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let long = dir.path().join("long.json");
        let short = dir.path().join("short.json");
        std::fs::write(&long, "[1, 2, 3, 4, 5, 6, 7, 8, 9]").unwrap();
        std::fs::write(&short, "[1]").unwrap();
        let mut buffer = Vec::new();
        for (path, want) in [
            (&long, "[1, 2, 3, 4, 5, 6, 7, 8, 9]"),
            (&short, "[1]"),
            (&long, "[1, 2, 3, 4, 5, 6, 7, 8, 9]"),
        ] {
            let file = std::fs::File::open(path).unwrap();
            let size = file.metadata().unwrap().len();
            let bytes = read_sized(file, size, 1 << 20, &mut buffer).unwrap();
            assert_eq!(bytes, want.as_bytes());
        }
        // A size of 0 (as `/proc` files say) reads to the end, up to the limit and one more.
        let file = std::fs::File::open(&long).unwrap();
        assert_eq!(
            read_sized(file, 0, 1 << 20, &mut buffer).unwrap(),
            b"[1, 2, 3, 4, 5, 6, 7, 8, 9]"
        );
        let file = std::fs::File::open(&long).unwrap();
        assert_eq!(read_sized(file, 0, 4, &mut buffer).unwrap(), b"[1, 2");
        // A file that shrank since its size was asked: what is there, no stale bytes.
        let file = std::fs::File::open(&short).unwrap();
        assert_eq!(read_sized(file, 27, 1 << 20, &mut buffer).unwrap(), b"[1]");
    }
}
