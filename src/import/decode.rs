//! Bytes to text: refuses what is not text (known binary formats by their first bytes, NUL bytes,
//! control characters), then decodes UTF-8 (BOM stripped), UTF-16 with a BOM, and otherwise
//! Windows-1252, the usual encoding of older text that is not UTF-8 (ISO-8859-1 is a subset for
//! every printable character). Only these three encodings are referenced, so the wasm carries no
//! other encoder or decoder table.
use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};

/// How much of the start of a file is looked at to tell text from binary.
const SNIFF_BYTES: usize = 8 * 1024;

/// Decoded text and a note for the report when the decoding is worth mentioning.
#[derive(Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub note: Option<String>,
}

/// The text of a file, or why it is not text (in words for the report).
pub fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    if let Some(reason) = known_binary(bytes) {
        return Err(reason.to_string());
    }
    let decoded = if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        utf16(rest, false)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        utf16(rest, true)
    } else if bytes.iter().take(SNIFF_BYTES).any(|&b| b == 0) {
        return Err("binary file, not text (it contains NUL bytes; if it is UTF-16 text without a byte-order \
                    mark, save it as UTF-8)"
            .to_string());
    } else if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        utf8_lossy(rest)
    } else {
        utf8_or_windows_1252(bytes)
    };
    if mostly_control(&decoded.text) {
        return Err("binary file, not text (too many control characters)".to_string());
    }
    Ok(decoded)
}

/// Formats recognised by their first bytes ("magic numbers"), with what to tell the user.
fn known_binary(bytes: &[u8]) -> Option<&'static str> {
    const PDF: &str = "PDF is not supported yet: save the article as text or HTML";
    const ZIP: &str = "ZIP archive (also .docx/.xlsx) is not supported yet: save the article as text or HTML";
    const IMAGE: &str = "image, not text";
    const MEDIA: &str = "audio or video, not text";
    let at = |offset: usize, magic: &[u8]| bytes.get(offset..offset + magic.len()) == Some(magic);
    let riff = |kind: &[u8]| at(0, b"RIFF") && at(8, kind);
    if at(0, b"%PDF-") {
        Some(PDF)
    } else if at(0, b"PK\x03\x04") || at(0, b"PK\x05\x06") || at(0, b"PK\x07\x08") {
        Some(ZIP)
    } else if at(0, b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        Some("old Word or Excel file (.doc/.xls) is not supported: save it as text, HTML or CSV")
    } else if at(0, b"{\\rtf") {
        Some("RTF is not supported yet: save the document as plain text or HTML")
    } else if at(0, b"\x1F\x8B") {
        Some("gzip-compressed file is not supported: decompress it first")
    } else if at(0, b"7z\xBC\xAF\x27\x1C") || at(0, b"Rar!\x1A\x07") {
        Some("compressed archive is not supported: extract the articles first")
    } else if at(0, b"\x89PNG") || at(0, b"\xFF\xD8\xFF") || at(0, b"GIF87a") || at(0, b"GIF89a") || riff(b"WEBP") {
        Some(IMAGE)
    } else if at(4, b"ftyp") {
        let still = [&b"heic"[..], b"heix", b"avif", b"mif1"].iter().any(|brand| at(8, brand));
        Some(if still { IMAGE } else { MEDIA })
    } else if is_audio_or_video(bytes) {
        Some(MEDIA)
    } else {
        None
    }
}

/// WAV, AVI, Ogg, FLAC, WebM/Matroska, and MP3 (an ID3 tag or a frame header first).
fn is_audio_or_video(bytes: &[u8]) -> bool {
    let at = |offset: usize, magic: &[u8]| bytes.get(offset..offset + magic.len()) == Some(magic);
    let riff = |kind: &[u8]| at(0, b"RIFF") && at(8, kind);
    let id3 = at(0, b"ID3") && bytes.get(3).is_some_and(|version| (2..=4).contains(version));
    let mp3_frame = [&b"\xFF\xFB"[..], b"\xFF\xF3", b"\xFF\xF2", b"\xFF\xFA"].iter().any(|sync| at(0, sync));
    riff(b"WAVE") || riff(b"AVI ") || at(0, b"OggS") || at(0, b"fLaC") || at(0, b"\x1A\x45\xDF\xA3") || id3 || mp3_frame
}

fn utf16(bytes: &[u8], big_endian: bool) -> Decoded {
    let encoding = if big_endian { UTF_16BE } else { UTF_16LE };
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    let note = if had_errors {
        "decoded from UTF-16 (some damaged characters were replaced with �)"
    } else {
        "decoded from UTF-16"
    };
    Decoded { text: text.into_owned(), note: Some(note.to_string()) }
}

/// After a UTF-8 byte-order mark the file says it is UTF-8: a bad byte is damage, not another
/// encoding.
fn utf8_lossy(bytes: &[u8]) -> Decoded {
    let text = String::from_utf8_lossy(bytes);
    let note = matches!(text, std::borrow::Cow::Owned(_))
        .then(|| "some bytes were not valid UTF-8 and were replaced with �".to_string());
    Decoded { text: text.into_owned(), note }
}

/// Valid UTF-8 as is. Otherwise: a file with more valid multi-byte characters than bad bytes is
/// UTF-8 with damage (a cut-off last character, a stray byte) and stays UTF-8, since reading it
/// as Windows-1252 would garble every accented letter; Windows-1252 text almost never forms a
/// valid multi-byte sequence, so a file with fewer is Windows-1252.
fn utf8_or_windows_1252(bytes: &[u8]) -> Decoded {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Decoded { text: text.to_string(), note: None };
    }
    let (mut multibyte, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    if multibyte > invalid {
        let text = String::from_utf8_lossy(bytes).into_owned();
        let note = format!("mostly UTF-8; {invalid} damaged character{} replaced with �", plural(invalid));
        return Decoded { text, note: Some(note) };
    }
    let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
    Decoded { text: text.into_owned(), note: Some("decoded as Windows-1252 (not valid UTF-8)".to_string()) }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Random or binary bytes that slipped past the other checks decode to many control
/// characters; text has next to none (tabs, line breaks and form feeds aside).
fn mostly_control(text: &str) -> bool {
    let (mut total, mut control) = (0usize, 0usize);
    for c in text.chars().take(SNIFF_BYTES) {
        total += 1;
        control += usize::from(c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0C'));
    }
    control > 0 && control * 20 > total
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: &[u8]) -> (String, Option<String>) {
        let d = decode(bytes).expect("text");
        (d.text, d.note)
    }

    #[test]
    fn utf8_passes_and_its_bom_goes() {
        assert_eq!(text("Café Orvel".as_bytes()), ("Café Orvel".to_string(), None));
        assert_eq!(text(b"\xEF\xBB\xBFHello"), ("Hello".to_string(), None));
    }

    #[test]
    fn utf16_with_a_bom_is_decoded_and_said() {
        let le: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain("Zentaro é".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let be: Vec<u8> =
            [0xFE, 0xFF].into_iter().chain("Zentaro é".encode_utf16().flat_map(u16::to_be_bytes)).collect();
        assert_eq!(text(&le), ("Zentaro é".to_string(), Some("decoded from UTF-16".to_string())));
        assert_eq!(text(&be).0, "Zentaro é");
    }

    #[test]
    fn invalid_utf8_is_windows_1252() {
        let (t, note) = text(b"Caf\xE9 \x93quoted\x94 \x80 5");
        assert_eq!(t, "Café “quoted” € 5");
        assert_eq!(note.as_deref(), Some("decoded as Windows-1252 (not valid UTF-8)"));
    }

    #[test]
    fn mostly_utf8_with_a_cut_last_character_stays_utf8() {
        let mut bytes = "Ana Costa: café, naïve, señor. ".as_bytes().to_vec();
        bytes.extend_from_slice(&"é".as_bytes()[..1]);
        let (t, note) = text(&bytes);
        assert!(t.starts_with("Ana Costa: café, naïve, señor."));
        assert_eq!(note.as_deref(), Some("mostly UTF-8; 1 damaged character replaced with �"));
    }

    #[test]
    fn binary_formats_are_named() {
        let cases: [(&[u8], &str); 12] = [
            (b"%PDF-1.7\n...", "PDF is not supported yet"),
            (b"PK\x03\x04\x14\x00", "ZIP archive (also .docx/.xlsx)"),
            (b"\x1F\x8B\x08\x00", "gzip"),
            (b"\x89PNG\r\n\x1A\n", "image"),
            (b"\xFF\xD8\xFF\xE0", "image"),
            (b"GIF89a..", "image"),
            (b"RIFF\x10\x00\x00\x00WEBPVP8 ", "image"),
            (b"ID3\x03\x00\x00", "audio or video"),
            (b"\x00\x00\x00\x18ftypmp42", "audio or video"),
            (b"{\\rtf1\\ansi", "RTF"),
            (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", ".doc/.xls"),
            (b"abc\x00def", "NUL bytes"),
        ];
        for (bytes, expected) in cases {
            let reason = decode(bytes).expect_err("binary");
            assert!(reason.contains(expected), "{reason:?} should say {expected:?}");
        }
    }

    #[test]
    fn control_characters_mean_binary_but_tabs_and_form_feeds_do_not() {
        assert!(decode(b"\x01\x02\x03\x04 abc").is_err());
        assert!(decode(b"a\tb\r\nc\x0Cd").is_ok());
        assert!(decode(b"ID3 tags are metadata").is_ok());
        assert!(decode(b"PK is a shortcut for penalty kick").is_ok());
    }
}
