//! The table view: the shown map's stakeholders and relationships as rows, the quick way to
//! fix many records and the way to read the map without the canvas. Any column sorts (the
//! network metrics too); cells edit through the same commands as the inspector, one undo
//! step each; a row selects what the canvas selects.
//!
//! Only the rows on screen are laid out (`egui_extras` virtual rows), and the order is
//! sorted again only when the shown map, its metrics or the sort change, never per frame.

use super::command::{Command, Commands};
use super::inspector::{Field, Look, RelationshipText, StakeholderText, TextDraft, combo};
use super::selection::Selection;
use crate::analysis::{Metric, NetworkMetrics, Trend, TrendSettings, relationship_trend};
use crate::edit::Edit;
use crate::model::{
    Date, Engagement, Map, Relationship, RelationshipId, RelationshipKind, Score, Stakeholder,
    StakeholderId, StakeholderKind, Strength, Tone, UNOBSERVED_STRENGTH, UNOBSERVED_TONE,
};
use crate::shown::Shown;
use crate::style::Tokens;
use egui::{Modifiers, Response, RichText, Ui};
use egui_extras::{Column, TableBuilder};
use std::cmp::Ordering;

/// Room above and below a row's widgets, in points.
const ROW_PADDING: f32 = 4.0;
/// Width of the column of row numbers (ids), which select their row.
const ID_WIDTH: f32 = 56.0;
/// Width of a column of names.
const NAME_WIDTH: f32 = 220.0;
/// Width of a relationship's ends: two names side by side.
const END_WIDTH: f32 = 180.0;
/// Width of a column of other text (sector, area, tags, owner).
const TEXT_WIDTH: f32 = 140.0;
/// Width of a column of choices (kind, engagement, tone) and of dates.
const CHOICE_WIDTH: f32 = 120.0;
/// Width of a column of scores and metrics.
const NUMBER_WIDTH: f32 = 96.0;
/// Width of a metric with a long name ("Betweenness by strength"), so its header reads whole.
const LONG_NUMBER_WIDTH: f32 = 160.0;
/// No column gets narrower than this by a drag.
const MIN_WIDTH: f32 = 40.0;

/// Which list the table shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tab {
    /// One row a stakeholder.
    #[default]
    Stakeholders,
    /// One row a relationship.
    Relationships,
}

/// A column of the stakeholders' table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StakeholderColumn {
    Id,
    Name,
    Kind,
    Sector,
    Area,
    Influence,
    Interest,
    Engagement,
    DesiredEngagement,
    Tags,
    /// A network metric of the shown map (read-only).
    Metric(Metric),
}

impl StakeholderColumn {
    /// The stakeholder's own fields, in the order the table shows them (the metrics follow).
    const FIELDS: [Self; 10] = [
        Self::Id,
        Self::Name,
        Self::Kind,
        Self::Sector,
        Self::Area,
        Self::Influence,
        Self::Interest,
        Self::Engagement,
        Self::DesiredEngagement,
        Self::Tags,
    ];

    /// Every column, left to right.
    pub fn all() -> impl Iterator<Item = Self> {
        Self::FIELDS
            .into_iter()
            .chain(Metric::ALL.into_iter().map(Self::Metric))
    }

    /// Its header.
    pub fn heading(self) -> &'static str {
        match self {
            Self::Id => "Id",
            Self::Name => "Name",
            Self::Kind => "Kind",
            Self::Sector => "Sector",
            Self::Area => "Area",
            Self::Influence => "Influence",
            Self::Interest => "Interest",
            Self::Engagement => "Engagement now",
            Self::DesiredEngagement => "Engagement wanted",
            Self::Tags => "Tags",
            Self::Metric(metric) => metric.label(),
        }
    }

    fn width(self) -> f32 {
        match self {
            Self::Id => ID_WIDTH,
            Self::Name => NAME_WIDTH,
            Self::Sector | Self::Area | Self::Tags => TEXT_WIDTH,
            Self::Kind | Self::Engagement | Self::DesiredEngagement => CHOICE_WIDTH,
            Self::Metric(Metric::WeightedBetweenness | Metric::WeightedCloseness) => {
                LONG_NUMBER_WIDTH
            }
            Self::Influence | Self::Interest | Self::Metric(_) => NUMBER_WIDTH,
        }
    }

    /// Amounts sort largest first on the first click (the best connected, the most
    /// influential); names and kinds from A.
    fn largest_first(self) -> bool {
        match self {
            Self::Influence | Self::Interest | Self::Engagement | Self::DesiredEngagement => true,
            Self::Metric(metric) => !metric.is_category(),
            _ => false,
        }
    }

    /// The stakeholder's value in this column, to sort by.
    fn value(self, s: &Stakeholder, metrics: Option<&NetworkMetrics>) -> SortValue {
        let score = |score: Option<Score>| score.map_or(SortValue::Missing, |v| number(v.get()));
        // Levels are declared lowest first.
        let engagement =
            |level: Option<Engagement>| level.map_or(SortValue::Missing, |l| number(l as u8));
        match self {
            Self::Id => SortValue::Number(s.id().0 as f64),
            Self::Name => SortValue::text(&s.name),
            Self::Kind => SortValue::text(&s.kind.to_string()),
            Self::Sector => SortValue::text(&s.sector),
            Self::Area => SortValue::text(&s.area),
            Self::Influence => score(s.influence),
            Self::Interest => score(s.interest),
            Self::Engagement => engagement(s.engagement),
            Self::DesiredEngagement => engagement(s.desired_engagement),
            Self::Tags => SortValue::text(&s.tags.join(", ")),
            Self::Metric(metric) => metrics
                .and_then(|m| m.value(s.id(), metric))
                .map_or(SortValue::Missing, SortValue::Number),
        }
    }
}

/// A column of the relationships' table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RelationshipColumn {
    Id,
    From,
    To,
    Kind,
    /// Strength on the day shown, with its name.
    Strength,
    Tone,
    Trend,
    LastContact,
    Owner,
}

impl RelationshipColumn {
    /// Every column, left to right.
    pub const ALL: [Self; 9] = [
        Self::Id,
        Self::From,
        Self::To,
        Self::Kind,
        Self::Strength,
        Self::Tone,
        Self::Trend,
        Self::LastContact,
        Self::Owner,
    ];

    /// Its header.
    pub fn heading(self) -> &'static str {
        match self {
            Self::Id => "Id",
            Self::From => "From",
            Self::To => "To",
            Self::Kind => "Kind",
            Self::Strength => "Strength now",
            Self::Tone => "Tone",
            Self::Trend => "Trend",
            Self::LastContact => "Last contact",
            Self::Owner => "Owner",
        }
    }

    fn width(self) -> f32 {
        match self {
            Self::Id => ID_WIDTH,
            Self::From | Self::To => END_WIDTH,
            Self::Owner => TEXT_WIDTH,
            Self::Kind | Self::Strength | Self::Tone | Self::Trend | Self::LastContact => {
                CHOICE_WIDTH
            }
        }
    }

    /// Strength, warmth, trend and recency sort highest (latest) first on the first click.
    fn largest_first(self) -> bool {
        matches!(
            self,
            Self::Strength | Self::Tone | Self::Trend | Self::LastContact
        )
    }

    /// The relationship's value in this column, to sort by.
    fn value(self, map: &Map, r: &Relationship, day: &Day<'_>) -> SortValue {
        let end = |id| map.stakeholder(id).map_or("", |s| s.name.as_str());
        let latest = r.latest_as_of(day.date);
        match self {
            Self::Id => SortValue::Number(r.id().0 as f64),
            Self::From => SortValue::text(end(r.from())),
            Self::To => SortValue::text(end(r.to())),
            Self::Kind => SortValue::text(&r.kind.to_string()),
            Self::Strength => number(latest.map_or(UNOBSERVED_STRENGTH, |o| o.strength).get()),
            Self::Tone => number(warmth(latest.map_or(UNOBSERVED_TONE, |o| o.tone))),
            Self::Trend => number(match relationship_trend(r, day.date, day.trend).trend {
                Trend::Cooling => 0_u8,
                Trend::Steady => 1,
                Trend::Rising => 2,
            }),
            // ISO dates sort as text in date order.
            Self::LastContact => {
                latest.map_or(SortValue::Missing, |o| SortValue::text(&o.date.to_string()))
            }
            Self::Owner => SortValue::text(&r.owner),
        }
    }
}

/// Tones from strained (0) to positive (2), to sort by.
fn warmth(tone: Tone) -> u8 {
    match tone {
        Tone::Strained => 0,
        Tone::Neutral => 1,
        Tone::Positive => 2,
    }
}

/// The day shown and what counts as cooling on it: what a relationship's strength, tone and
/// trend are read on.
struct Day<'a> {
    date: Date,
    trend: &'a TrendSettings,
}

/// A cell's value as sorted: numbers as numbers, text without regard to case, and empty
/// cells after every value whichever way the column sorts.
#[derive(Clone, Debug, PartialEq)]
enum SortValue {
    Number(f64),
    Text(String),
    Missing,
}

impl SortValue {
    /// Text as sorted (lower case), or missing when empty.
    fn text(text: &str) -> Self {
        if text.trim().is_empty() {
            Self::Missing
        } else {
            Self::Text(text.to_lowercase())
        }
    }

    /// `self` against `other`, largest first when `descending`; missing last either way.
    fn compare(&self, other: &Self, descending: bool) -> Ordering {
        let order = match (self, other) {
            (Self::Missing, Self::Missing) => return Ordering::Equal,
            (Self::Missing, _) => return Ordering::Greater,
            (_, Self::Missing) => return Ordering::Less,
            (Self::Number(a), Self::Number(b)) => a.total_cmp(b),
            (Self::Text(a), Self::Text(b)) => a.cmp(b),
            // A column holds one kind of value; should two ever meet, numbers go first.
            (Self::Number(_), Self::Text(_)) => Ordering::Less,
            (Self::Text(_), Self::Number(_)) => Ordering::Greater,
        };
        if descending { order.reverse() } else { order }
    }
}

fn number(value: impl Into<u32>) -> SortValue {
    SortValue::Number(f64::from(value.into()))
}

/// Which column a table is sorted by, and which way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sort<C> {
    /// The column.
    pub column: C,
    /// Largest (or last in the alphabet) first.
    pub descending: bool,
}

impl<C: Copy + PartialEq> Sort<C> {
    /// The sort after a click on `column`'s header: the same column the other way, or a new
    /// column its first way.
    fn clicked(self, column: C, largest_first: bool) -> Self {
        if self.column == column {
            Self {
                descending: !self.descending,
                ..self
            }
        } else {
            Self {
                column,
                descending: largest_first,
            }
        }
    }

    /// The header's arrow: which way the rows run.
    fn arrow(self, column: C) -> &'static str {
        match (self.column == column, self.descending) {
            (false, _) => "",
            (true, false) => " ⏶",
            (true, true) => " ⏷",
        }
    }
}

/// The stakeholders of `map` in the order `sort` asks; ties by name, then id, so the order
/// never changes from one sort to the next.
pub fn stakeholder_order(
    map: &Map,
    metrics: Option<&NetworkMetrics>,
    sort: Sort<StakeholderColumn>,
) -> Vec<StakeholderId> {
    let mut rows: Vec<(SortValue, String, StakeholderId)> = map
        .stakeholders()
        .map(|s| {
            let value = sort.column.value(s, metrics);
            (value, s.name.to_lowercase(), s.id())
        })
        .collect();
    rows.sort_by(|a, b| {
        a.0.compare(&b.0, sort.descending)
            .then_with(|| a.1.cmp(&b.1))
            .then_with(|| a.2.cmp(&b.2))
    });
    rows.into_iter().map(|(_, _, id)| id).collect()
}

/// The relationships of `map` in the order `sort` asks, read on `date`; ties by name (from,
/// then to), then id.
pub fn relationship_order(
    map: &Map,
    date: Date,
    trend: &TrendSettings,
    sort: Sort<RelationshipColumn>,
) -> Vec<RelationshipId> {
    let day = Day { date, trend };
    let mut rows: Vec<(SortValue, String, RelationshipId)> = map
        .relationships()
        .map(|r| {
            let value = sort.column.value(map, r, &day);
            (
                value,
                map.relationship_name(r, false).to_lowercase(),
                r.id(),
            )
        })
        .collect();
    rows.sort_by(|a, b| {
        a.0.compare(&b.0, sort.descending)
            .then_with(|| a.1.cmp(&b.1))
            .then_with(|| a.2.cmp(&b.2))
    });
    rows.into_iter().map(|(_, _, id)| id).collect()
}

/// What an order was sorted from.
#[derive(Clone, Copy, Debug, PartialEq)]
struct OrderKey<C> {
    /// The shown map's generation.
    generation: u64,
    /// Whether its metrics were ready (they arrive later on a large map).
    metrics: bool,
    sort: Sort<C>,
}

/// The rows of one table in order, sorted again only when its key changes.
struct Order<C, I> {
    key: Option<OrderKey<C>>,
    ids: Vec<I>,
    /// How many times it was sorted (for tests of "not every frame").
    sorts: u64,
}

impl<C, I> Default for Order<C, I> {
    fn default() -> Self {
        Self {
            key: None,
            ids: Vec::new(),
            sorts: 0,
        }
    }
}

impl<C: PartialEq + Copy, I> Order<C, I> {
    /// Sorts with `sort` when `key` is not what the rows were sorted for.
    fn update(&mut self, key: OrderKey<C>, sort: impl FnOnce() -> Vec<I>) {
        if self.key != Some(key) {
            self.ids = sort();
            self.key = Some(key);
            self.sorts += 1;
        }
    }
}

/// A row's id: what selecting its row does to the selection.
trait RowId: Copy + PartialEq {
    fn is_selected(self, selection: &Selection) -> bool;
    fn alone(self) -> Selection;
    fn toggle(self, selection: &mut Selection);
    fn add(self, selection: &mut Selection);
}

impl RowId for StakeholderId {
    fn is_selected(self, selection: &Selection) -> bool {
        selection.stakeholders.contains(&self)
    }
    fn alone(self) -> Selection {
        Selection::stakeholder(self)
    }
    fn toggle(self, selection: &mut Selection) {
        selection.toggle_stakeholder(self);
    }
    fn add(self, selection: &mut Selection) {
        selection.stakeholders.insert(self);
    }
}

impl RowId for RelationshipId {
    fn is_selected(self, selection: &Selection) -> bool {
        selection.relationships.contains(&self)
    }
    fn alone(self) -> Selection {
        Selection::relationship(self)
    }
    fn toggle(self, selection: &mut Selection) {
        selection.toggle_relationship(self);
    }
    fn add(self, selection: &mut Selection) {
        selection.relationships.insert(self);
    }
}

/// The selection after a click on row `clicked`: Ctrl (Cmd) adds or removes it, Shift adds
/// every row from the last one clicked to it, a plain click selects it alone.
/// [`select_rows`] for a click on a row, moving the anchor of Shift+click ranges to it
/// unless Shift was held.
fn select_from_click<I: RowId>(
    selection: &Selection,
    order: &[I],
    anchor: &mut Option<I>,
    clicked: I,
    modifiers: Modifiers,
) -> Selection {
    let next = select_rows(selection, order, *anchor, clicked, modifiers);
    if !modifiers.shift {
        *anchor = Some(clicked);
    }
    next
}

fn select_rows<I: RowId>(
    selection: &Selection,
    order: &[I],
    anchor: Option<I>,
    clicked: I,
    modifiers: Modifiers,
) -> Selection {
    let mut next = selection.clone();
    if modifiers.command || modifiers.ctrl {
        clicked.toggle(&mut next);
        return next;
    }
    let position = |id| order.iter().position(|&i| i == id);
    match (
        modifiers.shift,
        anchor.and_then(position),
        position(clicked),
    ) {
        (true, Some(from), Some(to)) => {
            for &id in &order[from.min(to)..=from.max(to)] {
                id.add(&mut next);
            }
            next
        }
        (true, _, _) => {
            clicked.add(&mut next);
            next
        }
        (false, _, _) => clicked.alone(),
    }
}

/// What the table shows, for one frame.
pub struct TableInput<'a> {
    /// The shown map (through the profile, the moment and the filter): its rows.
    pub shown: &'a Shown,
    /// Which shown map it is: the order is sorted again when it changes.
    pub generation: u64,
    /// What fields show and edits start from: the document's map under the internal
    /// profile (an edit never drops what the moment shown leaves out), else the shown map.
    pub map: &'a Map,
    /// The shown map's network metrics; `None` while they are computed.
    pub metrics: Option<&'a NetworkMetrics>,
    /// What is selected (shared with the canvas and the inspector).
    pub selection: &'a Selection,
    /// Why the map cannot be changed, when it cannot: cells show and take no typing.
    pub refused: Option<String>,
    /// The day new observations are dated (a strength or tone chosen in a cell).
    pub today: Date,
    /// What counts as rising, cooling or stale.
    pub trend: &'a TrendSettings,
}

/// The table's state between frames: the tab, each table's sort and order, the cell being
/// typed into.
pub struct TableView {
    /// The central area shows the table rather than the map.
    pub open: bool,
    tab: Tab,
    stakeholder_sort: Sort<StakeholderColumn>,
    relationship_sort: Sort<RelationshipColumn>,
    stakeholders: Order<StakeholderColumn, StakeholderId>,
    relationships: Order<RelationshipColumn, RelationshipId>,
    text: TextDraft,
    /// The rows a Shift+click extends the selection from.
    stakeholder_anchor: Option<StakeholderId>,
    relationship_anchor: Option<RelationshipId>,
    /// The selection last shown: one made elsewhere (the canvas, find, Needs attention) is
    /// scrolled to.
    seen: Option<Selection>,
}

impl Default for TableView {
    fn default() -> Self {
        Self {
            open: false,
            tab: Tab::default(),
            stakeholder_sort: Sort {
                column: StakeholderColumn::Id,
                descending: false,
            },
            relationship_sort: Sort {
                column: RelationshipColumn::Id,
                descending: false,
            },
            stakeholders: Order::default(),
            relationships: Order::default(),
            text: TextDraft::new("table_field"),
            stakeholder_anchor: None,
            relationship_anchor: None,
            seen: None,
        }
    }
}

impl TableView {
    /// Shows the table in place of the map, or the map again.
    pub fn toggle(&mut self) {
        self.open = !self.open;
        // Opened: the selection made on the canvas is scrolled to.
        self.seen = None;
    }

    /// How many times the stakeholders have been sorted (for tests that a frame does not
    /// sort again).
    pub fn stakeholder_sorts(&self) -> u64 {
        self.stakeholders.sorts
    }

    /// Shows the tabs and the table of the tab chosen; pushes what the person does.
    pub fn ui(&mut self, ui: &mut Ui, input: &TableInput<'_>, commands: &mut Commands) {
        self.text.read_only = input.refused.is_some();
        let shown = &input.shown.map;
        ui.horizontal(|ui| {
            ui.selectable_value(
                &mut self.tab,
                Tab::Stakeholders,
                format!("Stakeholders ({})", shown.stakeholder_count()),
            );
            ui.selectable_value(
                &mut self.tab,
                Tab::Relationships,
                format!("Relationships ({})", shown.relationship_count()),
            );
            ui.separator();
            if input.metrics.is_none() {
                ui.spinner();
                ui.weak("Computing the network metrics…");
                ui.separator();
            }
            let hint = input.refused.as_deref().unwrap_or(
                "Click a header to sort, a row's number to select it (Ctrl or Shift to add). \
                 Each change is one undo step.",
            );
            ui.add(egui::Label::new(RichText::new(hint).weak()).truncate());
        });
        ui.separator();
        // A selection made elsewhere since the last frame: its first row is brought into view.
        let moved = self.seen.as_ref() != Some(input.selection);
        if moved {
            self.seen = Some(input.selection.clone());
        }
        let mut asked = None;
        egui::ScrollArea::horizontal()
            .id_salt("table_columns")
            .show(ui, |ui| match self.tab {
                Tab::Stakeholders => {
                    asked = self.stakeholders_ui(ui, input, moved, commands);
                }
                Tab::Relationships => {
                    asked = self.relationships_ui(ui, input, moved, commands);
                }
            });
        if let Some(selection) = asked {
            // Asked for here: already in view, nothing to scroll to when it arrives.
            self.seen = Some(selection.clone());
            commands.push(Command::Select(selection));
        }
        self.text.finish(input.map, commands);
    }

    /// The stakeholders' table; returns the selection asked for by a click, if any.
    fn stakeholders_ui(
        &mut self,
        ui: &mut Ui,
        input: &TableInput<'_>,
        scroll: bool,
        commands: &mut Commands,
    ) -> Option<Selection> {
        let shown = &input.shown.map;
        let sort = self.stakeholder_sort;
        self.stakeholders.update(
            OrderKey {
                generation: input.generation,
                metrics: input.metrics.is_some(),
                sort,
            },
            || stakeholder_order(shown, input.metrics, sort),
        );
        let order = &self.stakeholders.ids;
        let target = scroll
            .then(|| order.iter().position(|id| id.is_selected(input.selection)))
            .flatten();
        let columns: Vec<StakeholderColumn> = StakeholderColumn::all().collect();
        let row_height = ui.spacing().interact_size.y + ROW_PADDING;
        let mut table = table_builder(ui, "stakeholder_table", target);
        for column in &columns {
            table = table.column(sized(column.width()));
        }
        let mut next_sort = sort;
        let read_only = input.refused.is_some();
        let mut clicked: Option<(StakeholderId, Modifiers)> = None;
        let text = &mut self.text;
        table
            .header(row_height, |mut header| {
                for &column in &columns {
                    header.col(|ui| {
                        let computing = matches!(column, StakeholderColumn::Metric(_))
                            && input.metrics.is_none();
                        let hover = match column {
                            StakeholderColumn::Metric(metric) => metric.description(),
                            _ => "",
                        };
                        if header_ui(ui, column.heading(), sort.arrow(column), hover, computing) {
                            next_sort = sort.clicked(column, column.largest_first());
                        }
                    });
                }
            })
            .body(|body| {
                body.rows(row_height, order.len(), |mut row| {
                    let id = order[row.index()];
                    let Some(on_show) = shown.stakeholder(id) else {
                        return;
                    };
                    // Fields as the inspector shows them: the document's under internal.
                    let s = input.map.stakeholder(id).unwrap_or(on_show);
                    let selected = id.is_selected(input.selection);
                    row.set_selected(selected);
                    let faded = input.shown.decorations.is_faded(id);
                    let name = s.name.as_str();
                    let mut touched = false;
                    for &column in &columns {
                        row.col(|ui| {
                            if faded {
                                ui.multiply_opacity(Tokens::SCREEN.faded);
                            }
                            let cell = Cell {
                                column: column.heading(),
                                row: name,
                            };
                            match column {
                                StakeholderColumn::Id => {
                                    let response = ui.selectable_label(selected, id.to_string());
                                    name_widget(ui, &response, &format!("{id} {name}"));
                                    if response.clicked() {
                                        clicked = Some((id, ui.input(|i| i.modifiers)));
                                    }
                                }
                                StakeholderColumn::Metric(metric) => {
                                    let value = input.metrics.map(|m| m.value(id, metric));
                                    ui.label(metric_text(metric, value));
                                }
                                _ => {
                                    let response = stakeholder_cell(
                                        ui, text, input, s, column, &cell, read_only, commands,
                                    );
                                    touched |= response.clicked() || response.gained_focus();
                                }
                            }
                        });
                    }
                    if let Some(click) = row_click(&row.response(), touched, selected) {
                        clicked = Some((id, click));
                    }
                });
            });
        self.stakeholder_sort = next_sort;
        let (id, modifiers) = clicked?;
        Some(select_from_click(
            input.selection,
            &self.stakeholders.ids,
            &mut self.stakeholder_anchor,
            id,
            modifiers,
        ))
    }

    /// The relationships' table; returns the selection asked for by a click, if any.
    fn relationships_ui(
        &mut self,
        ui: &mut Ui,
        input: &TableInput<'_>,
        scroll: bool,
        commands: &mut Commands,
    ) -> Option<Selection> {
        let shown = &input.shown.map;
        let sort = self.relationship_sort;
        let date = input.shown.date;
        self.relationships.update(
            OrderKey {
                generation: input.generation,
                metrics: false,
                sort,
            },
            || relationship_order(shown, date, input.trend, sort),
        );
        let order = &self.relationships.ids;
        let target = scroll
            .then(|| order.iter().position(|id| id.is_selected(input.selection)))
            .flatten();
        let row_height = ui.spacing().interact_size.y + ROW_PADDING;
        let mut table = table_builder(ui, "relationship_table", target);
        for column in RelationshipColumn::ALL {
            table = table.column(sized(column.width()));
        }
        let mut next_sort = sort;
        let read_only = input.refused.is_some();
        let mut clicked: Option<(RelationshipId, Modifiers)> = None;
        let text = &mut self.text;
        let day = Day {
            date,
            trend: input.trend,
        };
        table
            .header(row_height, |mut header| {
                for column in RelationshipColumn::ALL {
                    header.col(|ui| {
                        if header_ui(ui, column.heading(), sort.arrow(column), "", false) {
                            next_sort = sort.clicked(column, column.largest_first());
                        }
                    });
                }
            })
            .body(|body| {
                body.rows(row_height, order.len(), |mut row| {
                    let id = order[row.index()];
                    let Some(on_show) = shown.relationship(id) else {
                        return;
                    };
                    let selected = id.is_selected(input.selection);
                    row.set_selected(selected);
                    let faded = input.shown.decorations.is_relationship_faded(id);
                    let name = shown.relationship_name(on_show, false);
                    let mut touched = false;
                    for column in RelationshipColumn::ALL {
                        row.col(|ui| {
                            if faded {
                                ui.multiply_opacity(Tokens::SCREEN.faded);
                            }
                            let cell = Cell {
                                column: column.heading(),
                                row: &name,
                            };
                            let response = relationship_cell(
                                ui, text, input, on_show, column, &cell, &day, read_only, selected,
                                commands,
                            );
                            if column == RelationshipColumn::Id {
                                if response.clicked() {
                                    clicked = Some((id, ui.input(|i| i.modifiers)));
                                }
                            } else {
                                touched |= response.clicked() || response.gained_focus();
                            }
                        });
                    }
                    if let Some(click) = row_click(&row.response(), touched, selected) {
                        clicked = Some((id, click));
                    }
                });
            });
        self.relationship_sort = next_sort;
        let (id, modifiers) = clicked?;
        Some(select_from_click(
            input.selection,
            &self.relationships.ids,
            &mut self.relationship_anchor,
            id,
            modifiers,
        ))
    }
}

/// A row chosen: clicked (with the modifiers held), or entered through one of its cells
/// (`touched`) while not yet selected.
fn row_click(row: &Response, touched: bool, selected: bool) -> Option<Modifiers> {
    if row.clicked() {
        Some(ui_modifiers(row))
    } else {
        (touched && !selected).then_some(Modifiers::NONE)
    }
}

/// The modifiers held during a response's click.
fn ui_modifiers(response: &Response) -> Modifiers {
    response.ctx.input(|i| i.modifiers)
}

/// A table with virtual rows: columns resize, the body scrolls, cells click (to select their
/// row) without taking the keyboard's focus, which stays with the fields.
fn table_builder<'a>(ui: &'a mut Ui, salt: &str, scroll_to: Option<usize>) -> TableBuilder<'a> {
    let mut table = TableBuilder::new(ui)
        .id_salt(salt)
        .striped(true)
        .resizable(true)
        .sense(egui::Sense::CLICK)
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .auto_shrink([false, false]);
    if let Some(row) = scroll_to {
        table = table.scroll_to_row(row, None);
    }
    table
}

fn sized(width: f32) -> Column {
    Column::initial(width).at_least(MIN_WIDTH).clip(true)
}

/// A column's header: a button that sorts by it, its arrow when sorted, a spinner while its
/// values are computed. Returns whether it was clicked.
fn header_ui(ui: &mut Ui, heading: &str, arrow: &str, hover: &str, computing: bool) -> bool {
    let button =
        egui::Button::new(RichText::new(format!("{heading}{arrow}")).strong()).frame(false);
    let mut response = ui.add(button);
    response = if computing {
        ui.spinner();
        response.on_hover_text(format!("{hover}\nComputing…"))
    } else if hover.is_empty() {
        response.on_hover_text(format!("Sort by {}", heading.to_lowercase()))
    } else {
        response.on_hover_text(hover)
    };
    response.clicked()
}

/// Where a cell is, to name its widget for screen readers and tests: "Sector of Eastview
/// CPC".
struct Cell<'a> {
    column: &'a str,
    row: &'a str,
}

impl Cell<'_> {
    /// Names the cell's widget "Column of row".
    fn name(&self, ui: &Ui, response: &Response) {
        ui.ctx().accesskit_node_builder(response.id, |node| {
            node.set_label(format!("{} of {}", self.column, self.row));
        });
    }
}

/// Names a widget for screen readers (its text alone would not say which row it is in).
fn name_widget(ui: &Ui, response: &Response, name: &str) {
    ui.ctx().accesskit_node_builder(response.id, |node| {
        node.set_label(name);
    });
}

/// A metric's value as the table shows it: "…" while it is computed.
fn metric_text(metric: Metric, value: Option<Option<f64>>) -> String {
    match value {
        None => "…".to_owned(),
        Some(None) => String::new(),
        Some(Some(v)) => match metric {
            Metric::CutPoint => if v > 0.0 { "yes" } else { "no" }.to_owned(),
            Metric::Degree | Metric::Strength | Metric::Community | Metric::Component => {
                format!("{v:.0}")
            }
            _ => format!("{v:.3}"),
        },
    }
}

/// One editable cell of a stakeholder's row; its widget's response.
#[expect(
    clippy::too_many_arguments,
    reason = "a cell needs its row, its column and where edits go"
)]
fn stakeholder_cell(
    ui: &mut Ui,
    text: &mut TextDraft,
    input: &TableInput<'_>,
    s: &Stakeholder,
    column: StakeholderColumn,
    cell: &Cell<'_>,
    read_only: bool,
    commands: &mut Commands,
) -> Response {
    let id = s.id();
    let field = |which| Field::Stakeholder(id, which);
    let text_field = match column {
        StakeholderColumn::Name => Some(field(StakeholderText::Name)),
        StakeholderColumn::Sector => Some(field(StakeholderText::Sector)),
        StakeholderColumn::Area => Some(field(StakeholderText::Area)),
        StakeholderColumn::Tags => Some(Field::Tags(id)),
        _ => None,
    };
    if let Some(field) = text_field {
        let response = text.show(ui, input.map, field, None, Look::LINE, commands);
        cell.name(ui, &response);
        return response;
    }
    if read_only {
        ui.disable();
    }
    let mut draft = s.clone();
    let salt = ("table", column.heading(), id);
    let response = match column {
        StakeholderColumn::Kind => combo(
            ui,
            salt,
            &mut draft.kind,
            &StakeholderKind::ALL,
            ToString::to_string,
        ),
        StakeholderColumn::Influence => optional_combo(ui, salt, &mut draft.influence, &Score::ALL),
        StakeholderColumn::Interest => optional_combo(ui, salt, &mut draft.interest, &Score::ALL),
        StakeholderColumn::Engagement => {
            optional_combo(ui, salt, &mut draft.engagement, &Engagement::ALL)
        }
        StakeholderColumn::DesiredEngagement => {
            optional_combo(ui, salt, &mut draft.desired_engagement, &Engagement::ALL)
        }
        _ => ui.label(""),
    };
    cell.name(ui, &response);
    if response.changed() && &draft != s && !read_only {
        commands.push(Command::edit(Edit::UpdateStakeholder(draft)));
    }
    response
}

/// A drop-down of `options` or none ("—").
fn optional_combo<T: Copy + PartialEq + std::fmt::Display>(
    ui: &mut Ui,
    salt: impl std::hash::Hash + std::fmt::Debug,
    value: &mut Option<T>,
    options: &[T],
) -> Response {
    let mut with_none = vec![None];
    with_none.extend(options.iter().copied().map(Some));
    combo(ui, salt, value, &with_none, |v| {
        v.map_or_else(|| "—".to_owned(), |v| v.to_string())
    })
}

/// One cell of a relationship's row; its widget's response.
#[expect(
    clippy::too_many_arguments,
    reason = "a cell needs its row, its column, the day and where edits go"
)]
fn relationship_cell(
    ui: &mut Ui,
    text: &mut TextDraft,
    input: &TableInput<'_>,
    on_show: &Relationship,
    column: RelationshipColumn,
    cell: &Cell<'_>,
    day: &Day<'_>,
    read_only: bool,
    selected: bool,
    commands: &mut Commands,
) -> Response {
    let id = on_show.id();
    let shown = &input.shown.map;
    let name_of = |end| shown.stakeholder(end).map_or("?", |s| s.name.as_str());
    // Edits start from the relationship as the document holds it: every observation kept.
    let stored = input.map.relationship(id);
    let latest = on_show.latest_as_of(day.date);
    let observe = |change: &dyn Fn(&mut crate::model::Observation)| {
        let stored = stored?;
        // As the inspector logs an interaction: today, recorded by the owner.
        let mut observation = super::inspector::new_observation(stored, input.today);
        change(&mut observation);
        Some(Command::edit(Edit::AddObservation {
            relationship: id,
            observation,
        }))
    };
    let salt = ("table", column.heading(), id);
    match column {
        RelationshipColumn::Id => {
            let response = ui.selectable_label(selected, id.to_string());
            name_widget(ui, &response, &format!("{id} {}", cell.row));
            response
        }
        RelationshipColumn::From => ui.label(name_of(on_show.from())),
        RelationshipColumn::To => ui.label(name_of(on_show.to())),
        RelationshipColumn::Trend => {
            let report = relationship_trend(on_show, day.date, day.trend);
            ui.label(crate::filter::trend_name(report.trend))
                .on_hover_text(report.reason)
        }
        RelationshipColumn::LastContact => {
            ui.label(latest.map_or_else(|| "never".to_owned(), |o| o.date.to_string()))
        }
        RelationshipColumn::Owner => {
            let field = Field::Relationship(id, RelationshipText::Owner);
            let response = text.show(ui, input.map, field, None, Look::LINE, commands);
            cell.name(ui, &response);
            response
        }
        RelationshipColumn::Kind => {
            if read_only {
                ui.disable();
            }
            let mut kind = on_show.kind;
            let response = combo(ui, salt, &mut kind, &RelationshipKind::ALL, |k| {
                k.to_string()
            });
            cell.name(ui, &response);
            if response.changed()
                && !read_only
                && let Some(stored) = stored
                && stored.kind != kind
            {
                let mut draft = stored.clone();
                draft.kind = kind;
                commands.push(Command::edit(Edit::UpdateRelationship(draft)));
            }
            response
        }
        RelationshipColumn::Strength => {
            if read_only {
                ui.disable();
            }
            let mut strength = latest.map_or(UNOBSERVED_STRENGTH, |o| o.strength);
            let response = combo(ui, salt, &mut strength, &Strength::ALL, |s| {
                format!("{s} {}", s.name())
            });
            cell.name(ui, &response);
            if response.changed()
                && !read_only
                && let Some(command) = observe(&|o| o.strength = strength)
            {
                commands.push(command);
            }
            response
        }
        RelationshipColumn::Tone => {
            if read_only {
                ui.disable();
            }
            let mut tone = latest.map_or(UNOBSERVED_TONE, |o| o.tone);
            let response = combo(ui, salt, &mut tone, &Tone::ALL, ToString::to_string);
            cell.name(ui, &response);
            if response.changed()
                && !read_only
                && let Some(command) = observe(&|o| o.tone = tone)
            {
                commands.push(command);
            }
            response
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builtin() -> Map {
        crate::builtin::police_community()
    }

    fn names(map: &Map, order: &[StakeholderId]) -> Vec<String> {
        order
            .iter()
            .map(|&id| map.stakeholder(id).expect("on the map").name.clone())
            .collect()
    }

    #[test]
    fn names_sort_without_regard_to_case_and_reverse() {
        let map = builtin();
        let sort = Sort {
            column: StakeholderColumn::Name,
            descending: false,
        };
        let up = names(&map, &stakeholder_order(&map, None, sort));
        let mut expected = up.clone();
        expected.sort_by_key(|n| n.to_lowercase());
        assert_eq!(up, expected);
        let down = names(
            &map,
            &stakeholder_order(&map, None, sort.clicked(StakeholderColumn::Name, false)),
        );
        let mut reversed = up.clone();
        reversed.reverse();
        assert_eq!(down, reversed);
    }

    #[test]
    fn numbers_sort_as_numbers_with_empty_cells_last_either_way() {
        let map = builtin();
        for descending in [false, true] {
            let sort = Sort {
                column: StakeholderColumn::Influence,
                descending,
            };
            let order = stakeholder_order(&map, None, sort);
            let values: Vec<Option<u8>> = order
                .iter()
                .map(|&id| {
                    map.stakeholder(id)
                        .and_then(|s| s.influence)
                        .map(Score::get)
                })
                .collect();
            let scored: Vec<u8> = values.iter().map_while(|v| *v).collect();
            assert!(
                values[scored.len()..].iter().all(Option::is_none),
                "unscored last: {values:?}"
            );
            let mut sorted = scored.clone();
            sorted.sort_unstable();
            if descending {
                sorted.reverse();
            }
            assert_eq!(scored, sorted);
        }
    }

    #[test]
    fn ties_go_by_name_so_the_order_is_stable() {
        let map = builtin();
        let sort = Sort {
            column: StakeholderColumn::Kind,
            descending: false,
        };
        let order = stakeholder_order(&map, None, sort);
        for pair in order.windows(2) {
            let (a, b) = (
                map.stakeholder(pair[0]).expect("a"),
                map.stakeholder(pair[1]).expect("b"),
            );
            if a.kind == b.kind {
                assert!(
                    a.name.to_lowercase() <= b.name.to_lowercase(),
                    "{a:?} {b:?}"
                );
            }
        }
    }

    #[test]
    fn metrics_sort_by_their_value_and_wait_when_not_ready() {
        let map = builtin();
        let metrics = crate::analysis::network_metrics(&map, &Default::default());
        let sort = Sort {
            column: StakeholderColumn::Metric(Metric::Betweenness),
            descending: true,
        };
        let order = stakeholder_order(&map, Some(&metrics), sort);
        assert_eq!(order[0], metrics.ranked(Metric::Betweenness)[0].id);
        // Not computed yet: every value is missing, so the rows go by name.
        let waiting = stakeholder_order(&map, None, sort);
        let by_name = stakeholder_order(
            &map,
            None,
            Sort {
                column: StakeholderColumn::Name,
                descending: false,
            },
        );
        assert_eq!(waiting, by_name);
    }

    #[test]
    fn relationships_sort_by_strength_then_name() {
        let map = builtin();
        let today: Date = "2026-01-01".parse().expect("a date");
        let trend = TrendSettings::default();
        let sort = Sort {
            column: RelationshipColumn::Strength,
            descending: true,
        };
        let order = relationship_order(&map, today, &trend, sort);
        assert_eq!(order.len(), map.relationship_count());
        let strengths: Vec<Strength> = order
            .iter()
            .map(|&id| {
                map.relationship(id)
                    .and_then(|r| r.latest_as_of(today))
                    .map_or(UNOBSERVED_STRENGTH, |o| o.strength)
            })
            .collect();
        assert!(strengths.windows(2).all(|w| w[0] >= w[1]), "{strengths:?}");
    }

    #[test]
    fn an_order_is_sorted_again_only_when_its_key_changes() {
        let mut order: Order<StakeholderColumn, u32> = Order::default();
        let key = OrderKey {
            generation: 1,
            metrics: false,
            sort: Sort {
                column: StakeholderColumn::Name,
                descending: false,
            },
        };
        for _ in 0..3 {
            order.update(key, || vec![1, 2, 3]);
        }
        assert_eq!(order.sorts, 1, "the same key: sorted once");
        order.update(
            OrderKey {
                metrics: true,
                ..key
            },
            || vec![3, 2, 1],
        );
        assert_eq!((order.sorts, order.ids.as_slice()), (2, &[3, 2, 1][..]));
        order.update(
            OrderKey {
                generation: 2,
                ..key
            },
            Vec::new,
        );
        assert_eq!(order.sorts, 3, "a new shown map");
    }

    #[test]
    fn ctrl_toggles_a_row_and_shift_adds_the_rows_between() {
        let ids: Vec<StakeholderId> = (1..=5).map(StakeholderId).collect();
        let none = Selection::default();
        let one = select_rows(&none, &ids, None, ids[1], Modifiers::NONE);
        assert_eq!(one, Selection::stakeholder(ids[1]));
        let range = select_rows(&one, &ids, Some(ids[1]), ids[3], Modifiers::SHIFT);
        assert_eq!(range, Selection::stakeholders(ids[1..=3].iter().copied()));
        let toggled = select_rows(&range, &ids, Some(ids[1]), ids[2], Modifiers::COMMAND);
        assert_eq!(toggled, Selection::stakeholders([ids[1], ids[3]]));
    }
}
