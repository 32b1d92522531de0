//! The header (source, mode, time, badges) and the tab bar (tabs, counts).

use crate::audit::Severity;
use crate::tui::action::Tab;
use crate::tui::app::{App, Loading, SourceMode};
use crate::tui::data::Counts;
use crate::tui::load::JobKind;
use crate::tui::text;
use crate::tui::theme::Theme;
use crate::tui::widgets::count_span;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

fn spans_width(spans: &[Span]) -> usize {
    spans.iter().map(|s| text::width(&s.content)).sum()
}

pub fn render_header(frame: &mut Frame, area: Rect, app: &App) {
    let t = &app.theme;
    let width = area.width as usize;
    // Badges first: they must always show.
    let mut badges: Vec<Span> = vec![Span::styled(
        format!(" {} ", app.source.mode.badge()),
        t.badge(t.accent),
    )];
    if app.stale() {
        badges.push(Span::raw(" "));
        badges.push(Span::styled(" STALE ", t.badge(t.warn)));
    }
    if let Some(v) = app.what_if {
        badges.push(Span::raw(" "));
        badges.push(Span::styled(" WHAT-IF ", t.badge(t.warn)));
        badges.push(Span::styled(
            format!(" useEmployeeIdAsAgentLogin…={v}"),
            t.warn,
        ));
    }
    if let Some(c) = &app.jobs.compare {
        badges.push(Span::raw(" "));
        badges.push(Span::styled(" COMPARE ", t.badge(t.info)));
        let compared = app.data.as_ref().and_then(|d| d.compared.as_ref());
        let state = match (&c.old, compared) {
            (crate::tui::compare::OldSide::Failed(_), _) => {
                Span::styled(" OLD unreadable", t.error)
            }
            (_, Some(cd)) if !cd.diff.complete => Span::styled(" ▲ incomplete", t.warn),
            (_, Some(_)) => Span::styled(" vs OLD", t.muted),
            (_, None) => Span::styled(" comparing…", t.muted),
        };
        badges.push(state);
    }
    if app.source.insecure {
        badges.push(Span::raw(" "));
        badges.push(Span::styled(" INSECURE TLS ", t.badge(t.error)));
    }
    if let Some(l) = app.loading()
        && app.data.is_some()
    {
        let what = match l.kind {
            JobKind::Load => "refreshing…",
            JobKind::Recompute => "recomputing…",
        };
        badges.push(Span::styled(format!("  {what}{}", in_flight(l)), t.info));
    }
    if let Some(d) = &app.data {
        // Incomplete whenever a resource is unavailable or unreadable (RULES.md §5).
        // The score with it once the audit ran: a grade is never shown alone.
        let n = d.inv.model.unavailable().len();
        let score = d
            .audit
            .card
            .as_ref()
            .map(|c| format!("score {}", crate::audit::report::score_text(c.overall)));
        if n > 0 {
            let score = score.map_or(String::new(), |s| format!("{s}, "));
            badges.push(Span::styled(
                format!(
                    "  ▲ {score}incomplete: {n} resource{} unavailable",
                    if n == 1 { "" } else { "s" }
                ),
                t.warn,
            ));
        } else if let Some(score) = score {
            badges.push(Span::styled(format!("  {score}"), t.muted));
        }
        if let Some(b) = d.audit.baseline {
            badges.push(Span::styled(
                format!("  {} accepted · {} resolved", b.accepted, b.resolved),
                t.muted,
            ));
        }
        let skipped = d.inv.model.partial.len() + d.snapshot.warnings.len();
        if skipped > 0 {
            badges.push(Span::styled(
                format!(
                    "  ▲ {skipped} read warning{} (Topology detail)",
                    if skipped == 1 { "" } else { "s" }
                ),
                t.warn,
            ));
        }
    }
    let time = match (&app.data, app.source.mode) {
        (Some(_), SourceMode::Live) => {
            let at = app
                .loaded_at
                .map(|at| format!("refreshed {}", crate::gws::rfc3339_utc(at)))
                .unwrap_or_default();
            match app.refresh_countdown() {
                Some(s) => format!("{at} · refresh in {s}s"),
                None => at,
            }
        }
        (Some(d), _) => d
            .snapshot
            .captured_at
            .as_deref()
            .map(|c| format!("captured {}", text::visible(c)))
            .unwrap_or_else(|| "capture time unknown".into()),
        (None, _) => String::new(),
    };
    let mut left = vec![Span::styled(" gwsx ", t.header), Span::raw(" ")];
    let fixed = spans_width(&left) + spans_width(&badges) + 2;
    let time_w = if time.is_empty() {
        0
    } else {
        text::width(&time) + 2
    };
    // The label gets what is left, at least a few cells.
    let label_room = width.saturating_sub(fixed + time_w).max(8);
    left.push(Span::styled(
        text::truncate(&text::visible(&app.source.label), label_room),
        t.header,
    ));
    left.push(Span::raw("  "));
    left.extend(badges);
    if !time.is_empty() && spans_width(&left) + time_w <= width {
        left.push(Span::styled(format!("  {time}"), t.muted));
    }
    frame.render_widget(Paragraph::new(Line::from(left)), area);
}

/// The tab bar; returns where each tab's label is (for the mouse).
pub fn render_tabs(frame: &mut Frame, area: Rect, app: &App) -> Vec<(Rect, Tab)> {
    let t = &app.theme;
    let mut spans: Vec<Span> = vec![Span::raw(" ")];
    let mut x = area.x + 1;
    let shown = app.tabs_shown();
    let mut rects = Vec::with_capacity(shown.len());
    for tab in shown {
        let state = app.tabs.get(tab);
        let count = app
            .data
            .as_deref()
            .and_then(|d| state.count(d))
            .map(|c| format!(" {c}"))
            .unwrap_or_default();
        let title = state.label().unwrap_or(tab.title());
        let label = format!(" {} {title}{count} ", tab.index() + 1);
        let w = text::width(&label) as u16;
        rects.push((Rect::new(x, area.y, w, 1), tab));
        x += w + 1;
        let style = if tab == app.tab {
            t.badge(t.accent)
        } else {
            t.muted
        };
        spans.push(Span::styled(label, style));
        spans.push(Span::raw(" "));
    }
    let used = spans_width(&spans);
    if let Some(d) = &app.data {
        let c = d.audit.counts;
        let clusters = d
            .inv
            .voice_envs
            .iter()
            .enumerate()
            .filter(|(i, _)| d.inv.voice_environment(*i).is_some_and(|v| v.cluster_mode));
        let clusters = clusters.count();
        let summary = Span::styled(
            format!(
                "{} agents · {} voice envs ({clusters} cluster)   ",
                d.agents.len(),
                d.inv.voice_envs.len()
            ),
            t.muted,
        );
        let mut full = vec![summary];
        let (short, tiny) = if d.audited {
            full.extend(severity_counts(t, c, true, "  "));
            (
                severity_counts(t, c, true, " "),
                severity_counts(t, c, false, " "),
            )
        } else {
            let auditing = || vec![Span::styled("auditing… ", t.muted)];
            full.extend(auditing());
            (auditing(), auditing())
        };
        let room = (area.width as usize).saturating_sub(used);
        let right: Vec<Span> = [full, short, tiny]
            .into_iter()
            .find(|r| !r.is_empty() && spans_width(r) <= room)
            .unwrap_or_default();
        let gap = room.saturating_sub(spans_width(&right));
        spans.push(Span::raw(" ".repeat(gap)));
        spans.extend(right);
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
    rects
}

/// `✖ 3 error  ▲ 5 warn  ● 1 info ` (or `✖3 ▲5 ●1 ` without words).
fn severity_counts(t: &Theme, c: Counts, words: bool, sep: &str) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    for s in [Severity::Error, Severity::Warn, Severity::Info] {
        if !spans.is_empty() {
            spans.push(Span::raw(sep.to_string()));
        }
        spans.push(count_span(t, s, c.get(s), words));
    }
    spans.push(Span::raw(" "));
    spans
}

/// A refresh's resources so far and its largest request under way: ` 4/11 · /path 1.2 MiB`,
/// `(+2)` when others are under way too.
fn in_flight(l: &Loading) -> String {
    if l.kind != JobKind::Load || l.total <= 1 {
        return String::new();
    }
    let mut text = format!(" {}/{}", l.n, l.total);
    if let Some(t) = l.transfers.iter().max_by_key(|t| t.received) {
        text.push_str(&format!(" · {} {}", t.path, t.status_text()));
        if l.transfers.len() > 1 {
            text.push_str(&format!(" (+{})", l.transfers.len() - 1));
        }
    }
    text::visible(&text)
}
