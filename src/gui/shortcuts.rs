//! Every action with its keyboard shortcut: one table that both handles the keys and lists
//! them in Help > Keyboard shortcuts, so the two never disagree.

use egui::{Key, KeyboardShortcut, Modifiers};

/// Something the user can do from the keyboard (and, for most, a menu or a button).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    New,
    Open,
    Save,
    SaveAs,
    Quit,
    Undo,
    Redo,
    AddStakeholder,
    Connect,
    Delete,
    Duplicate,
    SelectAll,
    ClearSelection,
    TogglePin,
    LogInteraction,
    RunLayout,
    RerunLayout,
    ShowNetwork,
    ShowCircle,
    ShowRadial,
    ShowGrid,
    ShowEngagement,
    Find,
    ZoomToFit,
    ToggleLegend,
    ShowShortcuts,
}

const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..Modifiers::COMMAND
};

/// The table: action, shortcut, and what it does in words. Some actions have two keys.
pub const SHORTCUTS: &[(Action, KeyboardShortcut, &str)] = &[
    (Action::New, KeyboardShortcut::new(CMD, Key::N), "New map"),
    (
        Action::Open,
        KeyboardShortcut::new(CMD, Key::O),
        "Open a map...",
    ),
    (Action::Save, KeyboardShortcut::new(CMD, Key::S), "Save"),
    (
        Action::SaveAs,
        KeyboardShortcut::new(CMD_SHIFT, Key::S),
        "Save as...",
    ),
    (Action::Quit, KeyboardShortcut::new(CMD, Key::Q), "Quit"),
    (Action::Undo, KeyboardShortcut::new(CMD, Key::Z), "Undo"),
    (
        Action::Redo,
        KeyboardShortcut::new(CMD_SHIFT, Key::Z),
        "Redo",
    ),
    (Action::Redo, KeyboardShortcut::new(CMD, Key::Y), "Redo"),
    (
        Action::AddStakeholder,
        KeyboardShortcut::new(Modifiers::NONE, Key::N),
        "Add a stakeholder where the pointer is (or double-click the canvas)",
    ),
    (
        Action::Connect,
        KeyboardShortcut::new(Modifiers::NONE, Key::C),
        "Connect the two selected stakeholders (or Alt+drag from one to the other)",
    ),
    (
        Action::Delete,
        KeyboardShortcut::new(Modifiers::NONE, Key::Delete),
        "Delete the selection, with the relationships it carries",
    ),
    (
        Action::Delete,
        KeyboardShortcut::new(Modifiers::NONE, Key::Backspace),
        "Delete the selection",
    ),
    (
        Action::Duplicate,
        KeyboardShortcut::new(CMD, Key::D),
        "Duplicate the selection",
    ),
    (
        Action::SelectAll,
        KeyboardShortcut::new(CMD, Key::A),
        "Select every stakeholder",
    ),
    (
        Action::ClearSelection,
        KeyboardShortcut::new(Modifiers::NONE, Key::Escape),
        "Clear the selection, close a popup",
    ),
    (
        Action::TogglePin,
        KeyboardShortcut::new(Modifiers::NONE, Key::P),
        "Pin or unpin the selected stakeholders",
    ),
    (
        Action::LogInteraction,
        KeyboardShortcut::new(Modifiers::NONE, Key::L),
        "Log an interaction on the selected relationship",
    ),
    (
        Action::RunLayout,
        KeyboardShortcut::new(Modifiers::NONE, Key::R),
        "Run or pause the force layout",
    ),
    (
        Action::RerunLayout,
        KeyboardShortcut::new(Modifiers::SHIFT, Key::R),
        "Lay the network out afresh (pinned stakeholders stay)",
    ),
    (
        Action::ShowNetwork,
        KeyboardShortcut::new(Modifiers::NONE, Key::Num1),
        "View the network",
    ),
    (
        Action::ShowCircle,
        KeyboardShortcut::new(Modifiers::NONE, Key::Num2),
        "View on a circle, grouped by kind",
    ),
    (
        Action::ShowRadial,
        KeyboardShortcut::new(Modifiers::NONE, Key::Num3),
        "View in rings around the selected stakeholder",
    ),
    (
        Action::ShowGrid,
        KeyboardShortcut::new(Modifiers::NONE, Key::Num4),
        "View the power/interest grid",
    ),
    (
        Action::ShowEngagement,
        KeyboardShortcut::new(Modifiers::NONE, Key::Num5),
        "View by engagement, current to desired",
    ),
    (
        Action::Find,
        KeyboardShortcut::new(CMD, Key::F),
        "Find a stakeholder",
    ),
    (
        Action::ZoomToFit,
        KeyboardShortcut::new(Modifiers::NONE, Key::F),
        "Zoom to fit the whole map",
    ),
    (
        Action::ToggleLegend,
        KeyboardShortcut::new(Modifiers::NONE, Key::G),
        "Show or hide the legend",
    ),
    (
        Action::ShowShortcuts,
        KeyboardShortcut::new(Modifiers::NONE, Key::F1),
        "Keyboard shortcuts",
    ),
];

/// Shortcuts handled by egui itself as events rather than keys, listed for the help.
pub const CLIPBOARD_SHORTCUTS: &[(&str, &str)] = &[
    (
        "Ctrl+C",
        "Copy the selected stakeholders (between maps too)",
    ),
    ("Ctrl+X", "Cut the selected stakeholders"),
    ("Ctrl+V", "Paste where the pointer is"),
    ("Shift+click", "Add to or remove from the selection"),
    ("Shift+drag", "Select with a box"),
    ("Drag", "Move the selection, or pan the canvas"),
    ("Scroll", "Zoom"),
];

/// The actions whose shortcuts were pressed this frame. Plain-key shortcuts (N, C, P, F,
/// Delete...) are ignored while a text field has the keyboard, so typing a name never
/// deletes the selection.
pub fn pressed(ctx: &egui::Context) -> Vec<Action> {
    let typing = ctx.egui_wants_keyboard_input();
    let mut actions = Vec::new();
    ctx.input_mut(|input| {
        // Longest modifier sets first, so Ctrl+Shift+Z is not also taken as Ctrl+Z.
        let mut table: Vec<_> = SHORTCUTS.iter().collect();
        table.sort_by_key(|(_, s, _)| std::cmp::Reverse(modifier_count(s.modifiers)));
        for (action, shortcut, _) in table {
            // Shift alone still types a letter: only Ctrl, Cmd or Alt make a key a command.
            let m = shortcut.modifiers;
            let plain = !(m.command || m.ctrl || m.mac_cmd || m.alt);
            if typing && (plain || is_text_key(shortcut)) {
                continue;
            }
            if input.consume_shortcut(shortcut) {
                actions.push(*action);
            }
        }
    });
    actions
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
