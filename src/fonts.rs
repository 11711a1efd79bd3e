//! Fonts for names in every script: a font of our own that is always there, and the system's
//! fonts chosen by the scripts they cover, in the order a text renderer should try them.
//!
//! egui's own fonts cover Latin, Greek and Cyrillic; everything else falls back to these.
//! The window adds them in `gui::fonts`; an exporter that draws text can use the same list.

use std::borrow::Cow;
use std::path::PathBuf;
use std::sync::OnceLock;

use skrifa::MetadataProvider as _;

/// DejaVu Sans 2.37, unmodified, from Debian's `fonts-dejavu-core` (760 KB). It covers
/// Latin with Vietnamese, Greek, Cyrillic, Armenian, Hebrew, Arabic (with the joining forms
/// a shaper needs), Canadian syllabics, arrows and common symbols, so these draw on every
/// machine. Licence: `assets/fonts/DejaVuSans-LICENSE.txt` (Bitstream Vera and Arev
/// licences: free to bundle and redistribute unmodified).
pub static BUNDLED_FONT: &[u8] = include_bytes!("../assets/fonts/DejaVuSans.ttf");

/// The name [`bundled`] gives our own font among the fallbacks.
pub const BUNDLED_FONT_NAME: &str = "DejaVu Sans (stakemap)";

/// A writing system a stakeholder's name may be written in, as far as fonts are concerned:
/// each has a few characters a font must have to be chosen for it.
///
/// The list follows the communities a Canadian city's police works with (Ottawa's census
/// languages: Arabic, Chinese, Somali, Spanish, Persian, Punjabi, Tamil, Vietnamese,
/// Inuktitut, Amharic and Tigrinya, Hindi, Korean, Japanese, Russian, Ukrainian, Armenian,
/// Hebrew, Thai, Bengali), plus arrows and symbols the window's own text uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Script {
    /// Latin, with Vietnamese's stacked accents.
    Latin,
    /// Greek.
    Greek,
    /// Cyrillic (Russian, Ukrainian, ...).
    Cyrillic,
    /// Armenian.
    Armenian,
    /// Hebrew (right to left).
    Hebrew,
    /// Arabic, with Persian and Urdu letters (right to left).
    Arabic,
    /// Devanagari (Hindi, Marathi, Nepali).
    Devanagari,
    /// Bengali.
    Bengali,
    /// Gurmukhi (Punjabi).
    Gurmukhi,
    /// Tamil.
    Tamil,
    /// Thai.
    Thai,
    /// Ethiopic (Amharic, Tigrinya).
    Ethiopic,
    /// Unified Canadian Aboriginal Syllabics (Inuktitut, Cree, Ojibwe).
    CanadianSyllabics,
    /// Han ideographs (Chinese, and Japanese kanji), simplified and traditional.
    Han,
    /// Japanese hiragana.
    Hiragana,
    /// Japanese katakana.
    Katakana,
    /// Korean hangul.
    Hangul,
    /// Arrows and common symbols (`→` in the Edit menu's undo label, `✓`).
    Symbols,
}

impl Script {
    /// Every script, in the order fallbacks are chosen and listed.
    pub const ALL: [Self; 18] = [
        Self::Latin,
        Self::Greek,
        Self::Cyrillic,
        Self::Armenian,
        Self::Hebrew,
        Self::Arabic,
        Self::Devanagari,
        Self::Bengali,
        Self::Gurmukhi,
        Self::Tamil,
        Self::Thai,
        Self::Ethiopic,
        Self::CanadianSyllabics,
        Self::Han,
        Self::Hiragana,
        Self::Katakana,
        Self::Hangul,
        Self::Symbols,
    ];

    /// The script's name in English, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Self::Latin => "Latin",
            Self::Greek => "Greek",
            Self::Cyrillic => "Cyrillic",
            Self::Armenian => "Armenian",
            Self::Hebrew => "Hebrew",
            Self::Arabic => "Arabic",
            Self::Devanagari => "Devanagari",
            Self::Bengali => "Bengali",
            Self::Gurmukhi => "Gurmukhi",
            Self::Tamil => "Tamil",
            Self::Thai => "Thai",
            Self::Ethiopic => "Ethiopic",
            Self::CanadianSyllabics => "Canadian syllabics",
            Self::Han => "Han",
            Self::Hiragana => "Hiragana",
            Self::Katakana => "Katakana",
            Self::Hangul => "Hangul",
            Self::Symbols => "arrows and symbols",
        }
    }

    /// Characters a font must have, every one, to be chosen for this script: common
    /// letters, and the ones that tell a thorough font from a partial one (Vietnamese's
    /// stacked accents, Persian letters, simplified Han).
    pub fn sample(self) -> &'static str {
        match self {
            Self::Latin => "AaÉéĐđơưễịẠ",
            Self::Greek => "ΑαΩωά",
            Self::Cyrillic => "ЖжЁёЇї",
            Self::Armenian => "ԱաՀհ",
            Self::Hebrew => "אבגשת",
            Self::Arabic => "ابتجعهيپچگ٥",
            Self::Devanagari => "कखगहिं",
            Self::Bengali => "কখবাংল",
            Self::Gurmukhi => "ਪੰਜਾਬੀ",
            Self::Tamil => "தமிழ்",
            Self::Thai => "กขคงไ",
            Self::Ethiopic => "ሀለሐመሰ",
            Self::CanadianSyllabics => "ᐊᐃᐅᑲᒥᓄ",
            Self::Han => "中国人夜间噪音",
            Self::Hiragana => "あいうえお",
            Self::Katakana => "アイウエオ",
            Self::Hangul => "가나다한글",
            Self::Symbols => "→←↔✓",
        }
    }
}

/// Where a fallback face comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// [`BUNDLED_FONT`], inside the program.
    Bundled,
    /// A font file on this machine.
    System(PathBuf),
    /// Font data handed to the font database in memory.
    Memory,
}

/// One font face to draw characters the first fonts lack: its data, which face of the file
/// it is, and the scripts it was chosen for.
#[derive(Clone)]
pub struct FallbackFace {
    /// A name unique among the fallbacks: the face's family, and for ours `(stakemap)`.
    pub name: String,
    /// The whole font file (`.ttf`, `.otf`, or a `.ttc` collection).
    pub data: Cow<'static, [u8]>,
    /// Which face of the file, 0 unless the file is a collection.
    pub index: u32,
    /// Ours, or the system's file.
    pub origin: Origin,
    /// The scripts of [`Script::ALL`] whose samples this face covers and that no earlier
    /// face covered: what it is in the list for.
    pub scripts: Vec<Script>,
}

impl std::fmt::Debug for FallbackFace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FallbackFace")
            .field("name", &self.name)
            .field("bytes", &self.data.len())
            .field("index", &self.index)
            .field("origin", &self.origin)
            .field("scripts", &self.scripts)
            .finish()
    }
}

impl FallbackFace {
    /// Whether the face has a glyph for every character of `text` (false if the data is not
    /// a font).
    pub fn covers(&self, text: &str) -> bool {
        maps_all(&self.data, self.index, text)
    }
}

/// The fallback faces in the order to try them, and the scripts none of them covers.
#[derive(Clone, Debug, Default)]
pub struct Fallbacks {
    /// Faces in fallback order: ours first, then the system's, one per script ours lacks.
    pub faces: Vec<FallbackFace>,
    /// Scripts no face covers: their names draw as boxes until a font is installed.
    pub missing: Vec<Script>,
}

impl Fallbacks {
    /// The face chosen for a script, if any.
    pub fn face_for(&self, script: Script) -> Option<&FallbackFace> {
        self.faces
            .iter()
            .find(|face| face.scripts.contains(&script))
    }

    /// Total bytes of font data held.
    pub fn bytes(&self) -> usize {
        self.faces.iter().map(|face| face.data.len()).sum()
    }
}

/// Our own font as a fallback face, with the scripts it covers.
pub fn bundled() -> FallbackFace {
    let mut face = FallbackFace {
        name: BUNDLED_FONT_NAME.to_owned(),
        data: Cow::Borrowed(BUNDLED_FONT),
        index: 0,
        origin: Origin::Bundled,
        scripts: Vec::new(),
    };
    face.scripts = Script::ALL
        .into_iter()
        .filter(|script| face.covers(script.sample()))
        .collect();
    face
}

/// The fonts installed on this machine, found as resvg finds them (fontdb: fontconfig's
/// directories on Linux, the system and user font folders on Windows and macOS). Only the
/// names and styles are read here; no face is loaded.
pub fn system_database() -> fontdb::Database {
    let mut db = fontdb::Database::new();
    db.load_system_fonts();
    db
}

/// Chooses fallbacks: the faces of `first` in their order, then for each script of
/// [`Script::ALL`] that none of them covers, one face of `db` that does (a face chosen for
/// one script also serves every later script it covers).
///
/// Only upright faces of normal width and a weight from light to medium (300 to 500) are
/// looked at: a script is covered by its regular face, and skipping the rest halves the
/// work. Among the faces that cover a script, Noto Sans CJK SC and other Noto Sans families
/// (designed as fallbacks) come first, then the face that covers more of the scripts still
/// wanted (one CJK font for Han, kana and hangul rather than two), then the weight nearest
/// regular, proportional before monospaced, sans before serif, and the smaller file. A
/// file that cannot be read is passed over for the next face.
pub fn choose(first: Vec<FallbackFace>, db: &fontdb::Database) -> Fallbacks {
    let mut faces = first;
    for face in &mut faces {
        face.scripts.clear();
    }
    let mut wanted = Vec::new();
    for script in Script::ALL {
        match faces.iter_mut().find(|face| face.covers(script.sample())) {
            Some(face) => face.scripts.push(script),
            None => wanted.push(script),
        }
    }

    let mut candidates = candidates(db, &wanted);
    candidates.sort_by(|a, b| a.rank.cmp(&b.rank));

    let first_system = faces.len();
    let mut missing = Vec::new();
    for script in wanted {
        // A system face already chosen for an earlier script serves this one too.
        if let Some(face) = faces[first_system..]
            .iter_mut()
            .find(|face| face.covers(script.sample()))
        {
            face.scripts.push(script);
            continue;
        }
        let loaded = candidates
            .iter()
            .filter(|candidate| candidate.covers.contains(&script))
            .find_map(|candidate| load(db, candidate, &faces));
        match loaded {
            Some(mut face) => {
                face.scripts.push(script);
                faces.push(face);
            }
            None => missing.push(script),
        }
    }
    Fallbacks { faces, missing }
}

/// Our font, then the system's fallbacks, chosen the first time this is called in the
/// process and kept: the window, every test harness and any exporter share one copy of the
/// data.
pub fn fallbacks() -> &'static Fallbacks {
    static FALLBACKS: OnceLock<Fallbacks> = OnceLock::new();
    FALLBACKS.get_or_init(|| choose(vec![bundled()], &system_database()))
}

/// Starts [`fallbacks`] on a thread of its own, so that finding and reading the system's
/// fonts overlaps whatever the caller does next (the window's creation); the first call of
/// [`fallbacks`] then waits only for what is left. Without a thread (the system refuses
/// one), [`fallbacks`] does the work when it is first called.
pub fn find_in_background() {
    let _ = std::thread::Builder::new()
        .name("fonts".to_owned())
        .spawn(|| {
            fallbacks();
        });
}

/// A system face that covers some of the wanted scripts, and how good a choice it is.
struct Candidate {
    id: fontdb::ID,
    family: String,
    covers: Vec<Script>,
    rank: Rank,
}

/// How good a choice a face is, lower first: preferred family, more scripts covered,
/// weight nearest regular, proportional, sans, smaller file; then family name and face
/// index so the choice does not depend on the order the system lists its fonts.
type Rank = (
    u8,
    std::cmp::Reverse<usize>,
    u16,
    bool,
    bool,
    u64,
    String,
    u32,
);

/// Every face of `db` that covers at least one of `wanted`, with its rank.
fn candidates(db: &fontdb::Database, wanted: &[Script]) -> Vec<Candidate> {
    if wanted.is_empty() {
        return Vec::new();
    }
    db.faces()
        .filter(|info| {
            info.style == fontdb::Style::Normal
                && info.stretch == fontdb::Stretch::Normal
                && (300..=500).contains(&info.weight.0)
        })
        .filter_map(|info| {
            let covers: Vec<Script> = db
                .with_face_data(info.id, |data, index| {
                    wanted
                        .iter()
                        .copied()
                        .filter(|script| maps_all(data, index, script.sample()))
                        .collect()
                })
                .unwrap_or_default();
            if covers.is_empty() {
                return None;
            }
            let family = info
                .families
                .first()
                .map_or_else(|| info.post_script_name.clone(), |(name, _)| name.clone());
            let file_len = match &info.source {
                fontdb::Source::File(path) => std::fs::metadata(path).map_or(u64::MAX, |m| m.len()),
                _ => 0,
            };
            let rank = (
                preference(&family),
                std::cmp::Reverse(covers.len()),
                info.weight.0.abs_diff(fontdb::Weight::NORMAL.0),
                info.monospaced || family.contains("Mono"),
                ["Serif", "Mincho", "Ming", "Song"]
                    .iter()
                    .any(|word| family.contains(word)),
                file_len,
                family.clone(),
                info.index,
            );
            Some(Candidate {
                id: info.id,
                family,
                covers,
                rank,
            })
        })
        .collect()
}

/// 0 for the families made to be the fallback for everything (Noto's Simplified Chinese
/// CJK face first, as the Han sample is simplified), 1 for other Noto Sans, 2 for the rest.
fn preference(family: &str) -> u8 {
    const FIRST: [&str; 4] = [
        "Noto Sans CJK SC",
        "Noto Sans SC",
        "Source Han Sans SC",
        "Source Han Sans CN",
    ];
    if FIRST.contains(&family) {
        0
    } else if family.starts_with("Noto Sans") {
        1
    } else {
        2
    }
}

/// The candidate's face, read whole, named uniquely among `chosen`; `None` if its file
/// cannot be read.
fn load(
    db: &fontdb::Database,
    candidate: &Candidate,
    chosen: &[FallbackFace],
) -> Option<FallbackFace> {
    let (source, index) = db.face_source(candidate.id)?;
    let (data, origin) = match source {
        fontdb::Source::File(path) => (std::fs::read(&path).ok()?, Origin::System(path)),
        fontdb::Source::Binary(data) => (data.as_ref().as_ref().to_vec(), Origin::Memory),
        fontdb::Source::SharedFile(path, data) => {
            (data.as_ref().as_ref().to_vec(), Origin::System(path))
        }
    };
    let mut name = candidate.family.clone();
    if chosen.iter().any(|face| face.name == name) {
        name = format!("{name} #{index}");
    }
    Some(FallbackFace {
        name,
        data: Cow::Owned(data),
        index,
        origin,
        scripts: Vec::new(),
    })
}

/// Whether face `index` of the font file `data` maps every character of `text` to a glyph.
fn maps_all(data: &[u8], index: u32, text: &str) -> bool {
    skrifa::FontRef::from_index(data, index).is_ok_and(|font| {
        let charmap = font.charmap();
        text.chars().all(|c| charmap.map(c).is_some())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn our_font_covers_latin_with_vietnamese_hebrew_arabic_syllabics_and_arrows() {
        let face = bundled();
        for script in [
            Script::Latin,
            Script::Greek,
            Script::Cyrillic,
            Script::Armenian,
            Script::Hebrew,
            Script::Arabic,
            Script::CanadianSyllabics,
            Script::Symbols,
        ] {
            assert!(
                face.scripts.contains(&script),
                "{} not covered",
                script.name()
            );
        }
        assert!(face.covers("Nguyễn Thị Ánh → جمعية הרב"));
        assert!(
            !face.scripts.contains(&Script::Han),
            "DejaVu Sans has no Han"
        );
    }

    #[test]
    fn with_no_system_fonts_the_scripts_ours_lacks_are_missing() {
        let fallbacks = choose(vec![bundled()], &fontdb::Database::new());
        assert_eq!(fallbacks.faces.len(), 1);
        assert!(fallbacks.missing.contains(&Script::Han));
        assert!(fallbacks.missing.contains(&Script::Devanagari));
        assert!(!fallbacks.missing.contains(&Script::Arabic));
    }

    #[test]
    fn a_system_face_is_chosen_only_for_what_the_first_faces_lack() {
        // Our font offered as a "system" font: nothing is missing that it covers, and it is
        // not loaded a second time for scripts the first face already has.
        let mut db = fontdb::Database::new();
        db.load_font_data(BUNDLED_FONT.to_vec());
        let fallbacks = choose(Vec::new(), &db);
        assert_eq!(fallbacks.faces.len(), 1, "{fallbacks:?}");
        assert_eq!(fallbacks.faces[0].name, "DejaVu Sans");
        assert!(fallbacks.face_for(Script::Arabic).is_some());
        assert!(fallbacks.missing.contains(&Script::Han));

        let again = choose(vec![bundled()], &db);
        assert_eq!(again.faces.len(), 1, "{again:?}");
    }
}
