//! The served corpus's files on disk, for native code (the CLI that writes them, the benchmarks
//! and tests that read them back); the page uses only [`GZIP_MAGIC`], and inflates with the
//! browser's own code.
//!
//! Every file is written gzip-compressed, as Pagefind writes its chunks: a host that sends
//! `.bin` files as they are (`python3 -m http.server`; a CDN whose list of types to compress
//! leaves out `application/octet-stream`, as Cloudflare's does) would otherwise send a term
//! shard at about four times its compressed size. The page
//! undoes it with the browser's own `DecompressionStream` (`ui::fetch`); a host that serves
//! the files with `Content-Encoding: gzip` has the browser undo it instead, and the page gets
//! bytes that already start with their format's magic. So [`unpack`] accepts both, and so
//! does the page.
use flate2::{read::GzDecoder, write::GzEncoder, Compression};
use std::io::{Read, Write};
use std::path::Path;

/// The first two bytes of every gzip stream (RFC 1952); no format of `corpus::shelf` starts
/// with them (their magics are ASCII).
pub const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// `data` gzip-compressed at the default level (6): on the served corpus's files level 9 was
/// 0.4 % smaller and 3.5 times slower to write (zlib, a sample of every kind of file).
pub fn pack(data: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::with_capacity(data.len() / 3 + 64), Compression::default());
    // Writing to a Vec cannot fail.
    let _ = encoder.write_all(data);
    encoder.finish().unwrap_or_default()
}

/// A file's bytes as its format reads them: decompressed if they are gzip, as they are if not.
pub fn unpack(bytes: Vec<u8>) -> std::io::Result<Vec<u8>> {
    if !bytes.starts_with(&GZIP_MAGIC) {
        return Ok(bytes);
    }
    let mut out = Vec::with_capacity(bytes.len() * 3);
    GzDecoder::new(bytes.as_slice()).read_to_end(&mut out)?;
    Ok(out)
}

/// Writes `files` (path under `root`, bytes) compressed, over `threads` threads; returns the
/// bytes written.
pub fn write(root: &Path, files: &[(String, Vec<u8>)], threads: usize) -> std::io::Result<usize> {
    let mut dirs: Vec<&Path> = files.iter().filter_map(|(p, _)| Path::new(p).parent()).collect();
    dirs.sort();
    dirs.dedup();
    for dir in dirs {
        std::fs::create_dir_all(root.join(dir))?;
    }
    // Runs of files, so that each thread writes what it compressed and nothing waits in memory.
    let runs: Vec<&[(String, Vec<u8>)]> = files.chunks(files.len().div_ceil(threads.max(1) * 8).max(1)).collect();
    let written = crate::corpus::par::map(&runs, threads, |run| -> std::io::Result<usize> {
        let mut bytes = 0;
        for (path, data) in *run {
            let packed = pack(data);
            std::fs::write(root.join(path), &packed)?;
            bytes += packed.len();
        }
        Ok(bytes)
    });
    written.into_iter().sum()
}

/// A file written by [`write`] (or by an older build, uncompressed), as its format reads it.
pub fn read(path: &Path) -> std::io::Result<Vec<u8>> {
    unpack(std::fs::read(path)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_packed_file_unpacks_to_its_bytes_and_a_plain_one_is_left_as_it_is() {
        let data: Vec<u8> = b"CXT3".iter().copied().chain((0..5000u32).flat_map(|i| (i % 97).to_le_bytes())).collect();
        let packed = pack(&data);
        assert!(packed.starts_with(&GZIP_MAGIC));
        assert!(packed.len() < data.len() / 4, "{} of {}", packed.len(), data.len());
        assert_eq!(unpack(packed).unwrap(), data);
        // What a host that decodes `Content-Encoding: gzip` hands over.
        assert_eq!(unpack(data.clone()).unwrap(), data);
        assert_eq!(unpack(Vec::new()).unwrap(), Vec::<u8>::new());
    }

    #[test]
    fn a_damaged_or_cut_file_is_an_error_not_a_panic() {
        let packed = pack(&[7u8; 4096]);
        assert!(unpack(packed[..packed.len() / 2].to_vec()).is_err());
        let mut flipped = packed.clone();
        let last = flipped.len() - 6;
        flipped[last] ^= 0xff;
        assert!(unpack(flipped).is_err(), "the CRC catches a changed byte");
        assert!(unpack(GZIP_MAGIC.to_vec()).is_err());
    }

    #[test]
    fn every_file_is_written_under_its_path_and_reads_back() {
        let root = std::env::temp_dir().join(format!("store-test-{}", std::process::id()));
        let files: Vec<(String, Vec<u8>)> =
            (0..20).map(|i| (format!("kind{}/{i}.bin", i % 3), vec![i as u8; 100 + i])).collect();
        let bytes = write(&root, &files, 2).unwrap();
        let mut on_disk = 0;
        for (path, data) in &files {
            on_disk += std::fs::metadata(root.join(path)).unwrap().len() as usize;
            assert_eq!(&read(&root.join(path)).unwrap(), data, "{path}");
        }
        assert_eq!(bytes, on_disk);
        std::fs::remove_dir_all(&root).unwrap();
    }
}
