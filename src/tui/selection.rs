//! `Selection`: the selected row of a list or tree pane and the first row shown (its scroll),
//! shared by the three tabs and the detail pane. `windowed` is what a view lays out: the
//! selection kept on screen in a window of rows, without changing the state it was given.

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Selection {
    pub selected: usize,
    pub offset: usize,
}

impl Selection {
    /// A click on the `row`-th visible row of a list of `len` rows selects it.
    pub fn click(&mut self, row: usize, len: usize) {
        let i = self.offset + row;
        if i < len {
            self.selected = i;
        }
    }

    /// Takes the cursor and scroll a list view laid out (the view keeps the cursor shown).
    pub fn adopt(&mut self, scroll: super::tabs::Scroll) {
        if let super::tabs::Scroll::Rows(drawn) = scroll {
            *self = drawn;
        }
    }

    /// Moves the cursor by `delta` rows, staying inside `0..len`.
    pub fn step(&mut self, delta: isize, len: usize) {
        if len == 0 {
            *self = Selection::default();
            return;
        }
        let max = len - 1;
        self.selected = if delta < 0 {
            self.selected.saturating_sub(delta.unsigned_abs())
        } else {
            self.selected.saturating_add(delta.unsigned_abs()).min(max)
        };
    }

    pub fn top(&mut self) {
        self.selected = 0;
    }

    /// Moves by `delta` rows; `isize::MIN` and `isize::MAX` go to the top and the bottom.
    pub fn go(&mut self, delta: isize, len: usize) {
        match delta {
            isize::MIN => self.top(),
            isize::MAX => self.bottom(len),
            d => self.step(d, len),
        }
    }

    /// A page: the view scrolls by `delta` rows (the cursor follows with `go`).
    pub fn shift(&mut self, delta: isize) {
        self.offset = self.offset.saturating_add_signed(delta);
    }

    pub fn bottom(&mut self, len: usize) {
        self.selected = len.saturating_sub(1);
    }

    pub fn select(&mut self, index: usize, len: usize) {
        self.selected = index.min(len.saturating_sub(1));
    }

    /// The selection a view of `height` rows shows: the cursor inside `0..len` and on
    /// screen, and the visible range. The state stores it back after the frame (`App::laid_out`).
    pub fn windowed(&self, len: usize, height: usize) -> (Selection, std::ops::Range<usize>) {
        let mut shown = *self;
        let range = shown.window(len, height);
        (shown, range)
    }

    /// Keeps the cursor inside `0..len` and on screen in a window of `height` rows; returns
    /// the visible range.
    pub fn window(&mut self, len: usize, height: usize) -> std::ops::Range<usize> {
        if len == 0 || height == 0 {
            self.selected = 0;
            self.offset = 0;
            return 0..0;
        }
        self.selected = self.selected.min(len - 1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        // No empty space at the bottom when the list could fill it.
        self.offset = self.offset.min(len.saturating_sub(height));
        self.offset..(self.offset + height).min(len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_follows_the_cursor() {
        let mut n = Selection::default();
        n.step(25, 100);
        assert_eq!(n.window(100, 10), 16..26);
        n.step(-20, 100);
        assert_eq!(n.window(100, 10), 5..15);
        n.bottom(100);
        assert_eq!(n.window(100, 10), 90..100);
        assert_eq!(n.window(3, 10), 0..3);
        // A page: view and cursor move together.
        let mut p = Selection::default();
        p.offset += 9;
        p.step(9, 100);
        assert_eq!(p.window(100, 10), 9..19);
        assert_eq!(p.selected, 9);
        assert_eq!(n.selected, 2);
        n.step(5, 0);
        assert_eq!(n.window(0, 10), 0..0);
    }

    #[test]
    fn windowed_leaves_the_state_alone() {
        let nav = Selection {
            selected: 40,
            offset: 0,
        };
        let (shown, range) = nav.windowed(100, 10);
        assert_eq!(range, 31..41);
        assert_eq!(shown.offset, 31);
        assert_eq!(
            nav.offset, 0,
            "the state is the view's input, not its output"
        );
        let mut moved = nav;
        moved.go(isize::MAX, 100);
        assert_eq!(moved.selected, 99);
        moved.go(isize::MIN, 100);
        assert_eq!(moved.selected, 0);
    }
}
