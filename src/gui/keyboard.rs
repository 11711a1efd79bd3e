//! The canvas by keyboard and screen reader. The canvas takes the keyboard focus like any
//! widget (Tab reaches it, a click on it gives it); while it has it, Tab and Shift+Tab go
//! from stakeholder to stakeholder in name order, the arrow keys go along a relationship
//! to the neighbour that lies most in that direction, Enter selects the stakeholder (the
//! inspector opens on it; in a presentation it goes in the spotlight) and Esc gives the
//! keyboard back. The focused stakeholder's name, kind and relationships are the canvas's
//! accessible description (AccessKit), so a screen reader says them as focus moves.

use crate::model::{Map, Position, StakeholderId};
use egui::{Key, Modifiers};

/// The id of the canvas's keyboard widget: shortcuts of single keys still work while it
/// has the focus (it takes no text).
pub fn focus_id() -> egui::Id {
    egui::Id::new("stakemap_canvas_keyboard")
}

/// Whether a widget that takes typing has the keyboard: any focused widget but the
/// canvas, which takes only its keys (Tab, arrows, Enter) and leaves single-key shortcuts
/// working.
pub fn typing(ctx: &egui::Context) -> bool {
    ctx.memory(|m| m.focused().is_some_and(|id| id != focus_id()))
}

/// What a key did on the focused canvas.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    /// The focus went to this stakeholder.
    To(StakeholderId),
    /// Enter on this stakeholder.
    Open(StakeholderId),
}

/// The keys pressed this frame on the focused canvas, as moves of the focus from
/// `focused` over `map` (`positions`: where each stakeholder is drawn, for the arrows).
pub fn moves(
    input: &mut egui::InputState,
    map: &Map,
    positions: &dyn Fn(StakeholderId) -> Option<Position>,
    focused: Option<StakeholderId>,
) -> Vec<Move> {
    let mut out = Vec::new();
    let mut at = focused.filter(|id| map.stakeholder(*id).is_some());
    const KEYS: [(Modifiers, Key); 7] = [
        (Modifiers::SHIFT, Key::Tab),
        (Modifiers::NONE, Key::Tab),
        (Modifiers::NONE, Key::ArrowRight),
        (Modifiers::NONE, Key::ArrowLeft),
        (Modifiers::NONE, Key::ArrowUp),
        (Modifiers::NONE, Key::ArrowDown),
        (Modifiers::NONE, Key::Enter),
    ];
    // In the order pressed, each press once: Tab twice within a frame goes two on.
    let presses = super::shortcuts::take_presses(input, |key, held| {
        KEYS.into_iter()
            .find(|&(modifiers, k)| k == key && held.matches_logically(modifiers))
    });
    for (modifiers, key) in presses {
        let next = match key {
            Key::Tab => step(map, at, if modifiers.shift { -1 } else { 1 }),
            Key::Enter => {
                if let Some(id) = at {
                    out.push(Move::Open(id));
                }
                continue;
            }
            arrow => at.and_then(|from| neighbour_towards(map, positions, from, arrow)),
        };
        if let Some(id) = next {
            at = Some(id);
            out.push(Move::To(id));
        }
    }
    out
}

/// The stakeholder after (or before, `by` -1) `from` in name order, wrapping; the first
/// (or last) when none is focused.
fn step(map: &Map, from: Option<StakeholderId>, by: isize) -> Option<StakeholderId> {
    let mut order: Vec<(&str, StakeholderId)> = map
        .stakeholders()
        .map(|s| (s.name.as_str(), s.id()))
        .collect();
    order.sort();
    if order.is_empty() {
        return None;
    }
    let n = order.len() as isize;
    let next = match from.and_then(|id| order.iter().position(|&(_, i)| i == id)) {
        Some(i) => (i as isize + by).rem_euclid(n),
        None if by > 0 => 0,
        None => n - 1,
    };
    Some(order[next as usize].1)
}

/// The neighbour of `from` (along any relationship) whose direction on screen is nearest
/// the arrow's, within a quarter turn either side.
fn neighbour_towards(
    map: &Map,
    positions: &dyn Fn(StakeholderId) -> Option<Position>,
    from: StakeholderId,
    arrow: Key,
) -> Option<StakeholderId> {
    let (dx, dy) = match arrow {
        Key::ArrowRight => (1.0, 0.0),
        Key::ArrowLeft => (-1.0, 0.0),
        Key::ArrowUp => (0.0, -1.0),
        _ => (0.0, 1.0),
    };
    let Position(x0, y0) = positions(from)?;
    let mut best: Option<(f32, StakeholderId)> = None;
    for r in map.relationships_of(from) {
        let other = if r.from() == from { r.to() } else { r.from() };
        if other == from {
            continue;
        }
        let Some(Position(x, y)) = positions(other) else {
            continue;
        };
        let (vx, vy) = (x - x0, y - y0);
        let length = (vx * vx + vy * vy).sqrt().max(1e-6);
        let cos = (vx * dx + vy * dy) / length;
        // Within 90 degrees of the arrow; the most aligned wins, then the nearest.
        if cos > 0.0 {
            let score = cos - length * 1e-6;
            if best.is_none_or(|(b, _)| score > b) {
                best = Some((score, other));
            }
        }
    }
    best.map(|(_, id)| id)
}

/// What a screen reader says of a stakeholder: its name, kind, and its relationships
/// with whom.
pub fn description(map: &Map, id: StakeholderId) -> Option<String> {
    let s = map.stakeholder(id)?;
    let relationships = map.relationships_of(id);
    let with: Vec<String> = relationships
        .iter()
        .map(|r| {
            let other = if r.from() == id { r.to() } else { r.from() };
            let name = map.stakeholder(other).map_or("?", |o| o.name.as_str());
            format!("{} with {name}, strength {}", r.kind, r.strength().name())
        })
        .collect();
    Some(match with.len() {
        0 => format!("{}, {}, no relationships", s.name, s.kind),
        n => format!(
            "{}, {}, {n} relationship{}: {}",
            s.name,
            s.kind,
            if n == 1 { "" } else { "s" },
            with.join("; ")
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tab_goes_in_name_order_and_arrows_go_to_the_neighbour_that_way() {
        let map = crate::builtin::police_community();
        let first = step(&map, None, 1).expect("a stakeholder");
        let last = step(&map, None, -1).expect("a stakeholder");
        assert_eq!(step(&map, Some(last), 1), Some(first), "wraps");
        let names: Vec<_> = {
            let mut v: Vec<_> = map.stakeholders().map(|s| s.name.clone()).collect();
            v.sort();
            v
        };
        assert_eq!(map.stakeholder(first).map(|s| &s.name), names.first());
        let position = |id| map.stakeholder(id).and_then(|s| s.position);
        let cds = map
            .stakeholders()
            .find(|s| s.name.starts_with("Community Development Section"))
            .expect("CDS")
            .id();
        let right = neighbour_towards(&map, &position, cds, Key::ArrowRight).expect("one");
        let (Some(Position(x0, _)), Some(Position(x1, _))) = (position(cds), position(right))
        else {
            panic!("placed");
        };
        assert!(x1 > x0, "to the right");
        assert!(
            map.relationships_of(cds)
                .iter()
                .any(|r| r.from() == right || r.to() == right),
            "a neighbour"
        );
        let said = description(&map, cds).expect("on the map");
        assert!(
            said.starts_with("Community Development Section (CDS), Organisation"),
            "{said}"
        );
        assert!(said.contains("relationships: "), "{said}");
    }
}
