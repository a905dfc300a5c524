from menasite.pages.htmlparts import wrap_tables


def test_tables_get_a_focusable_scroll_box_named_after_their_heading_once():
    page = "<h2>Totals &amp; sums</h2><table><tr><td>1</td></tr></table><table><tr><td>2</td></tr></table><p>x</p>"
    assert wrap_tables(page, "Table") == (
        "<h2>Totals &amp; sums</h2>"
        '<div class="mena-table-scroll" role="region" tabindex="0" aria-label="Totals &amp; sums: Table"><table><tr><td>1</td></tr></table></div>'
        '<div class="mena-table-scroll" role="region" tabindex="0" aria-label="Totals &amp; sums: Table (2)"><table><tr><td>2</td></tr></table></div>'
        "<p>x</p>"
    )
