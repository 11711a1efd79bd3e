//! Text as the map stores it: Unicode NFC, so one name is one sequence of characters
//! whichever keyboard or editor typed it.

use unicode_normalization::UnicodeNormalization;

/// `text` in Unicode normal form C (composed: "é" as one character, not "e" and an accent).
pub fn normalise(text: &str) -> String {
    if unicode_normalization::is_nfc(text) {
        text.to_owned()
    } else {
        text.nfc().collect()
    }
}
