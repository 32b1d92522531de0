//! The Topology tab: Genesys environment → voice environment → switch and T-Server
//! connections, with stable ids as tree identifiers.

use super::{count_span, pane_block};
use crate::audit::Severity;
use crate::domain::Fact;
use crate::tui::app::{App, Pane};
use crate::tui::data::{Data, NodeKind, TopoNode};
use crate::tui::text::visible;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use tui_tree_widget::{Tree, TreeItem};

/// The tree items of the nodes marked `keep` (the filter's result).
pub fn items(data: &Data, theme: &Theme, keep: &[bool]) -> Vec<TreeItem<'static, String>> {
    let nodes: Vec<&TopoNode> = data
        .topo
        .iter()
        .zip(keep)
        .filter(|(_, k)| **k)
        .map(|(n, _)| n)
        .collect();
    build_level(data, theme, &nodes, 1)
}

/// Items at `depth` from a run of nodes in tree order (children follow their parent).
fn build_level(
    data: &Data,
    theme: &Theme,
    nodes: &[&TopoNode],
    depth: usize,
) -> Vec<TreeItem<'static, String>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < nodes.len() {
        let node = nodes[i];
        if node.path.len() != depth {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < nodes.len()
            && nodes[j].path.len() > depth
            && nodes[j].path.starts_with(&node.path)
        {
            j += 1;
        }
        let id = node.path.last().cloned().unwrap_or_default();
        let text = node_line(data, theme, node.kind);
        let children = build_level(data, theme, &nodes[i + 1..j], depth + 1);
        let item = if children.is_empty() {
            TreeItem::new_leaf(id, text)
        } else {
            // Sibling ids are unique by construction (data.rs); a failure keeps the leaf.
            match TreeItem::new(id.clone(), text.clone(), children) {
                Ok(item) => item,
                Err(_) => TreeItem::new_leaf(id, text),
            }
        };
        out.push(item);
        i = j;
    }
    out
}

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

pub fn render(frame: &mut Frame, area: Rect, app: &mut App) {
    let focused = app.focus == Pane::List;
    let t = &app.theme;
    let filter = &app.filters[crate::tui::action::Tab::Topology.index()];
    let title = super::list_title(t, "Topology", focused, String::new(), filter, "");
    let block = pane_block(t, title, focused);
    let inner = block.inner(area);
    app.list_height = inner.height as usize;
    app.areas.list_rows_top = inner.y;
    if app.tree_items.is_empty() {
        let msg = if filter.is_empty() {
            match &app.data.as_ref().map(|d| &d.inv.model.genesys_environments) {
                Some(Err(u)) => format!(" unknown ({} unavailable)", u.resource.path()),
                _ => " no Genesys environments in the snapshot".to_string(),
            }
        } else {
            " nothing matches the filter (Esc clears it)".to_string()
        };
        frame.render_widget(ratatui::widgets::Paragraph::new(msg).block(block), area);
        return;
    }
    let selection = t.selection;
    let tree = match Tree::new(&app.tree_items) {
        Ok(tree) => tree,
        Err(_) => return,
    };
    let tree = tree
        .block(block)
        .highlight_style(selection)
        .node_closed_symbol("▸ ")
        .node_open_symbol("▾ ")
        .node_no_children_symbol("  ");
    frame.render_stateful_widget(tree, area, &mut app.tree);
}
