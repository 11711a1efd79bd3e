//! Every keyboard shortcut with the command it gives: one table that both handles the keys
//! and lists them in Help > Keyboard shortcuts, so the two never disagree.

use super::command::Command;
use crate::layout::for_map::MapLayout;
use egui::{Key, KeyboardShortcut, Modifiers};

const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..Modifiers::COMMAND
};

/// The table: command, shortcut, and what it does in words. Some commands have two keys.
pub static SHORTCUTS: &[(Command, KeyboardShortcut, &str)] = &[
    (Command::New, KeyboardShortcut::new(CMD, Key::N), "New map"),
    (
        Command::Open,
        KeyboardShortcut::new(CMD, Key::O),
        "Open a map...",
    ),
    (Command::Save, KeyboardShortcut::new(CMD, Key::S), "Save"),
    (
        Command::SaveAs,
        KeyboardShortcut::new(CMD_SHIFT, Key::S),
        "Save as...",
    ),
    (Command::Quit, KeyboardShortcut::new(CMD, Key::Q), "Quit"),
    (Command::Undo, KeyboardShortcut::new(CMD, Key::Z), "Undo"),
    (
        Command::Redo,
        KeyboardShortcut::new(CMD_SHIFT, Key::Z),
        "Redo",
    ),
    (Command::Redo, KeyboardShortcut::new(CMD, Key::Y), "Redo"),
    (
        Command::StartAdding,
        KeyboardShortcut::new(Modifiers::NONE, Key::N),
        "Add a stakeholder where the pointer is (or double-click the canvas)",
    ),
    (
        Command::StartConnecting,
        KeyboardShortcut::new(Modifiers::NONE, Key::C),
        "Connect the two selected stakeholders (or Alt+drag from one to the other)",
    ),
    (
        Command::DeleteSelection,
        KeyboardShortcut::new(Modifiers::NONE, Key::Delete),
        "Delete the selection, with the relationships it carries",
    ),
    (
        Command::DeleteSelection,
        KeyboardShortcut::new(Modifiers::NONE, Key::Backspace),
        "Delete the selection",
    ),
    (
        Command::DuplicateSelection,
        KeyboardShortcut::new(CMD, Key::D),
        "Duplicate the selection",
    ),
    (
        Command::SelectAll,
        KeyboardShortcut::new(CMD, Key::A),
        "Select every stakeholder",
    ),
    (
        Command::Escape,
        KeyboardShortcut::new(Modifiers::NONE, Key::Escape),
        "Clear the selection, close a popup",
    ),
    (
        Command::TogglePin,
        KeyboardShortcut::new(Modifiers::NONE, Key::P),
        "Pin or unpin the selected stakeholders",
    ),
    (
        Command::LogInteraction,
        KeyboardShortcut::new(Modifiers::NONE, Key::L),
        "Log an interaction on the selected relationship",
    ),
    (
        Command::ToggleLayout,
        KeyboardShortcut::new(Modifiers::NONE, Key::R),
        "Run or pause the force layout",
    ),
    (
        Command::RerunLayout,
        KeyboardShortcut::new(Modifiers::SHIFT, Key::R),
        "Lay the network out afresh (pinned stakeholders stay)",
    ),
    (
        Command::ShowLayout(MapLayout::Network),
        KeyboardShortcut::new(Modifiers::NONE, Key::Num1),
        "View the network",
    ),
    (
        Command::ShowLayout(MapLayout::CircularByKind),
        KeyboardShortcut::new(Modifiers::NONE, Key::Num2),
        "View on a circle, grouped by kind",
    ),
    (
        Command::ShowRings,
        KeyboardShortcut::new(Modifiers::NONE, Key::Num3),
        "View in rings around the selected stakeholder",
    ),
    (
        Command::ShowLayout(MapLayout::PowerInterest),
        KeyboardShortcut::new(Modifiers::NONE, Key::Num4),
        "View the power/interest grid",
    ),
    (
        Command::ShowLayout(MapLayout::Engagement),
        KeyboardShortcut::new(Modifiers::NONE, Key::Num5),
        "View by engagement, current to desired",
    ),
    (
        Command::OpenFind,
        KeyboardShortcut::new(CMD, Key::F),
        "Find a stakeholder",
    ),
    (
        Command::ZoomToFit,
        KeyboardShortcut::new(Modifiers::NONE, Key::F),
        "Zoom to fit the whole map",
    ),
    (
        Command::ToggleTable,
        KeyboardShortcut::new(CMD, Key::T),
        "Switch between the map and the table",
    ),
    (
        Command::ToggleLegend,
        KeyboardShortcut::new(Modifiers::NONE, Key::G),
        "Show or hide the legend",
    ),
    (
        Command::Present,
        KeyboardShortcut::new(Modifiers::NONE, Key::F5),
        "Present the map to a room: full screen, workshop profile (Esc leaves)",
    ),
    (
        Command::ToggleShortcuts,
        KeyboardShortcut::new(Modifiers::NONE, Key::F1),
        "Keyboard shortcuts",
    ),
];

/// What the pointer and egui's own clipboard events do, listed for the help.
pub const POINTER_AND_CLIPBOARD: &[(&str, &str)] = &[
    (
        "Ctrl+C",
        "Copy the selected stakeholders for partners: no contact details or notes (Edit > Copy everything keeps them)",
    ),
    ("Ctrl+X", "Cut the selected stakeholders"),
    (
        "Ctrl+V",
        "Paste where the pointer is (or beside the originals)",
    ),
    ("Click", "Select; on empty canvas, clear the selection"),
    ("Shift+click", "Add to or remove from the selection"),
    ("Shift+drag", "Select with a box"),
    ("Alt+drag", "Connect one stakeholder to another"),
    ("Drag", "Move the selection, or pan the canvas"),
    ("Double-click", "Add a stakeholder there"),
    ("Scroll or pinch", "Zoom about the pointer"),
];

/// The commands whose shortcuts were pressed this frame.
///
/// No shortcut fires while a menu or drop-down is open.
///
/// Single keys (N, C, P, F, Delete, digits...) never fire while a person types: not while
/// a text field has the keyboard, nor while a dialog that takes text is open
/// (`dialog_takes_keys`), nor while any widget holds the keyboard focus. `was_in_field`
/// says a widget had the keyboard at the end of the last frame: egui lets go of it as soon
/// as Esc arrives, before anything else sees the key, and that Esc belongs to the field.
pub fn pressed(ctx: &egui::Context, dialog_takes_keys: bool, was_in_field: bool) -> Vec<Command> {
    // An open menu or drop-down has the keys: Esc closes it (egui sees the key only if
    // it is not taken here), and nothing fires behind it.
    if egui::Popup::is_any_open(ctx) {
        return Vec::new();
    }
    let in_field = super::keyboard::typing(ctx) || was_in_field;
    let typing = in_field || dialog_takes_keys;
    let mut commands = Vec::new();
    ctx.input_mut(|input| {
        // Longest modifier sets first, so Ctrl+Shift+Z is not also taken as Ctrl+Z.
        let mut table: Vec<_> = SHORTCUTS.iter().collect();
        table.sort_by_key(|(_, s, _)| std::cmp::Reverse(modifier_count(s.modifiers)));
        let allowed = |command: &Command, shortcut: &KeyboardShortcut| {
            // Shift alone still types a letter: only Ctrl, Cmd or Alt make a key a command.
            let m = shortcut.modifiers;
            let plain = !(m.command || m.ctrl || m.mac_cmd || m.alt);
            // Esc still closes a dialog while its field has the keyboard; in a field of
            // the inspector it only leaves the field (the field goes back to the map).
            let escape = *command == Command::Escape && (!in_field || dialog_takes_keys);
            // While typing, only what concerns the whole file still fires (save, open,
            // quit): a key that acts on the map (duplicate, new, delete...) never does.
            !(typing && !escape && (plain || is_text_key(shortcut) || !works_while_typing(command)))
        };
        commands = take_presses(input, |key, modifiers| {
            table.iter().find_map(|(command, shortcut, _)| {
                (shortcut.logical_key == key
                    && modifiers.matches_logically(shortcut.modifiers)
                    && allowed(command, shortcut))
                .then(|| command.clone())
            })
        });
    });
    commands
}

/// Each key pressed this frame that `find` knows (by its key and the modifiers held), in
/// the order pressed, taken out of `input` so nothing else acts on it: one result per
/// press. Keys typed faster than a frame ("5" then "1"; a clicker's Right twice) had been
/// read in a table's order and once each (`consume_key` takes every press of a key at
/// once), so "5 1" ended on the engagement view and a second Right was lost.
pub fn take_presses<T>(
    input: &mut egui::InputState,
    find: impl Fn(Key, Modifiers) -> Option<T>,
) -> Vec<T> {
    let mut found = Vec::new();
    let mut taken = Vec::with_capacity(input.events.len());
    for event in &input.events {
        let hit = match event {
            egui::Event::Key {
                key,
                pressed: true,
                modifiers,
                ..
            } => find(*key, *modifiers),
            _ => None,
        };
        taken.push(hit.is_some());
        found.extend(hit);
    }
    let mut taken = taken.into_iter();
    input.events.retain(|_| !taken.next().unwrap_or(false));
    found
}

/// The commands whose keys still work while a text field has the keyboard.
fn works_while_typing(command: &Command) -> bool {
    matches!(
        command,
        Command::Save | Command::SaveAs | Command::Open | Command::Quit
    )
}

fn modifier_count(m: Modifiers) -> u8 {
    u8::from(m.alt) + u8::from(m.shift) + u8::from(m.command || m.ctrl || m.mac_cmd)
}

/// Shortcuts a text field uses itself (undo, select all) while it has the keyboard.
fn is_text_key(shortcut: &KeyboardShortcut) -> bool {
    matches!(shortcut.logical_key, Key::Z | Key::Y | Key::A)
}

/// How a shortcut is written in the help, for this platform.
pub fn describe(ctx: &egui::Context, shortcut: &KeyboardShortcut) -> String {
    ctx.format_shortcut(shortcut)
}
