//! The terminal UI (DESIGN.md "The TUI"): Topology, Agents and Audit tabs (and Changes with
//! `--compare OLD`) over one inventory, a detail pane, fuzzy filter, what-if, themes.
//!
//! `app` holds the global state and the one action handler; `tabs` each tab's state, view
//! and detail; `views` draw the screen from `&App` and return what they laid out; `load`
//! runs the jobs that produce data off the UI thread; `terminal` guards the terminal. This
//! module only wires them into the event loop (docs/architecture.md).

pub mod action;
pub mod app;
pub mod collate;
pub mod command;
pub mod compare;
pub mod data;
pub mod detail;
pub mod filter;
pub mod keymap;
pub mod keys_config;
pub mod load;
pub mod objects;
pub mod probe;
pub mod raw;
pub mod selection;
pub mod tabs;
pub mod terminal;
pub mod text;
pub mod theme;
pub mod views;
pub mod widgets;

use crate::snapshot::GwsConfig;
use crate::source::SourceKind;
use anyhow::{Result, anyhow};
use app::{App, SourceDesc, SourceMode};
use crossterm::event::{Event, EventStream};
use futures::StreamExt;
use load::Loader;
use theme::Theme;

/// What `gwsx [SOURCE]` asks for.
pub struct Options {
    pub source: SourceKind,
    pub overrides: GwsConfig,
    pub theme: Theme,
    /// How to reach GWS for a live source (`--user`, `--insecure`, the password, ...);
    /// `None` for an offline one.
    pub live: Option<crate::gws::LiveOptions>,
    /// `--baseline FILE`, read before the terminal is taken over.
    pub baseline: Option<crate::audit::baseline::Baseline>,
    /// The keys in effect and what of the config's `[keys]` could not apply (the first is
    /// shown in the status line).
    pub keys: keys_config::Merged,
    /// `--refresh SECONDS` (live sources only): the background refresh.
    pub refresh: Option<std::time::Duration>,
    /// `--compare OLD`: read beside the source, with the same connection options.
    pub compare: Option<SourceKind>,
}

/// The source's label, mode and loader; a live source needs its connection options.
pub fn source_with_live(
    kind: &SourceKind,
    live: Option<&crate::gws::LiveOptions>,
) -> Result<(SourceDesc, Loader)> {
    match (kind, live) {
        (SourceKind::Live(url), Some(opts)) => {
            let opts = opts.clone();
            Ok((
                SourceDesc {
                    label: url.clone(),
                    mode: SourceMode::Live,
                    insecure: opts.insecure,
                },
                load::live_loader(url.clone(), opts),
            ))
        }
        _ => source_of(kind),
    }
}

/// The label, mode and loader of an offline source (a live one needs `source_with_live`).
pub fn source_of(kind: &SourceKind) -> Result<(SourceDesc, Loader)> {
    match kind {
        SourceKind::Demo => Ok((
            SourceDesc {
                label: crate::snapshot::DEMO_LABEL.to_string(),
                mode: SourceMode::Demo,
                insecure: false,
            },
            load::offline_loader(kind.clone()),
        )),
        SourceKind::Path(p) => Ok((
            SourceDesc {
                label: p.clone(),
                mode: SourceMode::Offline,
                insecure: false,
            },
            load::offline_loader(kind.clone()),
        )),
        SourceKind::Live(url) => Err(anyhow!(
            "{url}: a live source needs its connection options (source_with_live)"
        )),
    }
}

/// Runs the TUI until the user quits. The terminal is restored on every way out.
pub fn run(options: Options) -> Result<()> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(anyhow!(
            "the TUI needs a terminal; for output to a file or pipe use `gwsx agents` or `gwsx audit`"
        ));
    }
    let (source, loader) = source_with_live(&options.source, options.live.as_ref())?;
    let old = match &options.compare {
        Some(kind) => Some(source_with_live(kind, options.live.as_ref())?),
        None => None,
    };
    let old_label = old.as_ref().map(|(desc, _)| desc.label.clone());
    let old_loader = old.map(|(_, loader)| (loader, options.overrides.clone()));
    let app = App::new(source, options.theme, options.overrides)
        .with_baseline(options.baseline)
        .with_keys(options.keys)
        .with_auto_refresh(options.refresh)
        .with_compare(old_label);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(event_loop(app, loader, old_loader))
}

/// Hands a terminal event to the app; `false` when the terminal is gone.
fn terminal_event(app: &mut App, event: Option<std::io::Result<Event>>) -> Result<bool> {
    match event {
        Some(Ok(Event::Key(key))) => app.handle_key(key),
        Some(Ok(Event::Mouse(mouse))) => app.handle_mouse(mouse),
        Some(Ok(_)) => {}
        Some(Err(e)) => return Err(anyhow!("reading the terminal: {e}")),
        None => return Ok(false),
    }
    Ok(true)
}

/// Draws, waits for a key, a mouse event, a resize or a job's report, and repeats. With
/// `old` (compare mode), OLD is read beside the first load, with the user's overrides.
pub async fn event_loop(
    mut app: App,
    loader: Loader,
    old: Option<(Loader, GwsConfig)>,
) -> Result<()> {
    let mut guard = terminal::TerminalGuard::new()?;
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    if let Some((old_loader, overrides)) = old {
        tokio::spawn(load::load_old(old_loader, overrides, tx.clone()));
    }
    let mut events = EventStream::new();
    let mut probe = probe::Probe::from_env();
    #[cfg(unix)]
    let mut terminate = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
    // The load in flight, dropped when the user cancels it (its late result, if any, is
    // ignored by its generation anyway).
    let mut load_task: Option<tokio::task::JoinHandle<()>> = None;
    loop {
        if app.take_cancel()
            && let Some(task) = load_task.take()
        {
            task.abort();
        }
        // The background refresh (`--refresh`) starts here when due, like `r`.
        app.tick(std::time::Instant::now());
        guard
            .terminal
            .draw(|frame| views::render(frame, &mut app))?;
        let audited = app.data.as_ref().is_some_and(|d| d.audited);
        match probe.frame_drawn(app.data.is_some(), audited) {
            probe::Next::Continue => {}
            probe::Next::Quit => app.quit = true,
            probe::Next::WhatIf => app.apply(action::Action::WhatIf),
        }
        // Jobs start after the frame is drawn: the audit of new data does not slow its frame.
        if let Some(request) = app.take_request() {
            let is_load = matches!(request, load::JobRequest::Load { .. });
            let task = tokio::spawn(load::run_job(loader.clone(), request, tx.clone()));
            if is_load {
                load_task = Some(task);
            }
        }
        if let Some(text) = app.clipboard.take() {
            terminal::osc52(&text);
        }
        if let Some(e) = app.fatal.take() {
            drop(guard);
            return Err(anyhow!(e));
        }
        if app.quit {
            return Ok(());
        }
        #[cfg(unix)]
        let term = terminate.recv();
        #[cfg(not(unix))]
        let term = std::future::pending::<Option<()>>();
        // With `--refresh`, wake when the countdown changes; otherwise only for events.
        let tick = app.until_tick(std::time::Instant::now());
        let tick = async move {
            match tick {
                Some(wait) => tokio::time::sleep(wait).await,
                None => std::future::pending::<()>().await,
            }
        };
        tokio::select! {
            _ = tick => {}
            event = events.next() => {
                if !terminal_event(&mut app, event)? {
                    return Ok(());
                }
            }
            Some(job) = rx.recv() => app.on_job(job),
            _ = term => app.quit = true,
        }
        // Coalesce job reports. (Terminal events are not drained the same way: polling
        // crossterm's EventStream outside the select loses its wake-up.)
        while let Ok(job) = rx.try_recv() {
            app.on_job(job);
        }
        if terminal::panicked() {
            drop(guard);
            return Err(anyhow!(
                "internal error: a task panicked (its message is above)"
            ));
        }
    }
}
