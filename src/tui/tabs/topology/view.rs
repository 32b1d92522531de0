//! The Topology tab's view: each node's line (name, badges, finding counts) and the tree.

use super::{TopologyTab, TreeDrawn};
use crate::audit::Severity;
use crate::domain::Fact;
use crate::tui::data::{Data, NodeKind};
use crate::tui::tabs::{ListDrawn, Scroll, TabState, ViewCx};
use crate::tui::text::visible;
use crate::tui::theme::Theme;
use crate::tui::widgets::{count_span, list_title, pane_block};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

fn counts_spans(theme: &Theme, c: crate::tui::data::Counts) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    for s in [Severity::Error, Severity::Warn, Severity::Info] {
        let n = c.get(s);
        if n > 0 {
            spans.push(Span::raw(" "));
            spans.push(count_span(theme, s, n, false));
        }
    }
    spans
}

/// One node's line: its name, badges and finding counts.
pub fn node_line(data: &Data, t: &Theme, kind: NodeKind) -> Line<'static> {
    let inv = &data.inv;
    match kind {
        NodeKind::GenesysEnv(g) => {
            let env = inv.genesys_environments().get(g);
            let n = env.map_or(0, |e| e.voice_environments.len());
            Line::from(vec![
                Span::styled(
                    visible(env.and_then(|e| e.name.as_deref()).unwrap_or("(no name)")),
                    t.header,
                ),
                Span::styled(
                    format!("  {n} voice env{}", if n == 1 { "" } else { "s" }),
                    t.muted,
                ),
            ])
        }
        NodeKind::VoiceEnv(v) => {
            let ve = inv.voice_environment(v);
            let mut spans = vec![Span::raw(visible(
                ve.and_then(|e| e.name.as_deref().or(e.id.as_deref()))
                    .unwrap_or("(no name)"),
            ))];
            if ve.is_some_and(|e| e.cluster_mode) {
                spans.push(Span::raw(" "));
                spans.push(Span::styled(" CLUSTER ", t.badge(t.cluster)));
            }
            if data.audit.ve_mismatch.get(v).copied().unwrap_or(false) {
                spans.push(Span::raw(" "));
                spans.push(Span::styled(" MISMATCH ", t.badge(t.warn)));
            }
            spans.extend(counts_spans(
                t,
                data.audit.ve_counts.get(v).copied().unwrap_or_default(),
            ));
            if let Some(Fact::Unknown(r)) = inv.voice_envs.get(v).map(|f| f.switch) {
                spans.push(Span::styled(
                    format!("  switch unknown ({} unavailable)", r.name()),
                    t.warn,
                ));
            }
            Line::from(spans)
        }
        NodeKind::Switch(_, dbid) => {
            let name = inv
                .switch(dbid)
                .and_then(|s| s.name.as_deref())
                .unwrap_or("?");
            let mut spans = vec![
                Span::styled("switch ", t.muted),
                Span::raw(visible(name)),
                Span::styled(format!("  DBID {dbid}"), t.muted),
            ];
            let mut c = crate::tui::data::Counts::default();
            for f in data.audit.switch_findings.get(&dbid).into_iter().flatten() {
                if let Some(f) = data.audit.findings.get(*f) {
                    c.add(f.severity);
                }
            }
            spans.extend(counts_spans(t, c));
            Line::from(spans)
        }
        NodeKind::Connection(v, c) => {
            let conn = inv
                .voice_environment(v)
                .and_then(|ve| ve.tserver_connections.get(c));
            let Some(conn) = conn else {
                return Line::from("?");
            };
            let s = &conn.servers;
            // `name host:port/sip-port`, the backup after `⇄`.
            let server = |name: &Option<String>,
                          addr: &Option<String>,
                          port: &Option<String>,
                          sip: &Option<String>| {
                let text = |v: &Option<String>| visible(v.as_deref().unwrap_or("?"));
                let sip = sip
                    .as_ref()
                    .map(|p| format!("/{}", visible(p)))
                    .unwrap_or_default();
                format!("{} {}:{}{sip}", text(name), text(addr), text(port))
            };
            let mut spans = vec![
                Span::styled("T-Server ", t.muted),
                Span::raw(server(
                    &s.primary_server_name,
                    &s.primary_address,
                    &s.primary_port,
                    &s.primary_sip_port,
                )),
            ];
            if s.backup_server_name
                .as_deref()
                .is_some_and(|b| !b.is_empty())
            {
                spans.push(Span::styled(" ⇄ ", t.muted));
                spans.push(Span::raw(server(
                    &s.backup_server_name,
                    &s.backup_address,
                    &s.backup_port,
                    &s.backup_sip_port,
                )));
            }
            if let Some(p) = &s.connection_protocol {
                spans.push(Span::styled(format!("  {}", visible(p)), t.muted));
            }
            Line::from(spans)
        }
    }
}

/// Draws the tree as tui-tree-widget would (the symbols, two cells of indent a level, the
/// selected row highlighted whole), scrolled so the selection is in view after it moved.
pub fn render(tab: &TopologyTab, frame: &mut Frame, area: Rect, cx: &ViewCx) -> ListDrawn {
    let t = cx.theme;
    let data = cx.data;
    let title = list_title(t, "Topology", cx.focused, String::new(), tab.filter(), "");
    let block = pane_block(t, title, cx.focused);
    let inner = block.inner(area);
    let mut drawn = ListDrawn {
        rows_top: inner.y,
        height: inner.height as usize,
        scroll: Scroll::Unchanged,
    };
    if tab.rows.is_empty() {
        let msg = if tab.filter().is_empty() {
            match &data.inv.model.genesys_environments {
                Err(u) => format!(" unknown ({} unavailable)", u.resource.path()),
                _ => " no Genesys environments in the snapshot".to_string(),
            }
        } else {
            " nothing matches the filter (Esc clears it)".to_string()
        };
        frame.render_widget(Paragraph::new(msg).block(block), area);
        return drawn;
    }
    frame.render_widget(block, area);
    let mut tree = TreeDrawn {
        area: inner,
        ..TreeDrawn::default()
    };
    if inner.width < 1 || inner.height < 1 {
        drawn.scroll = Scroll::Tree(tree);
        return drawn;
    }
    let height = inner.height as usize;
    let last = tab.rows.len() - 1;
    let mut start = tab.view.offset.min(last);
    let reveal = tab
        .reveal
        .then(|| tab.row_of_selected())
        .flatten()
        .filter(|_| !tab.selected.is_empty());
    if let Some(r) = reveal {
        start = start.min(r);
    }
    let mut end = (start + height).min(tab.rows.len());
    if let Some(r) = reveal
        && r >= end
    {
        end = r + 1;
        start = end.saturating_sub(height);
    }
    for (i, row) in (start..end).enumerate() {
        let (Some(path), Some(&node)) = (tab.rows.get(row), tab.row_nodes.get(row)) else {
            continue;
        };
        let Some(n) = data.topo.get(node) else {
            continue;
        };
        let y = inner.y + i as u16;
        let row_area = Rect::new(inner.x, y, inner.width, 1);
        let symbol = if !tab.branch.get(node).copied().unwrap_or(false) {
            "  "
        } else if tab.opened.contains(path) {
            "▾ "
        } else {
            "▸ "
        };
        let lead = format!("{}{symbol}", " ".repeat((path.len() - 1) * 2));
        let buf = frame.buffer_mut();
        let (x, _) = buf.set_stringn(
            inner.x,
            y,
            &lead,
            inner.width as usize,
            ratatui::style::Style::new(),
        );
        let text_area = Rect::new(x, y, inner.width.saturating_sub(x - inner.x), 1);
        frame.render_widget(node_line(data, t, n.kind), text_area);
        if *path == tab.selected {
            frame.buffer_mut().set_style(row_area, t.selection);
        }
        tree.rendered.push((y, path.clone()));
    }
    tree.offset = Some((start, last));
    drawn.scroll = Scroll::Tree(tree);
    drawn
}
