//! Presentation mode: the map projected to a room. Full screen, no panels or editing
//! controls, the projector's palette and sizes ([`crate::style::Palette::PROJECTOR`],
//! [`crate::style::Tokens::PROJECTOR`]), a caption with the map's title and date, the
//! legend, and a badge saying which profile is in force: always the workshop profile,
//! whatever the view says, so nothing private reaches the wall.
//!
//! The keys are a presentation clicker's: Right, PageDown and Space go on, Left and
//! PageUp go back (clickers send these), Esc or F5 leave. A click on a stakeholder puts
//! it and its neighbours in a spotlight and fades the rest; + and - widen and narrow the
//! spotlight by a step; a click on empty canvas clears it.

use super::command::Command;
use crate::filter::{FilterMode, Focus};
use crate::model::StakeholderId;
use crate::redaction::{ConfidentialAs, RedactionOptions, RedactionProfile};
use egui::{Key, KeyboardShortcut, Modifiers};

/// The state of a presentation under way.
#[derive(Clone, Debug, PartialEq)]
pub struct Presentation {
    /// The stakeholder in the spotlight, if any.
    pub spotlight: Option<StakeholderId>,
    /// How many steps from it the spotlight reaches.
    pub hops: u8,
    /// Confidential stakeholders as anonymous placeholders rather than left out.
    pub placeholders: bool,
    /// The window's size and place before, given back when the presentation ends.
    pub restore: Option<egui::Rect>,
    /// The capture box, while it is open.
    pub capture: Option<super::app::CaptureDraft>,
    /// What the window showed before, given back when the presentation ends, and which
    /// saved view it was.
    pub before: Option<(crate::model::SavedView, Option<usize>)>,
}

impl Presentation {
    /// A presentation with no spotlight, reaching one step when one is set.
    pub fn new(placeholders: bool) -> Self {
        Self {
            spotlight: None,
            hops: 1,
            placeholders,
            restore: None,
            capture: None,
            before: None,
        }
    }

    /// The profile everything shown is under while presenting: the workshop's, always.
    pub fn redaction(&self) -> RedactionOptions {
        RedactionOptions {
            profile: RedactionProfile::Workshop,
            confidential_as: if self.placeholders {
                ConfidentialAs::Placeholder
            } else {
                ConfidentialAs::Omitted
            },
        }
    }

    /// The spotlight as a focus of the shown pipeline: the rest faded in place, so the
    /// room keeps its bearings.
    pub fn focus(&self) -> Option<Focus> {
        self.spotlight.map(|centre| Focus {
            centre,
            hops: self.hops,
            mode: FilterMode::Fade,
        })
    }
}

const NONE: Modifiers = Modifiers::NONE;

/// The keys of presentation mode, with what each does in words (listed in the help).
pub static KEYS: &[(Command, KeyboardShortcut, &str)] = &[
    (
        Command::NextView,
        KeyboardShortcut::new(NONE, Key::ArrowRight),
        "Next view (a clicker's forward button)",
    ),
    (
        Command::NextView,
        KeyboardShortcut::new(NONE, Key::PageDown),
        "Next view",
    ),
    (
        Command::NextView,
        KeyboardShortcut::new(NONE, Key::Space),
        "Next view",
    ),
    (
        Command::PreviousView,
        KeyboardShortcut::new(NONE, Key::ArrowLeft),
        "Previous view (a clicker's back button)",
    ),
    (
        Command::PreviousView,
        KeyboardShortcut::new(NONE, Key::PageUp),
        "Previous view",
    ),
    (
        Command::SpotlightSteps(1),
        KeyboardShortcut::new(NONE, Key::Plus),
        "Widen the spotlight by a step",
    ),
    (
        Command::SpotlightSteps(1),
        KeyboardShortcut::new(NONE, Key::Equals),
        "Widen the spotlight by a step",
    ),
    (
        Command::SpotlightSteps(-1),
        KeyboardShortcut::new(NONE, Key::Minus),
        "Narrow the spotlight by a step",
    ),
    (
        Command::StartCapture,
        KeyboardShortcut::new(NONE, Key::C),
        "Capture a stakeholder or relationship the room suggests (pending until accepted)",
    ),
    (
        Command::ZoomToFit,
        KeyboardShortcut::new(NONE, Key::F),
        "Fit the whole map to the screen",
    ),
    (
        Command::LeavePresentation,
        KeyboardShortcut::new(NONE, Key::Escape),
        "Leave presentation mode",
    ),
    (
        Command::LeavePresentation,
        KeyboardShortcut::new(NONE, Key::F5),
        "Leave presentation mode",
    ),
];

/// The commands whose presentation keys were pressed this frame. Nothing else fires: the
/// editing shortcuts are not listened to at all.
pub fn pressed(ctx: &egui::Context) -> Vec<Command> {
    // In the order pressed: a clicker pressed twice within a frame moves two views on.
    ctx.input_mut(|input| {
        super::shortcuts::take_presses(input, |key, modifiers| {
            KEYS.iter().find_map(|(command, shortcut, _)| {
                (shortcut.logical_key == key && modifiers.matches_logically(shortcut.modifiers))
                    .then(|| command.clone())
            })
        })
    })
}

/// The next number of steps after a press of + or -: from 0 (the stakeholder alone) to
/// [`Focus::MOST_HOPS`].
pub fn steps(hops: u8, by: i8) -> u8 {
    hops.saturating_add_signed(by).min(Focus::MOST_HOPS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_profile_is_the_workshops_and_placeholders_are_a_setting() {
        let p = Presentation::new(false);
        assert_eq!(p.redaction().profile, RedactionProfile::Workshop);
        assert_eq!(p.redaction().confidential_as, ConfidentialAs::Omitted);
        let p = Presentation::new(true);
        assert_eq!(p.redaction().confidential_as, ConfidentialAs::Placeholder);
        assert_eq!(p.focus(), None);
    }

    #[test]
    fn the_spotlight_widens_and_narrows_within_bounds() {
        assert_eq!(steps(1, 1), 2);
        assert_eq!(steps(0, -1), 0);
        assert_eq!(steps(Focus::MOST_HOPS, 1), Focus::MOST_HOPS);
    }
}
